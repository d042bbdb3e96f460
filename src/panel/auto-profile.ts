/**
 * The auto profile of a capture (docs/design.md#where-a-profile-comes-from): resolved again at
 * each background slice until the first connection showed five frames or closed (or the
 * capture is not live), then only when a learned profile is due to be learned again
 * (core/view/profile-choice.ts `relearnDue`: a new connection showed its start, the events
 * doubled). Relearning
 * walks every event, so while the page streams fast it waits (the panel's slices, not `flush`).
 * Whatever writes the capture with its learned profile (the Export dialog, `wavetrace record`
 * through the automation handle) first learns it once more from the whole capture
 * ({@link AutoProfile.learnWhole}), so a part seen only late (a heartbeat that stops, a resume)
 * is judged on everything written; not when it was learned at the capture's current version.
 */
import type { Signal } from '@preact/signals';
import type { CaptureState } from '../core/store/capture-state';
import { relearnDue, resolveProfile, sameProfile, type ProfileChoice, type ResolvedProfile } from '../core/view/profile-choice';

/** What the auto profile reads from, and changes in, the store. */
export interface AutoProfileHost {
  readonly profileChoice: Signal<ProfileChoice>;
  readonly profile: Signal<ResolvedProfile>;
  readonly live: Signal<boolean>;
  readonly state: CaptureState;
  siteOrigin(): string;
  /** Uses the profile: when it is another one, rows rebuilt and the analysis re-run. */
  applyProfile(p: ResolvedProfile): void;
}

/** Keeps an auto profile up to date; see module comment. */
export class AutoProfile {
  /** The first connection showed enough to settle on a profile (reset by a new capture or choice). */
  settled = false;
  /**
   * The learned profile in use when the capture was cleared (docs/design.md#clear-import-and-resume):
   * it stays in use until learning from the events since teaches as many parts, so a Clear does
   * not make the analysis forget the protocol. Reset by a new capture or choice.
   */
  carried: ResolvedProfile | undefined;

  constructor(private readonly host: AutoProfileHost) {}

  /** Resolves the profile again when due; `busy` true makes a relearn wait (the page streams fast). */
  update(busy: boolean): void {
    const h = this.host;
    if (h.profileChoice.value.kind !== 'auto') return;
    const state = h.state;
    if (this.settled && (busy || !relearnDue(h.profile.value, state))) return;
    const first = state.connOrder.length ? state.connections.get(state.connOrder[0]!) : undefined;
    if (!first) return;
    const p = resolveProfile(h.profileChoice.value, state, h.siteOrigin());
    if (first.frames.length >= 5 || first.status === 'closed' || !h.live.value) this.settled = true;
    this.use(p);
  }

  /**
   * Learns the auto profile once more from the whole capture when it is a learned one, unless
   * it was learned at the capture's current `version` (docs/design.md#where-a-profile-comes-from):
   * no event added and no full preview filled in since, so the Export dialog's size preview,
   * its Save and a second opening share one learn, and the slices' own learn counts too. A
   * preview filled in since (same event count, longer payload) is learned again.
   * Synchronous: one learn over the capture (bounded per connection, docs/design.md#profile-learning).
   */
  learnWhole(): void {
    const h = this.host;
    const l = h.profile.value.learned;
    if (h.profileChoice.value.kind !== 'auto' || !l) return;
    const state = h.state;
    if (l.version === state.version) return;
    this.use(resolveProfile(h.profileChoice.value, state, h.siteOrigin()));
  }

  private use(p: ResolvedProfile): void {
    const h = this.host;
    const c = this.carried;
    if (c?.learned) {
      // Still learning less than before the Clear: keep the carried profile, counted as learned now (no relearn until due again).
      if (p.learned && p.learned.parts.length < c.learned.parts.length) {
        h.profile.value = { ...c, learned: { ...c.learned, events: p.learned.events, conns: p.learned.conns, shown: p.learned.shown, version: p.learned.version } };
        return;
      }
      this.carried = undefined;
    }
    // A learned profile that saw more but learned the same: keep the analysis, and the profile
    // object, whose frame classes the row index and the analysis share (profile/class-cache.ts).
    if (sameProfile(p, h.profile.value)) h.profile.value = { ...p, profile: h.profile.value.profile };
    else h.applyProfile(p);
  }
}
