/**
 * From a finding to what the panel selects (docs/design.md#finding-codes: every finding carries the `seq` of
 * its evidence events): event indexes of the evidence, the row to select in the table (the
 * finding's own event when it is a frame, else its last evidence frame, else its first
 * evidence row), and the time range to reveal on the timeline.
 */
import type { Finding } from '../analysis/types';
import type { TraceEvent } from '../events';
import { KIND_LIFECYCLE, type RowIndex } from './row-index';

/**
 * Index in `events` of the event with this `seq`, or −1. O(1) when seq = index + 1 (live
 * captures), otherwise a binary search (events are in seq order).
 */
export function eventIndexOfSeq(events: readonly TraceEvent[], seq: number): number {
  const guess = seq - 1;
  if (guess >= 0 && guess < events.length && events[guess]!.seq === seq) return guess;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo < events.length && events[lo]!.seq === seq ? lo : -1;
}

/** Event indexes of a finding's evidence (unknown seqs skipped), ascending. */
export function evidenceEvents(events: readonly TraceEvent[], f: Finding): number[] {
  const out: number[] = [];
  for (const s of f.evidence) {
    const i = eventIndexOfSeq(events, s);
    if (i >= 0) out.push(i);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The table row to select for a finding (see module comment); −1 when no evidence has a row
 * (then the row at or after the finding's own `seq`, if any).
 */
export function primaryEvidenceRow(events: readonly TraceEvent[], index: RowIndex, f: Finding): number {
  const own = eventIndexOfSeq(events, f.seq);
  const ownRow = own >= 0 ? index.rowOfEvent(own) : -1;
  if (ownRow >= 0 && index.kind.get(ownRow) !== KIND_LIFECYCLE) return ownRow;
  const rows = evidenceEvents(events, f).map((i) => index.rowOfEvent(i)).filter((r) => r >= 0);
  for (let k = rows.length - 1; k >= 0; k--) if (index.kind.get(rows[k]!) !== KIND_LIFECYCLE) return rows[k]!;
  if (rows.length) return rows[0]!;
  if (ownRow >= 0) return ownRow;
  if (own >= 0) {
    const r = index.rowAtOrAfterEvent(own);
    return r < index.rowCount ? r : -1;
  }
  return -1;
}

/** Earliest and latest time (ms) among the finding and its evidence. */
export function evidenceTimeRange(events: readonly TraceEvent[], f: Finding): [number, number] {
  let a = f.t;
  let b = f.t;
  for (const i of evidenceEvents(events, f)) {
    const t = events[i]!.t;
    if (t < a) a = t;
    if (t > b) b = t;
  }
  return [a, b];
}

/** A stable key for a finding across re-analyses: code, anchor seq and connection. */
export function findingKey(f: Finding): string {
  return `${f.code}@${f.seq}@${String(f.conn ?? '')}@${String(f.req ?? '')}`;
}
