/** Render pacing while the page streams fast: the render cost decides the interval, within bounds. */
import { describe, expect, it } from 'vitest';
import { BUSY_RENDER_INTERVAL_MS, BUSY_RENDER_MAX_INTERVAL_MS, busyRenderInterval, createRenderMeter, noteRenderCost } from '../../../../src/core/view/render-pace';

describe('busy render interval', () => {
  it('is the floor before anything was measured and for cheap renders', () => {
    const m = createRenderMeter();
    expect(busyRenderInterval(m)).toBe(BUSY_RENDER_INTERVAL_MS);
    noteRenderCost(m, 2);
    expect(busyRenderInterval(m)).toBe(BUSY_RENDER_INTERVAL_MS);
  });

  it('keeps renders at 2 % of a core: 10 ms renders come 500 ms apart', () => {
    const m = createRenderMeter();
    noteRenderCost(m, 10);
    expect(busyRenderInterval(m)).toBeCloseTo(500, 6);
  });

  it('never waits longer than the ceiling, however slow a render', () => {
    const m = createRenderMeter();
    noteRenderCost(m, 400);
    expect(busyRenderInterval(m)).toBe(BUSY_RENDER_MAX_INTERVAL_MS);
  });

  it('follows the renders as a moving average and ignores nonsense figures', () => {
    const m = createRenderMeter();
    noteRenderCost(m, 10);
    noteRenderCost(m, 20);
    expect(m.costMs).toBeCloseTo(13, 6);
    noteRenderCost(m, -5);
    noteRenderCost(m, Number.NaN);
    noteRenderCost(m, Infinity);
    expect(m.costMs).toBeCloseTo(13, 6);
  });
});
