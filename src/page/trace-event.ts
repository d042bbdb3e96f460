/**
 * What the hook's recorder holds on the hot path ({@link RawEvent}: a trace event whose frame
 * keeps its raw payload) and how it is weighed; wire-batch.ts turns it into a batch's wire form
 * at flush time (docs/design.md#previews-and-binary-data).
 */
import type { TraceEvent } from '../core/events';
import type { Natives } from './natives';
import { utf8Length, type RawPayload } from './payload';
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
