/**
 * Recovery steps of a `fail-sync` fault (docs/design.md#recovery-records): `retried-sync` (the
 * failed sync is retried with the profile's backoff until one succeeds) and
 * `no-stale-processing` (no data frame reaches a connection opened after the failure before a
 * sync succeeded). The backoff of a retry is judged like a reconnect attempt
 * (docs/design.md#reconnects-and-backoff) with k = the failed syncs in a row before it;
 * `sync-failed` (docs/design.md#positions-and-resumes) fails `no-stale-processing`.
 * Times in ms since the epoch, durations in ms.
 */
import type { ConnId } from '../events';
import { formatDuration } from '../format';
import { expectedDelayMs, judgeDelay, maxDelayMs, minDelayMs } from './backoff';
import type { SyncState } from './catch-up-state';
import { POSITION_SOURCE_CODE } from './position-track';
import { step, type FaultNote, type RecoveryContext } from './recovery-context';
import type { RecoveryStep } from './recovery-types';
import { syncText } from './resume-rules';

function label(rc: RecoveryContext, s: SyncState): string {
  return syncText(rc.st.ctx, s.info.kind, s.info.url, s.info.cursorText);
}

/** The steps of the fail-sync `note`. */
export function failSyncSteps(rc: RecoveryContext, note: FaultNote, out: RecoveryStep[]): void {
  const f = note.e;
  const count = f.count ?? 1;
  const after = rc.st.syncs.filter((s) => s.info.kind === 'http' && s.info.seq > f.seq);
  const failed = after.slice(0, count).filter((s) => s.info.outcome === 'failed');
  const firstFailed = failed[0];
  if (!firstFailed) {
    out.push(step('retried-sync', null, `no sync request failed after the fault by the end of the trace (${formatDuration(rc.end - f.t)} later): nothing to retry`, [f.seq]));
    return;
  }
  const ok = after.find((s) => s.info.seq > firstFailed.info.seq && s.info.outcome === 'ok');
  out.push(retryStep(rc, after, firstFailed, ok));
  out.push(staleStep(rc, failed, firstFailed, ok));
}

function retryStep(rc: RecoveryContext, after: readonly SyncState[], firstFailed: SyncState, ok: SyncState | undefined): RecoveryStep {
  const b = rc.st.profile.backoff;
  let k = 0;
  let prev: SyncState | undefined;
  let firstRetry: { delayMs: number; expectedMs: number } | undefined;
  for (const s of after) {
    if (s.info.seq < firstFailed.info.seq) continue;
    if (prev) {
      const delay = s.info.t - (prev.info.done?.t ?? prev.info.t);
      firstRetry ??= { delayMs: delay, expectedMs: expectedDelayMs(k, b) };
      const verdict = judgeDelay(delay, k, b);
      if (verdict !== 'ok') {
        return step(
          'retried-sync',
          false,
          `${label(rc, s)} retried ${formatDuration(delay)} after ${k} failed sync${k === 1 ? '' : 's'} in a row: ${verdict === 'too-fast' ? 'too fast' : 'too slow'}, expected about ${formatDuration(expectedDelayMs(k, b))} (between ${formatDuration(minDelayMs(k, b))} and ${formatDuration(maxDelayMs(k, b))})`,
          [prev.info.done?.seq, s.info.seq],
          { delayMs: delay, expectedMs: expectedDelayMs(k, b), k, minMs: minDelayMs(k, b), maxMs: maxDelayMs(k, b) },
        );
      }
    }
    if (s === ok) break;
    if (s.info.outcome === 'failed') k++;
    else if (s.info.outcome === 'pending') break;
    prev = s;
  }
  if (ok) {
    const n: Record<string, number> = { failures: k, retries: k, untilOkMs: (ok.info.done?.t ?? ok.info.t) - firstFailed.info.t };
    if (firstRetry) Object.assign(n, firstRetry);
    return step('retried-sync', true, `${label(rc, ok)} succeeded after ${k} failed sync${k === 1 ? '' : 's'}, ${formatDuration(n.untilOkMs as number)} after the first failure, each retry within its backoff`, [firstFailed.info.seq, firstFailed.info.done?.seq, ok.info.seq, ok.info.done?.seq], n);
  }
  const last = prev ?? firstFailed;
  const lastT = last.info.done?.t ?? last.info.t;
  const remaining = rc.end - lastT;
  const limit = maxDelayMs(k, b);
  const ev = [firstFailed.info.seq, last.info.seq, last.info.done?.seq];
  if (remaining > limit) {
    return step('retried-sync', false, `no sync succeeded: after ${k} failed sync${k === 1 ? '' : 's'} no retry followed in the remaining ${formatDuration(remaining)} (a retry was due within ${formatDuration(limit)}): the client gave up`, ev, { failures: k, remainingMs: remaining, limitMs: limit });
  }
  return step('retried-sync', null, `the trace ended ${formatDuration(remaining)} after the last failed sync, before a retry was due (within ${formatDuration(limit)}): record ${formatDuration(limit - remaining)} longer`, ev, { failures: k, remainingMs: remaining, neededMs: limit });
}

function staleStep(rc: RecoveryContext, failed: readonly SyncState[], firstFailed: SyncState, ok: SyncState | undefined): RecoveryStep {
  const failedSeqs = new Set(failed.map((s) => s.info.seq));
  const f = rc.findings.find('sync-failed', (x) => x.evidence.some((e) => failedSeqs.has(e)));
  const from = firstFailed.info.seq;
  const until = ok?.info.done?.seq ?? Infinity;
  const tr = rc.st.positions;
  let frames = 0;
  let first: { seq: number; position: number } | undefined;
  for (let i = 0; i < tr.length; i++) {
    const seq = tr.seq[i] as number;
    if (seq <= from || seq >= until || tr.source[i] !== POSITION_SOURCE_CODE.frame) continue;
    const conn = rc.st.conns.get(tr.owner[i] as ConnId);
    if (!conn || conn.info.created.seq <= from) continue;
    frames++;
    first ??= { seq, position: tr.position[i] as number };
  }
  if (f || first) {
    const n: Record<string, number> = { frames };
    if (first) n.firstPosition = first.position;
    const msg = first ? `${frames} data frame${frames === 1 ? '' : 's'} (from ${rc.st.ctx.positionName} ${first.position}) reached a connection opened after the failed sync before any sync succeeded` : '';
    return step('no-stale-processing', false, f?.message ?? msg, [...(f?.evidence ?? []), from, first?.seq], n);
  }
  if (ok) return step('no-stale-processing', true, `no data frame before ${label(rc, ok)} succeeded`, [from, ok.info.done?.seq], { frames: 0 });
  return step('no-stale-processing', null, `no sync succeeded and no data frame arrived by the end of the trace`, [from], { frames: 0 });
}
