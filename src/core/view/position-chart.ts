/**
 * The stream-position chart over the analysis' position track (docs/design.md#positions-and-resumes "Last position",
 * `Analysis.positions`): positions of inbound data frames and sync responses as a step line,
 * hello positions (the server's head) as separate points. Split by source into typed arrays
 * with per-block min/max (blocks of 256 points), so the per-pixel aggregation of 1,000,000
 * points costs about O(width · 512) and never O(n) per frame.
 */
import { lowerBound } from './growable';

/** The columns of a position track (`Analysis.positions`): source 0 frame, 1 sync, 2 hello. */
export interface PositionColumnsInput {
  length: number;
  t: ArrayLike<number>;
  seq: ArrayLike<number>;
  position: ArrayLike<number>;
  source: ArrayLike<number>;
}

const BLOCK = 256;

/** Per-column aggregation: the first, last, lowest and highest position in each column (NaN when empty). */
export interface PositionColumns {
  first: Float64Array;
  last: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Value before the first column (last point before t0), NaN when none. */
  before: number;
}

/** Positions as typed arrays; `t` ascending (ms since the epoch). */
export class PositionChart {
  readonly t: Float64Array;
  /** Event seq of each point. */
  readonly seq: Float64Array;
  readonly pos: Float64Array;
  /** 1 when the point came from a sync response, 0 for a data frame. */
  readonly fromSync: Uint8Array;
  readonly n: number;
  /** Hello positions (server head): times and values. */
  readonly helloT: Float64Array;
  readonly helloPos: Float64Array;
  private readonly bmin: Float64Array;
  private readonly bmax: Float64Array;
  /** Lowest and highest position overall (NaN when empty). */
  readonly lo: number;
  readonly hi: number;

  /** @param points the analysis position track (`Analysis.positions`), in seq order */
  constructor(points: PositionColumnsInput) {
    let n = 0;
    let h = 0;
    for (let k = 0; k < points.length; k++) if (points.source[k] === 2) h++;
    else n++;
    this.t = new Float64Array(n);
    this.seq = new Float64Array(n);
    this.pos = new Float64Array(n);
    this.fromSync = new Uint8Array(n);
    this.helloT = new Float64Array(h);
    this.helloPos = new Float64Array(h);
    let i = 0;
    let j = 0;
    let lo = Infinity;
    let hi = -Infinity;
    let lastT = -Infinity;
    for (let k = 0; k < points.length; k++) {
      const position = points.position[k]!;
      const t = points.t[k]!;
      const source = points.source[k]!;
      if (position < lo) lo = position;
      if (position > hi) hi = position;
      if (source === 2) {
        this.helloT[j] = t;
        this.helloPos[j++] = position;
        continue;
      }
      lastT = Math.max(lastT, t); // keep t ascending for binary search
      this.t[i] = lastT;
      this.seq[i] = points.seq[k]!;
      this.pos[i] = position;
      this.fromSync[i++] = source === 1 ? 1 : 0;
    }
    this.n = n;
    this.lo = lo === Infinity ? NaN : lo;
    this.hi = hi === -Infinity ? NaN : hi;
    const blocks = Math.ceil(n / BLOCK);
    this.bmin = new Float64Array(blocks);
    this.bmax = new Float64Array(blocks);
    for (let b = 0; b < blocks; b++) {
      let mn = Infinity;
      let mx = -Infinity;
      const end = Math.min(n, (b + 1) * BLOCK);
      for (let k = b * BLOCK; k < end; k++) {
        const v = this.pos[k]!;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      this.bmin[b] = mn;
      this.bmax[b] = mx;
    }
  }

  /** Lowest and highest position of points with index in [a, b) (Infinity/−Infinity when empty). */
  minMax(a: number, b: number): { min: number; max: number } {
    let mn = Infinity;
    let mx = -Infinity;
    let k = a;
    while (k < b) {
      if (k % BLOCK === 0 && k + BLOCK <= b) {
        const bi = k / BLOCK;
        if (this.bmin[bi]! < mn) mn = this.bmin[bi]!;
        if (this.bmax[bi]! > mx) mx = this.bmax[bi]!;
        k += BLOCK;
      } else {
        const v = this.pos[k]!;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
        k++;
      }
    }
    return { min: mn, max: mx };
  }

  /** Position range of the points in [t0, t1] plus the value carried into t0 and hellos in range; NaN when nothing. */
  rangeIn(t0: number, t1: number): { min: number; max: number } {
    const a = lowerBound(this.t, this.n, t0);
    const b = lowerBound(this.t, this.n, t1 + 1e-9);
    let { min, max } = this.minMax(a, b);
    if (a > 0) {
      const v = this.pos[a - 1]!;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const ha = lowerBound(this.helloT, this.helloT.length, t0);
    const hb = lowerBound(this.helloT, this.helloT.length, t1 + 1e-9);
    for (let k = ha; k < hb; k++) {
      min = Math.min(min, this.helloPos[k]!);
      max = Math.max(max, this.helloPos[k]!);
    }
    return min === Infinity ? { min: NaN, max: NaN } : { min, max };
  }

  /** Aggregates points of [t0, t1) into `cols` columns (see {@link PositionColumns}). */
  columns(t0: number, t1: number, cols: number): PositionColumns {
    const first = new Float64Array(cols).fill(NaN);
    const last = new Float64Array(cols).fill(NaN);
    const min = new Float64Array(cols).fill(NaN);
    const max = new Float64Array(cols).fill(NaN);
    const startIdx = lowerBound(this.t, this.n, t0);
    const before = startIdx > 0 ? this.pos[startIdx - 1]! : NaN;
    if (cols <= 0 || !(t1 > t0)) return { first, last, min, max, before };
    const w = (t1 - t0) / cols;
    let a = startIdx;
    for (let c = 0; c < cols && a < this.n; c++) {
      const b = lowerBound(this.t, this.n, t0 + (c + 1) * w);
      if (b > a) {
        first[c] = this.pos[a]!;
        last[c] = this.pos[b - 1]!;
        const mm = this.minMax(a, b);
        min[c] = mm.min;
        max[c] = mm.max;
      }
      a = b;
    }
    return { first, last, min, max, before };
  }

  /** Index of the point nearest to time t within `maxDistMs`, or −1. */
  nearest(t: number, maxDistMs: number): number {
    const i = lowerBound(this.t, this.n, t);
    let best = -1;
    let bestD = maxDistMs;
    for (const j of [i - 1, i]) {
      if (j < 0 || j >= this.n) continue;
      const d = Math.abs(this.t[j]! - t);
      if (d <= bestD) {
        bestD = d;
        best = j;
      }
    }
    return best;
  }
}
