/**
 * Mutable per-connection, per-session and per-sync-window state of the single analysis pass
 * (docs/design.md#analysis). Internal to `core/analysis`: the public shapes are in `types.ts`; each state
 * object owns the public record it fills (`info`). Times in ms since the epoch, durations in ms.
 */
import type { WsCreateEvent } from '../events';
import type { At, ConnectionInfo, Finding, ResumeInfo, SessionInfo, SyncInfo } from './types';

/** State of one session (docs/design.md#analysis "Session"). */
export class SessionState {
  readonly info: SessionInfo;
  /** Connections created and not yet ended, in creation order. */
  readonly alive: ConnState[] = [];
  /** The connection whose life ended last (the "previous" one of the next attempt). */
  lastEnded: ConnState | undefined;
  /** Failure streak k: consecutive ended connections that were not established (docs/design.md#analysis). */
  streak = 0;
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
  /** Silences (ms) that ended in an abnormal close (1006), for `idle-timeout-suspected`. */
  readonly abnormalSilences: { ms: number; seq: number; conn: ConnState }[] = [];

  constructor(key: string) {
    this.info = { key, connections: [], showedPings: false };
  }
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
  /** 1.5 × intervalMs and 2 × intervalMs (Infinity without heartbeat). */
  hbLimitMs = Infinity;
  silenceLimitMs = Infinity;
  /** Oldest ping still waiting for its pong (−1: none). */
  pendPingT = -1;
  pendPingSeq = -1;
  /** HAR: end time from the entry (docs/design.md#analysis HAR rule); −1 when not applicable. */
  harEndT = -1;
  /** Silence (ms) that ended at the connection's end; −1 when it never opened. */
  endSilenceMs = -1;
  endSilenceStartSeq = 0;
  resume: ResumeState | undefined;
  regRun: FrameRun | undefined;
  sendRun: FrameRun | undefined;

  constructor(e: WsCreateEvent, sess: SessionState, index: number, intervalMs: number | undefined) {
    this.sess = sess;
    setConnInterval(this, intervalMs);
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
      heartbeat: { pings: 0, pongs: 0, maxPingGapMs: 0, missedPongs: 0 },
      maxSilenceMs: 0,
      framesIn: 0,
      framesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      errors: 0,
    };
  }
}

/** Sets the heartbeat interval (ms) and the limits derived from it (docs/design.md#analysis: 1.5 × and 2 × intervalMs). */
export function setConnInterval(c: ConnState, intervalMs: number | undefined): void {
  c.intervalMs = intervalMs;
  c.hbLimitMs = intervalMs === undefined ? Infinity : 1.5 * intervalMs;
  c.silenceLimitMs = intervalMs === undefined ? Infinity : 2 * intervalMs;
}

/** One sync (HTTP request or in-band frame) and its index in `Analysis.syncs`. */
export interface SyncState {
  readonly info: SyncInfo;
  readonly index: number;
}

/**
 * A sync window (docs/design.md#analysis "Resume"): opens at a close, a navigation or a HAR resume's
 * create; collects every sync started while it is open; belongs to at most one resume.
 */
export class SyncWindow {
  readonly open: At & { by: 'close' | 'navigation' | 'create' };
  /** Last position when the window opened. */
  readonly lastPosition: number | undefined;
  readonly syncs: SyncState[];
  resume: ResumeState | undefined;
  /** With opaque positions: the last cursor received when the window opened. */
  lastToken: string | undefined = undefined;

  constructor(open: At & { by: 'close' | 'navigation' | 'create' }, lastPosition: number | undefined, syncs: SyncState[] = []) {
    this.open = open;
    this.lastPosition = lastPosition;
    this.syncs = syncs;
  }
}

/** A resume and its window. */
export interface ResumeState {
  readonly info: ResumeInfo;
  readonly index: number;
  readonly conn: ConnState;
  readonly window: SyncWindow;
  /** Delay since the previous close (ms), for messages. */
  readonly delayMs: number | undefined;
  /** Label of what ended the previous connection ("1006", "page navigation", …), for messages. */
  readonly after: string;
  /** The server started a new position sequence (`positionReset`) before any data: a fresh start, not a resume of the old stream. */
  fresh: boolean;
}

/** A contiguous-position gap waiting to be filled by a sync (docs/design.md#analysis `position-gap`). */
export interface PendingGap {
  from: number;
  to: number;
  seq: number;
  t: number;
  conn: ConnState;
  prevSeq: number;
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
}
