/**
 * Event conversion of the hook: what the recorder holds on the hot path ({@link RawEvent}: a
 * trace event whose frame keeps its raw payload) and how it becomes a trace event at flush
 * time (text measured, binary base64-encoded, previews cut to a cap), see
 * docs/design.md#previews-and-binary-data.
 */
import type { TraceEvent } from '../core/events';
import type { Natives } from './natives';
import { toBase64, utf8Length, type RawPayload } from './payload';
import type { OwedHooks } from './owed-queue';

/** Omit distributed over a union. */
export type DistOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as recorded on the hot path: a trace event, except frames keep a raw payload. */
export type RawEvent =
  | (Exclude<TraceEvent, { type: 'ws-send' | 'ws-message' }> & { payload?: undefined })
  | (DistOmit<Extract<TraceEvent, { type: 'ws-send' | 'ws-message' }>, 'opcode' | 'size' | 'data' | 'encoding' | 'truncated'> & { payload: RawPayload });

/** Size of a payload preview in preview units: UTF-16 units of text, bytes of binary. */
export function previewUnits(n: Natives, p: RawPayload): number {
  return p.opcode === 1 ? (p.text ?? '').length : p.bytes ? (n.apply(n.viewByteLength, p.bytes, []) as number) : 0;
}

/** Ring-buffer weight of a non-frame event, bytes (a captured HTTP body counts 2 bytes a UTF-16 unit). */
export function weightOf(e: RawEvent): number {
  return e.type === 'http-response' && typeof e.body === 'string' ? e.body.length * 2 : 0;
}

/**
 * Converts a recorded event to its trace form (measures text, base64-encodes binary). With a
 * `cap` (UTF-16 units for text, bytes for binary) shorter than the preview, the data is cut
 * there (never inside a surrogate pair) and marked truncated; `size` stays the true size, or,
 * with `sizeLater`, -1 for a text whose size is not measured yet (its fill brings it).
 */
export function toTraceEvent(n: Natives, e: RawEvent, cap = Infinity, sizeLater = false): TraceEvent {
  if (!e.payload) return e as TraceEvent;
  const p = e.payload;
  const rest = frameFields(e);
  if (p.opcode === 1) {
    let text = p.text ?? '';
    const size = p.size >= 0 ? p.size : sizeLater ? -1 : utf8Length(n, text);
    let truncated = p.truncated;
    if (text.length > cap) {
      let end = cap;
      const c = n.apply(n.charCodeAt, text, [end - 1]) as number;
      if (c >= 0xd800 && c <= 0xdbff) end--;
      text = n.apply(n.strSlice, text, [0, end]) as string;
      truncated = true;
    }
    rest.opcode = 1;
    rest.size = size;
    rest.data = text;
    rest.encoding = 'text';
    rest.truncated = truncated;
    return rest as unknown as TraceEvent;
  }
  let bytes = p.bytes ?? new n.Uint8ArrayCtor(0);
  let truncated = p.truncated;
  if ((n.apply(n.viewByteLength, bytes, []) as number) > cap) {
    bytes = n.construct(n.Uint8ArrayCtor, [n.apply(n.viewBuffer, bytes, []), n.apply(n.viewByteOffset, bytes, []), cap]) as Uint8Array;
    truncated = true;
  }
  rest.opcode = 2;
  rest.size = p.size;
  rest.data = toBase64(n, bytes);
  rest.encoding = 'base64';
  rest.truncated = truncated;
  if (p.blob && (rest.type === 'ws-send' || rest.type === 'ws-message')) rest.blobUnread = true; // a Blob's bytes not read (yet): blob-reader.ts
  return rest as unknown as TraceEvent;
}

/** A recorded frame: a raw event with a payload. */
type RawFrame = Extract<RawEvent, { payload: RawPayload }>;
/** The keys of a recorded frame besides its payload (typecheck fails here when a frame field is added and not listed). */
const FRAME_KEYS = Object.keys({ seq: 1, t: 1, type: 1, conn: 1, readyState: 1, faulted: 1, synthetic: 1, blobUnread: 1 } satisfies Record<Exclude<keyof RawFrame | 'readyState', 'payload'>, 1>) as (keyof RawFrame)[];

/**
 * A frame's fields besides its payload, copied key by key: an object rest (`{ payload, ...rest }`)
 * takes V8's slow generic path, tens of µs a frame on the page's thread.
 */
function frameFields(e: RawFrame): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < FRAME_KEYS.length; i++) {
    const k = FRAME_KEYS[i] as keyof RawFrame;
    const v = (e as Record<keyof RawFrame, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** How the owed queue reads a recorded frame: its seq, its preview weight, its true size (measured when lost). */
export function owedHooks(n: Natives): OwedHooks<RawEvent> {
  return {
    seq: (e) => e.seq,
    ready: (e) => e.payload?.blob !== 'reading',
    weight: (e) => (e.payload as RawPayload).weight,
    lostSize: (e) => {
      const p = e.payload as RawPayload;
      return p.size >= 0 ? p.size : utf8Length(n, p.text ?? '');
    },
  };
}
