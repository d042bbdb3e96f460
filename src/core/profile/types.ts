/**
 * Profile types: a declarative description of a WebSocket protocol (DESIGN.md §4).
 *
 * A profile is JSON, never code. Matchers test a frame by exact text, regular expression,
 * JSON path equality, or binary hex prefix, each with a direction: `in` = server→client
 * (`ws-message`), `out` = client→server (`ws-send`).
 */
import type { ProfileCloseCode } from '../close-codes';

/** Direction of a frame: `in` server→client, `out` client→server. */
export type Direction = 'in' | 'out';

/**
 * A frame matcher. All given conditions must hold (logical AND).
 * - `text`: the whole text payload equals this string.
 * - `regex`: a JavaScript regular expression source tested against the text payload.
 * - `json`: map of dotted JSON path → expected value (deep-equal) on the parsed payload.
 * - `hexPrefix`: lower-case hex the binary payload starts with (e.g. "c000" for MQTT PINGREQ).
 * - `prefix`: text the payload starts with; with `json`, the JSON is parsed after it
 *   (e.g. Engine.IO "42" before a Socket.IO event array).
 */
export interface FrameMatcher {
  dir: Direction;
  text?: string;
  regex?: string;
  json?: Record<string, unknown>;
  hexPrefix?: string;
  prefix?: string;
}

/** Heartbeat description. `ping`/`pong` may be either direction (e.g. Engine.IO v3 vs v4). */
export interface HeartbeatSpec {
  /** Expected interval between pings in ms. */
  intervalMs: number;
  ping: FrameMatcher;
  /** Absent for one-way heartbeats (SockJS `h`, subscriptions-transport-ws `ka`, SignalR type 6). */
  pong?: FrameMatcher;
  /** How long a ping may wait for its pong, ms. */
  pongTimeoutMs?: number;
}

/** Where stream positions live in inbound data frames. */
export interface PositionSpec {
  /** Dotted JSON path to a numeric position in a data frame (e.g. "stream_position", "s"). */
  path: string;
  /** True when positions increase by exactly 1 per event (gaps are then findings). */
  contiguous: boolean;
  /** Optional: only frames matching this carry positions (e.g. Discord op 0 dispatches). */
  when?: FrameMatcher;
}

/**
 * The catch-up step before resuming. Either an HTTP request (`urlPath` + `param`) or an
 * outbound frame (`frame` + `cursorPath`) that carries the cursor (in-band resume).
 */
export interface SyncSpec {
  /** Path of the sync endpoint, e.g. "/v1/sync" (matched against the request URL's path). */
  urlPath?: string;
  /** Query parameter that carries the cursor, e.g. "since". */
  param?: string;
  /** Path to positions inside the JSON response body, `[]` iterates arrays: "events[].stream_position". */
  responsePositions?: string;
  /** Outbound frame that resumes in-band, e.g. Discord op 6 RESUME. */
  frame?: FrameMatcher;
  /** Dotted path to the cursor in that frame, e.g. "d.seq". */
  cursorPath?: string;
}

/** Reconnect backoff expectations (DESIGN.md §5). All values in ms except factor/jitter. */
export interface BackoffSpec {
  /** Window for the immediate first retry (k = 0). */
  immediateMs: number;
  baseMs: number;
  factor: number;
  maxMs: number;
  /** Fraction 0..1: an attempt is too fast when delay < (1 − jitter)·E. */
  jitter: number;
  /** A connection open at least this long counts as established. */
  stableAfterMs: number;
}

/** The hello frame the server sends after the handshake and the fields worth showing. */
export interface HelloSpec {
  match: FrameMatcher;
  /** Dotted paths shown in the connection header and compared by `tenant-changed`. */
  fields: string[];
}

/** How a profile is auto-detected. Any one condition that holds selects the profile. */
export interface ProfileMatch {
  /** URL path equals (e.g. "/v1/stream"). */
  urlPath?: string;
  /** Regular expression source tested against the full URL (e.g. "[?&]EIO=4"). */
  urlRegex?: string;
  /** Negotiated or requested subprotocol. */
  subprotocol?: string;
  /** A matcher on one of the first frames. */
  firstFrame?: FrameMatcher;
}

/** A protocol profile (DESIGN.md §4). */
export interface Profile {
  name: string;
  /** Human description, with the specification it follows. */
  description?: string;
  /** True when wire shapes are assumptions (scaiwave: the seed page does not show frames). */
  assumedWireFormat?: boolean;
  match?: ProfileMatch;
  hello?: HelloSpec;
  heartbeat?: HeartbeatSpec;
  position?: PositionSpec;
  sync?: SyncSpec;
  backoff: BackoffSpec;
  closeCodes?: Record<string, ProfileCloseCode>;
  /** Known middlebox idle timeouts to compare silences with, ms. */
  idleTimeoutsMs?: number[];
}

/** What a frame is under a profile. */
export type FrameKind = 'hello' | 'ping' | 'pong' | 'sync' | 'data';

/**
 * Classification of one frame under a profile.
 * - `position`: numeric stream position carried by the frame (data and hello frames).
 * - `cursor`: the cursor carried by an in-band sync frame.
 * - `helloFields`: values of `hello.fields` for hello frames.
 */
export interface FrameClass {
  kind: FrameKind;
  position?: number;
  cursor?: number;
  helloFields?: Record<string, unknown>;
}
