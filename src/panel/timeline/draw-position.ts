/**
 * The stream-position track of the timeline's top canvas: a step line of the positions of data
 * frames (aggregated per pixel column, so any number of points costs O(width)), hellos as
 * hollow circles (the server's head), sync responses as squares, and gap and regression
 * findings marked on it.
 */
import type { Analysis } from '../../core/analysis/types';
import { findingFlags } from '../../core/view/finding-flags';
import type { PositionChart } from '../../core/view/position-chart';
import { AXIS_H, FLAGS_H, TOP_H } from '../../core/view/timeline-layout';
import { timeToX, type Viewport } from '../../core/view/time-viewport';
import { dashedLine, triangleDown } from './canvas';
import type { TimelineColors } from './colors';

/** Codes marked on the position track. */
const POSITION_CODES = new Set(['position-gap', 'position-regression']);

/**
 * Paints the position track (below the axis and flags) of plot width `w`; returns the y range
 * of positions it used (undefined when it had none to draw).
 */
export function drawPositionTrack(ctx: CanvasRenderingContext2D, w: number, vp: Viewport, c: TimelineColors, a: Analysis | undefined, tr: PositionChart | undefined): { lo: number; hi: number } | undefined {
  const top = AXIS_H + FLAGS_H + 6;
  const bottom = TOP_H - 8;
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
        triangleDown(ctx, x, bottom, 4, 6, c.error);
      } else {
        dashedLine(ctx, x, top, x, bottom, c.warning, 2);
        ctx.fillStyle = c.warning;
        ctx.fillRect(x - 3, top, 6, 2);
        ctx.fillRect(x - 3, bottom - 2, 6, 2);
      }
    }
  }
  return range;
}
