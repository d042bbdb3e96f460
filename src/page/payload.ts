/**
 * Payload previews taken on the page's hot path. Cheap by construction (DESIGN.md §2): a text
 * frame within the cap is kept by reference (the page's own string, no copy) and measured
 * later, at flush time; a longer text is cut to a flat copy of its prefix; binary data is
 * copied up to the cap (the page may detach its buffer later) and base64-encoded at flush.
 * A Blob is never read: only its size is recorded.
 */
import type { Natives } from './natives';

/** A captured payload before conversion to the trace's `data`/`encoding`/`size` fields. */
export interface RawPayload {
  opcode: 1 | 2;
  /** Text preview (whole text when not truncated). */
  text?: string;
  /** Binary preview bytes (a private copy). */
  bytes?: Uint8Array;
  /** True size in bytes, or -1 when it is computed lazily from `text` (untruncated text). */
  size: number;
  truncated: boolean;
  /** Approximate memory held by the preview, bytes (ring buffer weight). */
  weight: number;
}

/**
 * Takes a preview of a payload as passed to `send()` or carried by `MessageEvent.data`.
 * @param cap preview cap: UTF-16 code units for text, bytes for binary
 * @returns undefined for values that are not a WebSocket payload (the native call will throw)
 */
export function takePayload(n: Natives, data: unknown, cap: number): RawPayload | undefined {
  if (typeof data === 'string') return takeText(n, data, cap);
  if (data instanceof n.ArrayBufferCtor) {
    const len = n.apply(n.abByteLength, data, []) as number;
    return takeBytes(n, data, 0, len, cap);
  }
  if (n.isView(data)) {
    const isDataView = data instanceof n.DataViewCtor;
    const buf = n.apply(isDataView ? n.dvBuffer : n.viewBuffer, data, []) as ArrayBuffer;
    const off = n.apply(isDataView ? n.dvByteOffset : n.viewByteOffset, data, []) as number;
    const len = n.apply(isDataView ? n.dvByteLength : n.viewByteLength, data, []) as number;
    return takeBytes(n, buf, off, len, cap);
  }
  if (n.BlobCtor && n.blobSize && data instanceof n.BlobCtor) {
    const size = n.apply(n.blobSize, data, []) as number;
    return { opcode: 2, bytes: new n.Uint8ArrayCtor(0), size, truncated: size > 0, weight: 16 };
  }
  if (data === null || data === undefined) return undefined;
  // send() stringifies other values (WebIDL USVString conversion); mirror that lazily.
  return undefined;
}

function takeText(n: Natives, s: string, cap: number): RawPayload {
  if (s.length <= cap) return { opcode: 1, text: s, size: -1, truncated: false, weight: s.length * 2 };
  const prefix = n.apply(n.strSlice, s, [0, cap]) as string;
  // Flatten: a V8 sliced string would keep the whole (possibly 50 MB) parent alive.
  const flat = n.parse(n.stringify(prefix)) as string;
  return { opcode: 1, text: flat, size: utf8Length(n, s), truncated: true, weight: flat.length * 2 };
}

function takeBytes(n: Natives, buf: ArrayBufferLike, off: number, len: number, cap: number): RawPayload {
  const take = len < cap ? len : cap;
  const view = n.construct(n.Uint8ArrayCtor, [buf, off, take]) as Uint8Array;
  const bytes = n.apply(n.u8Slice, view, []) as Uint8Array;
  return { opcode: 2, bytes, size: len, truncated: take < len, weight: take };
}

/**
 * UTF-8 byte length of a string (lone surrogates count as 3 bytes, as the WebSocket API
 * encodes them as U+FFFD). Encodes in 1 Mi-unit chunks so a 50 MB string needs no 150 MB buffer.
 */
export function utf8Length(n: Natives, s: string): number {
  const CHUNK = 1 << 20;
  if (s.length <= CHUNK) return n.textEncode(s).length;
  let total = 0;
  let i = 0;
  while (i < s.length) {
    let end = i + CHUNK;
    if (end < s.length) {
      const c = n.apply(n.charCodeAt, s, [end - 1]) as number;
      if (c >= 0xd800 && c <= 0xdbff) end--; // keep a surrogate pair together
    }
    total += n.textEncode(n.apply(n.strSlice, s, [i, end]) as string).length;
    i = end;
  }
  return total;
}

/** Base64 of bytes, chunked so large previews do not overflow the argument stack. */
export function toBase64(n: Natives, bytes: Uint8Array): string {
  let bin = '';
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP) {
    const part = n.apply(n.u8Slice, bytes, [i, i + STEP]) as Uint8Array;
    bin += n.apply(n.fromCharCode, null, part as unknown as number[]) as string;
  }
  return n.btoa(bin);
}
