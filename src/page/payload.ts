/**
 * Payload previews taken on the page's hot path. Cheap by construction (docs/design.md#previews-and-binary-data): a text
 * frame within the cap is kept by reference (the page's own string, no copy) and measured
 * later, at flush time; a longer text is cut to a flat copy of its prefix; binary data is
 * copied up to the cap (the page may detach its buffer later) and base64-encoded at flush.
 * A Blob is not read here: its size is recorded at once and its bytes later (blob-reader.ts).
 *
 * Types are told apart with brand-checking getters (no `instanceof`, which would look up
 * `Symbol.hasInstance` and walk prototypes the page controls), so no page code runs.
 */
import type { Natives } from './natives';
import { blobPayload } from './blob-reader';

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
  /** A Blob's bytes: still being read off the hot path, or could not be read (blob-reader.ts). */
  blob?: 'reading' | 'unread';
}

/** Calls a brand-checking getter; undefined when `obj` is not of its interface. */
function brand<T>(n: Natives, get: ((this: never) => T) | undefined, obj: unknown): T | undefined {
  if (!get || obj === null || typeof obj !== 'object') return undefined;
  try {
    return n.apply(get, obj, []) as T;
  } catch {
    return undefined;
  }
}

/**
 * Takes a preview of a payload as passed to `send()` or carried by `MessageEvent.data`.
 * @param cap preview cap: UTF-16 code units for text, bytes for binary
 * @returns undefined for values that are not a WebSocket payload (then `send()` stringifies
 *   them itself, running page code we must not run twice, so the frame is recorded by size only
 *   when the native call accepted it; see ws-hook)
 */
export function takePayload(n: Natives, data: unknown, cap: number): RawPayload | undefined {
  if (typeof data === 'string') return takeText(n, data, cap);
  if (data === null || typeof data !== 'object') return undefined;
  const abLen = brand<number>(n, n.abByteLength, data);
  if (abLen !== undefined) return takeBytes(n, data as ArrayBuffer, 0, abLen, cap);
  if (n.isView(data)) {
    const dvLen = brand<number>(n, n.dvByteLength, data);
    if (dvLen !== undefined) {
      const buf = n.apply(n.dvBuffer, data, []) as ArrayBuffer;
      const off = n.apply(n.dvByteOffset, data, []) as number;
      return takeBytes(n, buf, off, dvLen, cap);
    }
    const buf = n.apply(n.viewBuffer, data, []) as ArrayBuffer;
    const off = n.apply(n.viewByteOffset, data, []) as number;
    const len = n.apply(n.viewByteLength, data, []) as number;
    return takeBytes(n, buf, off, len, cap);
  }
  const blobSize = brand<number>(n, n.blobSize, data);
  if (blobSize !== undefined) return blobPayload(n, data as Blob, blobSize, cap);
  return undefined;
}

function takeText(n: Natives, s: string, cap: number): RawPayload {
  if (s.length <= cap) return { opcode: 1, text: s, size: -1, truncated: false, weight: s.length * 2 };
  let end = cap;
  const c = n.apply(n.charCodeAt, s, [end - 1]) as number;
  if (c >= 0xd800 && c <= 0xdbff) end--; // do not cut a surrogate pair
  const prefix = n.apply(n.strSlice, s, [0, end]) as string;
  // Flatten: a V8 sliced string would keep the whole (possibly 50 MB) parent alive.
  const flat = n.parse(n.stringify(prefix)) as string;
  return { opcode: 1, text: flat, size: utf8Length(n, s), truncated: true, weight: flat.length * 2 };
}

/**
 * True when `data` is binary as WebIDL sees it (ArrayBuffer — detached too —, SharedArrayBuffer,
 * an ArrayBufferView, a Blob): `send()` never converts such a value to a string, so neither may
 * the hook, even when it cannot take a preview of it. Brand checks only: no page code runs.
 */
export function isBinaryLike(n: Natives, data: unknown): boolean {
  if (data === null || typeof data !== 'object') return false;
  return brand(n, n.abByteLength, data) !== undefined || brand(n, n.sabByteLength, data) !== undefined || n.isView(data) || brand(n, n.blobSize, data) !== undefined;
}

function takeBytes(n: Natives, buf: ArrayBufferLike, off: number, len: number, cap: number): RawPayload {
  if (len === 0) return { opcode: 2, bytes: new n.Uint8ArrayCtor(0), size: 0, truncated: false, weight: 0 }; // also a detached buffer
  const take = len < cap ? len : cap;
  const view = n.construct(n.Uint8ArrayCtor, [buf, off, take]) as Uint8Array;
  const bytes = n.apply(n.u8Slice, view, []) as Uint8Array;
  return { opcode: 2, bytes, size: len, truncated: take < len, weight: take };
}

/** Units encoded per step by {@link utf8Length}. */
const UTF8_CHUNK = 1 << 16;
/** Scratch space for {@link utf8Length}: a chunk of UTF-16 units needs at most 3 bytes each. */
let utf8Scratch: Uint8Array | undefined;

/**
 * UTF-8 byte length of a string (lone surrogates count as 3 bytes, as the WebSocket API
 * encodes them as U+FFFD). Encodes into one reused 192 KiB scratch buffer, 64 Ki units at a
 * time (`encodeInto`: no allocation per frame; a 50 MB string needs no 150 MB buffer).
 */
export function utf8Length(n: Natives, s: string): number {
  const scratch = (utf8Scratch ??= new n.Uint8ArrayCtor(3 * UTF8_CHUNK));
  if (s.length <= UTF8_CHUNK) return n.textEncodeInto(s, scratch).written;
  let total = 0;
  let i = 0;
  while (i < s.length) {
    let end = i + UTF8_CHUNK;
    if (end < s.length) {
      const c = n.apply(n.charCodeAt, s, [end - 1]) as number;
      if (c >= 0xd800 && c <= 0xdbff) end--; // keep a surrogate pair together
    }
    total += n.textEncodeInto(n.apply(n.strSlice, s, [i, end]) as string, scratch).written;
    i = end;
  }
  return total;
}

/**
 * Base64 of bytes, chunked so large previews do not overflow the argument stack. Lengths come
 * from the captured byteLength getter and codes go through a plain array, so a page that
 * redefines `%TypedArray%.prototype.length` changes nothing.
 */
export function toBase64(n: Natives, bytes: Uint8Array): string {
  let bin = '';
  const STEP = 0x8000;
  const len = n.apply(n.viewByteLength, bytes, []) as number;
  for (let i = 0; i < len; i += STEP) {
    const end = i + STEP < len ? i + STEP : len;
    const codes: number[] = [];
    for (let k = i; k < end; k++) codes[k - i] = bytes[k] as number;
    bin += n.apply(n.fromCharCode, null, codes) as string;
  }
  return n.btoa(bin);
}
