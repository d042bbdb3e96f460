/**
 * Canvas painting of the timeline. Two canvases: the fixed top tracks (time axis, findings
 * flags, stream-position step line with gaps and regressions) and the scrolling lanes (session
 * rows with sync spans, connection lanes with frame ticks, markers and reconnect spans). Ticks
 * are aggregated per pixel column (tick-columns.ts), so a frame costs O(width · log n) for any
 * number of events. Everything is in CSS pixels; the context is pre-scaled by devicePixelRatio.
 */
import type { Analysis, Finding } from '../../core/analysis/types';
import { findingFlags } from '../../core/view/finding-flags';
import type { PositionChart } from '../../core/view/position-chart';
import { SERIES_COUNT, SERIES_DATA_IN, SERIES_DATA_OUT, SERIES_HEARTBEAT, SERIES_HELLO, SERIES_SYNC, type RowIndex } from '../../core/view/row-index';
import { columnCounts, tickHeight } from '../../core/view/tick-columns';
import type { SceneItem } from '../../core/view/timeline-scene';
import { TIMELINE_ROW_HEIGHT, type TimelineRow } from '../../core/view/timeline-rows';
import { axisTicks, timeToX, type Viewport } from '../../core/view/time-viewport';
import { classColor, type TimelineColors } from './colors';

/** Heights of the top tracks, CSS px. */
export const AXIS_H = 22;
export const FLAGS_H = 18;
export const POSITION_H = 58;
export const TOP_H = AXIS_H + FLAGS_H + POSITION_H;

/** Codes marked on the position track. */
const POSITION_CODES = new Set(['position-gap', 'position-regression']);

/** Prepares a canvas for CSS size w×h at the device pixel ratio; returns its 2D context. */
export function sizeCanvas(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D | null {
  const dpr = Math.max(1, Math.min(3, globalThis.devicePixelRatio || 1));
  const pw = Math.max(1, Math.round(w * dpr));
  const ph = Math.max(1, Math.round(h * dpr));
  if (canvas.width !== pw || canvas.height !== ph) {
    canvas.width = pw;
    canvas.height = ph;
    canvas.style.width = `${w}px`;
    canvas.style.height = `${h}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

function flagGlyph(ctx: CanvasRenderingContext2D, x: number, top: number, h: number, color: string): void {
  ctx.fillStyle = color;
  ctx.fillRect(Math.round(x) - 0.5, top, 1.5, h);
  ctx.beginPath();
  ctx.moveTo(Math.round(x) + 1, top);
  ctx.lineTo(Math.round(x) + 8, top + 3);
  ctx.lineTo(Math.round(x) + 1, top + 6.5);
  ctx.closePath();
  ctx.fill();
}

/** What the top tracks show. */
export interface TopInput {
  width: number;
  vp: Viewport;
  colors: TimelineColors;
  analysis: Analysis | undefined;
  track: PositionChart | undefined;
  /** Severity filter of the findings list. */
  keepFinding: (f: Finding) => boolean;
  selectedT: number | undefined;
  evidenceTs: number[];
  /** Position track y range (lo, hi), for hit testing by the caller. */
  posRange?: { lo: number; hi: number };
}

/** Paints axis, findings flags and the position track. Returns the y range used by the position track. */
export function drawTop(ctx: CanvasRenderingContext2D, inp: TopInput): { lo: number; hi: number } | undefined {
  const { width: w, vp, colors: c } = inp;
  ctx.clearRect(0, 0, w, TOP_H);
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, w, TOP_H);
  ctx.fillStyle = c.bgAlt;
  ctx.fillRect(0, 0, w, AXIS_H);
  // Axis.
  ctx.font = `11px ${c.font}`;
  ctx.textBaseline = 'middle';
  for (const tick of axisTicks(vp, w, 96)) {
    ctx.fillStyle = c.grid;
    ctx.fillRect(Math.round(tick.x), AXIS_H - 5, 1, TOP_H - AXIS_H + 5);
    ctx.fillStyle = c.muted;
    ctx.fillText(tick.label, Math.round(tick.x) + 4, AXIS_H / 2 + 1);
  }
  ctx.fillStyle = c.border;
  ctx.fillRect(0, AXIS_H - 1, w, 1);
  ctx.fillRect(0, AXIS_H + FLAGS_H - 0.5, w, 0.5);
  ctx.fillRect(0, TOP_H - 1, w, 1);

  const a = inp.analysis;
  // Findings flags.
  if (a) {
    ctx.font = `10px ${c.font}`;
    for (const fl of findingFlags(a.findings, vp, w, 10, (f) => inp.keepFinding(f))) {
      const color = classColor(c, fl.severity);
      flagGlyph(ctx, fl.x, AXIS_H + 3, FLAGS_H - 5, color);
      if (fl.count > 1) {
        ctx.fillStyle = c.muted;
        ctx.fillText(String(fl.count), fl.x + 9, AXIS_H + 12);
      }
    }
  }
  // Position track.
  const top = AXIS_H + FLAGS_H + 6;
  const bottom = TOP_H - 8;
  const tr = inp.track;
  let range: { lo: number; hi: number } | undefined;
  if (tr && (tr.n > 0 || tr.helloT.length > 0)) {
    const r = tr.rangeIn(vp.t0, vp.t1);
    if (!Number.isNaN(r.min)) {
      const pad = Math.max(1, (r.max - r.min) * 0.08);
      range = { lo: r.min - pad, hi: r.max + pad };
      const Y = (p: number): number => bottom - ((p - range!.lo) / (range!.hi - range!.lo)) * (bottom - top);
      const cols = Math.max(1, Math.floor(w));
      const agg = tr.columns(vp.t0, vp.t1, cols);
      ctx.strokeStyle = c.position;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      let prev = agg.before;
      let started = false;
      const lineTo = (x: number, y: number): void => {
        if (!started) {
          ctx.moveTo(x, y);
          started = true;
        } else ctx.lineTo(x, y);
      };
      if (!Number.isNaN(prev)) lineTo(0, Y(prev));
      for (let col = 0; col < cols; col++) {
        const f = agg.first[col]!;
        if (Number.isNaN(f)) continue;
        const x = col + 0.5;
        if (!Number.isNaN(prev)) lineTo(x, Y(prev));
        if (started) ctx.lineTo(x, Y(f));
        else lineTo(x, Y(f));
        const mn = agg.min[col]!;
        const mx = agg.max[col]!;
        if (mx > mn) {
          ctx.moveTo(x, Y(mn));
          ctx.lineTo(x, Y(mx));
          ctx.moveTo(x, Y(agg.last[col]!));
        } else if (agg.last[col]! !== f) ctx.lineTo(x, Y(agg.last[col]!));
        prev = agg.last[col]!;
      }
      if (!Number.isNaN(prev) && started) {
        const lastT = tr.t[tr.n - 1] ?? vp.t1;
        ctx.lineTo(Math.min(w, timeToX(vp, w, Math.max(lastT, vp.t0))), Y(prev));
      }
      ctx.stroke();
      ctx.lineWidth = 1;
      // Hello positions (server head): hollow circles.
      ctx.strokeStyle = c.hello;
      for (let k = 0; k < tr.helloT.length; k++) {
        const x = timeToX(vp, w, tr.helloT[k]!);
        if (x < -4 || x > w + 4) continue;
        ctx.beginPath();
        ctx.arc(x, Y(tr.helloPos[k]!), 3, 0, Math.PI * 2);
        ctx.stroke();
      }
      // Sync responses: squares at their highest position.
      if (a) {
        ctx.fillStyle = c.sync;
        for (const s of a.syncs) {
          if (!s.positions || !s.done) continue;
          const x = timeToX(vp, w, s.done.t);
          if (x < -4 || x > w + 4) continue;
          ctx.fillRect(x - 3, Y(s.positions.max) - 3, 6, 6);
        }
      }
      // Range labels.
      ctx.font = `10px ${c.mono}`;
      ctx.fillStyle = c.muted;
      ctx.textBaseline = 'top';
      ctx.fillText(String(Math.round(r.max)), 4, top - 4);
      ctx.textBaseline = 'bottom';
      ctx.fillText(String(Math.round(r.min)), 4, bottom + 6);
      ctx.textBaseline = 'middle';
    }
  } else {
    ctx.font = `11px ${c.font}`;
    ctx.fillStyle = c.muted;
    ctx.fillText(a ? 'no stream positions in this capture' : 'analysing…', 8, (top + bottom) / 2);
  }
  // Gaps and regressions.
  if (a) {
    for (const fl of findingFlags(a.findings, vp, w, 8, (f) => POSITION_CODES.has(f.code))) {
      const f = a.findings[fl.finding]!;
      const x = fl.x;
      if (f.code === 'position-regression') {
        ctx.fillStyle = c.error;
        ctx.beginPath();
        ctx.moveTo(x - 4, bottom - 6);
        ctx.lineTo(x + 4, bottom - 6);
        ctx.lineTo(x, bottom);
        ctx.closePath();
        ctx.fill();
      } else {
        ctx.strokeStyle = c.warning;
        ctx.setLineDash([2, 2]);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = c.warning;
        ctx.fillRect(x - 3, top, 6, 2);
        ctx.fillRect(x - 3, bottom - 2, 6, 2);
      }
    }
  }
  // Evidence and selection.
  ctx.strokeStyle = c.accent;
  for (const t of inp.evidenceTs) {
    const x = timeToX(vp, w, t);
    if (x < -5 || x > w + 5) continue;
    ctx.beginPath();
    ctx.arc(x, AXIS_H + FLAGS_H / 2, 5, 0, Math.PI * 2);
    ctx.stroke();
  }
  if (inp.selectedT !== undefined) {
    const x = timeToX(vp, w, inp.selectedT);
    if (x >= -1 && x <= w + 1) {
      ctx.fillStyle = c.accent;
      ctx.fillRect(Math.round(x) - 0.5, AXIS_H, 1.5, TOP_H - AXIS_H);
      ctx.beginPath();
      ctx.moveTo(x - 4, AXIS_H - 5);
      ctx.lineTo(x + 4, AXIS_H - 5);
      ctx.lineTo(x, AXIS_H);
      ctx.closePath();
      ctx.fill();
    }
  }
  return range;
}

/** What the lanes show. */
export interface LanesInput {
  width: number;
  height: number;
  scrollTop: number;
  vp: Viewport;
  colors: TimelineColors;
  rows: readonly TimelineRow[];
  index: RowIndex;
  scene: readonly SceneItem[];
  selectedLane: number | undefined;
  selectedT: number | undefined;
  /** Selected event: lane (or −1) and time. */
  selected?: { lane: number; t: number };
  /** Evidence events: lane (−1 = session row of a sync) and time. */
  evidence: Array<{ lane: number; t: number }>;
  /** Row of the session header that carries lane-less evidence (syncs), or −1. */
  laneRow: (lane: number) => number;
}

const counts = new Uint32Array(8192);

function drawTicks(ctx: CanvasRenderingContext2D, inp: LanesInput, lane: number, mid: number): void {
  const L = inp.index.lanes[lane];
  if (!L) return;
  const w = Math.min(8192, Math.max(1, Math.floor(inp.width)));
  const { vp, colors: c } = inp;
  for (let s = 0; s < SERIES_COUNT; s++) {
    const ser = L.series[s]!;
    if (ser.length === 0) continue;
    if (columnCounts(ser.data, ser.length, vp.t0, vp.t1, w, counts) === 0) continue;
    let color = c.dataIn;
    let y0 = 0;
    let maxH = 8;
    let minH = 3;
    switch (s) {
      case SERIES_DATA_IN:
        color = c.dataIn;
        break;
      case SERIES_DATA_OUT:
        color = c.dataOut;
        break;
      case SERIES_HEARTBEAT:
        color = c.heartbeat;
        minH = 4;
        maxH = 5;
        break;
      case SERIES_HELLO:
        color = c.hello;
        minH = 9;
        maxH = 9;
        break;
      case SERIES_SYNC:
        color = c.sync;
        minH = 9;
        maxH = 9;
        break;
    }
    ctx.fillStyle = color;
    for (let x = 0; x < w; x++) {
      const n = counts[x]!;
      if (n === 0) continue;
      const h = tickHeight(n, minH, maxH);
      if (s === SERIES_DATA_IN) y0 = mid - h;
      else if (s === SERIES_DATA_OUT) y0 = mid + 1;
      else y0 = mid - h / 2 + 0.5;
      ctx.fillRect(x, y0, s === SERIES_HEARTBEAT ? 2 : 1, h);
    }
  }
}

/** Paints the visible lane rows (see module comment). */
export function drawLanes(ctx: CanvasRenderingContext2D, inp: LanesInput): void {
  const { width: w, height: h, colors: c, vp } = inp;
  const RH = TIMELINE_ROW_HEIGHT;
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = c.bg;
  ctx.fillRect(0, 0, w, h);
  const first = Math.max(0, Math.floor(inp.scrollTop / RH));
  const last = Math.min(inp.rows.length - 1, Math.ceil((inp.scrollTop + h) / RH));
  // Grid lines of the axis, faint.
  for (const tick of axisTicks(vp, w, 96)) {
    ctx.fillStyle = c.grid;
    ctx.fillRect(Math.round(tick.x), 0, 1, h);
  }
  for (let row = first; row <= last; row++) {
    const r = inp.rows[row]!;
    const y = row * RH - inp.scrollTop;
    if (r.type === 'session') {
      ctx.fillStyle = c.bgAlt;
      ctx.fillRect(0, y, w, RH);
    } else if (r.lane === inp.selectedLane) {
      ctx.fillStyle = c.bgSel;
      ctx.globalAlpha = 0.55;
      ctx.fillRect(0, y, w, RH);
      ctx.globalAlpha = 1;
    }
    ctx.fillStyle = c.border;
    ctx.fillRect(0, y + RH - 1, w, 1);
  }
  const yOf = (row: number): number => row * RH - inp.scrollTop;
  // Spans and bars under the ticks.
  ctx.font = `11px ${c.font}`;
  ctx.textBaseline = 'middle';
  for (const it of inp.scene) {
    const y = yOf(it.row);
    const mid = y + RH / 2;
    const x0 = Math.max(-2, it.x0);
    const x1 = Math.min(w + 2, it.x1);
    if (it.kind === 'connecting') {
      ctx.strokeStyle = c.connecting;
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(x0, mid);
      ctx.lineTo(x1, mid);
      ctx.stroke();
      ctx.setLineDash([]);
    } else if (it.kind === 'bar') {
      ctx.fillStyle = c.bar;
      ctx.fillRect(x0, y + 4, Math.max(1, x1 - x0), RH - 9);
    } else if (it.kind === 'sync') {
      const color = classColor(c, it.cls);
      ctx.fillStyle = color;
      ctx.globalAlpha = 0.22;
      ctx.fillRect(x0, y + 5, Math.max(2, x1 - x0), RH - 10);
      ctx.globalAlpha = 1;
      ctx.fillRect(x0, y + 5, Math.max(2, Math.min(3, x1 - x0)), RH - 10);
      const tw = ctx.measureText(it.label).width;
      ctx.fillStyle = color;
      ctx.fillText(it.label, x0 + 5, mid);
      void tw;
    }
  }
  // Ticks.
  for (let row = first; row <= last; row++) {
    const r = inp.rows[row]!;
    if (r.type === 'lane') drawTicks(ctx, inp, r.lane, yOf(row) + RH / 2);
  }
  // Reconnect spans, markers and flags on top.
  for (const it of inp.scene) {
    const y = yOf(it.row);
    const mid = y + RH / 2;
    if (it.kind === 'reconnect') {
      const color = it.cls === 'ok' ? c.muted : classColor(c, it.cls);
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(it.x0, mid);
      ctx.lineTo(it.x1, mid);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillRect(it.x0, mid - 4, 1, 8);
      ctx.beginPath();
      ctx.moveTo(it.x1, mid);
      ctx.lineTo(it.x1 - 5, mid - 3.5);
      ctx.lineTo(it.x1 - 5, mid + 3.5);
      ctx.closePath();
      ctx.fill();
      const tw = ctx.measureText(it.label).width;
      const span = it.x1 - it.x0;
      // The label sits just left of the new connection, above the line when it does not fit inside.
      const lx = span > tw + 12 ? it.x1 - tw - 8 : it.x1 - tw - 8;
      ctx.fillStyle = c.bg;
      ctx.globalAlpha = 0.85;
      ctx.fillRect(lx - 2, mid - 7, tw + 4, 13);
      ctx.globalAlpha = 1;
      ctx.fillStyle = color;
      ctx.fillText(it.label, lx, mid);
    } else if (it.kind === 'create') {
      ctx.strokeStyle = c.muted;
      ctx.beginPath();
      ctx.arc(it.x0, mid, 3, 0, Math.PI * 2);
      ctx.stroke();
    } else if (it.kind === 'open') {
      ctx.fillStyle = c.clean;
      ctx.fillRect(it.x0 - 1, y + 4, 2.5, RH - 9);
    } else if (it.kind === 'close') {
      const color = classColor(c, it.cls);
      ctx.fillStyle = color;
      ctx.fillRect(it.x0 - 1.5, y + 2, 3, RH - 5);
      ctx.font = `bold 10px ${c.mono}`;
      const tw = ctx.measureText(it.label).width;
      ctx.fillStyle = c.bg;
      ctx.fillRect(it.x0 + 3, mid - 4, tw + 4, 12);
      ctx.fillStyle = color;
      ctx.fillText(it.label, it.x0 + 5, mid + 2);
      ctx.font = `11px ${c.font}`;
    } else if (it.kind === 'flag') {
      flagGlyph(ctx, it.x0, y + 1, 9, classColor(c, it.cls));
    }
  }
  // Evidence rings and the selection.
  ctx.strokeStyle = c.accent;
  ctx.lineWidth = 1.5;
  for (const ev of inp.evidence) {
    const row = inp.laneRow(ev.lane);
    if (row < first || row > last) continue;
    const x = timeToX(vp, w, ev.t);
    if (x < -6 || x > w + 6) continue;
    ctx.beginPath();
    ctx.arc(x, yOf(row) + RH / 2, 5, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.lineWidth = 1;
  if (inp.selectedT !== undefined) {
    const x = timeToX(vp, w, inp.selectedT);
    if (x >= -1 && x <= w + 1) {
      ctx.fillStyle = c.accent;
      ctx.globalAlpha = 0.7;
      ctx.fillRect(Math.round(x) - 0.5, 0, 1.5, h);
      ctx.globalAlpha = 1;
      if (inp.selected) {
        const row = inp.laneRow(inp.selected.lane);
        if (row >= first && row <= last) {
          ctx.beginPath();
          ctx.arc(x, yOf(row) + RH / 2, 4, 0, Math.PI * 2);
          ctx.fill();
        }
      }
    }
  }
}
