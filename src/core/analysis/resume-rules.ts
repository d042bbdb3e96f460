/**
 * Judging a resume when its sync window closes (docs/design.md#positions-and-resumes and the codes
 * `sync-skipped`, `sync-late`, `sync-cursor-stale`, `sync-cursor-ahead`, `sync-failed`;
 * the ScaiWave troubleshooting page's "Reconnect strategy" step 3 and "Stream-position tracking").
 */
import type { AnalysisContext } from './analysis-context';
import type { ResumeState, SyncState } from './catch-up-state';
import { judgeOpaqueCursors } from './cursor-rules';
import { formatDuration } from '../format';

/**
 * Applies the sync rules to a resume whose window just closed (at its connection's end or the
 * end of the trace). "Before" follows `seq`: a sync counts as before the first data frame when
 * its request/frame `seq` is lower.
 * - no sync in the window and a first data frame → `sync-skipped` (at the first data frame);
 * - syncs only after the first data frame → `sync-late` (at the first of them);
 * - each sync with a numeric cursor below / above the last position when it started (the
 *   window's, raised by earlier pages, reset by a new epoch: docs/design.md#catch-up-rules) →
 *   `sync-cursor-stale` / `sync-cursor-ahead` (equal is right);
 * - a failed sync, no successful one in the window, and the resume got data → `sync-failed`.
 */
export function judgeResume(ctx: AnalysisContext, r: ResumeState): void {
  const syncs = r.window.syncs;
  const first = r.info.firstData;
  const connId = r.conn.info.id;
  const L = r.window.lastPosition;
  const pos = ctx.positionName;
  if (ctx.opaque) judgeOpaqueCursors(ctx, r);

  if (first && !r.fresh) {
    let before = 0;
    let firstAfter: SyncState | undefined;
    for (const s of syncs) {
      if (s.info.seq < first.seq) before++;
      else if (!firstAfter) firstAfter = s;
    }
    if (syncs.length === 0) {
      ctx.emit(
        'sync-skipped',
        first.t,
        first.seq,
        [r.window.open.seq, r.conn.info.created.seq, first.seq],
        `${resumeLead(r)} received ${pos} ${first.position} without ${ctx.syncLabel(L ?? r.window.lastToken)}`,
        connId,
      );
    } else if (before === 0 && firstAfter) {
      const s = firstAfter.info;
      ctx.emit(
        'sync-late',
        s.t,
        s.seq,
        [first.seq, s.seq],
        `${syncText(ctx, s.kind, s.url, s.cursorText)} started ${formatDuration(s.t - first.t)} after the first ${pos} (${first.position}) of the resumed connection ${String(connId)}`,
        connId,
        s.req,
      );
    }
  }

  // Each sync against the last position when it started (docs/design.md#catch-up-rules).
  for (const sync of syncs) {
    const s = sync.info;
    const j = r.window.refs.get(sync) ?? { ref: L };
    const ref = j.ref;
    if (s.cursor === undefined || ref === undefined) continue;
    const when = j.note === undefined ? 'when the window opened' : `when it started (${j.note})`;
    if (s.cursor < ref) {
      ctx.emit(
        'sync-cursor-stale',
        s.t,
        s.seq,
        [r.window.open.seq, s.seq],
        `${syncText(ctx, s.kind, s.url, s.cursorText)} but the last ${pos} was ${ref} ${when}: events after ${s.cursor} up to ${ref} will replay`,
        connId,
        s.req,
      );
    } else if (s.cursor > ref) {
      ctx.emit(
        'sync-cursor-ahead',
        s.t,
        s.seq,
        [r.window.open.seq, s.seq],
        `${syncText(ctx, s.kind, s.url, s.cursorText)} but the last ${pos} was ${ref} ${when}: events after ${ref} up to ${s.cursor} are never fetched`,
        connId,
        s.req,
      );
    }
  }

  if (first) {
    let lastFailed: SyncState | undefined;
    let anyOk = false;
    for (const s of syncs) {
      if (s.info.outcome === 'failed') lastFailed = s;
      else if (s.info.outcome === 'ok') anyOk = true;
    }
    if (lastFailed && !anyOk) {
      const s = lastFailed.info;
      const done = s.done ?? { seq: s.seq, t: s.t };
      const why = s.status !== undefined ? `HTTP ${s.status}` : s.error ? `network error: ${s.error}` : 'failed';
      ctx.emit(
        'sync-failed',
        done.t,
        done.seq,
        [s.seq, done.seq, first.seq],
        `${syncText(ctx, s.kind, s.url, s.cursorText)} failed (${why}) and connection ${String(connId)} resumed at ${pos} ${first.position} without a successful retry`,
        connId,
        s.req,
      );
    }
  }
}

/** "reconnected 1.0 s after 1006 and" / "after page navigation, connection 7" — the lead of a sync-skipped message. */
function resumeLead(r: ResumeState): string {
  if (r.info.trigger === 'navigation') return `after a page navigation, connection ${String(r.conn.info.id)}`;
  if (r.delayMs === undefined) return `reconnected (no close recorded) and`;
  return `reconnected ${formatDuration(r.delayMs)} after ${r.after} and`;
}

/** "GET /v1/sync?since=40" (as requested), "sync frame with d.seq=40" or "reconnect URL with resume=abc". */
export function syncText(ctx: AnalysisContext, kind: 'http' | 'frame' | 'url', url: string | undefined, cursorText: string | undefined): string {
  if (kind === 'url') return `reconnect URL with ${ctx.resumeParam ?? 'cursor'}=${cursorText ?? '(none)'}`;
  if (kind === 'http' && ctx.syncBodyPath && !ctx.syncParam) return `POST ${ctx.syncPath ?? url ?? 'sync'} with ${ctx.syncBodyPath}=${cursorText ?? '(none)'}`;
  if (kind === 'http') {
    const path = ctx.syncPath ?? (url ?? 'sync');
    if (cursorText === undefined) return `GET ${path}`;
    return `GET ${path}?${ctx.syncParam ?? 'cursor'}=${cursorText}`;
  }
  return `sync frame with ${ctx.profile.sync?.cursorPath ?? 'cursor'}=${cursorText ?? '(none)'}`;
}
