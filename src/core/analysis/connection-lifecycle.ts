/**
 * Connection lifecycle (docs/design.md#order-sessions-and-connections, docs/design.md#reconnects-and-backoff,
 * docs/design.md#positions-and-resumes, docs/design.md#har-input):
 * what a `ws-create` is (first connection, duplicate, reconnect attempt, first after a
 * navigation), resumes and their sync windows, `ws-open` (`duplicate-connection`), and the end
 * of a connection's life (close, HAR end, navigation, end of trace).
 */
import type { WsCloseCallEvent, WsCreateEvent, WsOpenEvent } from '../events';
import type { ConnState, TwiceDelivered } from './connection-state';
import { SyncWindow, type ResumeState } from './catch-up-state';
import { formatDuration } from '../format';
import { heartbeatCadences, longInterval, pongMissing } from './heartbeat-tracking';
import type { PassState } from './pass-state';
import { markOpen } from './connection-state';
import { recordAttempt } from './reconnect-rules';
import { onResumeUrl } from './sync-tracking';
import { judgeResume } from './resume-rules';
import { judgeTruncation } from './catch-up-rules';
import type { ConnEndCause, ConnectionInfo } from './types';

/**
 * `ws-create`: classifies the new connection in its session —
 * - first after a `page-navigation` (a new document): not an attempt, failure streak reset;
 *   a resume from the navigation when a last position exists;
 * - created while another connection of the session is alive: a duplicate (`overlaps`);
 * - created after the previous one ended: a reconnect attempt, and a resume when a last
 *   position exists (window from the previous close, or — no close event, HAR — from here);
 * - else the session's first connection.
 * Resumes require the session to speak the profile (URL match, or a hello/heartbeat/position seen).
 */
export function onCreate(st: PassState, e: WsCreateEvent): void {
  const s = st.session(st.sessionKeyOf(e.url));
  if (!s.profiled && st.urlMatchesProfile(e.url)) s.profiled = true;
  const firstAfterNav = st.navEpoch > 0 && s.navEpoch !== st.navEpoch;
  s.navEpoch = st.navEpoch;
  const earlier = s.alive.length > 0 ? s.alive[s.alive.length - 1] : undefined;
  const prev = s.lastEnded;
  const pending = s.pending;
  s.pending = undefined;
  const c = st.addConn(e, s);

  if (firstAfterNav) {
    if (pending) st.closeWindow(pending);
    s.streak = 0;
    s.failedSyncs = 0;
    s.lastFailedSync = undefined;
    const nav = st.navWindow;
    if (nav && st.hasLast() && s.profiled) {
      const w = nav.fork();
      st.openWindow(w);
      startResume(st, c, 'navigation', w, undefined, 'page navigation');
    }
  } else if (earlier) {
    c.info.overlaps = earlier.info.id;
    if (pending) st.closeWindow(pending);
  } else if (prev) {
    const { delayMs, after } = isNewStart(prev) ? newStart(prev, e.t) : recordAttempt(st, c, s, prev, e);
    if (st.hasLast() && s.profiled) {
      let w = pending;
      if (!w) {
        w = new SyncWindow({ seq: e.seq, t: e.t, by: 'create' }, st.lastPosition);
        st.openWindow(w);
      }
      startResume(st, c, 'reconnect', w, delayMs, after);
    } else if (pending) st.closeWindow(pending);
  } else if (pending) {
    st.closeWindow(pending);
  }
  if (st.ctx.resumeParam) onResumeUrl(st, e);
}

/**
 * A connection after one the page closed itself with no failure sign is a new start
 * (docs/design.md#closes-the-page-asked-for): not a reconnect attempt, no backoff or storm
 * rules; resume and sync rules still apply.
 */
function isNewStart(prev: ConnState): boolean {
  const call = prev.info.closeCall;
  return call !== undefined && call.failureSign === undefined;
}

function newStart(prev: ConnState, t: number): { delayMs: number | undefined; after: string } {
  const closed = prev.info.closed;
  return { delayMs: closed ? t - closed.t : undefined, after: "the page's own close()" };
}

/**
 * `ws-close-call` (the page's `close()`, docs/design.md#closes-the-page-asked-for): the first call
 * that did not throw, before the close event, is recorded with the failure sign it followed —
 * an `error` event, a missed pong, a missed heartbeat or a silence past the heartbeat
 * interval (the last two only once the session has shown pings). From the call on, syncs no
 * longer count for the connection's own resume, and — when it is the session's only one — the
 * next resume's sync window opens here rather than at the close event.
 */
export function onCloseCall(st: PassState, e: WsCloseCallEvent): void {
  const c = st.connOf(e.conn, e);
  if (e.error !== undefined || c.info.closeCall || c.info.closed) return;
  c.endFreeze(e.t); // the page's close() ends a freeze (docs/design.md#fault-events-and-flags)
  const call: NonNullable<ConnectionInfo['closeCall']> = { seq: e.seq, t: e.t };
  if (e.code !== undefined) call.code = e.code;
  const sign = failureSign(st, c, e.t);
  if (sign !== undefined) call.failureSign = sign;
  c.info.closeCall = call;
  // The page gave the connection up here: a sync it starts from now on is for the next
  // connection, even before the close event arrives (a frozen link closes late).
  if (c.resume) st.closeWindow(c.resume.window);
  const s = c.sess;
  if (s.alive.length === 1 && s.alive[0] === c && !s.pending) {
    const w = new SyncWindow({ seq: e.seq, t: e.t, by: 'close' }, st.lastPosition);
    s.pending = w;
    st.openWindow(w);
  }
}

function failureSign(st: PassState, c: ConnState, t: number): string | undefined {
  if (c.info.errors > 0) return 'an error event';
  const timeout = st.ctx.pongTimeoutMs;
  if (c.info.heartbeat.missedPongs > 0 || (c.pendPingT >= 0 && timeout !== undefined && t - c.pendPingT > timeout)) return 'a missed pong';
  if (!c.opened || !c.sess.info.showedPings || c.intervalMs === undefined) return undefined;
  if (t - c.lastPingT > c.hbLimitMs) return `no ping for ${formatDuration(t - c.lastPingT)}`;
  if (t - c.lastInT > c.intervalMs) return `${formatDuration(t - c.lastInT)} of silence`;
  return undefined;
}

/** Makes `c` a resume owning window `w` (docs/design.md#analysis "Resume"). */
export function startResume(st: PassState, c: ConnState, trigger: 'reconnect' | 'navigation', w: SyncWindow, delayMs: number | undefined, after: string): void {
  const r: ResumeState = {
    info: { conn: c.info.id, session: c.sess.info.key, trigger, window: { open: w.open }, syncs: [] },
    index: st.resumes.length,
    conn: c,
    window: w,
    delayMs,
    after,
    fresh: false,
  };
  if (w.lastPosition !== undefined) r.info.lastPosition = w.lastPosition;
  w.resume = r;
  c.resume = r;
  c.info.resume = r.index;
  st.resumes.push(r);
}

/**
 * `ws-open`: starts the silence and ping clocks; `duplicate-connection` when another connection
 * of the session is open. Both connections are then *shared*: their positions are judged each
 * against its own, and frames one delivers after the other are counted on that finding
 * (docs/design.md#order-sessions-and-connections).
 */
export function onOpen(st: PassState, e: WsOpenEvent): void {
  const c = st.connOf(e.conn, e);
  if (c.opened) return;
  markOpen(c, e.seq, e.t);
  c.info.protocol = e.protocol;
  for (const o of c.sess.alive) {
    if (o === c || !o.opened) continue;
    const f = st.ctx.emit(
      'duplicate-connection',
      e.t,
      e.seq,
      [o.info.opened?.seq ?? o.info.created.seq, e.seq],
      `connection ${String(c.info.id)} opened while connection ${String(o.info.id)} of the same session (${c.sess.info.key}, open for ${formatDuration(e.t - o.openT)}) was still open`,
      e.conn,
    );
    const twice: TwiceDelivered = { finding: f, count: 0, minPos: Infinity, maxPos: -Infinity };
    st.twice.push(twice);
    o.shared = twice;
    c.shared = twice;
  }
}

/**
 * Ends a connection's life at `t` (ms; `seq` undefined at a HAR end or the end of the trace):
 * closing silence and ping gap, pending ping, established flag (open ≥ `stableAfterMs`),
 * failure streak, its resume's window (judged now); a close that leaves the session without
 * connections opens the next sync window.
 */
export function endConn(st: PassState, c: ConnState, t: number, seq: number | undefined, cause: ConnEndCause): void {
  if (!c.alive) return;
  c.alive = false;
  c.info.end = { t, cause };
  c.endFreeze(t);
  const s = c.sess;
  if (c.opened) {
    const silence = t - c.lastInT;
    c.endSilenceMs = silence;
    c.endSilenceStartSeq = c.lastInSeq;
    if (silence > c.info.maxSilenceMs) c.info.maxSilenceMs = silence;
    if (silence > c.silenceLimitMs) longInterval(st, 'silence', c, c.lastInSeq, c.lastInT, seq, t, false);
    if (t - c.lastPingT > c.hbLimitMs) longInterval(st, 'ping-gap', c, c.lastPingSeq, c.lastPingT, seq, t, false);
    c.info.established = t - c.openT >= st.profile.backoff.stableAfterMs;
  }
  if (c.pendPingT >= 0) {
    const timeout = st.ctx.pongTimeoutMs;
    if (timeout !== undefined && t - c.pendPingT > timeout) pongMissing(st, c, undefined, seq, t);
    c.pendPingT = -1;
  }
  heartbeatCadences(st, c);
  const i = s.alive.indexOf(c);
  if (i >= 0) s.alive.splice(i, 1);
  s.lastEnded = c;
  s.streak = c.info.established || isNewStart(c) ? 0 : s.streak + 1;
  s.failedSyncs = 0; // a new gap without connection begins
  s.lastFailedSync = undefined;
  if (c.resume) finishResume(st, c.resume, seq, t);
  if (cause === 'close' && s.alive.length === 0 && seq !== undefined && !s.pending) {
    const w = new SyncWindow({ seq, t, by: 'close' }, st.lastPosition);
    s.pending = w;
    st.openWindow(w);
  }
  c.regRun = undefined;
  c.sendRun = undefined;
}

/** Closes a resume's window at (`seq`, `t`) and judges it (`resume-rules`). */
function finishResume(st: PassState, r: ResumeState, seq: number | undefined, t: number): void {
  r.info.window.close = seq === undefined ? { t } : { seq, t };
  st.closeWindow(r.window);
  const idx: number[] = [];
  for (const s of r.window.syncs) {
    idx.push(s.index);
    if (s.info.resume === undefined) s.info.resume = r.index;
  }
  r.info.syncs = idx;
  judgeResume(st.ctx, r);
  judgeTruncation(st, r);
}

/** HAR: ends, in end order, the connections whose HAR end lies before `t` (ms). */
export function endHarConnections(st: PassState, t: number): void {
  let next = Infinity;
  const due: ConnState[] = [];
  for (let i = st.harAlive.length - 1; i >= 0; i--) {
    const c = st.harAlive[i] as ConnState;
    if (!c.alive) {
      st.harAlive.splice(i, 1);
    } else if (c.harEndT < t) {
      due.push(c);
      st.harAlive.splice(i, 1);
    } else if (c.harEndT < next) next = c.harEndT;
  }
  due.sort((a, b) => a.harEndT - b.harEndT);
  for (const c of due) endConn(st, c, c.harEndT, undefined, 'har-end');
  st.nextHarEnd = next;
}
