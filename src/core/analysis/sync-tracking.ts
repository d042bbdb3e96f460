/**
 * Catch-up syncs (docs/design.md#profile-fields `sync`, docs/design.md#positions-and-resumes): HTTP requests to `sync.urlPath` and
 * in-band sync frames, their outcome and response positions (which raise the last position
 * and may fill position gaps), `sync-cursor-missing`; every sync is handed to the sync windows
 * open at its start (judged when a resume's window closes, `resume-rules`).
 */
import type { HttpErrorEvent, HttpRequestEvent, HttpResponseEvent, WsCreateEvent, WsSendEvent } from '../events';
import type { PendingGap, SyncState } from './catch-up-state';
import type { PassState } from './pass-state';
import { queryParam } from '../redact';
import { readBodyCursor, readSyncCursor, syncResponsePositions } from './sync-http';
import { headShortfall, partialReason, raiseWindowRefs, syncRefFor } from './catch-up-rules';
import type { SyncInfo } from './types';
import { urlPath } from './url-parts';

/** `http-request`: a sync when its URL path equals `sync.urlPath`; its cursor read from `sync.param`. */
export function onHttpRequest(st: PassState, e: HttpRequestEvent): void {
  const path = st.ctx.syncPath;
  if (path === undefined || urlPath(e.url) !== path) return;
  const ctx = st.ctx;
  const cur = ctx.syncParam || !ctx.syncBodyPath ? readSyncCursor(e.url, ctx.syncParam) : readBodyCursor(e.body, ctx.syncBodyPath);
  const info: SyncInfo = { kind: 'http', seq: e.seq, t: e.t, req: e.req, url: e.url, method: e.method, hasCursor: cur.hasCursor, outcome: 'pending' };
  if (cur.text !== undefined) info.cursorText = cur.text;
  if (cur.value !== undefined && !ctx.opaque) info.cursor = cur.value;
  // A body cursor cannot be missing when the body was not recorded.
  st.syncByReq.set(e.req, addSync(st, info, ctx.syncParam !== undefined || (ctx.syncBodyPath !== undefined && e.body !== undefined)));
}

/**
 * The resuming socket's own URL as its sync (`sync.resumeParam`, docs/design.md#cursors-and-catch-up):
 * a `ws-create` whose URL has the parameter is a sync of that connection (an empty value is a
 * missing cursor); without the parameter there is none, so a resume without it is `sync-skipped`.
 */
export function onResumeUrl(st: PassState, e: WsCreateEvent): void {
  const param = st.ctx.resumeParam!;
  if (queryParam(e.url, param) === undefined) return;
  const cur = readSyncCursor(e.url, param);
  const info: SyncInfo = { kind: 'url', seq: e.seq, t: e.t, conn: e.conn, url: e.url, hasCursor: cur.hasCursor, outcome: 'ok', done: { seq: e.seq, t: e.t } };
  if (cur.text !== undefined) info.cursorText = cur.text;
  if (cur.value !== undefined && !st.ctx.opaque) info.cursor = cur.value;
  addSync(st, info, true);
}

/** An outbound frame classified `sync` (in-band resume) carrying `cursor` (or opaque `token`; undefined when absent). */
export function onSyncFrame(st: PassState, e: WsSendEvent, cursor: number | undefined, token?: string): void {
  const info: SyncInfo = { kind: 'frame', seq: e.seq, t: e.t, conn: e.conn, hasCursor: cursor !== undefined || token !== undefined, outcome: 'ok', done: { seq: e.seq, t: e.t } };
  if (cursor !== undefined) {
    info.cursor = cursor;
    info.cursorText = String(cursor);
  } else if (token !== undefined) info.cursorText = token;
  addSync(st, info, true);
}

/**
 * Records a sync, hands it to the open windows it counts for, and emits `sync-cursor-missing` when it has
 * no cursor while a last position exists (the client had one to send).
 */
function addSync(st: PassState, info: SyncInfo, canMiss: boolean): SyncState {
  const s: SyncState = { info, index: st.syncs.length };
  st.syncs.push(s);
  // An HTTP sync counts for every open window; an in-band sync frame or reconnect URL only for the resume of its own connection.
  for (const w of st.openWindows) {
    if (info.kind === 'http' || (w.resume !== undefined && w.resume.conn.info.id === info.conn)) {
      w.refs.set(s, syncRefFor(w, s));
      w.syncs.push(s);
    }
  }
  const last = st.lastText();
  if (!info.hasCursor && last !== undefined && canMiss) {
    const ctx = st.ctx;
    const what =
      info.kind === 'http'
        ? `${info.method ?? 'GET'} ${ctx.syncPath ?? ''} without ${ctx.syncParam ? `${ctx.syncParam}=` : `${ctx.syncBodyPath ?? 'a cursor'} in its body`}`
        : info.kind === 'url'
          ? `reconnect URL with an empty ${ctx.resumeParam}=`
          : `sync frame without ${st.profile.sync?.cursorPath ?? 'a cursor'}`;
    ctx.emit('sync-cursor-missing', info.t, info.seq, [info.seq], `${what} while the last ${ctx.positionName} was ${last}: expected ${ctx.syncLabel(last)}`, info.conn, info.req);
  }
  return s;
}

/**
 * `http-response` of a sync: 2xx is `ok` (its `responsePositions` raise the last position and
 * can fill pending gaps), anything else `failed`.
 */
export function onHttpResponse(st: PassState, e: HttpResponseEvent): void {
  const s = st.syncByReq.get(e.req);
  if (!s) return;
  const info = s.info;
  info.status = e.status;
  info.done = { seq: e.seq, t: e.t };
  const ok = e.status >= 200 && e.status < 300;
  info.outcome = ok ? 'ok' : 'failed';
  if (!ok) {
    failedAttempt(st, info);
    return;
  }
  const range = syncResponsePositions(e.body, st.ctx.syncResponsePositions);
  if (range) {
    info.positions = range;
    if (st.lastPosition === undefined || range.max > st.lastPosition) {
      st.lastPosition = range.max;
      st.lastPosSeq = e.seq;
    }
    st.positions.push(e.seq, e.t, range.max, 1, e.req);
    raiseWindowRefs(st, s, range.max);
  }
  const partial = partialReason(e.body, st.profile.sync?.partial) ?? headShortfall(st, s);
  if (partial !== undefined) info.partial = partial;
  // A gap (from, to) is filled by a response covering from+1 … to−1, or — body not recorded —
  // by a successful sync whose cursor is at or before `from`.
  for (let i = st.pendingGaps.length - 1; i >= 0; i--) {
    const g = st.pendingGaps[i] as PendingGap;
    const filled = range ? range.min <= g.from + 1 && range.max >= g.to - 1 : info.cursor !== undefined && info.cursor <= g.from;
    if (filled) st.pendingGaps.splice(i, 1);
  }
}

/** `http-error` of a sync: `failed`. */
export function onHttpError(st: PassState, e: HttpErrorEvent): void {
  const s = st.syncByReq.get(e.req);
  if (!s) return;
  s.info.outcome = 'failed';
  s.info.error = e.error;
  s.info.done = { seq: e.seq, t: e.t };
  failedAttempt(st, s.info);
}

/**
 * A sync that failed while a session had no connection (it started after the session's last
 * connection ended) is a failed attempt of that session: the next reconnect's failure streak
 * counts it and its delay runs from the failure (docs/design.md#reconnects-and-backoff).
 */
function failedAttempt(st: PassState, info: SyncInfo): void {
  if (!info.done) return;
  for (const s of st.sessions.values()) {
    const last = s.lastEnded;
    if (s.alive.length > 0 || !last || info.t < last.info.end.t) continue;
    s.failedSyncs++;
    s.lastFailedSync = info.done;
  }
}
