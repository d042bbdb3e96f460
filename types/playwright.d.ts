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

/** A fault the page hook can inject (docs/design.md, "Fault commands"). */
export type FaultKind = 'drop' | 'close' | 'freeze' | 'thaw' | 'refuse' | 'fail-sync' | 'skip';

/**
 * A fault command. Fields by kind: `drop` {conn}; `close` {conn, code 1000–4999, reason ≤ 123
 * bytes}; `freeze` {conn, ms?} (thaw after ms, absent = until thawed); `thaw` {conn} or
 * {endpoint}; `refuse` {endpoint (ws:// or wss:// URL prefix), ms}; `fail-sync` {count, status
 * 200–599 or "network"}; `skip` {conn, count}. `origin` says who asked (the fixture: "test").
 */
export interface FaultCommand {
  kind: FaultKind;
  conn?: string | number;
  endpoint?: string;
  code?: number;
  reason?: string;
  /** Milliseconds. */
  ms?: number;
  count?: number;
  status?: number | 'network';
  origin: 'panel' | 'cli' | 'test';
}

/**
 * What `wavetrace.fault` takes: a kind, or a command whose `conn` (and for `refuse` its
 * `endpoint`) may be left out — then the newest open connection of the page is meant; `origin`
 * defaults to "test"; `fail-sync` to count 1, status 503; `skip` to count 1.
 */
export type FaultRequest = FaultKind | (Partial<Omit<FaultCommand, 'kind'>> & { kind: FaultKind });

/** Options of `wavetrace.fault`. */
export interface FaultOptions {
  /** The page whose sockets the fault is for (default: the test's `page`). */
  page?: Page;
}

/** The `wavetrace` fixture: the recording of the current test. */
export interface Wavetrace {
  /** The trace recorded so far (not redacted) of `page` (default: the test's `page`). */
  trace(page?: Page): Promise<Trace>;
  /** Findings of every recorded page so far at or above the threshold (default `error`), sorted by time. */
  findings(filter?: FindingsFilter): Promise<Finding[]>;
  /**
   * Injects a fault into the page's sockets through its hook (as the panel's Break menu does),
   * e.g. `fault('drop')` or `fault({ kind: 'close', code: 4001, reason: 'expired' })`; resolves
   * once the page's hook has it. Throws one line for an invalid command, or when the page has no
   * open connection for a kind that needs one.
   */
  fault(request: FaultRequest, opts?: FaultOptions): Promise<void>;
}

/** Playwright's `test` with the automatic `wavetrace` fixture and its `wavetraceOptions` option. */
export declare const test: TestType<PlaywrightTestArgs & PlaywrightTestOptions & { wavetrace: Wavetrace; wavetraceOptions: WavetraceOptions }, PlaywrightWorkerArgs & PlaywrightWorkerOptions>;

/** Playwright's `expect` with `await expect(wavetrace).toHaveNoFindings({ severity? })`. */
export declare const expect: Expect<{
  toHaveNoFindings(received: Wavetrace, filter?: FindingsFilter): Promise<{ pass: boolean; message: () => string; name?: string }>;
}>;
