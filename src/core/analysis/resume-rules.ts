/**
 * Judging a resume when its sync window closes (docs/design.md#analysis "Resume" and the codes
 * `sync-skipped`, `sync-late`, `sync-cursor-stale`, `sync-cursor-ahead`, `sync-failed`;
 * seed page "Reconnect strategy" step 3 and "Stream-position tracking").
 */
import type { AnalysisContext } from './analysis-context';
import type { ResumeState, SyncState } from './analyzer-state';
import { judgeOpaqueCursors } from './cursor-rules';
import { fmtDuration } from './format';

/**
 * Applies the sync rules to a resume whose window just closed (at its connection's end or the
 * end of the trace). "Before" follows `seq`: a sync counts as before the first data frame when
 * its request/frame `seq` is lower.
 * - no sync in the window and a first data frame → `sync-skipped` (at the first data frame);
 * - syncs only after the first data frame → `sync-late` (at the first of them);
 * - each sync with a numeric cursor below / above the last position when the window opened →
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
        `${syncText(ctx, s.kind, s.url, s.cursorText)} started ${fmtDuration(s.t - first.t)} after the first ${pos} (${first.position}) of the resumed connection ${String(connId)}`,
        connId,
        s.req,
      );
    }
  }

  if (L !== undefined) {
    for (const { info: s } of syncs) {
      if (s.cursor === undefined) continue;
      if (s.cursor < L) {
        ctx.emit(
          'sync-cursor-stale',
          s.t,
          s.seq,
          [r.window.open.seq, s.seq],
          `${syncText(ctx, s.kind, s.url, s.cursorText)} but the last ${pos} was ${L} when the window opened: events after ${s.cursor} up to ${L} will replay`,
          connId,
          s.req,
        );
      } else if (s.cursor > L) {
        ctx.emit(
          'sync-cursor-ahead',
          s.t,
          s.seq,
          [r.window.open.seq, s.seq],
          `${syncText(ctx, s.kind, s.url, s.cursorText)} but the last ${pos} was ${L} when the window opened: events after ${L} up to ${s.cursor} are never fetched`,
          connId,
          s.req,
        );
      }
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
  return `reconnected ${fmtDuration(r.delayMs)} after ${r.after} and`;
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
