/**
 * The toolbar's *Resilience check…* button (docs/design.md#panel-and-viewer): opens the
 * resilience strip (the plan and Start, the progress, or the last card). Only on a live tab.
 */
import type { PanelStore } from './store';
import { resilienceOf, resilienceStripOpen } from './resilience-session';

/** The button; renders nothing for a loaded trace (the viewer). */
export function ResilienceButton({ store }: { store: PanelStore }) {
  const open = resilienceStripOpen(store);
  const running = resilienceOf(store).value?.running.value ?? false;
  if (!store.live.value) return null;
  return (
    <button
      type="button"
      class={running ? 'on' : ''}
      aria-expanded={open.value || running}
      title="Inject a drop, a failing catch-up, a half-open link and an auth close, and grade how the client recovers"
      onClick={() => (open.value = !open.value || running)}
      data-testid="resilience-button"
    >
      {running ? 'Resilience check running…' : 'Resilience check…'}
    </button>
  );
}
