/**
 * Catch-up rules beyond the single sync (docs/design.md#catch-up-rules):
 * - a paged catch-up: each sync is judged against the last position known when it starts,
 *   counting earlier pages of the same window (a repeat of an earlier cursor is a retry and is
 *   judged like that earlier sync);
 * - a response that says it is partial (a truncated flag, `has_more`, a next cursor, or fewer
 *   positions than the resumed connection's hello head) and is not followed by another sync in
 *   its window: `sync-truncated`, with the number of positions lost;
 * - positions the catch-up delivered fill a live gap whichever comes first: a sync that
 *   answered before the live jump, or frames replayed in-band after it.
 * Times in ms since the epoch.
 */
import { getPathAll } from '../profile/match';
import type { PendingGap, ResumeState, SyncRef, SyncState, SyncWindow } from './catch-up-state';
import type { ConnState } from './connection-state';
import type { PassState } from './pass-state';
import { syncText } from './resume-rules';
import { POSITION_SOURCE_CODE } from './position-track';

/** What sync `s`, joining window `w` now, is judged against (docs/design.md#catch-up-rules). */
export function syncRefFor(w: SyncWindow, s: SyncState): SyncRef {
  const cursor = s.info.cursorText;
  if (cursor !== undefined) {
    for (const o of w.syncs) {
      const prev = w.refs.get(o);
      if (o !== s && prev && o.info.cursorText === cursor) return prev; // a retry of that sync
    }
  }
  return w.refNote === undefined ? { ref: w.ref } : { ref: w.ref, note: w.refNote };
}

/** A successful page up to `max`: later syncs of the windows holding `s` are judged from there. */
export function raiseWindowRefs(st: PassState, s: SyncState, max: number): void {
  for (const w of st.openWindows) {
    if (!w.syncs.includes(s) || (w.ref !== undefined && w.ref >= max)) continue;
    w.ref = max;
    w.refNote = `after an earlier page up to ${max}`;
  }
}

/**
 * Why a sync response says it is partial: the first `sync.partial` path holding `true`, a
 * non-empty string or a non-zero number ("has_more: true"), else undefined. Never throws.
 */
export function partialReason(body: string | undefined, paths: readonly string[] | undefined): string | undefined {
  if (!body || !paths || paths.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  for (const p of paths) {
    for (const v of getPathAll(parsed, p)) {
      if (v === true || (typeof v === 'string' && v !== '') || (typeof v === 'number' && v !== 0)) return `${p}: ${JSON.stringify(v)}`;
    }
  }
  return undefined;
}

/**
 * At a successful response of `s`: when no path says it is partial, the head announced by the
 * hello of a resumed connection waiting for it can (it returned positions up to below that head).
 */
export function headShortfall(st: PassState, s: SyncState): string | undefined {
  const range = s.info.positions;
  if (!range) return undefined;
  for (const w of st.openWindows) {
    const head = w.resume?.conn.info.hello?.position;
    if (w.syncs.includes(s) && head !== undefined && head > range.max) return `it ended at ${range.max}, below the head ${head} the hello announced`;
  }
  return undefined;
}

/**
 * `sync-truncated` for each partial response of resume `r`'s window that no later sync of the
 * window continued. The lost positions run to the first live position after it on the resumed
 * connection, else to the hello head; the live gap they leave is reported here, not again as
 * `position-gap`.
 */
export function judgeTruncation(st: PassState, r: ResumeState): void {
  const syncs = r.window.syncs;
  for (let i = 0; i < syncs.length; i++) {
    const s = (syncs[i] as SyncState).info;
    if (s.partial === undefined || s.outcome !== 'ok' || !s.done) continue;
    const doneSeq = s.done.seq;
    if (syncs.some((o) => o.info.seq > doneSeq)) continue;
    const from = s.positions?.max ?? s.cursor;
    const next = from === undefined ? undefined : firstLiveAbove(st, r.conn, doneSeq, from);
    const until = next ?? r.conn.info.hello?.position;
    let lost = 'an unknown number of positions lost';
    if (from !== undefined && until !== undefined && until > from) {
      const n = next !== undefined ? until - from - 1 : until - from;
      const last = next !== undefined ? until - 1 : until;
      lost = `${n} position${n === 1 ? '' : 's'} lost (${n === 1 ? last : `${from + 1}..${last}`})`;
      dropGap(st.pendingGaps, r.conn, from);
    }
    const got = s.positions ? `returned ${s.positions.min}..${s.positions.max}` : 'returned';
    st.ctx.emit(
      'sync-truncated',
      s.done.t,
      doneSeq,
      [s.seq, doneSeq],
      `${syncText(st.ctx, s.kind, s.url, s.cursorText)} ${got} and said it was partial (${s.partial}), and connection ${String(r.conn.info.id)} fetched no next page: ${lost}`,
      r.conn.info.id,
      s.req,
    );
  }
}

function firstLiveAbove(st: PassState, c: ConnState, afterSeq: number, above: number): number | undefined {
  const tr = st.positions;
  const frame = POSITION_SOURCE_CODE.frame;
  let lo = 0;
  let hi = tr.length; // first point after `afterSeq` (points are in seq order)
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tr.seq[mid] as number) <= afterSeq) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tr.length; i++) {
    if (tr.source[i] !== frame || tr.owner[i] !== c.info.id) continue;
    const p = tr.position[i] as number;
    if (p > above) return p;
  }
  return undefined;
}

function dropGap(gaps: PendingGap[], c: ConnState, from: number): void {
  for (let i = gaps.length - 1; i >= 0; i--) {
    const g = gaps[i] as PendingGap;
    if (g.conn === c && g.from >= from) gaps.splice(i, 1);
  }
}

/**
 * A live jump from `from` to `to` on `c` is already filled when a successful sync of its resume's
 * window answered before it with positions covering from+1 … to−1 (or, body not recorded,
 * with a cursor at or before `from`).
 */
export function filledBeforeJump(c: ConnState, from: number, to: number): boolean {
  const w = c.resume?.window;
  if (!w) return false;
  for (const { info } of w.syncs) {
    if (info.outcome !== 'ok') continue;
    const range = info.positions;
    if (range ? range.min <= from + 1 && range.max >= to - 1 : info.kind === 'http' && info.cursor !== undefined && info.cursor <= from) return true;
  }
  return false;
}

/**
 * A frame at position `p` below the last position that falls inside a pending live gap is the
 * catch-up replayed in-band, not a duplicate: it fills the gap (removed once full).
 * @returns true when `p` filled a gap
 */
export function fillsGap(gaps: PendingGap[], p: number): boolean {
  for (let i = gaps.length - 1; i >= 0; i--) {
    const g = gaps[i] as PendingGap;
    if (p <= g.from || p >= g.to) continue;
    g.filled++;
    if (g.filled >= g.to - g.from - 1) gaps.splice(i, 1);
    return true;
  }
  return false;
}
