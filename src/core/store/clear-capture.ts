/**
 * A fresh capture after a live one (docs/design.md#clear-import-and-resume). Pure over
 * {@link CaptureState}: it keeps what the bridge needs to go on (the marks, so the hooks never
 * re-send an event already held; full previews are not owed any more) and what the analysis
 * needs to know the sockets still open (their `ws-create` and `ws-open`, so they keep their URL,
 * subprotocol and start, not "created before capture started").
 */
import { applyEvent, createCaptureState, type CaptureState } from './capture-state';
import type { ConnId } from '../events';

/** A fresh capture, and how many of its first events are kept copies of the old one's. */
export interface ClearedCapture {
  state: CaptureState;
  /** Events at the start of `state` copied from the old capture (open sockets' create and open). */
  kept: number;
}

/**
 * A fresh capture after `state`: the marks (the same object: the stream goes on)
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
