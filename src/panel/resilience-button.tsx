/**
 * The toolbar's *Resilience check…* button (docs/design.md#panel-and-viewer): opens the
 * resilience strip (the plan and Start, the wait to learn the protocol, the progress, or the
 * last card); pressed while the check waits or runs. Only on a live tab.
 */
import type { PanelStore } from './store';
import { resilienceOf, resilienceStripOpen } from './resilience-session';
import { waitingForProfile } from './resilience-wait';

/** The button; renders nothing for a loaded trace (the viewer). */
export function ResilienceButton({ store }: { store: PanelStore }) {
  const open = resilienceStripOpen(store);
  const running = resilienceOf(store).value?.running.value ?? false;
  const waiting = waitingForProfile(store);
  if (!store.live.value) return null;
  return (
    <button
      type="button"
      class={running || waiting ? 'on' : ''}
      aria-expanded={open.value || running || waiting}
      title="Inject a drop, a failing catch-up, a half-open link and an auth close, and grade how the client recovers"
      onClick={() => (open.value = !open.value || running || waiting)}
      data-testid="resilience-button"
    >
      {running ? 'Resilience check running…' : 'Resilience check…'}
    </button>
  );
}
