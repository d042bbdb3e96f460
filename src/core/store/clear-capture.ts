/**
 * Clear and its Undo (docs/design.md#clear-import-and-resume). Pure over {@link CaptureState}:
 * a Clear starts a fresh capture that keeps what the bridge needs to go on (the marks, so the
 * hooks never re-send a cleared event; full previews are not owed any more) and what the
 * analysis needs to know the sockets still open (their `ws-create` and `ws-open`, so they keep
 * their URL, subprotocol and start, not "created before capture started"). Undo puts the cleared
 * events back in front of what arrived since.
 */
import { applyEvent, createCaptureState, type CaptureState } from './capture-state';
import type { ConnId } from '../events';

/** A cleared capture: the fresh one, and how many of its first events are kept copies of the old one's. */
export interface ClearedCapture {
  state: CaptureState;
  /** Events at the start of `state` copied from the cleared capture (open sockets' create and open). */
  kept: number;
}

/**
 * A fresh capture after a Clear of `state`: the marks (the same object: the stream goes on)
 * and, renumbered from seq 1, the `ws-create` and `ws-open` events of every connection still
 * connecting, open or closing. `state` is not changed.
 */
export function clearCapture(state: CaptureState): ClearedCapture {
  const fresh = createCaptureState();
  fresh.marks = state.marks;
  const open = new Set<ConnId>();
  for (const c of state.connections.values()) if (c.status === 'connecting' || c.status === 'open' || c.status === 'closing') open.add(c.conn);
  if (open.size === 0) return { state: fresh, kept: 0 };
  // The last create of each open connection (a re-used id is a new socket), and the open after it.
  const createAt = new Map<ConnId, number>();
  const ev = state.events;
  for (let i = 0; i < ev.length; i++) {
    const e = ev[i]!;
    if (e.type === 'ws-create' && open.has(e.conn)) createAt.set(e.conn, i);
  }
  const keep: number[] = [...createAt.values()];
  for (let i = 0; i < ev.length; i++) {
    const e = ev[i]!;
    if (e.type === 'ws-open' && open.has(e.conn) && i > (createAt.get(e.conn) ?? -1)) keep.push(i);
  }
  keep.sort((a, b) => a - b);
  keep.forEach((i, k) => applyEvent(fresh, { ...ev[i]!, seq: k + 1 }));
  return { state: fresh, kept: keep.length };
}

/**
 * Undo of a Clear: the cleared capture `before` with every event of `after` (the capture the
 * Clear started) past its `kept` copies appended, renumbered after `before`'s; `after`'s marks,
 * drop counts and owed full previews carried over. Mutates and returns `before` (O(events
 * since the Clear)).
 */
export function undoClear(before: CaptureState, after: ClearedCapture): CaptureState {
  const since = after.state;
  const base = before.events.length;
  for (let i = after.kept; i < since.events.length; i++) applyEvent(before, { ...since.events[i]!, seq: before.events.length + 1 });
  before.marks = since.marks;
  before.dropped += since.dropped;
  for (const [src, n] of Object.entries(since.droppedBySrc)) before.droppedBySrc[src] = (before.droppedBySrc[src] ?? 0) + n;
  for (const [k, i] of since.pendingPreviews) if (i >= after.kept) before.pendingPreviews.set(k, base + i - after.kept);
  before.workers.push(...since.workers);
  before.cutPreviews += since.cutPreviews;
  return before;
}
