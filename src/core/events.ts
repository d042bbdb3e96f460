/**
 * The Wavetrace event model: one record per thing the page hook observed.
 *
 * Contract: docs/design.md#trace-format. Every event carries
 * `seq` (integer, strictly increasing in capture order), `t` (milliseconds since the
 * Unix epoch, float: `performance.timeOrigin + performance.now()`) and `type`.
 * Connection events carry `conn`, HTTP events carry `req`.
 *
 * This module is pure types plus tiny helpers: it imports nothing and is safe to
 * bundle into the page hook.
 */

/** Connection id: unique within a trace. The hook writes strings (`"<instance>.<n>"`); hand-written traces may use numbers. */
export type ConnId = string | number;
/** HTTP request id: unique within a trace. */
export type ReqId = string | number;

/** WebSocket data opcodes as defined by RFC 6455 §5.2: 1 = text frame, 2 = binary frame. */
export type DataOpcode = 1 | 2;

/** How `data` of a frame is encoded: UTF-8 text as is, or base64 of the binary preview. */
export type PayloadEncoding = 'text' | 'base64';

/** WebSocket.readyState values (HTML Living Standard): 0 CONNECTING, 1 OPEN, 2 CLOSING, 3 CLOSED. */
export type ReadyState = 0 | 1 | 2 | 3;

/** Fields every event has. */
export interface EventBase {
  /** Integer, strictly increasing in capture order. */
  seq: number;
  /** Milliseconds since the Unix epoch (float, sub-millisecond precision). */
  t: number;
  /**
   * True on an event the hook made up for an injected fault (the `error` and `close` a page
   * hears when a fault drops or closes its socket), docs/design.md#fault-events-and-flags.
   */
  synthetic?: boolean;
}

/** `new WebSocket()` was called (before any network activity). */
export interface WsCreateEvent extends EventBase {
  type: 'ws-create';
  conn: ConnId;
  /** The URL as resolved by the constructor (redacted in exported traces). */
  url: string;
  /** Requested subprotocols, in call order (empty when none were given). */
  protocols: string[];
  /** URL of the document (frame) that created the socket. */
  frameUrl: string;
}

/** The WebSocket constructor threw (bad URL, bad subprotocol). */
export interface WsCreateFailedEvent extends EventBase {
  type: 'ws-create-failed';
  url: string;
  /** `"<DOMException name>: <message>"`. */
  error: string;
}

/** `open` fired: the opening handshake completed. */
export interface WsOpenEvent extends EventBase {
  type: 'ws-open';
  conn: ConnId;
  /** Negotiated subprotocol ("" when none). */
  protocol: string;
  /** Negotiated extensions ("" when none), e.g. "permessage-deflate". */
  extensions: string;
}

/** Shared fields of a data frame (sent or received). */
export interface FrameFields {
  conn: ConnId;
  /** 1 text, 2 binary (RFC 6455 §5.2). */
  opcode: DataOpcode;
  /** True size in bytes: UTF-8 byte length for text frames, byte length for binary frames. */
  size: number;
  /** Preview of the payload: text as is, binary as base64 of the first bytes. */
  data: string;
  encoding: PayloadEncoding;
  /** True when `data` holds only a prefix of the payload (the preview cap was hit). */
  truncated: boolean;
  /**
   * True when an injected fault kept this frame from its destination: a received frame the
   * page never saw (freeze, skip), or a sent frame that never left (freeze). The analysis
   * judges the client by what it saw: such a frame counts for nothing the page did
   * (docs/design.md#fault-events-and-flags).
   */
  faulted?: boolean;
  /**
   * True for a Blob payload whose bytes are not in `data` (then empty): the hook was still
   * reading them when the event left, and they never came, or they could not be read
   * (docs/design.md#previews-and-binary-data). `size` is still the true size.
   */
  blobUnread?: boolean;
  /**
   * True when the full preview was lost in capture, not cut by the preview cap: the frame went
   * live with a short preview (over the live preview budget), and its full preview was pushed
   * out of the hook's bounded owed queue before the panel took it (`truncated` true, `data` the
   * short preview, `size` still the true size; docs/design.md#live-preview-budget).
   */
  previewLost?: boolean;
}

/** The page called `send()`. */
export interface WsSendEvent extends EventBase, FrameFields {
  type: 'ws-send';
  /** readyState at call time: sending while 0 throws, while 2 or 3 the data is silently lost. */
  readyState: ReadyState;
}

/** A `message` event fired. */
export interface WsMessageEvent extends EventBase, FrameFields {
  type: 'ws-message';
}

/** An `error` event fired. */
export interface WsErrorEvent extends EventBase {
  type: 'ws-error';
  conn: ConnId;
}

/** The page called `close()`. `error` is set when the call threw. */
export interface WsCloseCallEvent extends EventBase {
  type: 'ws-close-call';
  conn: ConnId;
  code?: number;
  reason?: string;
  error?: string;
}

/** `close` fired. */
export interface WsCloseEvent extends EventBase {
  type: 'ws-close';
  conn: ConnId;
  /** Close code (RFC 6455 §7.4); 1005 when none was received, 1006 when there was no close frame. */
  code: number;
  reason: string;
  wasClean: boolean;
}

/** An HTTP request started (fetch, XMLHttpRequest or navigator.sendBeacon). */
export interface HttpRequestEvent extends EventBase {
  type: 'http-request';
  req: ReqId;
  method: string;
  url: string;
  initiator: 'fetch' | 'xhr' | 'beacon';
  /**
   * Optional: the request body as text (bounded), when recorded — a JSON catch-up request
   * carries its cursor here (`sync.bodyPath`); HAR `request.postData.text` on import.
   */
  body?: string;
}

/** Response headers were received. `body` only for URLs matching the profile's sync endpoint. */
export interface HttpResponseEvent extends EventBase {
  type: 'http-response';
  req: ReqId;
  status: number;
  body?: string;
  bodyTruncated?: boolean;
}

/** A network error or abort ended the request. */
export interface HttpErrorEvent extends EventBase {
  type: 'http-error';
  req: ReqId;
  error: string;
}

/** A new document started in the tab (with preserve log, earlier events are kept). */
export interface PageNavigationEvent extends EventBase {
  type: 'page-navigation';
  url: string;
}

/** The tab was hidden or shown (background tabs throttle timers, and so heartbeats). */
export interface PageVisibilityEvent extends EventBase {
  type: 'page-visibility';
  state: 'visible' | 'hidden';
}

/** `online` / `offline` fired. */
export interface PageOnlineEvent extends EventBase {
  type: 'page-online';
  online: boolean;
}

/** A Worker or SharedWorker was created: its sockets are outside the hook's reach. */
export interface WorkerCreatedEvent extends EventBase {
  type: 'worker-created';
  kind: 'worker' | 'shared-worker';
  url: string;
}

/** The ring buffer overwrote `count` events at this point. */
export interface CaptureDroppedEvent extends EventBase {
  type: 'capture-dropped';
  count: number;
}

/** Fault commands (docs/design.md#fault-commands); `thaw` ends a freeze or a refuse early. */
export type FaultKind = 'drop' | 'close' | 'freeze' | 'thaw' | 'refuse' | 'fail-sync' | 'skip';

/** All fault kinds. */
export const FAULT_KINDS: readonly FaultKind[] = ['drop', 'close', 'freeze', 'thaw', 'refuse', 'fail-sync', 'skip'];

/** Who asked for a fault. */
export type FaultOrigin = 'panel' | 'cli' | 'test';

/**
 * A fault was injected, at the moment it applies (docs/design.md#fault-events-and-flags).
 * Fields by kind: `conn` (drop, close, freeze, thaw, skip), `code`/`reason` (close, 1000–4999),
 * `ms` (freeze: how long, absent = until thawed; refuse: how long, ms), `endpoint` (refuse:
 * URL prefix of the sockets refused), `count` (fail-sync: requests; skip: inbound data
 * frames), `status` (fail-sync: HTTP status, or "network" for a network error).
 */
export interface FaultEvent extends EventBase {
  type: 'fault';
  kind: FaultKind;
  conn?: ConnId;
  endpoint?: string;
  code?: number;
  reason?: string;
  ms?: number;
  count?: number;
  status?: number | 'network';
  origin: FaultOrigin;
}

/** Any event of a trace (docs/design.md#event-types table). */
export type TraceEvent =
  | WsCreateEvent
  | WsCreateFailedEvent
  | WsOpenEvent
  | WsSendEvent
  | WsMessageEvent
  | WsErrorEvent
  | WsCloseCallEvent
  | WsCloseEvent
  | HttpRequestEvent
  | HttpResponseEvent
  | HttpErrorEvent
  | PageNavigationEvent
  | PageVisibilityEvent
  | PageOnlineEvent
  | WorkerCreatedEvent
  | CaptureDroppedEvent
  | FaultEvent;

/** The `type` strings of all events. */
export type EventType = TraceEvent['type'];

/** An event without its `seq`, as a recorder produces it before numbering. */
export type UnsequencedEvent = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'seq'> : never) : never;

/** All event type strings, in the order of docs/design.md#event-types. */
export const EVENT_TYPES: readonly EventType[] = [
  'ws-create',
  'ws-create-failed',
  'ws-open',
  'ws-send',
  'ws-message',
  'ws-error',
  'ws-close-call',
  'ws-close',
  'http-request',
  'http-response',
  'http-error',
  'page-navigation',
  'page-visibility',
  'page-online',
  'worker-created',
  'capture-dropped',
  'fault',
];

/** True for frame events (`ws-send` and `ws-message`). */
export function isFrameEvent(e: TraceEvent): e is WsSendEvent | WsMessageEvent {
  return e.type === 'ws-send' || e.type === 'ws-message';
}

/** True for events that belong to a WebSocket connection (they carry `conn`). */
export function hasConn(e: TraceEvent): e is Extract<TraceEvent, { conn: ConnId }> {
  return 'conn' in e && e.conn !== undefined;
}
