/**
 * Types of `wavetrace/playwright` (the Playwright fixture; built from src/playwright/index.ts
 * into dist/playwright/index.js). Kept by hand so the package ships one small declaration file;
 * test/unit/playwright/public-types.test.ts checks that the built fixture's real types are
 * assignable to these (npm run typecheck fails when they drift).
 */
import type { Expect, PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs, PlaywrightWorkerOptions, Page, TestType } from '@playwright/test';

/** How bad a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** One finding of the analysis (same shape as `wavetrace check --format json`). */
export interface Finding {
  /** Finding code, e.g. "sync-skipped" (README, "Findings"). */
  code: string;
  severity: Severity;
  /** When it happened, ms since the Unix epoch. */
  t: number;
  /** Trace-wide seq of the event it is anchored at. */
  seq: number;
  /** Connection id, when the finding is about one connection. */
  conn?: string | number;
  /** HTTP request id, when the finding is about one request. */
  req?: string | number;
  /** Seqs of the events that show it. */
  evidence: number[];
  message: string;
  hint: string;
}

/**
 * One recorded event: `seq` (trace-wide, from 1), `t` (ms since the Unix epoch), `type` (e.g.
 * "ws-create", "ws-message", "ws-close", "http-request") and the fields of that type
 * (docs/design.md, "Event types").
 */
export interface TraceEvent {
  seq: number;
  t: number;
  type: string;
}

/** A Wavetrace trace (`.wavetrace.json`, format version 1). */
export interface Trace {
  format: 'wavetrace';
  version: 1;
  /** ISO 8601. */
  createdAt: string;
  source: { tool: string; browser: string; page: string };
  redacted: boolean;
  /** Profile name ("auto" when detected) or an inline profile. */
  profile: string | object;
  /** Events lost to capture caps. */
  dropped: number;
  /** ISO 8601: when the capture ended. */
  endedAt?: string;
  events: TraceEvent[];
}

/** Fixture options: `test.use({ wavetraceOptions: { profile: 'socketio-v4' } })`. */
export interface WavetraceOptions {
  /** As `wavetrace check --profile`: a built-in name, `auto`, or a profile JSON file. Default: detected, else scaiwave. */
  profile?: string;
  /** Redact tokens and secrets in the trace attached to a failed test (default true). */
  redact?: boolean;
}

/** Severity threshold: `error` (default) keeps errors, `warning` errors and warnings, `info` everything. */
export interface FindingsFilter {
  severity?: Severity;
}

/** The `wavetrace` fixture: the recording of the current test. */
export interface Wavetrace {
  /** The trace recorded so far (not redacted) of `page` (default: the test's `page`). */
  trace(page?: Page): Promise<Trace>;
  /** Findings of every recorded page so far at or above the threshold (default `error`), sorted by time. */
  findings(filter?: FindingsFilter): Promise<Finding[]>;
}

/** Playwright's `test` with the automatic `wavetrace` fixture and its `wavetraceOptions` option. */
export declare const test: TestType<PlaywrightTestArgs & PlaywrightTestOptions & { wavetrace: Wavetrace; wavetraceOptions: WavetraceOptions }, PlaywrightWorkerArgs & PlaywrightWorkerOptions>;

/** Playwright's `expect` with `await expect(wavetrace).toHaveNoFindings({ severity? })`. */
export declare const expect: Expect<{
  toHaveNoFindings(received: Wavetrace, filter?: FindingsFilter): Promise<{ pass: boolean; message: () => string; name?: string }>;
}>;
