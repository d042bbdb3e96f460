/**
 * Frame ticks of one connection lane: per series (data in above the midline, data out below,
 * heartbeats, hellos, syncs across it), counted per pixel column (tick-columns.ts) so a frame
 * costs O(width · log n) for any number of events.
 */
import { SERIES_COUNT, SERIES_DATA_IN, SERIES_DATA_OUT, SERIES_HEARTBEAT, SERIES_HELLO, SERIES_SYNC, type RowIndex } from '../../core/view/row-index';
import { columnCounts, tickHeight } from '../../core/view/tick-columns';
import type { Viewport } from '../../core/view/time-viewport';
import type { TimelineColors } from './colors';

const counts = new Uint32Array(8192);

/** Paints lane `lane`'s ticks around y `mid` across plot width `width`. */
export function drawTicks(ctx: CanvasRenderingContext2D, index: RowIndex, lane: number, mid: number, width: number, vp: Viewport, c: TimelineColors): void {
  const L = index.lanes[lane];
  if (!L) return;
  const w = Math.min(8192, Math.max(1, Math.floor(width)));
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
