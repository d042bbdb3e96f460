/**
 * When the views re-render: a `version` signal bumped at most once per animation frame, and
 * while live at most every {@link LIVE_RENDER_INTERVAL_MS} (a stream of 10,000 events/s then
 * costs 20 renders a second, not 60, and frames stay free for scrolling and zooming); while the
 * page streams fast (core/view/stream-pace.ts) at most every {@link BUSY_RENDER_INTERVAL_MS}:
 * every batch that arrives in between is coalesced into that one render, so the panel leaves
 * the CPU to the page being debugged. While the panel's document is hidden nothing renders and
 * no animation frame is asked for: one render follows when it is shown again
 * (docs/design.md#panel-and-viewer).
 */
import type { Signal } from '@preact/signals';
import type { PanelScheduler } from './scheduler';

/** While live, views re-render for new events at most this often, ms (about 20 per second). */
export const LIVE_RENDER_INTERVAL_MS = 50;
/** While the page streams fast, views re-render for new events at most this often, ms. */
export const BUSY_RENDER_INTERVAL_MS = 250;

/**
 * Returns `touch()`: schedules one bump of `version` (see module comment); calls while a bump
 * is pending are coalesced into it.
 * @param live true while the capture is live @param busy true while the page streams fast
 */
export function createRenderClock(sched: PanelScheduler, version: Signal<number>, live: () => boolean, busy: () => boolean = () => false): () => void {
  let pending = false;
  let lastBump = -Infinity;
  /** Asks for the frame of the bump, or, while hidden, waits to be shown first. */
  const ask = (): void => {
    if (sched.hidden?.() && sched.whenShown) sched.whenShown(() => sched.raf(bump));
    else sched.raf(bump);
  };
  const bump = (): void => {
    // Firefox still runs about one animation frame a second in a hidden document.
    if (sched.hidden?.() && sched.whenShown) {
      sched.whenShown(() => sched.raf(bump));
      return;
    }
    pending = false;
    lastBump = sched.now();
    version.value++;
  };
  return () => {
    if (pending) return;
    pending = true;
    const wait = live() ? lastBump + (busy() ? BUSY_RENDER_INTERVAL_MS : LIVE_RENDER_INTERVAL_MS) - sched.now() : 0;
    if (wait > 1) sched.timeout(ask, wait);
    else ask();
  };
}
