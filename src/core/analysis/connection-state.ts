/**
 * Per-session and per-connection state of the analysis pass (docs/design.md#order-sessions-and-connections):
 * what each session and connection has shown so far, and the material its end-of-pass rules
 * need (merged frame runs, long silences and ping gaps). Internal to `core/analysis`: the
 * public shapes are in `types.ts`; each state object owns the public record it fills (`info`).
 * Times in ms since the epoch, durations in ms.
 */
import type { WsCreateEvent } from '../events';
import type { ResumeState, SyncWindow } from './catch-up-state';
import type { At, ConnectionInfo, Finding, SessionInfo } from './types';

/** State of one session (docs/design.md#analysis "Session"). */
export class SessionState {
  readonly info: SessionInfo;
  /** Connections created and not yet ended, in creation order. */
  readonly alive: ConnState[] = [];
  /** The connection whose life ended last (the "previous" one of the next attempt). */
  lastEnded: ConnState | undefined;
  /** Failure streak k: consecutive ended connections that were not established (docs/design.md#analysis). */
  streak = 0;
  /**
   * Syncs that failed while the session had no connection, since its last one ended: failed
   * attempts too (docs/design.md#reconnects-and-backoff); `lastFailedSync` is when the last
   * one failed (its response or error).
   */
  failedSyncs = 0;
  lastFailedSync: At | undefined;
  /** Navigation epoch of the session's latest connection (−1: none yet). */
  navEpoch = -1;
  /** The session speaks the profile: URL match, or a hello/heartbeat/positioned frame seen. */
  profiled = false;
  /** Sync window opened at the close that left the session without connections (docs/design.md#analysis "Resume"). */
  pending: SyncWindow | undefined;
  /** Latest hello of the session, for `tenant-changed`. */
  lastHello: { conn: ConnState; seq: number; fields: Record<string, unknown> } | undefined;
  /** `ws-create` t and seq of every reconnect attempt, for the 10-in-60-s storm rule. */
  readonly attemptT: number[] = [];
  readonly attemptSeq: number[] = [];
  stormFrom = 0;
  stormActive = false;
  /** The current run of attempts with the same delay, for `reconnect-no-jitter`. */
  fixedRun: FixedRun | undefined;
  /** Silences (ms) that ended in an abnormal close (1006), for `idle-timeout-suspected`. */
  readonly abnormalSilences: { ms: number; seq: number; conn: ConnState }[] = [];

  constructor(key: string) {
    this.info = { key, connections: [], showedPings: false };
  }
}

/** Consecutive reconnect attempts of a session with the same delay (`reconnect-no-jitter`). */
export interface FixedRun {
  /** The first delay of the run (ms); the others are within 2 % of it. */
  delayMs: number;
  count: number;
  /** Largest deviation from `delayMs` in the run (ms). */
  maxDevMs: number;
  /** `ws-create` seq of every attempt in the run. */
  evidence: number[];
  /** `reconnect-too-slow` findings of the run, withdrawn once it is a fixed schedule. */
  tooSlow: Finding[];
  finding?: Finding;
}

/** Consecutive frames of one connection merged into one finding (send-while-not-open, position-regression). */
export interface FrameRun {
  finding: Finding;
  conn: ConnState;
  count: number;
  /** send-while-not-open: readyState and lost bytes; position-regression: first/last position and the last position they fell under. */
  readyState: number;
  bytes: number;
  firstPos: number;
  lastPos: number;
  limit: number;
  /** position-regression: the counter restarted (back to 1, or after a hello whose head was below the last position), not a replay. */
  reset?: boolean;
  /** position-regression on a shared connection: `limit` is the connection's own highest position, not L. */
  own?: boolean;
}

/**
 * Frames delivered twice because two connections of a session overlapped
 * (docs/design.md#order-sessions-and-connections "duplicate-connection"): the positions one
 * connection received at or below what another overlapping connection had already delivered.
 */
export interface TwiceDelivered {
  /** The `duplicate-connection` finding of the overlap; the frames' seqs join its evidence (capped). */
  finding: Finding;
  /** Frames delivered twice, and their lowest and highest positions. */
  count: number;
  minPos: number;
  maxPos: number;
}

/** State of one connection. */
export class ConnState {
  readonly info: ConnectionInfo;
  readonly sess: SessionState;
  alive = true;
  opened = false;
  openT = 0;
  /** Start of the current silence: `ws-open` or the last inbound frame. */
  lastInT = 0;
  lastInSeq = 0;
  /** Start of the current ping gap: `ws-open` or the last ping. */
  lastPingT = 0;
  lastPingSeq = 0;
  /** Heartbeat interval of this connection (ms): the profile's, or what its hello announced (`heartbeat.intervalPath`); undefined without heartbeat. */
  intervalMs: number | undefined;
  /** 1.5 × intervalMs and 2 × silenceIntervalMs (Infinity without heartbeat). */
  hbLimitMs = Infinity;
  silenceLimitMs = Infinity;
  /** Interval (ms) inbound silences are judged against: intervalMs, or a negotiated inbound one. */
  silenceIntervalMs: number | undefined;
  /** The client's heart-beat offer `[x, y]` (ms) from its request frame (`heartbeat.negotiate`). */
  hbRequest: [number, number] | undefined;
  /** Oldest ping still waiting for its pong (−1: none), and who sent it. */
  pendPingT = -1;
  pendPingSeq = -1;
  pendPingDir: 'in' | 'out' = 'in';
  /** Who sent the last ping (undefined before the first). */
  lastPingDir: 'in' | 'out' | undefined;
  /** The first pings of each direction as flat [t, seq, …], for `heartbeat-doubled`. */
  readonly pingsIn: number[] = [];
  readonly pingsOut: number[] = [];
  /** HAR: end time from the entry (docs/design.md#analysis HAR rule); −1 when not applicable. */
  harEndT = -1;
  /** Silence (ms) that ended at the connection's end; −1 when it never opened. */
  endSilenceMs = -1;
  endSilenceStartSeq = 0;
  resume: ResumeState | undefined;
  /** A sync frame asked to resume this server-side session (`sync.sessionPath`); cleared by the next epoch. */
  askedSession: { session: string; seq: number; cursorGiven: boolean } | undefined;
  /** The `server-error` finding of this connection and how many error frames it counts. */
  serverErrors: { finding: Finding; count: number; first: string } | undefined;
  regRun: FrameRun | undefined;
  sendRun: FrameRun | undefined;
  /**
   * Set once another connection of the session was open at the same time as this one: the
   * overlap's `duplicate-connection` record. From then on this connection's positions are
   * judged against its own (`ownMax`), not against the other connection's.
   */
  shared: TwiceDelivered | undefined;
  /** Highest position received on this connection in the current position sequence (`ownGen`). */
  ownMax: number | undefined;
  /** `PassState.positionGen` when `ownMax` was set; another value means `ownMax` is stale. */
  ownGen = 0;
  /** Its hello carried a head below the last position: the server's counter went back, so later low positions are a restart, not duplicates. */
  helloWentBack = false;
  /** The last position of the pass when the connection was created, and the position sequence (`PassState.positionGen`) it belonged to. */
  createdLast: number | undefined;
  createdGen = 0;
  /** Since when (ms since the epoch) a `freeze` fault holds the link; −1 when not frozen. */
  frozenSince = -1;
  /** Frozen windows that ended, flat [start, end, …] (ms since the epoch). */
  readonly frozen: number[] = [];

  /** Ends a freeze in force at `t` (a thaw, a drop/close fault, the page's close(), the connection's end). */
  endFreeze(t: number): void {
    if (this.frozenSince < 0) return;
    this.frozen.push(this.frozenSince, Math.max(t, this.frozenSince));
    this.frozenSince = -1;
  }

  /**
   * How much of [from, to] (ms) the link was frozen by a fault: silence the freeze made, which
   * is no one's heartbeat failing (docs/design.md#silence-and-heartbeats). A freeze still in
   * force counts up to `to`.
   */
  frozenOverlapMs(from: number, to: number): number {
    let ms = 0;
    const f = this.frozen;
    for (let i = 0; i < f.length; i += 2) ms += Math.max(0, Math.min(to, f[i + 1] as number) - Math.max(from, f[i] as number));
    if (this.frozenSince >= 0) ms += Math.max(0, to - Math.max(from, this.frozenSince));
    return ms;
  }

  constructor(e: WsCreateEvent, sess: SessionState, index: number, intervalMs: number | undefined) {
    this.sess = sess;
    this.info = {
      id: e.conn,
      url: e.url,
      session: sess.info.key,
      index,
      protocols: e.protocols ?? [],
      created: { seq: e.seq, t: e.t },
      end: { t: e.t, cause: 'trace-end' },
      established: false,
      positions: { count: 0 },
      heartbeat: { pings: 0, pongs: 0, maxPingGapMs: 0, missedPongs: 0, pingSeqs: [], pongSeqs: [] },
      maxSilenceMs: 0,
      framesIn: 0,
      framesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      errors: 0,
    };
    setConnInterval(this, intervalMs);
    if (intervalMs !== undefined) this.info.heartbeat.intervalSource = 'profile';
  }
}

/**
 * Sets the heartbeat interval (ms) and the limits derived from it (docs/design.md#silence-and-heartbeats:
 * 1.5 × intervalMs for pings, 2 × the silence interval — `silence`: absent = intervalMs, null =
 * silences are not judged — for inbound silence). Also recorded in `info.heartbeat`.
 */
export function setConnInterval(c: ConnState, intervalMs: number | undefined, silence?: number | null): void {
  const silenceMs = silence === undefined ? intervalMs : (silence ?? undefined);
  c.intervalMs = intervalMs;
  c.silenceIntervalMs = silenceMs;
  c.hbLimitMs = intervalMs === undefined ? Infinity : 1.5 * intervalMs;
  c.silenceLimitMs = silenceMs === undefined ? Infinity : 2 * silenceMs;
  const hb = c.info.heartbeat;
  if (intervalMs === undefined) delete hb.intervalMs;
  else hb.intervalMs = intervalMs;
  if (silenceMs === undefined) delete hb.silenceIntervalMs;
  else hb.silenceIntervalMs = silenceMs;
}

/** A heartbeat or silence interval longer than its limit, judged at the end (needs "the session has shown pings"). */
export interface LongInterval {
  kind: 'ping-gap' | 'silence';
  conn: ConnState;
  start: At;
  /** The event that ended it (next ping/frame or close); undefined at the end of the trace/HAR. */
  endSeq: number | undefined;
  endT: number;
  /** The heartbeat interval (ms) it was judged against. */
  intervalMs: number;
  /** It ended with the next frame or ping (the link was alive), not with the connection's end. */
  byFrame: boolean;
}

/** Marks `c` open at (`seq`, `t`): silence and ping-gap clocks start here (docs/design.md#analysis "Silence"). */
export function markOpen(c: ConnState, seq: number, t: number): void {
  c.opened = true;
  c.openT = t;
  c.info.opened = { seq, t };
  c.lastInT = t;
  c.lastInSeq = seq;
  c.lastPingT = t;
  c.lastPingSeq = seq;
}
