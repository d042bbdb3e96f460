/**
 * Aggregation of point events (frame ticks) per pixel column, so drawing costs
 * O(width · log n) whatever the number of events (1,000,000 frames stay smooth): each column's
 * count is the difference of two binary searches in an ascending time array.
 */
import { lowerBound } from './growable';

/**
 * Fills `out[c]` (c in [0, cols)) with the number of times in `times[0..n)` that fall in
 * column c of the range [t0, t1) split into `cols` equal columns. `times` must be ascending
 * (ms). Returns the total counted. `out` must hold at least `cols` entries.
 */
export function columnCounts(times: ArrayLike<number>, n: number, t0: number, t1: number, cols: number, out: Uint32Array): number {
  out.fill(0, 0, cols);
  if (n === 0 || cols <= 0 || !(t1 > t0)) return 0;
  const first = lowerBound(times, n, t0);
  const last = lowerBound(times, n, t1);
  const inView = last - first;
  if (inView === 0) return 0;
  const w = (t1 - t0) / cols;
  if (inView <= cols * 2) {
    // Few points: one pass over them is cheaper than a search per column.
    for (let i = first; i < last; i++) {
      const c = Math.floor(((times[i] as number) - t0) / w);
      out[c < 0 ? 0 : c >= cols ? cols - 1 : c]!++;
    }
    return inView;
  }
  let prev = first;
  for (let c = 0; c < cols; c++) {
    const end = c === cols - 1 ? last : lowerBound(times, n, t0 + (c + 1) * w);
    out[c] = end - prev;
    prev = end;
  }
  return inView;
}

/**
 * Height of a tick for `count` events in one column, between `minPx` and `maxPx`, growing
 * logarithmically (1 event → minPx, ≥ 1000 → maxPx), so a burst reads as denser, not as noise.
 */
export function tickHeight(count: number, minPx: number, maxPx: number): number {
  if (count <= 0) return 0;
  const f = Math.min(1, Math.log10(count) / 3);
  return minPx + (maxPx - minPx) * f;
}
