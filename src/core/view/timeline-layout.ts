/**
 * Layout of the timeline plot, in CSS px: fixed top tracks (time axis, findings flags, stream
 * positions) above lane rows of {@link TIMELINE_ROW_HEIGHT} that scroll vertically.
 */
import { TIMELINE_ROW_HEIGHT } from './timeline-rows';

/** Height of the time axis track, CSS px. */
export const AXIS_H = 22;
/** Height of the findings flags track, CSS px. */
export const FLAGS_H = 18;
/** Height of the stream-position track, CSS px. */
export const POSITION_H = 58;
/** Height of all top tracks, CSS px. */
export const TOP_H = AXIS_H + FLAGS_H + POSITION_H;

/** Which part of the plot a point is over. */
export type TimelinePart = 'axis' | 'flags' | 'position' | 'lanes';

/**
 * The part under plot y `y` (CSS px from the plot's top), and for lanes the row under it
 * (rows scrolled by `scrollTop` px; −1 in the top tracks).
 */
export function locateInTimeline(y: number, scrollTop: number): { part: TimelinePart; row: number } {
  if (y < AXIS_H) return { part: 'axis', row: -1 };
  if (y < AXIS_H + FLAGS_H) return { part: 'flags', row: -1 };
  if (y < TOP_H) return { part: 'position', row: -1 };
  return { part: 'lanes', row: Math.floor((y - TOP_H + scrollTop) / TIMELINE_ROW_HEIGHT) };
}

/**
 * Rows to draw for a lanes area `height` px high scrolled by `scrollTop` px, with one row of
 * margin on each side (items reaching into view from a neighbour row).
 */
export function rowWindow(scrollTop: number, height: number): { first: number; last: number } {
  return { first: Math.max(0, Math.floor(scrollTop / TIMELINE_ROW_HEIGHT) - 1), last: Math.ceil((scrollTop + height) / TIMELINE_ROW_HEIGHT) + 1 };
}

/** Scroll offset that brings row `row` fully into a view `viewH` px high now at `scrollTop` (unchanged when it is in view). */
export function scrollToRow(row: number, scrollTop: number, viewH: number): number {
  const y = row * TIMELINE_ROW_HEIGHT;
  if (y < scrollTop) return y;
  if (y + TIMELINE_ROW_HEIGHT > scrollTop + viewH) return y + TIMELINE_ROW_HEIGHT - viewH;
  return scrollTop;
}
