/**
 * Building a trace object from events (recorder, HAR import, tests).
 *
 * Rule: docs/design.md#trace-header header fields.
 */
import type { TraceEvent } from '../events';
import type { Profile } from '../profile/types';
import { AUTO_PROFILE, TRACE_FORMAT, TRACE_VERSION, type Trace, type TraceSource } from './trace-format';

/** Header values for {@link createTrace}; every field is optional. */
export interface TraceMeta {
  /** When the trace was written: ISO string, `Date`, or ms since the Unix epoch. Default: now. */
  createdAt?: string | Date | number;
  /** Default `{tool: "wavetrace", browser: "", page: ""}`, merged field by field. */
  source?: Partial<TraceSource>;
  /** Default false: call `redactTrace` to redact (it sets true). */
  redacted?: boolean;
  /** Profile name or inline profile. Default {@link AUTO_PROFILE}. */
  profile?: string | Profile;
  /** When the capture ended (ISO string, Date or ms since the epoch); written as `endedAt`. */
  endedAt?: string | Date | number;
  /** Events lost to capture caps. Default: the sum of the `count`s of `capture-dropped` events. */
  dropped?: number;
}

/**
 * Wraps `events` (already numbered: `seq` strictly increasing, `t` in ms since the Unix epoch)
 * in a version-1 trace header. The events array is copied (shallow); nothing is validated —
 * use `validateTrace` for untrusted events. Never throws (an invalid `createdAt` date throws
 * the RangeError of `Date.prototype.toISOString`).
 */
export function createTrace(events: readonly TraceEvent[], meta: TraceMeta = {}): Trace {
  const created = meta.createdAt ?? Date.now();
  let dropped = meta.dropped;
  if (dropped === undefined) {
    dropped = 0;
    for (const e of events) if (e.type === 'capture-dropped') dropped += e.count;
  }
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    createdAt: typeof created === 'string' ? created : new Date(created).toISOString(),
    source: { tool: 'wavetrace', browser: '', page: '', ...meta.source },
    redacted: meta.redacted ?? false,
    profile: meta.profile ?? AUTO_PROFILE,
    dropped,
    ...(meta.endedAt !== undefined ? { endedAt: typeof meta.endedAt === 'string' ? meta.endedAt : new Date(meta.endedAt).toISOString() } : {}),
    events: events.slice(),
  };
}
