/**
 * valibot schemas of the trace header and of each event type (docs/design.md#event-types table).
 *
 * They are the readable specification of what a valid trace is, and they produce the error
 * messages: each schema carries the text shown after the field path, e.g.
 * `events[17].conn: expected string or number`. For speed, `validateTrace` first runs the
 * hand-written checks of `fast-event-check.ts` and only consults these schemas for an event
 * that fails them (see `validate-trace.ts` for the measured costs). Unknown extra fields are
 * allowed (loose objects), so traces can be extended without breaking older readers.
 */
import * as v from 'valibot';
import { FAULT_KINDS, type EventType, type FaultKind } from '../events';
import { MAX_EVENT_T } from './fast-event-check';
import { TRACE_FORMAT, TRACE_VERSION } from './trace-format';

const str = v.string('expected string');
const bool = v.boolean('expected boolean');
const nonNegInt = v.pipe(
  v.number('expected integer'),
  v.safeInteger('expected integer'),
  v.minValue(0, 'expected integer >= 0'),
);

/** `seq`: integer (safe), strictly increasing — the increase is checked by `validateTrace`. */
export const seqSchema = v.pipe(v.number('expected integer'), v.safeInteger('expected integer'));
/** `t`: milliseconds since the Unix epoch, finite, >= 0 and below 8.64e15 (the largest `Date`). */
export const timeSchema = v.pipe(
  v.number('expected number (ms since the Unix epoch)'),
  v.finite('expected a finite number'),
  v.minValue(0, 'expected number >= 0 (ms since the Unix epoch)'),
  v.ltValue(MAX_EVENT_T, 'expected number < 8.64e15 (ms since the Unix epoch; later times are not dates)'),
);
/** `conn` / `req`: a string or a finite number. */
export const idSchema = v.union([v.string(), v.pipe(v.number(), v.finite())], 'expected string or number');

const base = { seq: seqSchema, t: timeSchema, synthetic: v.optional(v.boolean('expected boolean')) };
const frame = {
  ...base,
  conn: idSchema,
  opcode: v.picklist([1, 2], 'expected 1 or 2'),
  size: nonNegInt,
  data: str,
  encoding: v.picklist(['text', 'base64'], 'expected "text" or "base64"'),
  truncated: bool,
  faulted: v.optional(bool),
  blobUnread: v.optional(bool),
  previewLost: v.optional(bool),
};
/** Close codes are 2-byte unsigned integers on the wire (RFC 6455 §5.5.1). */
const closeCode = v.pipe(
  v.number('expected integer'),
  v.safeInteger('expected integer'),
  v.minValue(0, 'expected integer 0..65535'),
  v.maxValue(65535, 'expected integer 0..65535'),
);

/** One schema per event type, keyed by `type` (docs/design.md#event-types table). */
export const EVENT_SCHEMAS = {
  'ws-create': v.looseObject({ ...base, conn: idSchema, url: str, protocols: v.array(str, 'expected array of strings'), frameUrl: str }, 'expected object'),
  'ws-create-failed': v.looseObject({ ...base, url: str, error: str }, 'expected object'),
  'ws-open': v.looseObject({ ...base, conn: idSchema, protocol: str, extensions: str }, 'expected object'),
  'ws-send': v.looseObject({ ...frame, readyState: v.picklist([0, 1, 2, 3], 'expected 0, 1, 2 or 3') }, 'expected object'),
  'ws-message': v.looseObject(frame, 'expected object'),
  'ws-error': v.looseObject({ ...base, conn: idSchema }, 'expected object'),
  'ws-close-call': v.looseObject(
    { ...base, conn: idSchema, code: v.optional(closeCode), reason: v.optional(str), error: v.optional(str) },
    'expected object',
  ),
  'ws-close': v.looseObject({ ...base, conn: idSchema, code: closeCode, reason: str, wasClean: bool }, 'expected object'),
  'http-request': v.looseObject(
    { ...base, req: idSchema, method: str, url: str, initiator: v.picklist(['fetch', 'xhr', 'beacon'], 'expected "fetch", "xhr" or "beacon"'), body: v.optional(str) },
    'expected object',
  ),
  'http-response': v.looseObject(
    {
      ...base,
      req: idSchema,
      status: v.pipe(v.number('expected integer'), v.safeInteger('expected integer'), v.minValue(0, 'expected integer 0..999'), v.maxValue(999, 'expected integer 0..999')),
      body: v.optional(str),
      bodyTruncated: v.optional(bool),
    },
    'expected object',
  ),
  'http-error': v.looseObject({ ...base, req: idSchema, error: str }, 'expected object'),
  'page-navigation': v.looseObject({ ...base, url: str }, 'expected object'),
  'page-visibility': v.looseObject({ ...base, state: v.picklist(['visible', 'hidden'], 'expected "visible" or "hidden"') }, 'expected object'),
  'page-online': v.looseObject({ ...base, online: bool }, 'expected object'),
  'worker-created': v.looseObject({ ...base, kind: v.picklist(['worker', 'shared-worker'], 'expected "worker" or "shared-worker"'), url: str }, 'expected object'),
  'capture-dropped': v.looseObject({ ...base, count: nonNegInt }, 'expected object'),
  fault: v.looseObject(
    {
      ...base,
      kind: v.picklist(FAULT_KINDS as FaultKind[], 'expected a fault kind (drop, close, freeze, thaw, refuse, fail-sync, skip)'),
      conn: v.optional(idSchema),
      endpoint: v.optional(str),
      code: v.optional(v.pipe(v.number('expected integer'), v.safeInteger('expected integer'), v.minValue(1000, 'expected integer 1000..4999'), v.maxValue(4999, 'expected integer 1000..4999'))),
      reason: v.optional(str),
      ms: v.optional(v.pipe(v.number('expected number (ms)'), v.finite('expected a finite number'), v.minValue(0, 'expected number >= 0 (ms)'))),
      count: v.optional(nonNegInt),
      status: v.optional(v.union([v.literal('network'), v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(999))], 'expected an HTTP status 0..999 or "network"')),
      origin: v.picklist(['panel', 'cli', 'test'], 'expected "panel", "cli" or "test"'),
    },
    'expected object',
  ),
} satisfies Record<EventType, v.GenericSchema>;

/** Schema of the `type` field alone: one of the docs/design.md#event-types event types. */
export const eventTypeSchema = v.picklist(Object.keys(EVENT_SCHEMAS) as EventType[], 'expected a known event type');

/** An inline profile: an object with a string `name` (full validation: the profile module). */
const inlineProfileSchema = v.looseObject({ name: str }, 'expected a profile name or profile object');

/**
 * Header of a trace (all fields but `events`, which must be an array). `format` and
 * `version` are checked before this schema so that their errors get their own wording
 * ("unknown format", "unsupported version").
 */
export const traceHeaderSchema = v.looseObject(
  {
    format: v.literal(TRACE_FORMAT, `expected "${TRACE_FORMAT}"`),
    version: v.literal(TRACE_VERSION, `expected ${TRACE_VERSION}`),
    createdAt: v.pipe(
      v.string('expected ISO 8601 date-time string'),
      v.check((s) => isIsoDateTime(s), 'expected ISO 8601 date-time string'),
    ),
    source: v.looseObject({ tool: str, browser: str, page: str }, 'expected object {tool, browser, page}'),
    redacted: bool,
    profile: v.union([v.string(), inlineProfileSchema], 'expected a profile name or profile object'),
    dropped: nonNegInt,
    endedAt: v.optional(
      v.pipe(
        v.string('expected ISO 8601 date-time string'),
        v.check((s) => isIsoDateTime(s), 'expected ISO 8601 date-time string'),
      ),
    ),
    events: v.array(v.unknown(), 'expected array'),
  },
  'expected object',
);

/** True for an ISO 8601 date-time (`YYYY-MM-DDTHH:MM[:SS[.fff…]]` + `Z` or `±HH:MM`) that `Date.parse` accepts. */
export function isIsoDateTime(s: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))
  );
}
