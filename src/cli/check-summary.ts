/**
 * The `summary`, `findings` and `recoveries` of `wavetrace check --format json` (docs/design.md#check CONTRACT:
 * `{ "summary": {...}, "findings": [ {code, severity, t, conn, evidence: [seq...], message, hint} ],
 * "recoveries": [ {fault, kind, conn, t, verdict, steps: [ {rule, ok, message, evidence, numbers} ]} ] }`).
 * Times `t` are ms since the Unix epoch (as in the trace); durations in ms.
 */
import { recoveryCounts, type Analysis, type AttemptVerdict, type ConnEndCause, type Finding, type FindingCode, type RecoveryRecord, type RecoveryVerdict, type Severity } from '../core/analysis';
import type { ConnId, ReqId } from '../core/events';
import { visibleJson } from '../core/visible-text';
import { heartbeatSummary, type SummaryHeartbeat } from './check-heartbeat';
import type { ProfileFit } from './profile-fit';
import type { ResolvedProfile } from './resolve-profile';

/** One connection in the summary. `closed` null when no `ws-close` was recorded. */
export interface SummaryConnection {
  conn: ConnId;
  session: string;
  url: string;
  created: number;
  opened: number | null;
  closed: { t: number; code: number; name: string; meaning: string; reason: string; reasonMeaning: string | null; wasClean: boolean } | null;
  end: { t: number; cause: ConnEndCause };
  established: boolean;
  hello: Record<string, unknown> | null;
  lastPosition: number | null;
  framesIn: number;
  framesOut: number;
  /** The frames taken for heartbeats and the interval in use (see check-heartbeat.ts). */
  heartbeat: SummaryHeartbeat;
}

/** One reconnect attempt in the summary (delays in ms; `delayMs` null without a close, HAR). */
export interface SummaryAttempt {
  conn: ConnId;
  t: number;
  previous: ConnId;
  previousClose: number | null;
  delayMs: number | null;
  expectedMs: number;
  k: number;
  verdict: AttemptVerdict;
  /** Syncs that failed before it while no connection was open: counted in `k`, and `delayMs` runs from the last one. */
  failedSyncs: number;
}

/** `summary` of the JSON output. */
export interface CheckSummary {
  file: string;
  input: 'wavetrace' | 'har';
  /**
   * `matchedConnections`: how many connections the profile's `match` selects, for a profile
   * given with `--profile` or named by the trace; null when not checked (detected, learned, or
   * no `match`). 0 with connections exits 2 (docs/design.md#exit-codes).
   */
  profile: { name: string; source: ResolvedProfile['source']; reason: string; matchedConnections: number | null };
  events: number;
  /** Trace header `dropped`. */
  dropped: number;
  /** Frames marked `previewLost`: full preview lost in capture, short live preview kept (docs/design.md#live-preview-budget). */
  previewsLost: number;
  /** HAR only: messages skipped by the importer, and its notes. */
  harSkipped: number;
  warnings: string[];
  /** ms since the epoch of the first and last event; null for an empty trace. */
  start: number | null;
  end: number | null;
  durationMs: number;
  sessions: { key: string; connections: ConnId[] }[];
  connections: SummaryConnection[];
  attempts: SummaryAttempt[];
  positions: { field: string; last: number | null; points: number };
  syncs: { t: number; req: ReqId | null; conn: ConnId | null; cursor: string | null; status: number | null; outcome: 'ok' | 'failed' | 'pending' }[];
  counts: Record<Severity, number>;
  /** Recovery records per verdict (docs/design.md#recovery-records). */
  recoveryVerdicts: Record<RecoveryVerdict, number>;
}

/** One finding of the JSON output. `conn`/`req` null when not relevant. */
export interface JsonFinding {
  code: FindingCode;
  severity: Severity;
  t: number;
  conn: ConnId | null;
  req: ReqId | null;
  evidence: number[];
  message: string;
  hint: string;
}

/** Everything the text and JSON outputs are made from. */
export interface CheckInput {
  file: string;
  kind: 'wavetrace' | 'har';
  profile: ResolvedProfile;
  dropped: number;
  /** Frames marked `previewLost` (docs/design.md#live-preview-budget). */
  previewsLost: number;
  harSkipped: number;
  warnings: string[];
  analysis: Analysis;
  /** HAR only: the entry ends the importer read (writers that record the socket's lifetime). */
  entryEnds?: ReadonlyMap<ConnId, number>;
  /** How the chosen profile fits the connections (./profile-fit.ts); absent when not checked. */
  profileFit?: ProfileFit;
}

/** Builds the JSON `summary` (docs/design.md#check). */
export function buildSummary(x: CheckInput): CheckSummary {
  const a = x.analysis;
  return {
    file: x.file,
    input: x.kind,
    profile: { name: x.profile.profile.name, source: x.profile.source, reason: x.profile.reason, matchedConnections: x.profileFit?.matched ?? null },
    events: a.events,
    dropped: x.dropped,
    previewsLost: x.previewsLost,
    harSkipped: x.harSkipped,
    warnings: x.profileFit?.warning ? [...x.warnings, x.profileFit.warning] : x.warnings,
    start: a.events ? a.startT : null,
    end: a.events ? a.endT : null,
    durationMs: a.endT - a.startT,
    sessions: a.sessions.map((s) => ({ key: s.key, connections: s.connections })),
    connections: a.connections.map((c) => ({
      conn: c.id,
      session: c.session,
      url: c.url,
      created: c.created.t,
      opened: c.opened?.t ?? null,
      closed: c.closed
        ? {
            t: c.closed.t,
            code: c.closed.code,
            name: c.closed.info.name,
            meaning: c.closed.info.meaning,
            reason: c.closed.reason,
            reasonMeaning: c.closed.reasonMeaning ?? null,
            wasClean: c.closed.wasClean,
          }
        : null,
      end: c.end,
      established: c.established,
      hello: c.hello ? c.hello.fields : null,
      lastPosition: c.positions.last ?? null,
      framesIn: c.framesIn,
      heartbeat: heartbeatSummary(c.heartbeat),
      framesOut: c.framesOut,
    })),
    attempts: a.attempts.map((t) => ({
      conn: t.conn,
      t: t.t,
      previous: t.previous,
      previousClose: t.previousClose ?? null,
      delayMs: t.delayMs ?? null,
      expectedMs: t.expectedMs,
      k: t.k,
      verdict: t.verdict,
      failedSyncs: t.failedSyncs ?? 0,
    })),
    positions: { field: x.profile.profile.position?.path ?? 'position', last: a.lastPosition ?? null, points: a.positions.length },
    syncs: a.syncs.map((s) => ({ t: s.t, req: s.req ?? null, conn: s.conn ?? null, cursor: s.cursorText ?? null, status: s.status ?? null, outcome: s.outcome })),
    counts: a.counts,
    recoveryVerdicts: recoveryCounts(a.recoveries),
  };
}

/** The JSON form of a finding (docs/design.md#check fields, plus `req`). */
export function jsonFinding(f: Finding): JsonFinding {
  return { code: f.code, severity: f.severity, t: f.t, conn: f.conn ?? null, req: f.req ?? null, evidence: f.evidence, message: f.message, hint: f.hint };
}

/** One recovery record of the JSON output (docs/design.md#recovery-records): `conn` null for a fault without one; a step's `numbers` `{}` when it has none. */
export interface JsonRecovery {
  fault: number;
  kind: RecoveryRecord['kind'];
  conn: ConnId | null;
  t: number;
  verdict: RecoveryVerdict;
  steps: { rule: RecoveryRecord['steps'][number]['rule']; ok: boolean | null; message: string; evidence: number[]; numbers: Record<string, number> }[];
}

/** The JSON form of a recovery record. */
export function jsonRecovery(r: RecoveryRecord): JsonRecovery {
  return {
    fault: r.fault,
    kind: r.kind,
    conn: r.conn ?? null,
    t: r.t,
    verdict: r.verdict,
    steps: r.steps.map((s) => ({ rule: s.rule, ok: s.ok, message: s.message, evidence: s.evidence, numbers: s.numbers ?? {} })),
  };
}

/**
 * The whole `--format json` document, pretty-printed with a trailing newline; control, bidi
 * and zero-width characters inside strings are `\uXXXX` escapes (same JSON value).
 */
export function renderJson(x: CheckInput): string {
  return visibleJson(JSON.stringify({ summary: buildSummary(x), findings: x.analysis.findings.map(jsonFinding), recoveries: x.analysis.recoveries.map(jsonRecovery) }, null, 2)) + '\n';
}
