/**
 * How the hook writes a batch into its message text (docs/design.md#messages-between-places):
 * frame events as {@link FrameTuple}s, other events as they are. Read back by
 * core/bridge/wire-frames.ts in the panel.
 */
import type { TraceEvent } from '../core/events';
import { FRAME_BLOB_UNREAD, FRAME_FAULTED, FRAME_SYNTHETIC, FRAME_TRUNCATED, type EventBatch, type FrameTuple, type WireBatch } from '../core/bridge/messages';

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
  const out: WireBatch = { src: batch.src, frameUrl: batch.frameUrl, top: batch.top, events };
  if (batch.owed !== undefined) out.owed = batch.owed;
  if (batch.fill !== undefined) out.fill = batch.fill;
  if (batch.lost !== undefined) out.lost = batch.lost;
  if (batch.lostSizes !== undefined) out.lostSizes = batch.lostSizes;
  return out;
}
