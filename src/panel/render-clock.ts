/**
 * When the views re-render: a `version` signal bumped at most once per animation frame, and
 * while live at most every {@link LIVE_RENDER_INTERVAL_MS} (a stream of 10,000 events/s then
 * costs 20 renders a second, not 60, and frames stay free for scrolling and zooming); while the
 * page streams fast (core/view/stream-pace.ts) at most every {@link BUSY_RENDER_INTERVAL_MS},
 * so the panel leaves the CPU to the page being debugged.
 */
import type { Signal } from '@preact/signals';
import type { PanelScheduler } from './scheduler';

/** While live, views re-render for new events at most this often, ms (about 20 per second). */
export const LIVE_RENDER_INTERVAL_MS = 50;
/** While the page streams fast, views re-render for new events at most this often, ms. */
export const BUSY_RENDER_INTERVAL_MS = 250;

/**
 * Returns `touch()`: schedules one bump of `version` (see module comment).
 * @param live true while the capture is live @param busy true while the page streams fast
 */
export function createRenderClock(sched: PanelScheduler, version: Signal<number>, live: () => boolean, busy: () => boolean = () => false): () => void {
  let pending = false;
  let lastBump = -Infinity;
  const bump = (): void => {
    pending = false;
    lastBump = sched.now();
    version.value++;
  };
  return () => {
    if (pending) return;
    pending = true;
    const wait = live() ? lastBump + (busy() ? BUSY_RENDER_INTERVAL_MS : LIVE_RENDER_INTERVAL_MS) - sched.now() : 0;
    if (wait > 1) sched.timeout(() => sched.raf(bump), wait);
    else sched.raf(bump);
  };
}
