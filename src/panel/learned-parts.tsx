/**
 * The parts of a learned profile under the header's profile line (docs/design.md#profile-learning):
 * each part with its confidence (a part below 0.5 is reported, not used); its note is the
 * tooltip, and a click marks the frames that taught it as evidence in the table and timeline.
 */
import type { PanelStore } from './store';
import { USE_THRESHOLD } from '../core/profile/learn/learn-profile';
import { eventIndexOfSeq } from '../core/view/evidence';

/** Renders nothing unless the profile in use was learned from the capture. */
export function LearnedParts({ store }: { store: PanelStore }) {
  const learned = store.profile.value.learned;
  if (!learned) return null;
  const show = (seqs: number[]) => {
    const idx: number[] = [];
    for (const s of seqs) {
      const i = eventIndexOfSeq(store.state.events, s);
      if (i >= 0) idx.push(i);
    }
    store.evidence.value = idx.sort((a, b) => a - b);
  };
  return (
    <div class="learned-parts" data-testid="learned-parts">
      <span class="muted">learned:</span>
      {learned.parts
        .filter((p) => p.part !== 'backoff')
        .map((p) => (
          <button
            key={p.part}
            type="button"
            class={`learned-part${p.confidence >= USE_THRESHOLD ? '' : ' muted'}`}
            title={`${p.note}${p.confidence >= USE_THRESHOLD ? '' : ' (reported only: below 0.5, not used)'}`}
            disabled={p.evidence.length === 0}
            onClick={() => show(p.evidence)}
          >
            {p.part} {p.confidence.toFixed(2)}
          </button>
        ))}
    </div>
  );
}
