/**
 * Profile types: a declarative description of a WebSocket protocol (docs/design.md#profiles).
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
 * Details (match.ts): `text` never matches a truncated preview; `json` paths use the grammar
 * of path.ts (`a.b[0]`, `[-1]`) and an empty map only requires a JSON object/array; text
 * conditions never match binary frames and `hexPrefix` matches binary frames only.
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
  /**
   * Optional (added for presets): either side may ping and the other side answers, so `ping`
   * and `pong` also match with their direction reversed (graphql-transport-ws, Pusher, SignalR
   * type 6, STOMP heart-beats). `intervalMs` still describes pings in `ping.dir`.
   */
  bidirectional?: boolean;
  /**
   * Optional (added for presets): pings are only sent when nothing else went out in their
   * direction for about `intervalMs` (MQTT Keep Alive, STOMP heart-beats, SignalR keep-alive,
   * Pusher `activity_timeout`): any frame from the pinging side stands in for a ping, so a
   * busy link without pings is not a missed heartbeat.
   */
  idleOnly?: boolean;
  /**
   * Optional (added for presets): dotted path, in the hello frame's JSON (after
   * `hello.match.prefix`), of the interval the server announced (Engine.IO `pingInterval`,
   * Discord `d.heartbeat_interval`, Centrifugo `connect.ping`). The classifier reports it as
   * `FrameClass.intervalMs`; `intervalMs` above is the default when it is absent.
   */
  intervalPath?: string;
  /** Multiplier turning the `intervalPath` value into ms (Centrifugo sends seconds: 1000). Default 1. */
  intervalScale?: number;
  /**
   * Optional: the interval is negotiated by a STOMP-style header `name:x,y` (ms, 0 = none)
   * in the client's request frame (`request`, outbound: x = can send, y = wants to receive)
   * and in the hello (the server's x, y). Per direction the interval in use is the larger of
   * the sender's x and the receiver's y, or none when either is 0 (STOMP 1.2 "Heart-beating").
   * Reported as `FrameClass.heartbeatHeader`. See docs/design.md#built-in-presets.
   */
  negotiate?: HeartbeatNegotiation;
}

/** A STOMP-style heart-beat negotiation (`HeartbeatSpec.negotiate`). */
export interface HeartbeatNegotiation {
  /** Header name, e.g. "heart-beat". */
  header: string;
  /** The client's frame that carries its offer (e.g. STOMP CONNECT). The server's is the hello. */
  request: FrameMatcher;
}

/** Where stream positions live in inbound data frames. */
export interface PositionSpec {
  /** Dotted JSON path to a numeric position in a data frame (e.g. "stream_position", "s"). */
  path: string;
  /** True when positions increase by exactly 1 per event (gaps are then findings). */
  contiguous: boolean;
  /**
   * Optional: only frames matching this carry positions (e.g. Discord op 0 dispatches).
   * `path` is then read from the JSON after `when.prefix` (e.g. Socket.IO "42").
   */
  when?: FrameMatcher;
  /**
   * Optional (added for presets): positions are read on a connection only from the first frame
   * matching this on that connection onwards (Socket.IO: a connect reply carrying `pid` shows
   * that connection state recovery is on, so the last event argument is an offset).
   */
  after?: FrameMatcher;
  /**
   * Optional (added for presets): a frame matching this starts a new position sequence
   * (Discord READY after a fresh IDENTIFY restarts `s` at 1). Reported as `FrameClass.positionReset`.
   */
  resetWhen?: FrameMatcher;
  /**
   * Optional: where the server names the position sequence's epoch (a generation, a stream or
   * session id; Centrifugo `epoch`, Socket.IO `pid`). Read at `path` from inbound frames
   * matching `when` (after `when.prefix`), or from the hello when `when` is absent. Positions
   * are compared within one epoch; a new epoch starts again from its beginning
   * (docs/design.md#epochs).
   */
  epoch?: { path: string; when?: FrameMatcher };
  /**
   * Optional: positions are opaque cursor strings (tokens the server hands out and the client
   * sends back), not numbers. Only the equality rules apply to them: `sync-skipped`,
   * `sync-cursor-missing` and `sync-cursor-mismatch` (the cursor sent is not the last one
   * received); never gaps, regressions, stale or ahead (docs/design.md#cursors-and-catch-up).
   */
  opaque?: boolean;
}

/**
 * The catch-up step before resuming (docs/design.md#cursors-and-catch-up). The cursor travels in
 * one of three places: an HTTP request (`urlPath` + `param` in its query, or `bodyPath` in its
 * JSON body), an outbound frame (`frame` + `cursorPath`: in-band resume), or the resuming
 * WebSocket's own URL (`resumeParam`: a query parameter of the new connection).
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
  /**
   * Optional: paths in the sync response body that say the response is partial — a truncated
   * flag, `has_more`, a next cursor — when they hold `true`, a non-empty string or a number
   * (docs/design.md#catch-up-rules).
   */
  partial?: string[];
  /**
   * Optional: path, in the sync frame, of the session the client asks to resume (Socket.IO
   * `pid`); compared with the epoch the server announces next (docs/design.md#epochs).
   */
  sessionPath?: string;
  /**
   * Optional: dotted path of the cursor in the JSON body of the HTTP sync request (a POST
   * catch-up such as `{"after": 42}`), read when the request's body was recorded.
   */
  bodyPath?: string;
  /**
   * Optional: query parameter of the resuming WebSocket's URL that carries the cursor
   * (`?resume=…`, `?sequence_number=N`, `?watermark=N`): the new connection is its own sync.
   */
  resumeParam?: string;
}

/** Reconnect backoff expectations (docs/design.md#reconnects-and-backoff). All values in ms except factor/jitter. */
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
  /**
   * Optional: the hello may arrive as the body of an HTTP response before the WebSocket opens
   * (Engine.IO's long-polling open packet). The body of a response to a URL with path
   * `urlPath`, read as an inbound text frame, that matches `match` is the hello of the
   * WebSocket whose URL query parameter `param` equals the hello's value at `idPath`
   * (Engine.IO: `sid`). The hook keeps the bodies of responses at `urlPath`.
   */
  http?: HelloOverHttp;
}

/** Where a hello sent over HTTP is found and which WebSocket it belongs to (`HelloSpec.http`). */
export interface HelloOverHttp {
  urlPath: string;
  param: string;
  idPath: string;
}

/**
 * How the sessions of a protocol are keyed (docs/design.md#analysis "Session"): the part of the
 * URL path matching `pathPattern` (a regular expression source) is replaced by `replaceWith`
 * (default "/*") in the session key, so a per-connection id in the path (SockJS's
 * `/<server>/<session>/websocket`) does not make every connection its own session.
 */
export interface SessionSpec {
  pathPattern: string;
  replaceWith?: string;
}

/**
 * An outer framing that wraps the protocol's messages (docs/design.md#built-in-presets):
 * - `sockjs`: SockJS frames; `a["m1","m2"]` (in) and `["m1"]` (out) carry one record per
 *   message, `m"m1"` one; `o` is the transport open, `h` SockJS's own heartbeat (a ping
 *   record), `c[code,"reason"]` its close (data). The profile's matchers see the messages.
 * - `mqtt`: binary MQTT packets reassembled per connection and direction from the frames'
 *   bytes (fixed header, Remaining Length, OASIS MQTT 3.1.1 §2.2): a packet that spans frames
 *   is one record of the frame that completes it, a frame holding several packets has one
 *   record per packet.
 */
export type Framing = 'sockjs' | 'mqtt';

/** How a profile is auto-detected. Any one condition that holds selects the profile. */
export interface ProfileMatch {
  /** URL path equals (e.g. "/v1/stream"). */
  urlPath?: string;
  /** Regular expression source tested against the full URL (e.g. "[?&]EIO=4"). */
  urlRegex?: string;
  /** Negotiated or requested subprotocol. */
  subprotocol?: string;
  /** Optional (added for presets): more subprotocols, any of which selects the profile (STOMP v10/v11/v12). */
  subprotocols?: string[];
  /** A matcher on one of the first frames. */
  firstFrame?: FrameMatcher;
  /** Optional (added for presets): what that frame is, for the detection reason ("Engine.IO v4 open"). */
  firstFrameName?: string;
}

/** A protocol profile (docs/design.md#profile-fields). */
export interface Profile {
  name: string;
  /** Human description, with the specification it follows. */
  description?: string;
  /**
   * Optional: where the protocol is documented (a URL or a short title). Hints name it
   * ("see <docs>") instead of any other protocol's documentation.
   */
  docs?: string;
  /** True when wire shapes are assumptions (scaiwave: its troubleshooting page does not show frames, docs/design.md#the-scaiwave-profile). */
  assumedWireFormat?: boolean;
  match?: ProfileMatch;
  hello?: HelloSpec;
  heartbeat?: HeartbeatSpec;
  position?: PositionSpec;
  sync?: SyncSpec;
  backoff: BackoffSpec;
  /**
   * Optional (added for presets): frames may carry several records separated (or terminated)
   * by this string — SignalR "\u001e", Centrifugo "\n". Matchers and paths then apply to each
   * record; empty records are ignored.
   */
  recordSeparator?: string;
  /** Optional: an outer framing to unwrap before matching ({@link Framing}). */
  framing?: Framing;
  /** Optional: how sessions are keyed when the URL carries a per-connection id ({@link SessionSpec}). */
  session?: SessionSpec;
  closeCodes?: Record<string, ProfileCloseCode>;
  /** Known middlebox idle timeouts to compare silences with, ms. */
  idleTimeoutsMs?: number[];
  /**
   * Optional: inbound frames in which the server reports an error (graphql-transport-ws
   * `error`, Socket.IO CONNECT_ERROR), and where their message is (`messagePath`, read after
   * `match.prefix`). Each is a `server-error` finding (docs/design.md#fatal-closes-and-credentials).
   */
  error?: { match: FrameMatcher; messagePath?: string };
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
  /**
   * Optional (added): with `position.opaque`, the cursor string a data frame carries
   * (instead of `position`), or the cursor text of an in-band sync frame.
   */
  token?: string;
  helloFields?: Record<string, unknown>;
  /** Optional (added): the heartbeat interval a hello announced, ms (`heartbeat.intervalPath`). */
  intervalMs?: number;
  /**
   * Optional: the heart-beat offer `[x, y]` (ms) a `heartbeat.negotiate` request or hello carries;
   * `heartbeatFrom` says which ('request' = the client's, 'hello' = the server's).
   */
  heartbeatOffer?: [number, number];
  heartbeatFrom?: 'request' | 'hello';
  /** Optional: a record of the outer framing (`framing: sockjs` `o`, `h`), not of the inner protocol. */
  transport?: boolean;
  /** Optional (added): the frame starts a new position sequence (`position.resetWhen`). */
  positionReset?: boolean;
  /**
   * Optional (added): for a frame carrying several records (`recordSeparator`), the class of
   * each record in order; the fields above summarise them (see classify.ts).
   */
  records?: FrameClass[];
  /** Optional (added): the epoch this frame announces (`position.epoch`), as text. */
  epoch?: string;
  /** Optional (added): an inbound server error frame (`error`): its message, '' when none. */
  serverError?: string;
  /** Optional (added): the session a sync frame asks to resume (`sync.sessionPath`), as text. */
  syncSession?: string;
  /** Optional (added): on a sync frame with `cursorPath`, true when that path holds no value (numeric or not). */
  cursorAbsent?: boolean;
}
