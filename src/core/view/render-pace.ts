/**
 * How often a live panel re-renders while the page streams fast
 * (docs/design.md#ring-buffer-and-streaming): often enough to show the stream moving, rarely
 * enough that the renders take at most {@link BUSY_RENDER_SHARE} of one core. A render's cost
 * is what the panel measured for its last renders (its script, style, layout and paint, from
 * the animation frame to the first task after it), so a heavier panel (many rows, a wide
 * timeline) or a machine under load renders less often. Pure: times in ms.
 */

/** While the page streams fast, views re-render for new events at most this often, ms. */
export const BUSY_RENDER_INTERVAL_MS = 250;
/** ...and at least this often, however much a render costs, ms (the stream must still be seen to move). */
export const BUSY_RENDER_MAX_INTERVAL_MS = 1000;
/** Share of one core the renders may take while the page streams fast. */
export const BUSY_RENDER_SHARE = 0.02;
/** Weight of the newest render's cost in the moving average. */
const COST_WEIGHT = 0.3;

/** Measured render cost; mutate through {@link noteRenderCost}. */
export interface RenderMeter {
  /** Moving average of a render's cost, ms; 0 before the first measurement. */
  costMs: number;
}

/** A meter with nothing measured yet. */
export function createRenderMeter(): RenderMeter {
  return { costMs: 0 };
}

/** Notes that a render cost `ms` ms (a negative or non-finite figure changes nothing). */
export function noteRenderCost(m: RenderMeter, ms: number): void {
  if (!(ms >= 0) || ms === Infinity) return;
  m.costMs = m.costMs === 0 ? ms : m.costMs + COST_WEIGHT * (ms - m.costMs);
}

/**
 * Least time between renders while the page streams fast, ms: the render cost over
 * {@link BUSY_RENDER_SHARE}, within {@link BUSY_RENDER_INTERVAL_MS}…{@link BUSY_RENDER_MAX_INTERVAL_MS}.
 */
export function busyRenderInterval(m: RenderMeter): number {
  const fit = m.costMs / BUSY_RENDER_SHARE;
  return fit < BUSY_RENDER_INTERVAL_MS ? BUSY_RENDER_INTERVAL_MS : fit > BUSY_RENDER_MAX_INTERVAL_MS ? BUSY_RENDER_MAX_INTERVAL_MS : fit;
}
