/**
 * Vertical layout of the timeline: one header row per session (connections of one tab to the
 * same endpoint, docs/design.md#order-sessions-and-connections) followed by one lane per connection of that session, in creation
 * order. A collapsed session shows its header only. All rows have the same height.
 */
import type { RowIndex } from './row-index';

/** Height of every timeline row, CSS px. */
export const TIMELINE_ROW_HEIGHT = 24;

/** A row of the timeline: a session header or a connection lane. */
export type TimelineRow =
  | { type: 'session'; session: number; key: string; lanes: number }
  | { type: 'lane'; lane: number; session: number };

/** Rows for the index's sessions and lanes; sessions in `collapsed` (by key) show no lanes. */
export function timelineRows(index: RowIndex, collapsed: ReadonlySet<string> = new Set()): TimelineRow[] {
  const out: TimelineRow[] = [];
  index.sessions.forEach((s, si) => {
    out.push({ type: 'session', session: si, key: s.key, lanes: s.lanes.length });
    if (collapsed.has(s.key)) return;
    for (const l of s.lanes) out.push({ type: 'lane', lane: l, session: si });
  });
  return out;
}

/** Timeline row (index into `rows`) of a lane, or −1 when hidden. */
export function rowOfLane(rows: readonly TimelineRow[], lane: number): number {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.type === 'lane' && r.lane === lane) return i;
  }
  return -1;
}

/** Header row of a session key, or −1. */
export function rowOfSession(rows: readonly TimelineRow[], key: string): number {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.type === 'session' && r.key === key) return i;
  }
  return -1;
}
