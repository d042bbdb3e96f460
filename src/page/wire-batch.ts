/**
 * How the hook writes a recorded event into a batch's text (docs/design.md#messages-between-places):
 * a frame straight from its raw payload to a {@link FrameTuple} (text measured, binary
 * base64-encoded, the preview cut to a cap; docs/design.md#previews-and-binary-data), with no
 * trace-event object in between; any other event as it is. Read back by
 * core/bridge/wire-frames.ts in the panel.
 */
import type { TraceEvent } from '../core/events';
import { FRAME_BLOB_UNREAD, FRAME_FAULTED, FRAME_SYNTHETIC, FRAME_TRUNCATED, type FrameTuple } from '../core/bridge/messages';
import type { Natives } from './natives';
import { toBase64, utf8Length } from './payload';
import type { RawEvent } from './trace-event';

/**
 * The wire form of a recorded event. With a `cap` (UTF-16 units for text, bytes for binary)
 * shorter than the frame's preview, the data is cut there (never inside a surrogate pair) and
 * marked truncated; `size` stays the true size, or, with `sizeLater`, -1 for a text whose size
 * is not measured yet (its fill brings it).
 */
export function rawToWire(n: Natives, e: RawEvent, cap = Infinity, sizeLater = false): TraceEvent | FrameTuple {
  const p = e.payload;
  if (!p) return e as TraceEvent;
  let truncated = p.truncated;
  let size: number;
  let data: string;
  let blobUnread = e.blobUnread === true;
  if (p.opcode === 1) {
    let text = p.text ?? '';
    size = p.size >= 0 ? p.size : sizeLater ? -1 : utf8Length(n, text);
    if (text.length > cap) {
      let end = cap;
      const c = n.apply(n.charCodeAt, text, [end - 1]) as number;
      if (c >= 0xd800 && c <= 0xdbff) end--;
      text = n.apply(n.strSlice, text, [0, end]) as string;
      truncated = true;
    }
    data = text;
  } else {
    let bytes = p.bytes ?? new n.Uint8ArrayCtor(0);
    if ((n.apply(n.viewByteLength, bytes, []) as number) > cap) {
      bytes = n.construct(n.Uint8ArrayCtor, [n.apply(n.viewBuffer, bytes, []), n.apply(n.viewByteOffset, bytes, []), cap]) as Uint8Array;
      truncated = true;
    }
    size = p.size;
    data = toBase64(n, bytes);
    if (p.blob) blobUnread = true; // a Blob's bytes not read (yet): blob-reader.ts
  }
  const flags = (truncated ? FRAME_TRUNCATED : 0) | (e.faulted ? FRAME_FAULTED : 0) | (e.synthetic ? FRAME_SYNTHETIC : 0) | (blobUnread ? FRAME_BLOB_UNREAD : 0);
  return e.type === 'ws-send' ? [1, e.t, e.seq, e.conn, p.opcode, size, data, flags, e.readyState] : [0, e.t, e.seq, e.conn, p.opcode, size, data, flags];
}
