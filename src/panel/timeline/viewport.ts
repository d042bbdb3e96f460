/**
 * The time range the timeline shows: the capture's data range (up to "now" while a live
 * connection is open), the viewport in effect (fit while following), and the position chart
 * of an analysis (built once per analysis).
 */
import type { PanelStore } from '../store';
import type { Analysis } from '../../core/analysis/types';
import { PositionChart } from '../../core/view/position-chart';
import { clampViewport, fitViewport, type Viewport, type ViewportLimits } from '../../core/view/time-viewport';

const trackCache = new WeakMap<object, PositionChart>();

/** The position chart of an analysis (cached per analysis object). */
export function trackOf(a: Analysis): PositionChart {
  let t = trackCache.get(a);
  if (!t) trackCache.set(a, (t = new PositionChart(a.positions)));
  return t;
}

/** Data range of the capture (ms); `endT` includes "now" while a live connection is open. */
export function captureLimits(store: PanelStore): ViewportLimits {
  const ev = store.state.events;
  if (ev.length === 0) {
    const now = Date.now();
    return { startT: now - 1000, endT: now, minSpanMs: 1 };
  }
  let endT = ev[ev.length - 1]!.t;
  if (store.live.value && store.recording.value) {
    for (const c of store.state.connections.values()) {
      if (c.status !== 'closed' && c.status !== 'gone') {
        endT = Math.max(endT, Date.now());
        break;
      }
    }
  }
  return { startT: ev[0]!.t, endT, minSpanMs: 1 };
}

/** The viewport the timeline shows now (fit while following). */
export function effectiveViewport(store: PanelStore, limits = captureLimits(store)): Viewport {
  const v = store.viewport.value;
  return store.follow.value || !v ? fitViewport(limits) : clampViewport(v, limits);
}

/** Shows `v` and stops following the capture. */
export function setViewport(store: PanelStore, v: Viewport): void {
  store.follow.value = false;
  store.viewport.value = v;
}
