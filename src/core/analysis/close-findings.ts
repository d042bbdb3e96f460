/**
 * Findings at a `ws-close` (docs/design.md#close-codes, docs/design.md#silence-and-heartbeats:
 * `close-abnormal`, `close-auth`, `close-server-abort` with the reason decoded,
 * `idle-timeout-suspected`; docs/design.md#the-scaiwave-profile "Proxy or load balancer has too
 * low an idle timeout", "Close frame with code 4001 / 4003").
 */
import type { WsCloseEvent } from '../events';
import type { ConnState } from './connection-state';
import { ABNORMAL_CLOSE, closeLabel } from './close-rules';
import { formatDuration } from '../format';
import { fmtPercent } from './format';
import type { PassState } from './pass-state';

/** Idle-timeout rule tolerance (docs/design.md#silence-and-heartbeats: ±10 %). */
export const IDLE_TOLERANCE = 0.1;
/**
 * A silence shorter than this (ms) is not taken for an idle period by `idle-timeout-suspected`
 * (no middlebox ships an idle timeout below 5 s; random short silences would otherwise pair up).
 */
export const MIN_IDLE_SILENCE_MS = 5000;

/** Emits the close findings for connection `c` closed by `e` (its life already ended, `c.endSilenceMs` known). */
export function closeFindings(st: PassState, c: ConnState, e: WsCloseEvent): void {
  const ci = c.info.closed;
  // A close the page asked for is the page's decision: no network, auth or abort blame
  // (docs/design.md#closes-the-page-asked-for).
  if (!ci || c.info.closeCall) return;
  const ctx = st.ctx;
  const id = c.info.id;
  const life = c.opened ? `after ${formatDuration(e.t - c.openT)} open` : 'before it opened';
  if (e.code === ABNORMAL_CLOSE) {
    ctx.emit('close-abnormal', e.t, e.seq, [e.seq], `connection ${String(id)} closed ${closeLabel(ci)} ${life}: no close frame (proxy, load balancer or network)`, id);
    idleTimeoutRule(st, c, e);
  }
  if (ci.kind === 'auth') {
    ctx.emit('close-auth', e.t, e.seq, [e.seq], `connection ${String(id)} closed ${closeLabel(ci)} ${life}: ${ci.info.meaning}`, id);
  } else if (ci.kind === 'server-abort') {
    const why = ci.reasonMeaning ? `reason "${e.reason}": ${ci.reasonMeaning}` : e.reason ? `reason "${e.reason}" (not known to the profile)` : 'no reason given';
    ctx.emit('close-server-abort', e.t, e.seq, [e.seq], `connection ${String(id)} closed ${e.code} ${ci.info.name} ${life}, ${why}`, id, undefined, serverAbortHint(e.reason));
  }
}

/**
 * `idle-timeout-suspected`: the 1006 ends a silence within ±10 % of a known idle timeout
 * (`idleTimeoutsMs`), or within ±10 % (of the shorter) of an earlier 1006 silence of the session.
 */
function idleTimeoutRule(st: PassState, c: ConnState, e: WsCloseEvent): void {
  const ms = c.endSilenceMs;
  if (ms < MIN_IDLE_SILENCE_MS) return;
  const s = c.sess;
  const id = c.info.id;
  let known: number | undefined;
  for (const T of st.ctx.idleTimeoutsMs) {
    if (Math.abs(ms - T) <= IDLE_TOLERANCE * T) {
      known = T;
      break;
    }
  }
  // Say only what the trace shows: a heartbeat seen on the session, or none (docs/design.md#silence-and-heartbeats).
  const interval = c.intervalMs ?? st.ctx.hbIntervalMs;
  const seen = s.info.showedPings && interval !== undefined;
  const hb = seen ? ` (heartbeat every ${formatDuration(interval)})` : ' (no heartbeat seen on this session)';
  const hint = idleHint(st, seen ? interval : undefined, known ?? ms);
  if (known !== undefined) {
    st.ctx.emit(
      'idle-timeout-suspected',
      e.t,
      e.seq,
      [c.endSilenceStartSeq, e.seq],
      `connection ${String(id)} closed 1006 after ${formatDuration(ms)} of silence, within ${fmtPercent(IDLE_TOLERANCE)} of the known idle timeout ${formatDuration(known)}${hb}: a proxy or load balancer cuts idle sockets`,
      id,
      undefined,
      hint,
    );
  } else {
    for (const p of s.abnormalSilences) {
      if (Math.abs(ms - p.ms) <= IDLE_TOLERANCE * Math.min(ms, p.ms)) {
        st.ctx.emit(
          'idle-timeout-suspected',
          e.t,
          e.seq,
          [p.seq, c.endSilenceStartSeq, e.seq],
          `connection ${String(id)} closed 1006 after ${formatDuration(ms)} of silence, like connection ${String(p.conn.info.id)} after ${formatDuration(p.ms)}${hb}: a proxy or load balancer cuts idle sockets`,
          id,
          undefined,
          hint,
        );
        break;
      }
    }
  }
  s.abnormalSilences.push({ ms, seq: e.seq, conn: c });
}

/**
 * `idle-timeout-suspected` hint: a heartbeat shorter than the idle timeout `idleMs`, sent by
 * the side the profile says pings (`heartbeat.ping.dir`); `seenMs` the heartbeat seen, if any.
 */
function idleHint(st: PassState, seenMs: number | undefined, idleMs: number): string {
  const who = st.profile.heartbeat?.ping.dir === 'in' ? 'the server' : 'the client';
  const every = formatDuration(Math.floor(idleMs / 2 / 1000) * 1000 || idleMs / 2);
  const now =
    seenMs === undefined
      ? `no heartbeat was seen: have ${who} send one`
      : seenMs >= idleMs
        ? `the heartbeat every ${formatDuration(seenMs)} is longer than the idle timeout: have ${who} ping more often`
        : `have ${who} keep the heartbeat (every ${formatDuration(seenMs)}) running on every connection`;
  return `${now}, shorter than the ${formatDuration(idleMs)} idle timeout (e.g. every ${every}); raising the proxy's idle timeout helps only where you control it`;
}

/** Reason-specific hints for scaiwave 4003 (docs/design.md#the-scaiwave-profile: "ping_timeout", "duplicate_connection"). */
function serverAbortHint(reason: string): string | undefined {
  if (reason === 'ping_timeout') return 'answer every server ping with a pong promptly (background tabs throttle timers; do not block the main thread)';
  if (reason === 'duplicate_connection') return 'open one connection per token: close the old socket before reconnecting and guard against double connect (another tab or device signed in with the same token)';
  return undefined;
}
