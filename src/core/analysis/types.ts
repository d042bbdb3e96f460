/**
 * Result types of the analysis (docs/design.md#analysis, CONTRACT: finding codes and semantics).
 *
 * Units: every `t` is milliseconds since the Unix epoch (float, as in the trace, docs/design.md#trace-format);
 * every `…Ms` field is a duration in milliseconds; `seq` values are the trace's event `seq`.
 * "Before"/"after" always follow `seq` (docs/design.md#order-sessions-and-connections "Order").
 */
import type { CloseCodeInfo } from '../close-codes';
import type { ConnId, ReqId } from '../events';
import type { PositionTrack } from './position-track';
import type { RecoveryRecord } from './recovery-types';

export type { RecoveryRecord, RecoveryRule, RecoveryStep, RecoveryVerdict, StepOutcome } from './recovery-types';

/** Severity of a finding: `error` makes `wavetrace check` exit 1 (docs/design.md#exit-codes). */
export type Severity = 'error' | 'warning' | 'info';

/** Every finding code of docs/design.md#finding-codes, in the order of its table. */
export type FindingCode =
  | 'sync-skipped'
  | 'sync-late'
  | 'sync-cursor-stale'
  | 'sync-cursor-ahead'
  | 'sync-cursor-missing'
  | 'sync-cursor-mismatch'
  | 'sync-failed'
  | 'sync-truncated'
  | 'position-gap'
  | 'position-regression'
  | 'heartbeat-missed'
  | 'pong-missing'
  | 'silent-drop-suspected'
  | 'half-open-undetected'
  | 'heartbeat-doubled'
  | 'idle-timeout-suspected'
  | 'reconnect-storm'
  | 'reconnect-too-slow'
  | 'reconnect-no-jitter'
  | 'reconnect-after-fatal'
  | 'no-reconnect'
  | 'session-ended'
  | 'resume-not-granted'
  | 'server-error'
  | 'auth-retry-same-token'
  | 'duplicate-connection'
  | 'tenant-changed'
  | 'send-while-not-open'
  | 'close-abnormal'
  | 'close-auth'
  | 'close-server-abort'
  | 'capture-gap'
  | 'coverage-worker'
  | 'fault-injected';

/**
 * One finding (docs/design.md#finding-codes, last paragraph).
 * - `t`: ms since the Unix epoch when it happened; for deadline rules (heartbeat-missed,
 *   pong-missing, silent-drop-suspected) the moment the limit was passed.
 * - `seq`: the event the finding is anchored at (used with `t` to sort findings).
 * - `evidence`: `seq` of the events that prove it, ascending.
 * - `message`: one line with the numbers; `hint`: what to change.
 */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  t: number;
  seq: number;
  conn?: ConnId;
  req?: ReqId;
  evidence: number[];
  message: string;
  hint: string;
}

/** Where an event happened: its `seq` and `t` (ms since the Unix epoch). */
export interface At {
  seq: number;
  t: number;
}

/** How a connection's life ended: a `ws-close` event, the HAR end (docs/design.md#har-input HAR rule), a `page-navigation` (its document is gone), or the end of the trace (still open). */
export type ConnEndCause = 'close' | 'har-end' | 'navigation' | 'trace-end';

/** A decoded `ws-close` (docs/design.md#close-codes last sentence: every close shows its code's name and meaning). */
export interface CloseInfo extends At {
  code: number;
  reason: string;
  wasClean: boolean;
  /** Name, meaning and source of the code (RFC 6455 §7.4.1, IANA, or the profile). */
  info: CloseCodeInfo;
  /** The profile's explanation of `reason` (e.g. scaiwave 4003 "ping_timeout"), when it has one. */
  reasonMeaning?: string;
  /** Profile entry kind (e.g. "auth", "server-abort"), when the profile lists the code. */
  kind?: string;
  /** True for fatal closes (docs/design.md#fatal-closes-and-credentials "Fatal closes"). */
  fatal: boolean;
  /** True when the profile marks the code `fatalUnlessNewCredentials`. */
  needsNewCredentials: boolean;
}

/** One WebSocket connection (a `ws-create` and everything that followed on its `conn`). */
export interface ConnectionInfo {
  id: ConnId;
  /** URL as recorded (redacted in redacted traces). */
  url: string;
  /** Session key (scheme + host + path, query ignored; docs/design.md#order-sessions-and-connections "Session"). */
  session: string;
  /** 0-based position of the connection in its session, in creation order. */
  index: number;
  protocols: string[];
  /** Negotiated subprotocol (from `ws-open`). */
  protocol?: string;
  created: At;
  opened?: At;
  closed?: CloseInfo;
  /**
   * The page's own `close()` call (its first `ws-close-call` that did not throw), and the
   * failure sign it followed, if any ("a missed pong", "an error event", "42.0 s of silence"):
   * docs/design.md#closes-the-page-asked-for.
   */
  closeCall?: At & { code?: number; failureSign?: string };
  /** When the connection's life ended for the analysis, and why. `t` in ms since the epoch. */
  end: { t: number; cause: ConnEndCause };
  /** Opened and stayed open ≥ `backoff.stableAfterMs` (docs/design.md#reconnects-and-backoff). */
  established: boolean;
  /** Created while this earlier connection of the session was still alive (a duplicate, not a reconnect). */
  overlaps?: ConnId;
  /** Index into `Analysis.attempts` when the connection is a reconnect attempt. */
  attempt?: number;
  /** Index into `Analysis.resumes` when the connection is a resume. */
  resume?: number;
  /** The hello frame: its fields (`hello.fields` paths → values) and the server head position it carried. */
  hello?: At & { fields: Record<string, unknown>; position?: number };
  /** Positions carried by inbound data frames of this connection. */
  positions: { count: number; first?: number; last?: number; max?: number };
  /** The last epoch announced on this connection (`position.epoch`), as text. */
  epoch?: string;
  /** Heartbeat statistics; `maxPingGapMs` counts from open or the last ping to the next ping. */
  heartbeat: HeartbeatInfo;
  /** Longest silence (docs/design.md#silence-and-heartbeats "Silence"), ms; 0 when it never opened. */
  maxSilenceMs: number;
  framesIn: number;
  framesOut: number;
  /** Sum of frame `size` (true bytes on the wire). */
  bytesIn: number;
  bytesOut: number;
  errors: number;
}

/**
 * A connection's heartbeat as the analysis judged it (docs/design.md#silence-and-heartbeats):
 * counts, the first frames taken for pings and pongs, and the interval in use with its origin.
 */
export interface HeartbeatInfo {
  pings: number;
  pongs: number;
  maxPingGapMs: number;
  missedPongs: number;
  /** `seq` of the first {@link HEARTBEAT_SEQ_CAP} frames (or records) taken for pings / pongs. */
  pingSeqs: number[];
  pongSeqs: number[];
  /** The ping interval in use, ms; absent when the connection has no heartbeat (none configured, or both sides negotiated 0). */
  intervalMs?: number;
  /**
   * Where the interval came from: `profile` (its `heartbeat.intervalMs` default), `announced`
   * (one side stated it: Engine.IO `pingInterval` in the open packet, over the socket or an
   * HTTP long-polling response; MQTT Keep Alive in CONNECT), `negotiated` (both sides offered:
   * STOMP `heart-beat` in CONNECT and CONNECTED).
   */
  intervalSource?: 'profile' | 'announced' | 'negotiated';
  /** `seq` of the frame or HTTP response that set the interval (not for `profile`). */
  intervalSeq?: number;
  /** Negotiated heart-beats: interval in use per direction, ms, 0 = none (`out` client→server, `in` server→client). */
  negotiated?: { out: number; in: number };
  /** Inbound silence limit basis, ms: the interval the server's traffic is judged against (absent: silences are not judged). */
  silenceIntervalMs?: number;
}

/** How many ping and pong `seq`s {@link HeartbeatInfo} lists per connection. */
export const HEARTBEAT_SEQ_CAP = 20;

/** A session: connections of one tab to the same endpoint (docs/design.md#order-sessions-and-connections). */
export interface SessionInfo {
  /** scheme://host/path, lower-case scheme and host, query and fragment dropped. */
  key: string;
  /** Connection ids in creation order. */
  connections: ConnId[];
  /** True once any connection of the session showed a ping (heartbeat rules apply). */
  showedPings: boolean;
}

/** Verdict on a reconnect delay (docs/design.md#reconnects-and-backoff): `unknown` when there is no close to measure from (HAR). */
export type AttemptVerdict = 'ok' | 'too-fast' | 'too-slow' | 'unknown';

/**
 * A reconnect attempt: a connection created after the previous one of its session closed
 * (docs/design.md#analysis). Durations in ms.
 * - `delayMs`: its `ws-create` t − the previous `ws-close` t (undefined without a close event);
 * - `expectedMs`: E (k = 0: `immediateMs`; k ≥ 1: min(baseMs·factor^(k−1), maxMs));
 * - `k`: failure streak before it.
 */
export interface AttemptInfo extends At {
  conn: ConnId;
  session: string;
  previous: ConnId;
  previousClose?: number;
  /** From the previous close, or from the last failed sync when `failedSyncs` is set (ms). */
  delayMs?: number;
  expectedMs: number;
  k: number;
  verdict: AttemptVerdict;
  /** Syncs that failed between the previous close and this attempt, counted in `k` (docs/design.md#reconnects-and-backoff). */
  failedSyncs?: number;
  /** `seq` of the last of them (its response or error). */
  failedSyncSeq?: number;
}

/** A point of the stream-position track: `frame` (inbound data frame), `sync` (highest position of a sync response), `hello` (server head; never counted as processed). */
export interface PositionPoint extends At {
  position: number;
  source: 'frame' | 'sync' | 'hello';
  conn?: ConnId;
  req?: ReqId;
}

/**
 * A catch-up sync (docs/design.md#profile-fields): an HTTP request to `sync.urlPath` or an outbound frame
 * matching `sync.frame`. `seq`/`t` are when it started.
 * - `cursor`: numeric cursor (`since`), `cursorText` the raw text, `hasCursor` false when absent/empty;
 * - `outcome`: `ok` (2xx, or a sent sync frame), `failed` (non-2xx or network error), `pending`;
 * - `done`: the response/error event; `positions`: range of positions in the response body.
 */
export interface SyncInfo extends At {
  /** `http` request, in-band `frame`, or `url`: the resuming socket's own URL (`sync.resumeParam`). */
  kind: 'http' | 'frame' | 'url';
  req?: ReqId;
  conn?: ConnId;
  url?: string;
  method?: string;
  hasCursor: boolean;
  cursor?: number;
  cursorText?: string;
  outcome: 'ok' | 'failed' | 'pending';
  status?: number;
  error?: string;
  done?: At;
  positions?: { min: number; max: number; count: number };
  /** The response said it is partial, and how ("has_more: true"): docs/design.md#catch-up-rules. */
  partial?: string;
  /** Index into `Analysis.resumes` of the resume whose window it falls in. */
  resume?: number;
}

/**
 * A resume (docs/design.md#positions-and-resumes "Resume"): a reconnect or the first connection after a navigation,
 * created while a last position exists. Its sync window opens at `window.open` (the previous
 * close, the navigation, or — no close event, HAR — its own `ws-create`) and closes at its end.
 */
export interface ResumeInfo {
  conn: ConnId;
  session: string;
  trigger: 'reconnect' | 'navigation';
  window: { open: At & { by: 'close' | 'navigation' | 'create' }; close?: { seq?: number; t: number } };
  /** Last position when the window opened. */
  lastPosition?: number;
  /** The server started a new position sequence before any data (`position.resetWhen`, e.g. Discord READY after IDENTIFY): a fresh start, not judged by sync-skipped/sync-late. */
  fresh?: boolean;
  /** Its first inbound data frame carrying a position. */
  firstData?: At & { position: number | string };
  /** Indices into `Analysis.syncs` of the syncs in its window. */
  syncs: number[];
}

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /**
   * When the capture ended, ms since the Unix epoch: a live panel passes "now", a trace its
   * `createdAt`. Connections still open at the end, their silences and ping gaps run up to it
   * (docs/design.md#silence-and-heartbeats "up to the close or the end of the trace"). Ignored when earlier than the last
   * event; default: the last event's `t`.
   */
  endT?: number;
  /** The trace header's `dropped` (events lost to capture caps). */
  dropped?: number;
  /** `har` applies the HAR rules of docs/design.md#har-input (no close events invented, ends from the HAR). */
  input?: 'trace' | 'har';
  /**
   * HAR only: per connection, `startedDateTime + time` of its entry in ms since the epoch
   * (a connection ends at that or its last message, whichever is later).
   */
  connEnds?: ReadonlyMap<ConnId, number> | Readonly<Record<string, number>>;
  /** Names of credential query parameters (default: the redaction list, docs/design.md#redaction). */
  redactKeys?: readonly string[];
  /**
   * Classify frames through the per-profile class cache (profile/class-cache.ts): for a panel
   * that analyses the same frames again and again (its row index classified them already).
   * The result is the same; a one-off analysis leaves it off (default false).
   */
  sharedClasses?: boolean;
}

/** Counts of findings per severity. */
export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

/** Everything {@link analyze} found. Arrays are in `seq` order unless said otherwise. */
export interface Analysis {
  profile: string;
  input: 'trace' | 'har';
  events: number;
  /** t of the first and last event (ms since the epoch); 0 for an empty trace. */
  startT: number;
  endT: number;
  sessions: SessionInfo[];
  connections: ConnectionInfo[];
  attempts: AttemptInfo[];
  resumes: ResumeInfo[];
  /** The position track, columnar (`at(i)`, `for…of`, `toArray()`, typed-array columns). */
  positions: PositionTrack;
  syncs: SyncInfo[];
  /** Highest position seen at the end (data frames and sync responses). */
  lastPosition?: number;
  /** With opaque positions (`position.opaque`): the last cursor received. */
  lastCursor?: string;
  /** Sorted by `t`, then `seq`. */
  findings: Finding[];
  counts: SeverityCounts;
  /** One record per injected fault, in fault `seq` order (docs/design.md#recovery-records). */
  recoveries: RecoveryRecord[];
}
