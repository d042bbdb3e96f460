/**
 * Opaque cursors (docs/design.md#cursors-and-catch-up): with `position.opaque` the positions are
 * strings the server hands out, so only equality can be judged — `sync-cursor-mismatch` when a
 * sync of a resume carries a cursor other than the last one received before its window opened.
 * (`sync-skipped` and `sync-cursor-missing` apply as for numbers; stale / ahead never do.)
 */
import type { AnalysisContext } from './analysis-context';
import type { ResumeState } from './catch-up-state';
import { syncText } from './resume-rules';

/** `sync-cursor-mismatch` for each sync of `r` whose cursor text differs from the window's last cursor. */
export function judgeOpaqueCursors(ctx: AnalysisContext, r: ResumeState): void {
  const last = r.window.lastToken;
  if (last === undefined) return;
  for (const { info: s } of r.window.syncs) {
    if (!s.hasCursor || s.cursorText === undefined || s.cursorText === last) continue;
    ctx.emit(
      'sync-cursor-mismatch',
      s.t,
      s.seq,
      [r.window.open.seq, s.seq],
      `${syncText(ctx, s.kind, s.url, s.cursorText)} but the last ${ctx.positionName} received was ${last}: the server resumes from another point`,
      r.conn.info.id,
      s.req,
    );
  }
}
