/**
 * The timeline's top canvas: the time axis, the findings flags (those the findings list's
 * severity filter keeps), the stream-position track (draw-position.ts), and the selection and
 * the selected finding's evidence as marks along the top.
 */
import type { Analysis, Finding } from '../../core/analysis/types';
import { findingFlags } from '../../core/view/finding-flags';
import type { PositionChart } from '../../core/view/position-chart';
import { AXIS_H, FLAGS_H, TOP_H } from '../../core/view/timeline-layout';
import { axisTicks, timeToX, type Viewport } from '../../core/view/time-viewport';
import { flagGlyph, triangleDown } from './canvas';
import { classColor, type TimelineColors } from './colors';
import { drawPositionTrack } from './draw-position';

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
  const range = drawPositionTrack(ctx, w, vp, c, a, inp.track);
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
      triangleDown(ctx, x, AXIS_H, 4, 5, c.accent);
    }
  }
  return range;
}
