/**
 * Reconnect attempts and their rules (docs/design.md#reconnects-and-backoff,
 * docs/design.md#fatal-closes-and-credentials; codes `reconnect-storm`, `reconnect-too-slow`,
 * `reconnect-after-fatal`, `auth-retry-same-token`; docs/design.md#the-scaiwave-profile
 * "Reconnect strategy" and "Close frame with code 4001").
 */
import type { WsCreateEvent } from '../events';
import type { ConnState, SessionState } from './connection-state';
import { expectedDelayMs, judgeDelay, maxDelayMs, minDelayMs } from './backoff';
import { closeLabel } from './close-rules';
import { formatDuration } from '../format';
import { fmtAgainst } from './format';
import type { PassState } from './pass-state';
import type { At, AttemptInfo } from './types';
import type { FixedRun } from './connection-state';
import { RUN_EVIDENCE_CAP } from './position-tracking';
import { credentialsOf, describeCredentials } from './url-parts';

/** Attempts of one session within this window (ms) are counted by the storm rule (docs/design.md#reconnects-and-backoff: "more than 10 attempts … within 60 s"). */
export const STORM_WINDOW_MS = 60000;
/** More than this many attempts within {@link STORM_WINDOW_MS} is a storm. */
export const STORM_MAX_ATTEMPTS = 10;

/** This many attempts in a row with the same delay are a fixed schedule (docs/design.md#reconnects-and-backoff). */
export const NO_JITTER_MIN_ATTEMPTS = 3;
/** "The same delay": within this fraction of the run's first delay. */
export const NO_JITTER_TOLERANCE = 0.02;
/** Delays below this (ms) are immediate retries, not a schedule: network timing dominates them. */
export const NO_JITTER_MIN_DELAY_MS = 250;

/**
 * `reconnect-no-jitter`: extends the session's run of attempts whose delay is within 2 % of the
 * run's first; at the third, one finding for the run (its message and evidence grow with it),
 * and the run's `reconnect-too-slow` findings are withdrawn — the fixed schedule explains them.
 * @returns the run this attempt belongs to, or undefined for an immediate retry
 */
function fixedSchedule(st: PassState, s: SessionState, a: AttemptInfo, delay: number): FixedRun | undefined {
  if (delay < NO_JITTER_MIN_DELAY_MS) {
    s.fixedRun = undefined;
    return undefined;
  }
  let run = s.fixedRun;
  if (!run || Math.abs(delay - run.delayMs) > NO_JITTER_TOLERANCE * run.delayMs) {
    run = { delayMs: delay, count: 0, maxDevMs: 0, evidence: [], tooSlow: [] };
    s.fixedRun = run;
  }
  run.count++;
  run.maxDevMs = Math.max(run.maxDevMs, Math.abs(delay - run.delayMs));
  if (run.evidence.length < RUN_EVIDENCE_CAP) run.evidence.push(a.seq);
  if (run.count < NO_JITTER_MIN_ATTEMPTS) return run;
  const ctx = st.ctx;
  if (!run.finding) {
    run.finding = ctx.emit('reconnect-no-jitter', a.t, a.seq, [], '', a.conn);
    for (const f of run.tooSlow) {
      const i = ctx.findings.indexOf(f);
      if (i >= 0) ctx.findings.splice(i, 1);
    }
  }
  run.finding.evidence = run.evidence.slice();
  const spread = run.maxDevMs < 1 ? 'to the millisecond' : `within ${formatDuration(run.maxDevMs)}`;
  run.finding.message = `${run.count} reconnect attempts in a row to ${s.info.key} each came ${formatDuration(run.delayMs)} after the previous close (${spread}): a fixed retry schedule without jitter`;
  return run;
}

/**
 * Records connection `c` (its `ws-create` is `e`) as a reconnect attempt after `prev` in
 * session `s` — delay (ms) = create t − previous close t, failure streak k, expected E,
 * verdict — and applies the reconnect rules.
 * @returns the delay in ms (undefined without a close event, HAR) and what ended `prev` ("1006"), for resume messages
 */
export function recordAttempt(st: PassState, c: ConnState, s: SessionState, prev: ConnState, e: WsCreateEvent): { delayMs: number | undefined; after: string } {
  const b = st.profile.backoff;
  const closed = prev.info.closed;
  // A sync that failed while no connection was open is a failed attempt too: a client that
  // backs off for it (k counts it, the delay runs from the failure) is right where the delay
  // from the close would be too slow. A client that does not is judged from the close as
  // before; how it paced the sync retries is the fail-sync recovery's `retried-sync`
  // (docs/design.md#reconnects-and-backoff).
  const syncs = s.failedSyncs;
  const failedSync = s.lastFailedSync;
  s.failedSyncs = 0;
  s.lastFailedSync = undefined;
  let k = s.streak;
  let delay = closed ? e.t - closed.t : undefined;
  let verdict = judgeDelay(delay, k, b);
  let lastSync: At | undefined;
  if (verdict === 'too-slow' && syncs > 0 && failedSync && judgeDelay(e.t - failedSync.t, k + syncs, b) === 'ok') {
    lastSync = failedSync;
    k += syncs;
    s.streak = k;
    delay = e.t - failedSync.t;
    verdict = 'ok';
  }
  const E = expectedDelayMs(k, b);
  const a: AttemptInfo = { seq: e.seq, t: e.t, conn: e.conn, session: s.info.key, previous: prev.info.id, expectedMs: E, k, verdict };
  if (closed) a.previousClose = closed.code;
  if (delay !== undefined) a.delayMs = delay;
  if (lastSync) {
    a.failedSyncs = syncs;
    a.failedSyncSeq = lastSync.seq;
  }
  c.info.attempt = st.attempts.length;
  st.attempts.push(a);
  const ctx = st.ctx;
  const ev = closed ? (lastSync ? [closed.seq, lastSync.seq, e.seq] : [closed.seq, e.seq]) : [e.seq];
  const after = closed ? (lastSync ? `the failed sync (after ${closed.code})` : String(closed.code)) : 'the previous connection ended';
  const counted = lastSync ? syncs : 0;
  const conns = k - counted;
  const failures = `${conns} failed connection${conns === 1 ? '' : 's'}${counted ? ` and ${counted} failed sync${counted === 1 ? '' : 's'}` : ''}`;

  const fixed = delay !== undefined ? fixedSchedule(st, s, a, delay) : undefined;
  if (verdict === 'too-fast' && delay !== undefined) {
    const [got, min] = fmtAgainst(delay, minDelayMs(k, b));
    ctx.emit('reconnect-storm', e.t, e.seq, ev, `reconnected ${got} after ${after} following ${failures}: expected about ${formatDuration(E)} (at least ${min})`, e.conn);
  } else if (verdict === 'too-slow' && delay !== undefined) {
    const which = k === 0 ? ' (first retry, expected immediately)' : ` following ${failures}`;
    const [got, max] = fmtAgainst(delay, maxDelayMs(k, b));
    // Within a fixed schedule, reconnect-no-jitter says it once (docs/design.md#reconnects-and-backoff).
    if (!fixed || fixed.count < NO_JITTER_MIN_ATTEMPTS) {
      const f = ctx.emit('reconnect-too-slow', e.t, e.seq, ev, `reconnected ${got} after ${after}${which}: expected about ${formatDuration(E)} (at most ${max})`, e.conn);
      fixed?.tooSlow.push(f);
    }
  }

  // More than 10 attempts within 60 s: once per burst.
  s.attemptT.push(e.t);
  s.attemptSeq.push(e.seq);
  while ((s.attemptT[s.stormFrom] as number) < e.t - STORM_WINDOW_MS) s.stormFrom++;
  const inWindow = s.attemptT.length - s.stormFrom;
  if (inWindow > STORM_MAX_ATTEMPTS) {
    if (!s.stormActive) {
      s.stormActive = true;
      const first = s.attemptT[s.stormFrom] as number;
      ctx.emit(
        'reconnect-storm',
        e.t,
        e.seq,
        s.attemptSeq.slice(s.stormFrom),
        `${inWindow} reconnect attempts to ${s.info.key} within ${formatDuration(e.t - first)} (more than ${STORM_MAX_ATTEMPTS} within ${formatDuration(STORM_WINDOW_MS)})`,
        e.conn,
      );
    }
  } else s.stormActive = false;

  if (closed?.fatal) {
    ctx.emit('reconnect-after-fatal', e.t, e.seq, ev, `reconnected ${formatDuration(delay ?? 0)} after close ${closeLabel(closed)}, a fatal close: reconnecting cannot help`, e.conn);
  }
  if (closed?.needsNewCredentials) {
    const before = credentialsOf(prev.info.url, st.credKeys);
    const now = credentialsOf(e.url, st.credKeys);
    if (before !== '' && before === now) {
      ctx.emit(
        'auth-retry-same-token',
        e.t,
        e.seq,
        [prev.info.created.seq, closed.seq, e.seq],
        `reconnected ${formatDuration(delay ?? 0)} after close ${closeLabel(closed)} with the same credentials (${describeCredentials(now)})`,
        e.conn,
      );
    }
  }
  return { delayMs: delay, after };
}
