import { describe, expect, it } from 'vitest';
import { axisTicks, clampViewport, fitViewport, panViewport, revealRange, timeToX, wheelZoomFactor, xToTime, zoomViewport } from '../../../../src/core/view/time-viewport';
import { columnCounts, tickHeight } from '../../../../src/core/view/tick-columns';
import { lowerBound, upperBound, GrowableF64 } from '../../../../src/core/view/growable';

const L = { startT: 0, endT: 10_000 };

describe('time viewport', () => {
  it('fits the data with a margin and maps time to pixels and back', () => {
    const v = fitViewport(L);
    expect(v.t0).toBeLessThan(0);
    expect(v.t1).toBeGreaterThan(10_000);
    expect(xToTime(v, 800, timeToX(v, 800, 1234))).toBeCloseTo(1234, 6);
  });

  it('zooms around the anchor: the anchor keeps its pixel', () => {
    const v = { t0: 0, t1: 10_000 };
    const z = zoomViewport(v, 2500, 0.5, L);
    expect(z.t1 - z.t0).toBeCloseTo(5000);
    expect(timeToX(z, 1000, 2500)).toBeCloseTo(timeToX(v, 1000, 2500));
  });

  it('clamps zoom to the minimum span and to 1.5 × the data span', () => {
    expect(zoomViewport({ t0: 0, t1: 10 }, 5, 1e-6, { ...L, minSpanMs: 1 }).t1 - zoomViewport({ t0: 0, t1: 10 }, 5, 1e-6, { ...L, minSpanMs: 1 }).t0).toBeCloseTo(1);
    const out = zoomViewport({ t0: 0, t1: 10_000 }, 5000, 100, L);
    expect(out.t1 - out.t0).toBeCloseTo(15_000);
  });

  it('pans but keeps part of the data visible', () => {
    const p = panViewport({ t0: 0, t1: 1000 }, 1e9, L);
    expect(p.t0).toBeLessThanOrEqual(10_000);
    expect(p.t1 - p.t0).toBeCloseTo(1000);
    expect(clampViewport({ t0: -1e9, t1: -1e9 + 1000 }, L).t1).toBeGreaterThanOrEqual(0);
  });

  it('ignores a missing anchor or delta (no NaN viewport)', () => {
    const z = zoomViewport({ t0: 0, t1: 1000 }, NaN, 0.5, L);
    expect([z.t0, z.t1]).toEqual([250, 750]);
    expect(panViewport({ t0: 0, t1: 1000 }, NaN, L)).toEqual({ t0: 0, t1: 1000 });
  });

  it('wheel deltas zoom in (negative) and out (positive) symmetrically', () => {
    expect(wheelZoomFactor(-100)).toBeLessThan(1);
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1);
  });

  it('reveals a range: pans when it fits, zooms out when it does not', () => {
    const v = { t0: 0, t1: 1000 };
    const r = revealRange(v, 5000, 5100, L);
    expect(r.t1 - r.t0).toBeCloseTo(1000);
    expect(r.t0).toBeLessThan(5000);
    expect(r.t1).toBeGreaterThan(5100);
    const w = revealRange(v, 1000, 9000, L);
    expect(w.t0).toBeLessThan(1000);
    expect(w.t1).toBeGreaterThan(9000);
    expect(revealRange(v, 100, 200, L)).toBe(v);
  });

  it('labels round axis ticks, with milliseconds only below one second', () => {
    const t0 = new Date(2024, 0, 1, 12, 0, 0).getTime();
    const ticks = axisTicks({ t0, t1: t0 + 10_000 }, 1000, 90);
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks[0]!.label).toMatch(/^\d\d:\d\d:\d\d$/);
    const fine = axisTicks({ t0, t1: t0 + 500 }, 1000, 90);
    expect(fine[1]!.label).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
  });
});

describe('tick columns', () => {
  it('counts ticks per pixel column by binary search, exactly', () => {
    const g = new GrowableF64(4);
    for (let i = 0; i < 100_000; i++) g.push(i * 0.1); // 0 … 9999.9 ms
    const out = new Uint32Array(10);
    const total = columnCounts(g.data, g.length, 0, 10_000, 10, out);
    expect(total).toBe(100_000);
    expect([...out]).toEqual(new Array(10).fill(10_000));
    const few = new Uint32Array(4);
    expect(columnCounts([1, 2, 3, 90], 4, 0, 100, 4, few)).toBe(4);
    expect([...few]).toEqual([3, 0, 0, 1]);
  });

  it('binary searches are bounds-exact', () => {
    const a = [1, 2, 2, 2, 5];
    expect(lowerBound(a, 5, 2)).toBe(1);
    expect(upperBound(a, 5, 2)).toBe(4);
    expect(lowerBound(a, 5, 6)).toBe(5);
  });

  it('tick height grows logarithmically and is capped', () => {
    expect(tickHeight(0, 3, 10)).toBe(0);
    expect(tickHeight(1, 3, 10)).toBe(3);
    expect(tickHeight(1_000_000, 3, 10)).toBe(10);
  });
});
