/**
 * Connection lifecycle (docs/design.md#analysis "Session", "Reconnect attempt", "Resume", HAR rule):
 * what a `ws-create` is (first connection, duplicate, reconnect attempt, first after a
 * navigation), resumes and their sync windows, `ws-open` (`duplicate-connection`), and the end
 * of a connection's life (close, HAR end, navigation, end of trace).
 */
import type { WsCreateEvent, WsOpenEvent } from '../events';
import { SyncWindow, type ConnState, type ResumeState } from './analyzer-state';
import { fmtDuration } from './format';
import { longInterval, pongMissing } from './heartbeat-tracking';
import { markOpen, type PassState } from './pass-state';
import { recordAttempt } from './reconnect-rules';
import { onResumeUrl } from './sync-tracking';
import { judgeResume } from './resume-rules';
import type { ConnEndCause } from './types';
import { sessionKey } from './url-parts';

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
  const s = st.session(sessionKey(e.url));
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
    const nav = st.navWindow;
    if (nav && st.hasLast() && s.profiled) {
      const w = new SyncWindow(nav.open, nav.lastPosition, nav.syncs.slice());
      st.openWindow(w);
      startResume(st, c, 'navigation', w, undefined, 'page navigation');
    }
  } else if (earlier) {
    c.info.overlaps = earlier.info.id;
    if (pending) st.closeWindow(pending);
  } else if (prev) {
    const { delayMs, after } = recordAttempt(st, c, s, prev, e);
    if (st.hasLast() && s.profiled) {
      let w = pending;
      if (!w) {
        w = new SyncWindow({ seq: e.seq, t: e.t, by: 'create' }, st.L);
        st.openWindow(w);
      }
      startResume(st, c, 'reconnect', w, delayMs, after);
    } else if (pending) st.closeWindow(pending);
  } else if (pending) {
    st.closeWindow(pending);
  }
  if (st.ctx.resumeParam) onResumeUrl(st, e);
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

/** `ws-open`: starts the silence and ping clocks; `duplicate-connection` when another connection of the session is open. */
export function onOpen(st: PassState, e: WsOpenEvent): void {
  const c = st.connOf(e.conn, e);
  if (c.opened) return;
  markOpen(c, e.seq, e.t);
  c.info.protocol = e.protocol;
  for (const o of c.sess.alive) {
    if (o === c || !o.opened) continue;
    st.ctx.emit(
      'duplicate-connection',
      e.t,
      e.seq,
      [o.info.opened?.seq ?? o.info.created.seq, e.seq],
      `connection ${String(c.info.id)} opened while connection ${String(o.info.id)} of the same session (${c.sess.info.key}, open for ${fmtDuration(e.t - o.openT)}) was still open`,
      e.conn,
    );
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
  const s = c.sess;
  if (c.opened) {
    const silence = t - c.lastInT;
    c.endSilenceMs = silence;
    c.endSilenceStartSeq = c.lastInSeq;
    if (silence > c.info.maxSilenceMs) c.info.maxSilenceMs = silence;
    if (silence > c.silenceLimitMs) longInterval(st, 'silence', c, c.lastInSeq, c.lastInT, seq, t);
    if (t - c.lastPingT > c.hbLimitMs) longInterval(st, 'ping-gap', c, c.lastPingSeq, c.lastPingT, seq, t);
    c.info.established = t - c.openT >= st.profile.backoff.stableAfterMs;
  }
  if (c.pendPingT >= 0) {
    const timeout = st.ctx.pongTimeoutMs;
    if (timeout !== undefined && t - c.pendPingT > timeout) pongMissing(st, c, undefined, seq, t);
    c.pendPingT = -1;
  }
  const i = s.alive.indexOf(c);
  if (i >= 0) s.alive.splice(i, 1);
  s.lastEnded = c;
  s.streak = c.info.established ? 0 : s.streak + 1;
  if (c.resume) finishResume(st, c.resume, seq, t);
  if (cause === 'close' && s.alive.length === 0 && seq !== undefined) {
    const w = new SyncWindow({ seq, t, by: 'close' }, st.L);
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
