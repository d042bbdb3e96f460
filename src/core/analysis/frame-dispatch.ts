/**
 * Frames (docs/design.md#positions-and-resumes "Data frame", docs/design.md#silence-and-heartbeats): each `ws-message` / `ws-send` is classified
 * exactly once by the profile's classifier and routed to the heartbeat, position, hello and
 * sync trackers (per record for multi-record frames); inbound frames end silences;
 * `send-while-not-open`.
 */
import type { WsMessageEvent, WsSendEvent } from '../events';
import type { FrameClass } from '../profile/types';
import type { ConnState, FrameRun } from './connection-state';
import { announceInterval, longInterval, onHeartbeatOffer, onPing, onPong, pingStandIn } from './heartbeat-tracking';
import type { PassState } from './pass-state';
import { RUN_EVIDENCE_CAP, onHello, onPosition, onPositionReset, onToken } from './position-tracking';
import { onSyncFrame } from './sync-tracking';
import { onEpoch, onResumeAsked, onServerError } from './epoch-tracking';

/** `ws-message`: silence bookkeeping, then the frame's class (or each record's). */
export function onMessage(st: PassState, e: WsMessageEvent): void {
  const c = st.connOf(e.conn, e);
  const info = c.info;
  info.framesIn++;
  info.bytesIn += e.size > 0 ? e.size : 0; // -1: not measured yet (live, over the hook's budget)
  if (c.opened) {
    const silence = e.t - c.lastInT;
    if (silence > info.maxSilenceMs) info.maxSilenceMs = silence;
    if (silence > c.silenceLimitMs) longInterval(st, 'silence', c, c.lastInSeq, c.lastInT, e.seq, e.t);
    c.lastInT = e.t;
    c.lastInSeq = e.seq;
  }
  const fc = st.classify(e);
  if (fc.positionReset) onPositionReset(st, c);
  if (fc.epoch !== undefined) onEpoch(st, c, e, fc.epoch);
  const recs = fc.records;
  if (recs) {
    for (let i = 0; i < recs.length; i++) onInbound(st, c, e, recs[i] as FrameClass);
  } else onInbound(st, c, e, fc);
}

function onInbound(st: PassState, c: ConnState, e: WsMessageEvent, fc: FrameClass): void {
  if (fc.serverError !== undefined) onServerError(st, c, e, fc.serverError);
  if (fc.heartbeatOffer) onHeartbeatOffer(c, fc.heartbeatOffer, fc.heartbeatFrom, e.seq);
  switch (fc.kind) {
    case 'data':
      if (st.idleOnlyIn) pingStandIn(st, c, e);
      if (fc.position !== undefined) onPosition(st, c, e, fc.position);
      else if (fc.token !== undefined) onToken(st, c, e, fc.token);
      break;
    case 'ping':
      onPing(st, c, e);
      break;
    case 'pong':
      if (st.idleOnlyIn) pingStandIn(st, c, e);
      onPong(st, c, e);
      break;
    case 'hello':
      if (st.idleOnlyIn) pingStandIn(st, c, e);
      onHello(st, c, e, fc);
      break;
    default:
      if (st.idleOnlyIn) pingStandIn(st, c, e);
      break;
  }
}

/** `ws-send`: `send-while-not-open`, then the frame's class (or each record's). */
export function onSend(st: PassState, e: WsSendEvent): void {
  const c = st.connOf(e.conn, e);
  c.info.framesOut++;
  c.info.bytesOut += e.size > 0 ? e.size : 0;
  if (e.readyState !== 1) sendWhileNotOpen(st, c, e);
  else if (c.sendRun) c.sendRun = undefined;
  const fc = st.classify(e);
  const recs = fc.records;
  if (recs) {
    for (let i = 0; i < recs.length; i++) onOutbound(st, c, e, recs[i] as FrameClass);
  } else onOutbound(st, c, e, fc);
}

function onOutbound(st: PassState, c: ConnState, e: WsSendEvent, fc: FrameClass): void {
  if (fc.heartbeatOffer) onHeartbeatOffer(c, fc.heartbeatOffer, fc.heartbeatFrom, e.seq);
  else if (fc.intervalMs !== undefined) announceInterval(c, fc.intervalMs, e.seq); // MQTT Keep Alive in CONNECT
  if (st.idleOnlyOut && fc.kind !== 'ping') pingStandIn(st, c, e);
  switch (fc.kind) {
    case 'ping':
      onPing(st, c, e);
      break;
    case 'pong':
      onPong(st, c, e);
      break;
    case 'sync':
      if (fc.syncSession !== undefined) onResumeAsked(c, e, fc.syncSession, fc.cursorAbsent !== true);
      onSyncFrame(st, e, fc.cursor, fc.token);
      break;
    default:
      break;
  }
}

/** `send()` while readyState ≠ OPEN; consecutive calls on a connection in the same state merge into one finding. */
function sendWhileNotOpen(st: PassState, c: ConnState, e: WsSendEvent): void {
  const run = c.sendRun;
  if (run && run.readyState === e.readyState) {
    run.count++;
    run.bytes += e.size > 0 ? e.size : 0;
    if (run.finding.evidence.length < RUN_EVIDENCE_CAP) run.finding.evidence.push(e.seq);
    return;
  }
  const f = st.ctx.emit('send-while-not-open', e.t, e.seq, [e.seq], '', e.conn);
  const r: FrameRun = { finding: f, conn: c, count: 1, readyState: e.readyState, bytes: e.size > 0 ? e.size : 0, firstPos: 0, lastPos: 0, limit: 0 };
  c.sendRun = r;
  st.sendRuns.push(r);
}
