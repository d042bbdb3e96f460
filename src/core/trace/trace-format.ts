/**
 * The Wavetrace trace file: header fields and the `Trace` type.
 *
 * Contract: docs/design.md#trace-format ("Events and the trace file", CONTRACT). A trace is UTF-8 JSON,
 * optionally gzip-compressed (`.wavetrace.json[.gz]`):
 * `{format:"wavetrace", version:1, createdAt, source:{tool,browser,page}, redacted, profile,
 * dropped, events:[…]}`. Extend it, never break it silently; bump {@link TRACE_VERSION} when a
 * change is incompatible.
 */
import type { TraceEvent } from '../events';
import type { Profile } from '../profile/types';

/** Value of the `format` field of every trace (docs/design.md#trace-header). */
export const TRACE_FORMAT = 'wavetrace';

/** The trace format version this code reads and writes (docs/design.md#trace-header). */
export const TRACE_VERSION = 1;

/**
 * Profile name written when no profile was chosen (e.g. a HAR import): the analysis
 * auto-detects one (docs/design.md#where-a-profile-comes-from "auto-detected where possible").
 */
export const AUTO_PROFILE = 'auto';

/** Where a trace comes from (docs/design.md#trace-header `source`). All three are free text. */
export interface TraceSource {
  /** Recording tool and version, `"wavetrace <semver>"`; for imports e.g. `"WebInspector 537.36 (HAR import)"`. */
  tool: string;
  /** `"<browser name> <version>"`, or `""` when unknown. */
  browser: string;
  /** URL of the recorded page (redacted in redacted traces), or `""` when unknown. */
  page: string;
}

/**
 * A whole trace (docs/design.md#trace-header).
 *
 * - `createdAt`: ISO 8601 date-time string of when the trace was written.
 * - `redacted`: true when docs/design.md#redaction redaction was applied (see `redactTrace`).
 * - `profile`: a profile name (e.g. `"scaiwave"`, {@link AUTO_PROFILE}) or an inline profile
 *   object (docs/design.md#profile-fields). The reader checks only that an inline profile is an object with a
 *   string `name`; its full validation belongs to the profile module.
 * - `dropped`: number of events lost to capture caps (integer ≥ 0).
 * - `endedAt` (optional extension of docs/design.md#trace-header): ISO 8601 date-time when the capture ended
 *   (the panel's export time). The analysis runs open connections' silences up to it; without
 *   it, the trace ends at its last event.
 * - `events`: ordered by `seq` (integer, strictly increasing); `t` in ms since the Unix epoch.
 */
export interface Trace {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  createdAt: string;
  source: TraceSource;
  redacted: boolean;
  profile: string | Profile;
  dropped: number;
  endedAt?: string;
  events: TraceEvent[];
}

/** Header fields of a trace: everything but `events`. */
export type TraceHeader = Omit<Trace, 'events'>;
