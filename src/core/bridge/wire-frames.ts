/**
 * Frame events in a hook batch's text (docs/design.md#messages-between-places): the hook writes
 * each `ws-send` / `ws-message` as a {@link FrameTuple} (page/wire-batch.ts, straight from what
 * it recorded), and the panel turns it back into the trace event here. The page world is
 * untrusted: a tuple of the wrong shape is refused. {@link toWireBatch} is the same encoding
 * from trace events, for producers that hold those (tests, tools).
 */
import type { TraceEvent } from '../events';
import { FRAME_BLOB_UNREAD, FRAME_FAULTED, FRAME_SYNTHETIC, FRAME_TRUNCATED, type EventBatch, type FrameTuple, type WireBatch } from './messages';

/** The trace event a frame tuple stands for, or undefined when it is not a well-formed {@link FrameTuple}. */
export function frameFromTuple(x: readonly unknown[]): TraceEvent | undefined {
  const kind = x[0];
  const t = x[1];
  const seq = x[2];
  const conn = x[3];
  const opcode = x[4];
  const size = x[5];
  const data = x[6];
  const flags = x[7];
  if ((kind !== 0 && kind !== 1) || typeof t !== 'number' || typeof seq !== 'number' || (typeof conn !== 'string' && typeof conn !== 'number')) return undefined;
  if ((opcode !== 1 && opcode !== 2) || typeof size !== 'number' || typeof data !== 'string' || typeof flags !== 'number') return undefined;
  const encoding = opcode === 1 ? 'text' : 'base64';
  const truncated = (flags & FRAME_TRUNCATED) !== 0;
  let e: TraceEvent;
  if (kind === 1) {
    const readyState = x[8];
    if (readyState !== 0 && readyState !== 1 && readyState !== 2 && readyState !== 3) return undefined;
    e = { type: 'ws-send', t, seq, conn, opcode, size, data, encoding, truncated, readyState };
  } else e = { type: 'ws-message', t, seq, conn, opcode, size, data, encoding, truncated };
  if (flags & FRAME_FAULTED) e.faulted = true;
  if (flags & FRAME_SYNTHETIC) e.synthetic = true;
  if (flags & FRAME_BLOB_UNREAD) e.blobUnread = true;
  return e;
}

/** A frame tuple's length: 8, or 9 for a `ws-send` (its `readyState`). */
export function isFrameTuple(x: unknown): x is FrameTuple {
  return Array.isArray(x) && (x.length === 8 || x.length === 9);
}

/** The tuple a frame event is written as. */
export function frameToTuple(e: Extract<TraceEvent, { type: 'ws-send' | 'ws-message' }>): FrameTuple {
  const flags = (e.truncated ? FRAME_TRUNCATED : 0) | (e.faulted ? FRAME_FAULTED : 0) | (e.synthetic ? FRAME_SYNTHETIC : 0) | (e.blobUnread ? FRAME_BLOB_UNREAD : 0);
  return e.type === 'ws-send' ? [1, e.t, e.seq, e.conn, e.opcode, e.size, e.data, flags, e.readyState] : [0, e.t, e.seq, e.conn, e.opcode, e.size, e.data, flags];
}

/** `batch` with its frame events as tuples (a new object; `batch` is left as it is). */
export function toWireBatch(batch: EventBatch): WireBatch {
  const src = batch.events;
  const events: (TraceEvent | FrameTuple)[] = [];
  for (let i = 0; i < src.length; i++) {
    const e = src[i] as TraceEvent;
    events[i] = e.type === 'ws-send' || e.type === 'ws-message' ? frameToTuple(e) : e;
  }
  return { ...batch, events };
}

/**
 * Turns the frame tuples of `events` (a parsed batch's `events`) back into trace events, in
 * place; false when one is malformed (the whole batch is then refused).
 */
export function readFrameTuples(events: unknown[]): boolean {
  for (let i = 0; i < events.length; i++) {
    const x: unknown = events[i];
    if (!Array.isArray(x)) continue;
    const e = isFrameTuple(x) ? frameFromTuple(x) : undefined;
    if (!e) return false;
    events[i] = e;
  }
  return true;
}

/** `batch` with its frame tuples read back as trace events (a new object), or undefined when one is malformed. */
export function fromWireBatch(batch: WireBatch): EventBatch | undefined {
  const events: unknown[] = [...batch.events];
  return readFrameTuples(events) ? { ...batch, events: events as TraceEvent[] } : undefined;
}
