/**
 * Frame events in a hook batch's text (docs/design.md#messages-between-places): the hook writes
 * each `ws-send` / `ws-message` as a {@link FrameTuple} (page/wire-batch.ts), and the panel turns
 * it back into the trace event here. The page world is untrusted: a tuple of the wrong shape is
 * refused.
 */
import type { TraceEvent } from '../events';
import { FRAME_BLOB_UNREAD, FRAME_FAULTED, FRAME_SYNTHETIC, FRAME_TRUNCATED, type FrameTuple } from './messages';

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
