/**
 * The timeline's lanes canvas: session header rows and connection lanes (the selected one
 * highlighted), grid lines of the axis, then in order: connecting phases, open bars and sync
 * spans; frame ticks (draw-ticks.ts); reconnect spans, create/open/close markers and finding
 * flags; and on top the selected finding's evidence and the selection.
 */
import type { RowIndex } from '../../core/view/row-index';
import type { SceneItem } from '../../core/view/timeline-scene';
import { TIMELINE_ROW_HEIGHT, type TimelineRow } from '../../core/view/timeline-rows';
import { axisTicks, timeToX, type Viewport } from '../../core/view/time-viewport';
import { dashedLine, flagGlyph } from './canvas';
import { classColor, type TimelineColors } from './colors';
import { drawTicks } from './draw-ticks';

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
      dashedLine(ctx, x0, mid, x1, mid, c.connecting, 3);
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
    if (r.type === 'lane') drawTicks(ctx, inp.index, r.lane, yOf(row) + RH / 2, inp.width, vp, c);
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
    } else if (it.kind === 'fault') {
      drawFault(ctx, it, y, c);
    } else if (it.kind === 'kept') {
      // A frame a fault kept from its destination: hollow, struck through.
      ctx.strokeStyle = it.cls === 'out' ? c.dataOut : c.dataIn;
      ctx.beginPath();
      ctx.arc(it.x0, mid, 3.5, 0, Math.PI * 2);
      ctx.stroke();
      ctx.strokeStyle = c.fault;
      ctx.beginPath();
      ctx.moveTo(it.x0 - 5, mid + 5);
      ctx.lineTo(it.x0 + 5, mid - 5);
      ctx.stroke();
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

/** A fault mark: a band over the time it was in force (freeze, refuse), a lightning glyph where it applied, and its label. */
function drawFault(ctx: CanvasRenderingContext2D, it: SceneItem, y: number, c: TimelineColors): void {
  const RH = TIMELINE_ROW_HEIGHT;
  const x = it.x0;
  ctx.fillStyle = c.fault;
  if (it.x1 > it.x0 + 1) {
    ctx.globalAlpha = 0.18;
    ctx.fillRect(x, y + 2, it.x1 - x, RH - 5);
    ctx.globalAlpha = 1;
    ctx.fillRect(x, y + RH - 4, it.x1 - x, 1.5);
  }
  // Lightning bolt, 13 px tall.
  const top = y + 3;
  ctx.beginPath();
  ctx.moveTo(x + 2, top);
  ctx.lineTo(x - 3, top + 7);
  ctx.lineTo(x, top + 7);
  ctx.lineTo(x - 2, top + 13);
  ctx.lineTo(x + 4, top + 5);
  ctx.lineTo(x + 1, top + 5);
  ctx.closePath();
  ctx.fill();
  ctx.font = `bold 10px ${c.mono}`;
  const label = it.label.replace('⚡', '');
  const tw = ctx.measureText(label).width;
  ctx.fillStyle = c.bg;
  ctx.globalAlpha = 0.85;
  ctx.fillRect(x + 5, y + RH / 2 - 6, tw + 4, 12);
  ctx.globalAlpha = 1;
  ctx.fillStyle = c.fault;
  ctx.fillText(label, x + 7, y + RH / 2);
  ctx.font = `11px ${c.font}`;
}
