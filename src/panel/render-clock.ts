/**
 * When the views re-render: a `version` signal bumped at most once per animation frame, and
 * while live at most every {@link LIVE_RENDER_INTERVAL_MS} (a stream of 10,000 events/s then
 * costs 20 renders a second, not 60, and frames stay free for scrolling and zooming); while the
 * page streams fast (core/view/stream-pace.ts) at most every 250–1000 ms, as the renders'
 * measured cost allows (core/view/render-pace.ts): every batch that arrives in between is
 * coalesced into that one render, so the panel leaves the CPU to the page being debugged. A
 * render's cost is measured from its animation frame to the first task after it (style, layout
 * and paint included). While the panel's document is hidden nothing renders and no animation
 * frame is asked for: one render follows when it is shown again (docs/design.md#panel-and-viewer).
 */
import type { Signal } from '@preact/signals';
import type { PanelScheduler } from './scheduler';
import { busyRenderInterval, createRenderMeter, noteRenderCost } from '../core/view/render-pace';

/** While live, views re-render for new events at most this often, ms (about 20 per second). */
export const LIVE_RENDER_INTERVAL_MS = 50;

let bumping = false;

/**
 * True while a render clock bumps its `version` (inside the animation frame whose paint will
 * show the new render): work a bump triggers can then join this frame instead of asking for
 * the next one (the timeline's canvas draw, timeline/use-timeline-draw.ts).
 */
export function inRenderBump(): boolean {
  return bumping;
}

/**
 * Returns `touch()`: schedules one bump of `version` (see module comment); calls while a bump
 * is pending are coalesced into it.
 * @param live true while the capture is live @param busy true while the page streams fast
 */
export function createRenderClock(sched: PanelScheduler, version: Signal<number>, live: () => boolean, busy: () => boolean = () => false): () => void {
  let pending = false;
  let lastBump = -Infinity;
  const meter = createRenderMeter();
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
    const start = (lastBump = sched.now());
    bumping = true;
    try {
      version.value++;
    } finally {
      bumping = false;
    }
    sched.post(() => noteRenderCost(meter, sched.now() - start));
  };
  return () => {
    if (pending) return;
    pending = true;
    const wait = live() ? lastBump + (busy() ? busyRenderInterval(meter) : LIVE_RENDER_INTERVAL_MS) - sched.now() : 0;
    if (wait > 1) sched.timeout(ask, wait);
    else ask();
  };
}
