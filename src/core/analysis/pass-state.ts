/**
 * The mutable state of one analysis pass (docs/design.md#analysis) and its basic bookkeeping: sessions,
 * connections, the last position, open sync windows, collected findings material. The
 * rule modules (`connection-lifecycle`, `frame-dispatch`, `heartbeat-tracking`,
 * `position-tracking`, `sync-tracking`, `page-events`, `close-findings`, `reconnect-rules`)
 * are functions over this state. Times in ms since the epoch, durations in ms.
 */
import { cachedLinearRegex } from '../profile/linear-regex';
import type { ConnId, ReqId, TraceEvent, WorkerCreatedEvent, WsCreateEvent, WsMessageEvent, WsSendEvent } from '../events';
import { createClassifier } from '../profile/classify';
import { createSharedClassifier } from '../profile/class-cache';
import type { FrameClass, Profile } from '../profile/types';
import { DEFAULT_REDACT_KEYS, redactKeySet } from '../redact';
import { AnalysisContext } from './analysis-context';
import { ConnState, SessionState, markOpen, type FrameRun, type LongInterval, type TwiceDelivered } from './connection-state';
import type { PendingGap, ResumeState, SyncState, SyncWindow } from './catch-up-state';
import { PositionTrack } from './position-track';
import type { AnalyzeOptions, AttemptInfo } from './types';
import { HttpHellos } from './hello-over-http';
import { profileSessionKey, urlPath } from './url-parts';

/** Everything one pass accumulates. Fields are mutated by the rule modules. */
export class PassState {
  readonly ctx: AnalysisContext;
  readonly profile: Profile;
  /** Frame classifier of the profile: called exactly once per frame. */
  readonly classify: (frame: WsSendEvent | WsMessageEvent) => FrameClass;
  readonly har: boolean;
  /** Credential parameter names (docs/design.md#analysis "Credentials"). */
  readonly credKeys: ReadonlySet<string>;
  /** HAR only: end (ms) of every connection without a `ws-close`. */
  readonly harEnds: Map<ConnId, number> | undefined;
  readonly dropped: number;
  /** `heartbeat.idleOnly`: frames in the pinging direction(s) stand in for pings. */
  readonly idleOnlyIn: boolean;
  readonly idleOnlyOut: boolean;
  /** Hellos that arrive over HTTP before their WebSocket (`hello.http`), when the profile declares them. */
  readonly httpHellos: HttpHellos | undefined;
  /** `session.pathPattern` compiled (undefined: scheme + host + path). */
  private readonly sessionKeyFn: (url: string) => string;

  readonly sessions = new Map<string, SessionState>();
  readonly conns = new Map<ConnId, ConnState>();
  readonly connList: ConnState[] = [];
  lastConnId: ConnId | undefined;
  lastConn: ConnState | undefined;

  readonly attempts: AttemptInfo[] = [];
  readonly resumes: ResumeState[] = [];
  readonly syncs: SyncState[] = [];
  readonly syncByReq = new Map<ReqId, SyncState>();
  readonly positions: PositionTrack;
  /** Last position (docs/design.md#analysis): highest position of inbound data frames and sync responses. */
  lastPosition: number | undefined;
  /**
   * Counts position sequences: raised when `position.resetWhen` or a new epoch starts one, so a
   * connection's own highest position (`ConnState.ownMax`) from an older sequence is ignored.
   */
  positionGen = 0;
  /** The current epoch of the position sequence (`position.epoch`), as text. */
  epoch: string | undefined;
  /** seq of the event that set the last position. */
  lastPosSeq = 0;
  /** With opaque positions (`position.opaque`): the last cursor received in a data frame. */
  lastToken: string | undefined;

  /** t (ms) of every `page-navigation`, in order. */
  readonly navTimes: number[] = [];
  /** Number of `page-navigation` events so far. */
  navEpoch = 0;
  /** Sync window opened at the latest navigation. */
  navWindow: SyncWindow | undefined;
  /** Windows currently collecting syncs (a handful at most). */
  readonly openWindows: SyncWindow[] = [];

  readonly pendingGaps: PendingGap[] = [];
  readonly longIntervals: LongInterval[] = [];
  readonly sendRuns: FrameRun[] = [];
  readonly regRuns: FrameRun[] = [];
  /** Overlaps of connections (`duplicate-connection`), whose messages count the frames delivered twice. */
  readonly twice: TwiceDelivered[] = [];
  /** Hidden-tab intervals as flat [start, end, …] (ms), for heartbeat messages. */
  readonly hidden: number[] = [];
  hiddenSince = -1;
  captureDroppedEvents = 0;
  /** `worker-created` events with a `blob:` URL, judged at the end (page-events.ts). */
  readonly blobWorkers: WorkerCreatedEvent[] = [];

  /** HAR: connections without close that end at their HAR end, and the earliest such end. */
  readonly harAlive: ConnState[] = [];
  nextHarEnd = Infinity;

  count = 0;
  firstT = 0;
  firstSeq = 0;
  lastT = 0;

  /**
   * @param profile the protocol profile (docs/design.md#profiles)
   * @param opts `input`, `dropped`, `redactKeys`, `sharedClasses` of {@link AnalyzeOptions}
   * @param harEnds HAR only: precomputed end (ms) of every connection without a `ws-close`
   * @param expectedEvents number of events to come (sizes the position track: at most one point per event)
   */
  constructor(profile: Profile, opts: AnalyzeOptions, harEnds: Map<ConnId, number> | undefined, expectedEvents: number) {
    this.positions = new PositionTrack(Math.max(1024, Math.min(expectedEvents, 1 << 22)));
    this.profile = profile;
    this.ctx = new AnalysisContext(profile);
    this.classify = opts.sharedClasses ? createSharedClassifier(profile) : createClassifier(profile);
    this.har = opts.input === 'har';
    this.credKeys = redactKeySet(opts.redactKeys ?? DEFAULT_REDACT_KEYS);
    this.harEnds = harEnds;
    this.dropped = opts.dropped ?? 0;
    const hb = profile.heartbeat;
    const idle = hb?.idleOnly === true;
    this.idleOnlyIn = idle && (hb?.ping.dir === 'in' || hb?.bidirectional === true);
    this.idleOnlyOut = idle && (hb?.ping.dir === 'out' || hb?.bidirectional === true);
    this.httpHellos = HttpHellos.of(profile);
    this.sessionKeyFn = profileSessionKey(profile.session);
  }

  /** The session key of a WebSocket URL under the profile (`session`, docs/design.md#order-sessions-and-connections). */
  sessionKeyOf(url: string): string {
    return this.sessionKeyFn(url);
  }

  /** The session with this key, created on first use. */
  session(key: string): SessionState {
    let s = this.sessions.get(key);
    if (!s) {
      s = new SessionState(key);
      this.sessions.set(key, s);
    }
    return s;
  }

  /** Registers a new connection in `s` (alive, HAR end attached). */
  addConn(e: WsCreateEvent, s: SessionState): ConnState {
    const c = new ConnState(e, s, s.info.connections.length, this.ctx.hbIntervalMs);
    c.createdLast = this.lastPosition;
    c.createdGen = this.positionGen;
    this.conns.set(e.conn, c);
    this.connList.push(c);
    s.info.connections.push(e.conn);
    s.alive.push(c);
    this.lastConnId = e.conn;
    this.lastConn = c;
    if (this.harEnds) {
      const end = this.harEnds.get(e.conn);
      if (end !== undefined) {
        c.harEndT = end;
        this.harAlive.push(c);
        if (end < this.nextHarEnd) this.nextHarEnd = end;
      }
    }
    return c;
  }

  /**
   * The state of connection `id` (last one cached). A connection whose `ws-create` was not
   * captured (capture gap) is created on the fly in its own session: never an attempt, and
   * open unless `e` is its open or close.
   */
  connOf(id: ConnId, e: TraceEvent): ConnState {
    if (id === this.lastConnId && this.lastConn) return this.lastConn;
    let c = this.conns.get(id);
    if (!c) {
      const create: WsCreateEvent = { type: 'ws-create', seq: e.seq, t: e.t, conn: id, url: '', protocols: [], frameUrl: '' };
      c = this.addConn(create, this.session(`unknown:${String(id)}`));
      if (e.type !== 'ws-open' && e.type !== 'ws-close') markOpen(c, e.seq, e.t);
    }
    this.lastConnId = id;
    this.lastConn = c;
    return c;
  }

  /** Starts collecting syncs into `w` (which remembers the last opaque cursor received before it). */
  openWindow(w: SyncWindow): void {
    if (w.lastToken === undefined) w.lastToken = this.lastToken;
    this.openWindows.push(w);
  }

  /** True once a position (or, opaque, a cursor) was received: a new connection is then a resume. */
  hasLast(): boolean {
    return this.lastPosition !== undefined || this.lastToken !== undefined;
  }

  /** The last position as text (the cursor itself when opaque), or undefined. */
  lastText(): string | undefined {
    return this.lastPosition !== undefined ? String(this.lastPosition) : this.lastToken;
  }

  /** Stops collecting syncs into `w`. */
  closeWindow(w: SyncWindow): void {
    const i = this.openWindows.indexOf(w);
    if (i >= 0) this.openWindows.splice(i, 1);
  }

  /** True when `url` matches the profile's `match.urlPath` / `match.urlRegex` (a session that speaks the profile). */
  urlMatchesProfile(url: string): boolean {
    const m = this.profile.match;
    if (!m) return false;
    if (m.urlPath !== undefined && urlPath(url) === m.urlPath) return true;
    if (m.urlRegex !== undefined) {
      // Linear-time matching: the profile may come from an untrusted trace (docs/design.md#matchers).
      return cachedLinearRegex(m.urlRegex)?.test(url) ?? false;
    }
    return false;
  }
}
