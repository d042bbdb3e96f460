/**
 * How sessions end, judged when the pass ends (docs/design.md#fatal-closes-and-credentials,
 * docs/design.md#silence-and-heartbeats):
 * - `no-reconnect`: after a retryable close the session made no new attempt although the trace
 *   went on past the latest acceptable retry (1.5 × expected delay + 1 s);
 * - `session-ended`: the session's last connection ended with a fatal or auth close and no new
 *   connection followed — what ended and why, so it does not pass silently;
 * - `half-open-undetected`: an open connection stayed silent longer than 2 × the heartbeat
 *   interval + the pong timeout and the page neither closed it nor opened another in that time.
 * Times in ms since the epoch.
 */
import { maxDelayMs } from './backoff';
import { closeLabel } from './close-rules';
import type { ConnState, LongInterval, SessionState } from './connection-state';
import { formatDuration } from '../format';
import type { PassState } from './pass-state';
import type { CloseInfo } from './types';
import { firstNotice, halfOpenLimitMs } from './half-open-rule';

/**
 * Closes after which a client is not expected to reconnect on its own: 1000 and 1005 are the
 * peer's deliberate end (Socket.IO's `disconnect(true)`, a server shutting a session down).
 */
export const DELIBERATE_END_CODES: ReadonlySet<number> = new Set([1000, 1005]);

/**
 * Emits `no-reconnect` and `session-ended` for every session whose last connection is closed,
 * then `half-open-undetected` for the long silences the pass collected.
 * @param end when the trace ends (ms since the epoch)
 */
export function sessionEndFindings(st: PassState, end: number): void {
  for (const s of st.sessions.values()) {
    if (s.alive.length > 0 || s.info.key.startsWith('unknown:')) continue;
    const c = s.lastEnded;
    const closed = c?.info.closed;
    if (!c || !closed || c.info.end.cause !== 'close') continue;
    const until = nextNavigationAfter(st.navTimes, closed.t) ?? end;
    endOfSession(st, s, c, closed, until - closed.t, until === end ? 'of the trace' : 'before the page navigated');
  }
  for (const g of st.longIntervals) if (g.kind === 'silence') halfOpen(st, g);
}

function nextNavigationAfter(navTimes: readonly number[], t: number): number | undefined {
  for (const n of navTimes) if (n >= t) return n;
  return undefined;
}

function endOfSession(st: PassState, s: SessionState, c: ConnState, closed: CloseInfo, remainingMs: number, where: string): void {
  const ctx = st.ctx;
  const id = c.info.id;
  const call = c.info.closeCall;
  const own = st.profile.closeCodes?.[String(closed.code)];
  const auth = closed.needsNewCredentials || closed.kind === 'auth';
  const limit = maxDelayMs(s.streak, st.profile.backoff);
  const by = call ? `the client closed connection ${String(id)} with` : `connection ${String(id)} closed`;
  const why = closed.info.meaning ? `: ${closed.info.meaning}` : '';
  if (closed.fatal || auth) {
    // The page's own close ends the session only with a code the profile names as fatal or auth.
    if (call && !own) return;
    if (!closed.fatal && remainingMs <= limit) return; // an auth close: the client may still be refreshing credentials
    ctx.emit(
      'session-ended',
      closed.t,
      closed.seq,
      [closed.seq],
      `the session to ${s.info.key} ended: ${by} ${closeLabel(closed)}${why}, and no new connection followed in the remaining ${formatDuration(remainingMs)} ${where}`,
      id,
      undefined,
      auth ? 'get new credentials and reconnect, or tell the user the session ended and needs a new sign-in' : undefined,
    );
    return;
  }
  if ((call && call.failureSign === undefined) || DELIBERATE_END_CODES.has(closed.code)) return;
  if (remainingMs <= limit) return;
  const after = call ? `the client closed connection ${String(id)} after ${call.failureSign} (${closeLabel(closed)})` : `connection ${String(id)} closed ${closeLabel(closed)}`;
  ctx.emit(
    'no-reconnect',
    closed.t + limit,
    closed.seq,
    [closed.seq],
    `${after} and no new attempt to ${s.info.key} followed in the remaining ${formatDuration(remainingMs)} ${where} (a retry was due within ${formatDuration(limit)}): the client gave up`,
    id,
  );
}

function halfOpen(st: PassState, g: LongInterval): void {
  const c = g.conn;
  if (g.byFrame || !c.sess.info.showedPings) return;
  const threshold = halfOpenLimitMs(st, g.intervalMs);
  const due = g.start.t + threshold;
  if (g.endT <= due) return;
  const notice = firstNotice(st, c, g.start.t);
  if (notice && notice.t <= due) return;
  const call = c.info.closeCall;
  const id = String(c.info.id);
  const ended = c.info.closed && g.endSeq === c.info.closed.seq ? `until it closed ${closeLabel(c.info.closed)}` : c.info.end.cause === 'navigation' ? 'until the page navigated' : 'to the end of the trace';
  const noticed = call ? `; the page closed it only ${formatDuration(call.t - g.start.t)} after the last inbound frame` : '';
  st.ctx.emit(
    'half-open-undetected',
    due,
    g.start.seq,
    g.endSeq === undefined ? [g.start.seq] : [g.start.seq, g.endSeq],
    `connection ${id} received nothing for ${formatDuration(g.endT - g.start.t)} ${ended} and the page kept it open (heartbeat every ${formatDuration(g.intervalMs)}: a dead link shows within ${formatDuration(threshold)})${noticed}`,
    c.info.id,
  );
}
