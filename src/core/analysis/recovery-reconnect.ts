/**
 * Recovery steps after a close (docs/design.md#recovery-records): `reconnected`,
 * `reconnect-delay` and `auth-handled`, from the reconnect attempts of
 * docs/design.md#reconnects-and-backoff and the session-end rules of
 * docs/design.md#fatal-closes-and-credentials — a step fails exactly when the matching finding
 * (`no-reconnect`, `reconnect-after-fatal`, `auth-retry-same-token`) fired, or an attempt's
 * delay verdict is `too-fast`/`too-slow`. Times in ms since the epoch, durations in ms.
 */
import { formatDuration } from '../format';
import { maxDelayMs, minDelayMs } from './backoff';
import { closeLabel } from './close-rules';
import type { ConnState } from './connection-state';
import { step, type RecoveryContext } from './recovery-context';
import type { RecoveryStep } from './recovery-types';
import { DELIBERATE_END_CODES } from './session-end-rules';
import type { AttemptInfo } from './types';
import { credentialsOf } from './url-parts';

/**
 * The connections of `c`'s session created after `afterSeq`, in creation order, up to and
 * including the first one that opened: the client's way back.
 */
export function wayBack(rc: RecoveryContext, c: ConnState, afterSeq: number): ConnState[] {
  const out: ConnState[] = [];
  for (const o of rc.st.connList) {
    if (o === c || o.sess !== c.sess || o.info.created.seq <= afterSeq) continue;
    out.push(o);
    if (o.info.opened) break;
  }
  return out;
}

/** The reconnect attempts among `chain` (connections that are not attempts, e.g. duplicates, are left out). */
function attemptsOf(rc: RecoveryContext, chain: readonly ConnState[]): AttemptInfo[] {
  const out: AttemptInfo[] = [];
  for (const o of chain) {
    const i = o.info.attempt;
    if (i !== undefined) out.push(rc.st.attempts[i] as AttemptInfo);
  }
  return out;
}

/**
 * The steps after `c` closed (`c.info.closed` set): a fatal close expects no reconnect; an
 * auth close (`fatalUnlessNewCredentials` or kind `auth`) expects new credentials or a stop
 * (`auth-handled`); any other close expects a reconnect (`reconnected`) with the profile's
 * backoff (`reconnect-delay`).
 * @param chain the way back (see {@link wayBack}); may be empty
 * @returns the connection that opened again, if any (for the catch-up steps)
 */
export function reconnectSteps(rc: RecoveryContext, c: ConnState, chain: readonly ConnState[], out: RecoveryStep[]): ConnState | undefined {
  const closed = c.info.closed;
  if (!closed) {
    out.push(step('reconnected', null, `connection ${String(c.info.id)} had not closed by the end of the trace`, [c.info.created.seq]));
    return undefined;
  }
  const id = String(c.info.id);
  if (closed.fatal) {
    const next = chain[0];
    if (!next) {
      out.push(step('reconnected', true, `no reconnect after close ${closeLabel(closed)}, a fatal close: right`, [closed.seq]));
    } else {
      const f = rc.findings.find('reconnect-after-fatal', (x) => x.conn === next.info.id);
      out.push(step('reconnected', false, f?.message ?? `reconnected after close ${closeLabel(closed)}, a fatal close`, f?.evidence ?? [closed.seq, next.info.created.seq]));
    }
    return undefined;
  }
  const auth = closed.needsNewCredentials || closed.kind === 'auth';
  if (auth && !authStep(rc, c, chain, out)) return undefined;
  const opened = chain.find((o) => o.info.opened !== undefined);
  if (!auth) {
    if (opened?.info.opened) {
      const first = chain[0] as ConnState;
      const from = c.info.closeCall?.t ?? closed.t; // the page's own close() when it made one
      const delay = Math.max(0, first.info.created.t - from);
      const n = chain.length;
      out.push(
        step(
          'reconnected',
          true,
          `connection ${String(opened.info.id)} opened ${formatDuration(opened.info.opened.t - from)} after connection ${id} ${c.info.closeCall ? 'was closed by the page with' : 'closed'} ${closed.code} (${n} attempt${n === 1 ? '' : 's'}, the first after ${formatDuration(delay)})`,
          [closed.seq, ...chain.map((o) => o.info.created.seq), opened.info.opened.seq],
          { delayMs: delay, openMs: opened.info.opened.t - from, attempts: n },
        ),
      );
    } else out.push(notReconnected(rc, c, chain));
  }
  const delay = delayStep(rc, chain);
  if (delay) out.push(delay);
  return opened;
}

/** `reconnected` when no connection of the way back opened: failed (`no-reconnect`), or inconclusive with the time the trace lacked. */
function notReconnected(rc: RecoveryContext, c: ConnState, chain: readonly ConnState[]): RecoveryStep {
  const lastC = chain[chain.length - 1] ?? c;
  const lc = lastC.info.closed;
  const ev = [c.info.closed?.seq, ...chain.map((o) => o.info.created.seq)];
  const gaveUp = rc.findings.find('no-reconnect', (f) => f.conn === lastC.info.id);
  const limit = maxDelayMs(lastC.sess.streak, rc.st.profile.backoff);
  if (gaveUp) return step('reconnected', false, gaveUp.message, [...ev, ...gaveUp.evidence], { remainingMs: rc.end - (lc?.t ?? rc.end), limitMs: limit });
  if (!lc) return step('reconnected', null, `connection ${String(lastC.info.id)} was still connecting when the trace ended`, ev);
  if (DELIBERATE_END_CODES.has(lc.code)) return step('reconnected', true, `no reconnect after close ${closeLabel(lc)}: a deliberate end, none expected`, ev);
  if (lastC.info.end.cause !== 'close' || (lastC.info.closeCall !== undefined && lastC.info.closeCall.failureSign === undefined)) {
    return step('reconnected', null, `no reconnect after connection ${String(lastC.info.id)} closed ${lc.code}, and nothing to judge it by (the page closed it itself or navigated)`, ev);
  }
  const remaining = rc.end - lc.t;
  return step(
    'reconnected',
    null,
    `the trace ended ${formatDuration(remaining)} after connection ${String(lastC.info.id)} closed ${lc.code}, before a retry was due (within ${formatDuration(limit)}): record ${formatDuration(limit - remaining)} longer`,
    ev,
    { remainingMs: remaining, neededMs: limit },
  );
}

/** `reconnect-delay` over the attempts of the way back: the first `too-fast`/`too-slow` one fails it. */
function delayStep(rc: RecoveryContext, chain: readonly ConnState[]): RecoveryStep | undefined {
  const attempts = attemptsOf(rc, chain);
  if (attempts.length === 0) return undefined;
  const b = rc.st.profile.backoff;
  const closeSeq = (a: AttemptInfo) => rc.st.conns.get(a.previous)?.info.closed?.seq;
  const nums = (a: AttemptInfo) => ({ delayMs: a.delayMs ?? NaN, expectedMs: a.expectedMs, k: a.k, minMs: minDelayMs(a.k, b), maxMs: maxDelayMs(a.k, b) });
  const bad = attempts.find((a) => a.verdict === 'too-fast' || a.verdict === 'too-slow');
  if (bad) {
    const range = `between ${formatDuration(minDelayMs(bad.k, b))} and ${formatDuration(maxDelayMs(bad.k, b))}`;
    return step(
      'reconnect-delay',
      false,
      `connection ${String(bad.conn)} came ${formatDuration(bad.delayMs ?? 0)} after ${bad.failedSyncs ? `the failed sync (after close ${bad.previousClose ?? ''})` : `close ${bad.previousClose ?? ''}`} with ${failuresText(bad)} before it: ${bad.verdict === 'too-fast' ? 'too fast' : 'too slow'}, expected about ${formatDuration(bad.expectedMs)} (${range})`,
      [closeSeq(bad), bad.seq],
      nums(bad),
    );
  }
  const unknown = attempts.find((a) => a.verdict === 'unknown');
  if (unknown) return step('reconnect-delay', null, `connection ${String(unknown.conn)} has no close to measure its delay from`, [unknown.seq], nums(unknown));
  const a = attempts[0] as AttemptInfo;
  const more = attempts.length > 1 ? ` (and ${attempts.length - 1} later attempt${attempts.length === 2 ? '' : 's'} within their backoff)` : '';
  return step('reconnect-delay', true, `connection ${String(a.conn)} came ${formatDuration(a.delayMs ?? 0)} after ${a.failedSyncs ? 'the failed sync' : 'the close'}: expected about ${formatDuration(a.expectedMs)} (at most ${formatDuration(maxDelayMs(a.k, b))})${more}`, [closeSeq(a), ...attempts.map((x) => x.seq)], nums(a));
}

/**
 * `auth-handled` after an auth close of `c`: the next attempt must carry new credentials
 * (`auth-retry-same-token` fails it), or the client stops (no attempt while the trace ran past
 * the latest retry, 1.5 × expected delay + 1 s).
 * @returns true when a reconnect followed (its delay and catch-up are judged next)
 */
function authStep(rc: RecoveryContext, c: ConnState, chain: readonly ConnState[], out: RecoveryStep[]): boolean {
  const closed = c.info.closed!;
  const next = chain[0];
  if (!next) {
    const remaining = rc.end - closed.t;
    const limit = maxDelayMs(c.sess.streak, rc.st.profile.backoff);
    if (remaining > limit) {
      out.push(step('auth-handled', true, `stopped after close ${closeLabel(closed)}: no attempt with the same credentials in the remaining ${formatDuration(remaining)}`, [closed.seq], { remainingMs: remaining, limitMs: limit }));
    } else {
      out.push(step('auth-handled', null, `the trace ended ${formatDuration(remaining)} after close ${closeLabel(closed)}, before a retry was due (within ${formatDuration(limit)}): record ${formatDuration(limit - remaining)} longer`, [closed.seq], { remainingMs: remaining, neededMs: limit }));
    }
    return false;
  }
  const delay = next.info.created.t - closed.t;
  const same = rc.findings.find('auth-retry-same-token', (f) => f.conn === next.info.id);
  if (same) {
    out.push(step('auth-handled', false, same.message, same.evidence, { delayMs: delay }));
    return true;
  }
  const before = credentialsOf(c.info.url, rc.st.credKeys);
  const now = credentialsOf(next.info.url, rc.st.credKeys);
  if (before === '' || now === '') {
    out.push(step('auth-handled', null, `reconnected ${formatDuration(delay)} after close ${closeLabel(closed)}, but the URLs carry no credentials to compare`, [closed.seq, next.info.created.seq], { delayMs: delay }));
  } else {
    out.push(step('auth-handled', true, `reconnected ${formatDuration(delay)} after close ${closeLabel(closed)} with new credentials`, [c.info.created.seq, closed.seq, next.info.created.seq], { delayMs: delay }));
  }
  return true;
}

/** "2 failed connections", or "0 failed connections and 1 failed sync" (an attempt's k, docs/design.md#reconnects-and-backoff). */
function failuresText(a: AttemptInfo): string {
  const syncs = a.failedSyncs ?? 0;
  const conns = a.k - syncs;
  return `${conns} failed connection${conns === 1 ? '' : 's'}${syncs ? ` and ${syncs} failed sync${syncs === 1 ? '' : 's'}` : ''}`;
}
