/**
 * Hand-written event checks: the fast path of trace validation.
 *
 * `isValidEvent(e)` returns exactly what `v.is(EVENT_SCHEMAS[e.type], e)` would (the unit tests
 * check the two agree on every fuzzed event), without valibot's per-field issue bookkeeping.
 * Rules: docs/design.md#event-types table, as encoded in `trace-schema.ts`.
 */
import { FAULT_KINDS, type TraceEvent } from '../events';

type Rec = Record<string, unknown>;

/**
 * Upper bound (exclusive) of an event's `t`: 8.64e15 ms, the largest time a JavaScript `Date`
 * holds (ECMA-262 §21.4.1.1). A larger `t` could not be shown as a date
 * (docs/design.md#reading-untrusted-input).
 */
export const MAX_EVENT_T = 8.64e15;

const isStr = (x: unknown): x is string => typeof x === 'string';
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
/** Integer >= 0 within Number.MAX_SAFE_INTEGER. */
const isCount = (x: unknown): boolean => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
/** `conn` / `req`: string, or finite number. */
const isId = (x: unknown): boolean => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
/** Close code: integer 0..65535. */
const isCode = (x: unknown): boolean => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= 65535;

function isFrame(e: Rec): boolean {
  return (
    isId(e.conn) &&
    (e.opcode === 1 || e.opcode === 2) &&
    isCount(e.size) &&
    isStr(e.data) &&
    (e.encoding === 'text' || e.encoding === 'base64') &&
    isBool(e.truncated) &&
    (e.faulted === undefined || isBool(e.faulted)) &&
    (e.blobUnread === undefined || isBool(e.blobUnread)) &&
    (e.previewLost === undefined || isBool(e.previewLost))
  );
}

/** A `fault` event's fields (docs/design.md#fault-events-and-flags). */
function isFault(e: Rec): boolean {
  return (
    typeof e.kind === 'string' &&
    (FAULT_KINDS as readonly string[]).includes(e.kind) &&
    (e.conn === undefined || isId(e.conn)) &&
    (e.endpoint === undefined || isStr(e.endpoint)) &&
    (e.code === undefined || (typeof e.code === 'number' && Number.isSafeInteger(e.code) && e.code >= 1000 && e.code <= 4999)) &&
    (e.reason === undefined || isStr(e.reason)) &&
    (e.ms === undefined || (typeof e.ms === 'number' && Number.isFinite(e.ms) && e.ms >= 0)) &&
    (e.count === undefined || isCount(e.count)) &&
    (e.status === undefined || e.status === 'network' || (typeof e.status === 'number' && Number.isSafeInteger(e.status) && e.status >= 0 && e.status <= 999)) &&
    (e.origin === 'panel' || e.origin === 'cli' || e.origin === 'test')
  );
}

function isStrArray(x: unknown): boolean {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (typeof x[i] !== 'string') return false;
  return true;
}

/**
 * True when `value` is a valid event of a known type: an object with integer `seq`,
 * 0 <= `t` < 8.64e15 (ms since the Unix epoch), a docs/design.md#event-types `type` and that type's fields.
 * Unknown extra fields are allowed. Never throws.
 */
export function isValidEvent(value: unknown): value is TraceEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Rec;
  const seq = e.seq;
  const t = e.t;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) return false;
  if (typeof t !== 'number' || !(t >= 0) || !(t < MAX_EVENT_T)) return false;
  if (e.synthetic !== undefined && !isBool(e.synthetic)) return false;
  switch (e.type) {
    case 'ws-message':
      return isFrame(e);
    case 'ws-send':
      return isFrame(e) && (e.readyState === 0 || e.readyState === 1 || e.readyState === 2 || e.readyState === 3);
    case 'ws-create':
      return isId(e.conn) && isStr(e.url) && isStrArray(e.protocols) && isStr(e.frameUrl);
    case 'ws-create-failed':
      return isStr(e.url) && isStr(e.error);
    case 'ws-open':
      return isId(e.conn) && isStr(e.protocol) && isStr(e.extensions);
    case 'ws-error':
      return isId(e.conn);
    case 'ws-close-call':
      return (
        isId(e.conn) &&
        (e.code === undefined || isCode(e.code)) &&
        (e.reason === undefined || isStr(e.reason)) &&
        (e.error === undefined || isStr(e.error))
      );
    case 'ws-close':
      return isId(e.conn) && isCode(e.code) && isStr(e.reason) && isBool(e.wasClean);
    case 'http-request':
      return (
        isId(e.req) &&
        isStr(e.method) &&
        isStr(e.url) &&
        (e.initiator === 'fetch' || e.initiator === 'xhr' || e.initiator === 'beacon') &&
        (e.body === undefined || isStr(e.body))
      );
    case 'http-response':
      return (
        isId(e.req) &&
        typeof e.status === 'number' &&
        Number.isSafeInteger(e.status) &&
        e.status >= 0 &&
        e.status <= 999 &&
        (e.body === undefined || isStr(e.body)) &&
        (e.bodyTruncated === undefined || isBool(e.bodyTruncated))
      );
    case 'http-error':
      return isId(e.req) && isStr(e.error);
    case 'page-navigation':
      return isStr(e.url);
    case 'page-visibility':
      return e.state === 'visible' || e.state === 'hidden';
    case 'page-online':
      return isBool(e.online);
    case 'worker-created':
      return (e.kind === 'worker' || e.kind === 'shared-worker') && isStr(e.url);
    case 'capture-dropped':
      return isCount(e.count);
    case 'fault':
      return isFault(e);
    default:
      return false;
  }
}
