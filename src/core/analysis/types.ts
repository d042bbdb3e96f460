/**
 * Result types of the analysis (docs/design.md#analysis, CONTRACT: finding codes and semantics).
 *
 * Units: every `t` is milliseconds since the Unix epoch (float, as in the trace, docs/design.md#trace-format);
 * every `…Ms` field is a duration in milliseconds; `seq` values are the trace's event `seq`.
 * "Before"/"after" always follow `seq` (docs/design.md#analysis "Order").
 */
import type { CloseCodeInfo } from '../close-codes';
import type { ConnId, ReqId } from '../events';
import type { PositionTrack } from './position-track';

/** Severity of a finding: `error` makes `wavetrace check` exit 1 (docs/design.md#command-line). */
export type Severity = 'error' | 'warning' | 'info';

/** Every finding code of docs/design.md#analysis, in the order of its table. */
export type FindingCode =
  | 'sync-skipped'
  | 'sync-late'
  | 'sync-cursor-stale'
  | 'sync-cursor-ahead'
  | 'sync-cursor-missing'
  | 'sync-failed'
  | 'position-gap'
  | 'position-regression'
  | 'heartbeat-missed'
  | 'pong-missing'
  | 'silent-drop-suspected'
  | 'idle-timeout-suspected'
  | 'reconnect-storm'
  | 'reconnect-too-slow'
  | 'reconnect-after-fatal'
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
 * One finding (docs/design.md#analysis, last paragraph).
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

/** How a connection's life ended: a `ws-close` event, the HAR end (docs/design.md#analysis HAR rule), a `page-navigation` (its document is gone), or the end of the trace (still open). */
export type ConnEndCause = 'close' | 'har-end' | 'navigation' | 'trace-end';

/** A decoded `ws-close` (docs/design.md#analysis last sentence: every close shows its code's name and meaning). */
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
  /** True for fatal closes (docs/design.md#analysis "Fatal closes"). */
  fatal: boolean;
  /** True when the profile marks the code `fatalUnlessNewCredentials`. */
  needsNewCredentials: boolean;
}

/** One WebSocket connection (a `ws-create` and everything that followed on its `conn`). */
export interface ConnectionInfo {
  id: ConnId;
  /** URL as recorded (redacted in redacted traces). */
  url: string;
  /** Session key (scheme + host + path, query ignored; docs/design.md#analysis "Session"). */
  session: string;
  /** 0-based position of the connection in its session, in creation order. */
  index: number;
  protocols: string[];
  /** Negotiated subprotocol (from `ws-open`). */
  protocol?: string;
  created: At;
  opened?: At;
  closed?: CloseInfo;
  /** When the connection's life ended for the analysis, and why. `t` in ms since the epoch. */
  end: { t: number; cause: ConnEndCause };
  /** Opened and stayed open ≥ `backoff.stableAfterMs` (docs/design.md#analysis). */
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
  /** Heartbeat statistics; `maxPingGapMs` counts from open or the last ping to the next ping. */
  heartbeat: { pings: number; pongs: number; maxPingGapMs: number; missedPongs: number };
  /** Longest silence (docs/design.md#analysis "Silence"), ms; 0 when it never opened. */
  maxSilenceMs: number;
  framesIn: number;
  framesOut: number;
  /** Sum of frame `size` (true bytes on the wire). */
  bytesIn: number;
  bytesOut: number;
  errors: number;
}

/** A session: connections of one tab to the same endpoint (docs/design.md#analysis). */
export interface SessionInfo {
  /** scheme://host/path, lower-case scheme and host, query and fragment dropped. */
  key: string;
  /** Connection ids in creation order. */
  connections: ConnId[];
  /** True once any connection of the session showed a ping (heartbeat rules apply). */
  showedPings: boolean;
}

/** Verdict on a reconnect delay (docs/design.md#analysis): `unknown` when there is no close to measure from (HAR). */
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
  delayMs?: number;
  expectedMs: number;
  k: number;
  verdict: AttemptVerdict;
}

/** A point of the stream-position track: `frame` (inbound data frame), `sync` (highest position of a sync response), `hello` (server head; never counted as processed). */
export interface PositionPoint extends At {
  position: number;
  source: 'frame' | 'sync' | 'hello';
  conn?: ConnId;
  req?: ReqId;
}

/**
 * A catch-up sync (docs/design.md#profiles): an HTTP request to `sync.urlPath` or an outbound frame
 * matching `sync.frame`. `seq`/`t` are when it started.
 * - `cursor`: numeric cursor (`since`), `cursorText` the raw text, `hasCursor` false when absent/empty;
 * - `outcome`: `ok` (2xx, or a sent sync frame), `failed` (non-2xx or network error), `pending`;
 * - `done`: the response/error event; `positions`: range of positions in the response body.
 */
export interface SyncInfo extends At {
  kind: 'http' | 'frame';
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
  /** Index into `Analysis.resumes` of the resume whose window it falls in. */
  resume?: number;
}

/**
 * A resume (docs/design.md#analysis "Resume"): a reconnect or the first connection after a navigation,
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
  firstData?: At & { position: number };
  /** Indices into `Analysis.syncs` of the syncs in its window. */
  syncs: number[];
}

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /**
   * When the capture ended, ms since the Unix epoch: a live panel passes "now", a trace its
   * `createdAt`. Connections still open at the end, their silences and ping gaps run up to it
   * (docs/design.md#analysis "up to the close or the end of the trace"). Ignored when earlier than the last
   * event; default: the last event's `t`.
   */
  endT?: number;
  /** The trace header's `dropped` (events lost to capture caps). */
  dropped?: number;
  /** `har` applies the HAR rules of docs/design.md#analysis (no close events invented, ends from the HAR). */
  input?: 'trace' | 'har';
  /**
   * HAR only: per connection, `startedDateTime + time` of its entry in ms since the epoch
   * (a connection ends at that or its last message, whichever is later).
   */
  connEnds?: ReadonlyMap<ConnId, number> | Readonly<Record<string, number>>;
  /** Names of credential query parameters (default: the redaction list, docs/design.md#trace-format). */
  redactKeys?: readonly string[];
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
  /** Sorted by `t`, then `seq`. */
  findings: Finding[];
  counts: SeverityCounts;
}
