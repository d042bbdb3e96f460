/**
 * Validation of a parsed trace value: header, every event, `seq` order, unique connections.
 *
 * Rules: docs/design.md#trace-format (CONTRACT) — header fields; every event has integer `seq`, strictly
 * increasing; `t` in ms since the Unix epoch; the fields of its `type`; `conn` unique in the
 * trace (one `ws-create` per connection).
 *
 * Strategy (measured, see `test/unit/trace/validate-performance.test.ts`): each event goes
 * through the hand-written `isValidEvent` (fast-event-check.ts); only an event that fails it is
 * run through its valibot schema (trace-schema.ts), to name the bad field. Measured on
 * 1,000,000 mixed events (167 MB of JSON, Node 20, a loaded 2-core machine, 3 rounds):
 * `JSON.parse` 1.2–4.0 s; `validateTrace` 58–285 ms (steady state ≈ 3–5 % of the parse);
 * valibot `safeParse` per event 0.9–1.3 s and `v.is` 0.9–1.4 s (≈ 40–65 % of the parse).
 * valibot alone is therefore not "well under the parse time"; the hybrid is, and the valibot
 * schemas remain the single readable specification and the source of every error message
 * (a unit test checks both agree on thousands of fuzzed events).
 */
import * as v from 'valibot';
import type { EventType, TraceEvent } from '../events';
import { isValidEvent } from './fast-event-check';
import type { Trace } from './trace-format';
import { TRACE_FORMAT, TRACE_VERSION } from './trace-format';
import { TraceReadError } from './trace-read-error';
import { TimeOrderCheck } from './time-order';
import { EVENT_SCHEMAS, traceHeaderSchema } from './trace-schema';

/**
 * Checks that `value` (e.g. the result of `JSON.parse`) is a valid version-1 trace and returns
 * it typed as {@link Trace} — the same object, not a copy (unknown extra fields are kept).
 *
 * @throws {TraceReadError} one-line message, in this order of checks:
 *  - `unknown-format`: not an object, or `format` is not `"wavetrace"`
 *    (`unknown format "x": expected "format": "wavetrace"`);
 *  - `unsupported-version`: numeric `version` other than 1
 *    (`unsupported version 2 (this Wavetrace reads version 1)`);
 *  - `schema`: a header or event field is wrong, named by path
 *    (`events[17].conn: expected string or number`, `source.page: missing (expected string)`);
 *  - `order`: `events[i].seq` not greater than the previous one, a second `ws-create`
 *    for the same `conn`, or a `ws-create` after an event of its connection
 *    (docs/design.md#reading-untrusted-input); an event whose `t` lies more than 1 s before an
 *    earlier event of its connection, or an `endedAt` more than 1 s before the last event or
 *    after `createdAt` (see time-order.ts).
 * Never recurses into payloads, so deeply nested input cannot exhaust the stack.
 */
export function validateTrace(value: unknown): Trace {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TraceReadError('unknown-format', `unknown format: expected a JSON object with "format": "${TRACE_FORMAT}"`);
  }
  const obj = value as Record<string, unknown>;
  if (obj.format !== TRACE_FORMAT) {
    const got = typeof obj.format === 'string' ? ` ${JSON.stringify(clip(obj.format, 40))}` : '';
    throw new TraceReadError('unknown-format', `unknown format${got}: expected "format": "${TRACE_FORMAT}"`, 'format');
  }
  if (typeof obj.version === 'number' && obj.version !== TRACE_VERSION) {
    throw new TraceReadError(
      'unsupported-version',
      `unsupported version ${clip(String(obj.version), 20)} (this Wavetrace reads version ${TRACE_VERSION})`,
      'version',
    );
  }
  const header = v.safeParse(traceHeaderSchema, obj, { abortEarly: true });
  if (!header.success) throw schemaError(header.issues[0], traceHeaderSchema, '');
  const times = new TimeOrderCheck();
  walkEvents(obj.events as unknown[], times);
  times.finish(typeof obj.endedAt === 'string' ? obj.endedAt : undefined, typeof obj.createdAt === 'string' ? obj.createdAt : undefined);
  return value as Trace;
}

/**
 * Validates an events array in place (see {@link validateTrace} for the rules and errors);
 * paths in messages start with `events[i]`.
 * @throws {TraceReadError} kinds `schema` and `order`.
 */
export function validateEvents(events: readonly unknown[]): asserts events is TraceEvent[] {
  walkEvents(events, undefined);
}

/**
 * The one walk over the events: each event's fields, `seq` order, connections created once and
 * before use; when `times` is given, each valid event is also fed to it (time-order.ts), so a
 * trace's time check costs no second walk over a million events.
 * @throws {TraceReadError} kinds `schema` and `order` (time errors are thrown by `times.finish`).
 */
function walkEvents(events: readonly unknown[], times: TimeOrderCheck | undefined): void {
  let prevSeq = -Infinity;
  let created: Map<string | number, number> | undefined;
  let usedBefore: Map<string | number, number> | undefined;
  let lastConn: string | number | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!isValidEvent(e)) throw explainEvent(e, i);
    if (!(e.seq > prevSeq)) {
      throw new TraceReadError(
        'order',
        `events[${i}].seq: ${e.seq} is not greater than the previous seq ${prevSeq} (events[${i - 1}]); seq must be strictly increasing`,
        `events[${i}].seq`,
      );
    }
    prevSeq = e.seq;
    if (e.type === 'ws-create') {
      created ??= new Map();
      const first = created.get(e.conn);
      if (first !== undefined) {
        throw new TraceReadError(
          'order',
          `events[${i}].conn: connection ${JSON.stringify(e.conn)} was already created at events[${first}]; conn must be unique in a trace`,
          `events[${i}].conn`,
        );
      }
      const used = usedBefore?.get(e.conn);
      if (used !== undefined) {
        throw new TraceReadError(
          'order',
          `events[${i}].conn: connection ${JSON.stringify(e.conn)} is created after events[${used}] used it; a connection's events must follow its ws-create`,
          `events[${i}].conn`,
        );
      }
      created.set(e.conn, i);
      times?.see(i, e.t, e.conn);
    } else {
      // A connection whose ws-create was never recorded (dropped by a capture cap) is fine;
      // one created later would be listed twice by the analysis. Runs of one connection's
      // events are checked once (the common case costs one comparison per event).
      const conn = (e as { conn?: string | number }).conn;
      if (conn !== undefined && conn !== lastConn) {
        lastConn = conn;
        if (!created?.has(conn) && !usedBefore?.has(conn)) (usedBefore ??= new Map()).set(conn, i);
      }
      times?.see(i, e.t, conn);
    }
  }
}

/** Builds the error for an event that failed the fast check, using its valibot schema. */
function explainEvent(e: unknown, i: number): TraceReadError {
  const at = `events[${i}]`;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) {
    return new TraceReadError('schema', `${at}: expected object`, at);
  }
  const type = (e as Record<string, unknown>).type;
  if (type === undefined) return new TraceReadError('schema', `${at}.type: missing (expected an event type)`, `${at}.type`);
  if (typeof type !== 'string' || !Object.hasOwn(EVENT_SCHEMAS, type)) {
    const shown = typeof type === 'string' ? JSON.stringify(clip(type, 40)) : typeof type;
    return new TraceReadError('schema', `${at}.type: unknown event type ${shown}`, `${at}.type`);
  }
  const schema = EVENT_SCHEMAS[type as EventType];
  const r = v.safeParse(schema, e, { abortEarly: true });
  if (!r.success) return schemaError(r.issues[0], schema, at);
  return new TraceReadError('schema', `${at}: invalid ${type} event`, at);
}

/** Turns the first valibot issue into a one-line `path: message` error. */
function schemaError(issue: v.BaseIssue<unknown>, root: v.GenericSchema, prefix: string): TraceReadError {
  const keys = (issue.path ?? []).map((p) => p.key as string | number);
  const path = prefix + keys.map((k, n) => (typeof k === 'number' ? `[${k}]` : n === 0 && prefix === '' ? String(k) : `.${k}`)).join('');
  const missing = issue.kind === 'schema' && issue.received === 'undefined' && issue.type.endsWith('object') && keys.length > 0;
  let message = issue.message;
  if (missing) {
    const expected = schemaMessageAt(root, keys);
    message = expected ? `missing (${expected})` : 'missing';
  }
  return new TraceReadError('schema', `${path || 'trace'}: ${message}`, path || undefined);
}

/** The custom message of the schema reached by following `keys` from `root`, if any. */
function schemaMessageAt(root: v.GenericSchema, keys: (string | number)[]): string | undefined {
  let s: unknown = root;
  for (const k of keys) {
    const node = s as { entries?: Record<string, unknown>; item?: unknown };
    if (typeof k === 'string' && node.entries) s = node.entries[k];
    else if (typeof k === 'number' && node.item) s = node.item;
    else return undefined;
    if (s === undefined) return undefined;
  }
  const msg = (s as { message?: unknown }).message;
  if (typeof msg === 'string') return msg;
  // A pipe keeps its first schema's message.
  const pipe = (s as { pipe?: { message?: unknown }[] }).pipe;
  const first = pipe?.[0]?.message;
  return typeof first === 'string' ? first : undefined;
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) + '\u2026' : s;
}
