/**
 * The timeline's visible time range and its mapping to pixels, with zoom and pan that keep the
 * point under the cursor still. Times are ms since the Unix epoch; widths are CSS pixels.
 */
import { formatClock } from '../format';

/** Visible range [t0, t1], ms since the epoch (t1 > t0). */
export interface Viewport {
  t0: number;
  t1: number;
}

/** Limits for zoom and pan: the data range and the narrowest span (ms). */
export interface ViewportLimits {
  /** First and last event time, ms. */
  startT: number;
  endT: number;
  /** Narrowest visible span, ms (default 1). */
  minSpanMs?: number;
}

/** Margin added on both sides when fitting, as a fraction of the span. */
export const FIT_MARGIN = 0.02;

/** The whole data range plus a small margin; at least 1 s wide so one event is not a zero span. */
export function fitViewport(l: ViewportLimits): Viewport {
  const span = Math.max(l.endT - l.startT, 1000);
  const mid = l.endT - l.startT < 1000 ? (l.startT + l.endT) / 2 : l.startT + span / 2;
  const half = (span * (1 + 2 * FIT_MARGIN)) / 2;
  return { t0: mid - half, t1: mid + half };
}

function maxSpan(l: ViewportLimits): number {
  return Math.max(l.endT - l.startT, 1000) * 1.5;
}

/**
 * Keeps a viewport inside the limits: span between `minSpanMs` and 1.5 × the data span, and
 * at least part of the data visible (the range may extend past either end by half a span).
 */
export function clampViewport(v: Viewport, l: ViewportLimits): Viewport {
  const minSpan = l.minSpanMs ?? 1;
  let span = Math.min(Math.max(v.t1 - v.t0, minSpan), maxSpan(l));
  if (!Number.isFinite(span)) span = maxSpan(l);
  let t0 = v.t0;
  const lo = l.startT - span / 2;
  const hi = l.endT - span / 2;
  if (t0 < lo) t0 = lo;
  if (t0 > hi) t0 = Math.max(lo, hi);
  return { t0, t1: t0 + span };
}

/**
 * Zooms by `factor` (< 1 zooms in, > 1 out) around `anchorT` (ms): the anchor stays at the
 * same pixel. Result clamped by {@link clampViewport}.
 */
export function zoomViewport(v: Viewport, anchorT: number, factor: number, l: ViewportLimits): Viewport {
  const f = Number.isFinite(factor) && factor > 0 ? factor : 1;
  const minSpan = l.minSpanMs ?? 1;
  const span = Math.min(Math.max((v.t1 - v.t0) * f, minSpan), maxSpan(l));
  const real = span / (v.t1 - v.t0);
  const anchor = Number.isFinite(anchorT) ? anchorT : (v.t0 + v.t1) / 2;
  const t0 = anchor - (anchor - v.t0) * real;
  return clampViewport({ t0, t1: t0 + span }, l);
}

/** Moves the range by `dtMs` (positive = later). Clamped. */
export function panViewport(v: Viewport, dtMs: number, l: ViewportLimits): Viewport {
  const d = Number.isFinite(dtMs) ? dtMs : 0;
  return clampViewport({ t0: v.t0 + d, t1: v.t1 + d }, l);
}

/** Zoom factor for a wheel delta (pixels): 100 px of wheel zooms by about 1.25×. */
export function wheelZoomFactor(deltaY: number): number {
  const d = Math.max(-600, Math.min(600, deltaY));
  return Math.exp(d * 0.00223);
}

/** x in CSS pixels of time t for a plot `width` pixels wide. */
export function timeToX(v: Viewport, width: number, t: number): number {
  return ((t - v.t0) / (v.t1 - v.t0)) * width;
}

/** Time (ms) at x CSS pixels. */
export function xToTime(v: Viewport, width: number, x: number): number {
  return v.t0 + (x / width) * (v.t1 - v.t0);
}

/**
 * A viewport that shows [a, b] (ms) with `margin` of the span on both sides; keeps the
 * current span when [a, b] already fits in it (then only pans so that it is visible).
 */
export function revealRange(v: Viewport, a: number, b: number, l: ViewportLimits, margin = 0.15): Viewport {
  const span = v.t1 - v.t0;
  const need = Math.max(b - a, 0);
  if (a >= v.t0 + span * 0.02 && b <= v.t1 - span * 0.02) return v;
  if (need * (1 + 2 * margin) <= span) {
    const mid = (a + b) / 2;
    return clampViewport({ t0: mid - span / 2, t1: mid + span / 2 }, l);
  }
  const s = Math.max(need * (1 + 2 * margin), l.minSpanMs ?? 1);
  const mid = (a + b) / 2;
  return clampViewport({ t0: mid - s / 2, t1: mid + s / 2 }, l);
}

const STEPS_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000,
  1800000, 3600000, 7200000, 21600000, 43200000, 86400000,
];

/** One axis tick: time (ms since the epoch), label (clock text) and x (CSS px). */
export interface AxisTick {
  t: number;
  x: number;
  label: string;
}

/**
 * Ticks on round times, at least `minGapPx` apart. Labels are local clock times, with
 * milliseconds only when the step is below one second ("12:00:05" / "12:00:05.250").
 */
export function axisTicks(v: Viewport, width: number, minGapPx = 90): AxisTick[] {
  if (width <= 0 || !(v.t1 > v.t0)) return [];
  const msPerPx = (v.t1 - v.t0) / width;
  const need = msPerPx * minGapPx;
  const step = STEPS_MS.find((s) => s >= need) ?? Math.ceil(need / 86400000) * 86400000;
  const tz = new Date(v.t0).getTimezoneOffset() * 60000;
  const first = Math.ceil((v.t0 - tz) / step) * step + tz;
  const out: AxisTick[] = [];
  for (let t = first; t <= v.t1 && out.length < 200; t += step) {
    const clock = formatClock(t);
    out.push({ t, x: timeToX(v, width, t), label: step < 1000 ? clock : clock.slice(0, 8) });
  }
  return out;
}
