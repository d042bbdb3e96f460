/**
 * When the views re-render: a `version` signal bumped at most once per animation frame, and
 * while live at most every {@link LIVE_RENDER_INTERVAL_MS} (a stream of 10,000 events/s then
 * costs 20 renders a second, not 60, and frames stay free for scrolling and zooming).
 */
import type { Signal } from '@preact/signals';
import type { PanelScheduler } from './scheduler';

/** While live, views re-render for new events at most this often, ms (about 20 per second). */
export const LIVE_RENDER_INTERVAL_MS = 50;

/** Returns `touch()`: schedules one bump of `version` (see module comment). */
export function createRenderClock(sched: PanelScheduler, version: Signal<number>, live: () => boolean): () => void {
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
    const wait = live() ? lastBump + LIVE_RENDER_INTERVAL_MS - sched.now() : 0;
    if (wait > 1) sched.timeout(() => sched.raf(bump), wait);
    else sched.raf(bump);
  };
}
