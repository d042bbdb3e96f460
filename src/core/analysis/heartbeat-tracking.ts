/**
 * Heartbeat and silence tracking (docs/design.md#silence-and-heartbeats: `heartbeat-missed`, `pong-missing`,
 * `silent-drop-suspected`; docs/design.md#the-scaiwave-profile: "ScaiWave pings every 30s", 4003
 * "ping_timeout" after missed pongs). Pings and pongs count in either direction (the profile says which side pings).
 * Long gaps are collected here and judged at the end (they need "the session has shown pings").
 */
import type { WsMessageEvent, WsSendEvent } from '../events';
import { setConnInterval, type ConnState } from './connection-state';
import { HEARTBEAT_SEQ_CAP } from './types';
import { formatDuration } from '../format';
import type { PassState } from './pass-state';

/**
 * Collects a ping gap or silence longer than the connection's limit (1.5 × / 2 × intervalMs),
 * from (`startSeq`, `startT`) to (`endSeq`, `endT`) — `endSeq` undefined at the trace/HAR end;
 * `byFrame` false when the connection's end (not a frame) ended it.
 */
export function longInterval(st: PassState, kind: 'silence' | 'ping-gap', c: ConnState, startSeq: number, startT: number, endSeq: number | undefined, endT: number, byFrame = true): void {
  const iv = kind === 'silence' ? c.silenceIntervalMs : c.intervalMs;
  if (iv === undefined) return;
  st.longIntervals.push({ kind, conn: c, start: { seq: startSeq, t: startT }, endSeq, endT, intervalMs: iv, byFrame });
}

/** A ping (either direction): marks the session as pinging, closes the ping gap, starts waiting for a pong. */
export function onPing(st: PassState, c: ConnState, e: WsMessageEvent | WsSendEvent): void {
  const s = c.sess;
  s.profiled = true;
  s.info.showedPings = true;
  const hb = c.info.heartbeat;
  hb.pings++;
  if (hb.pingSeqs.length < HEARTBEAT_SEQ_CAP && hb.pingSeqs[hb.pingSeqs.length - 1] !== e.seq) hb.pingSeqs.push(e.seq);
  if (c.opened) {
    const gap = e.t - c.lastPingT;
    if (gap > hb.maxPingGapMs) hb.maxPingGapMs = gap;
    if (gap > c.hbLimitMs) longInterval(st, 'ping-gap', c, c.lastPingSeq, c.lastPingT, e.seq, e.t);
  }
  c.lastPingT = e.t;
  c.lastPingSeq = e.seq;
  const dir = e.type === 'ws-message' ? 'in' : 'out';
  c.lastPingDir = dir;
  const times = dir === 'in' ? c.pingsIn : c.pingsOut;
  if (times.length < CADENCE_PINGS_KEPT) times.push(e.t, e.seq);
  const timeout = st.ctx.pongTimeoutMs;
  if (timeout === undefined) return;
  if (c.pendPingT >= 0) {
    if (e.t - c.pendPingT <= timeout) return; // keep the oldest unanswered ping
    pongMissing(st, c, undefined, e.seq, e.t);
  }
  c.pendPingT = e.t;
  c.pendPingSeq = e.seq;
  c.pendPingDir = dir;
}

/** Pings kept per connection and direction for the cadence rule, as flat [t, seq, …] pairs. */
export const CADENCE_PINGS_KEPT = 2 * 24;
/** Each phase's gaps stay within this fraction of their mean, or within {@link CADENCE_FLOOR_MS}. */
const CADENCE_TOLERANCE = 0.15;
/** Timer lateness (ms) every phase may show, whatever its length (timers fire late under load). */
const CADENCE_FLOOR_MS = 50;

/**
 * `heartbeat-doubled` (docs/design.md#silence-and-heartbeats): the pings one side sent on `c`
 * (at least 6) come at two interleaved cadences — the gaps alternate between two clearly
 * different lengths a and b (the medians of the odd and the even gaps; at least 3 in 4 gaps of
 * each within 15 % or 50 ms of theirs; the shorter under 0.6 × the longer), as
 * two timers of period a + b started at different moments produce.
 */
export function heartbeatCadences(st: PassState, c: ConnState): void {
  for (const [dir, flat] of [['out', c.pingsOut], ['in', c.pingsIn]] as const) {
    const n = flat.length / 2;
    if (n < 6) continue;
    const gaps: number[] = [];
    for (let i = 1; i < n; i++) gaps.push((flat[2 * i] as number) - (flat[2 * i - 2] as number));
    const even = gaps.filter((_, i) => i % 2 === 0);
    const odd = gaps.filter((_, i) => i % 2 === 1);
    const a = median(even);
    const b = median(odd);
    // Most gaps of each phase near its median (timers fire late now and then under load).
    const steady = (xs: number[], m: number) => xs.filter((x) => Math.abs(x - m) <= Math.max(CADENCE_TOLERANCE * m, CADENCE_FLOOR_MS)).length >= 0.75 * xs.length;
    if (!steady(even, a) || !steady(odd, b) || Math.min(a, b) >= 0.6 * Math.max(a, b)) continue;
    const who = dir === 'out' ? 'the client' : 'the server';
    const ev: number[] = [];
    for (let i = 0; i < Math.min(n, 6); i++) ev.push(flat[2 * i + 1] as number);
    st.ctx.emit(
      'heartbeat-doubled',
      flat[4] as number,
      flat[5] as number,
      ev,
      `${who} pinged on connection ${String(c.info.id)} at two interleaved cadences: gaps alternate ${formatDuration(a)} and ${formatDuration(b)}, as two timers each pinging every ${formatDuration(Math.round(a + b))} do`,
      c.info.id,
      undefined,
      dir === 'out' ? undefined : 'the server runs two heartbeat timers on this connection: stop the old one when a connection is replaced',
    );
  }
}

function median(xs: number[]): number {
  const v = xs.slice().sort((x, y) => x - y);
  const m = v.length >> 1;
  return v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
}

/** A pong (either direction): answers the pending ping; late answers are `pong-missing`. */
export function onPong(st: PassState, c: ConnState, e: WsMessageEvent | WsSendEvent): void {
  c.sess.profiled = true;
  const hb = c.info.heartbeat;
  hb.pongs++;
  if (hb.pongSeqs.length < HEARTBEAT_SEQ_CAP && hb.pongSeqs[hb.pongSeqs.length - 1] !== e.seq) hb.pongSeqs.push(e.seq);
  const timeout = st.ctx.pongTimeoutMs;
  if (c.pendPingT < 0 || timeout === undefined) return;
  if (e.t - c.pendPingT > timeout) pongMissing(st, c, e.seq, e.seq, e.t);
  c.pendPingT = -1;
}

/**
 * `heartbeat.idleOnly` (pings only when the pinging side was idle): any frame from the
 * pinging side stands in for a ping in the ping-gap clock (not for "has shown pings").
 */
export function pingStandIn(st: PassState, c: ConnState, e: WsMessageEvent | WsSendEvent): void {
  if (!c.opened) return;
  const gap = e.t - c.lastPingT;
  if (gap > c.hbLimitMs) longInterval(st, 'ping-gap', c, c.lastPingSeq, c.lastPingT, e.seq, e.t);
  c.lastPingT = e.t;
  c.lastPingSeq = e.seq;
}

/**
 * Emits `pong-missing` for `c`'s pending ping at ping t + pongTimeoutMs. `pongSeq` is set when
 * the pong came late; `seenSeq`/`seenT` is the event that revealed it (late pong, next ping,
 * close; undefined seq at the end of the trace).
 */
export function pongMissing(st: PassState, c: ConnState, pongSeq: number | undefined, seenSeq: number | undefined, seenT: number): void {
  const timeout = st.ctx.pongTimeoutMs as number;
  c.info.heartbeat.missedPongs++;
  const pingT = c.pendPingT;
  const ev = [c.pendPingSeq];
  if (seenSeq !== undefined) ev.push(seenSeq);
  const msg =
    pongSeq !== undefined
      ? `ping on connection ${String(c.info.id)} was answered ${formatDuration(seenT - pingT)} later, after the pong timeout of ${formatDuration(timeout)}`
      : `ping on connection ${String(c.info.id)} got no pong within ${formatDuration(timeout)}`;
  // Who pings decides who must answer (docs/design.md#silence-and-heartbeats).
  const hint =
    c.pendPingDir === 'out'
      ? 'the client pings here and the server did not answer in time: treat a missing pong as a dead link (close and reconnect, with sync) and check that the server answers every ping'
      : 'the server pings here: the client must answer every server ping with a pong right away (the server aborts after missed pongs; background tabs throttle timers, so answer in the message handler)';
  st.ctx.emit('pong-missing', pingT + timeout, c.pendPingSeq, ev, msg, c.info.id, undefined, hint);
}

/**
 * An interval one side stated for this connection (ms; 0 or less = no heartbeat): a hello's
 * `heartbeat.intervalPath` (Engine.IO `pingInterval`, also from an HTTP long-polling open
 * packet) or an MQTT CONNECT's Keep Alive. Source `announced`, set by the event `seq`.
 */
export function announceInterval(c: ConnState, ms: number, seq: number): void {
  setConnInterval(c, ms > 0 ? ms : undefined);
  const hb = c.info.heartbeat;
  hb.intervalSource = 'announced';
  hb.intervalSeq = seq;
}

/**
 * A STOMP-style heart-beat offer (`heartbeat.negotiate`): the client's request is kept; the
 * server's (in the hello) settles the intervals per direction (STOMP 1.2 "Heart-beating"):
 * out = max(cx, sy) unless cx or sy is 0, in = max(sx, cy) unless sx or cy is 0. Pings are
 * judged against the larger interval in use, inbound silence against `in` (none when 0: the
 * server promised to send nothing). Without a captured request the server's offer is taken
 * as the client's wish (out = sy, in = sx). Source `negotiated`.
 */
export function onHeartbeatOffer(c: ConnState, offer: [number, number], from: 'request' | 'hello' | undefined, seq: number): void {
  if (from === 'request') {
    c.hbRequest = offer;
    return;
  }
  const [sx, sy] = offer;
  const req = c.hbRequest;
  const out = req ? (req[0] > 0 && sy > 0 ? Math.max(req[0], sy) : 0) : sy;
  const inn = req ? (sx > 0 && req[1] > 0 ? Math.max(sx, req[1]) : 0) : sx;
  const ping = Math.max(out, inn);
  setConnInterval(c, ping > 0 ? ping : undefined, inn > 0 ? inn : null);
  const hb = c.info.heartbeat;
  hb.intervalSource = 'negotiated';
  hb.intervalSeq = seq;
  hb.negotiated = { out, in: inn };
}
