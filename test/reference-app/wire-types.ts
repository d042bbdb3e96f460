/**
 * Wire shapes of the reference app, i.e. the `scaiwave` profile of docs/design.md#the-scaiwave-profile.
 *
 * The ScaiWave troubleshooting page (docs/design.md#the-scaiwave-profile) names the endpoints (`/v1/stream`,
 * `/v1/sync?since=<last_stream_position>`), the hello frame's `tenant_id`, the 30 s ping and
 * the close codes 4001 / 4003, but never shows a frame: the JSON shapes with a `type` field are
 * our assumption, the same one the `scaiwave` profile makes.
 */

/** First frame on every accepted `/v1/stream` connection; `stream_position` = the tenant's head. */
export interface HelloFrame {
  type: 'hello';
  tenant_id: string;
  stream_position: number;
}

/** One event of the stream; `stream_position` increases (not necessarily by 1). */
export interface EventFrame {
  type: 'event';
  stream_position: number;
  data: EventData;
}

/** Payload of an event: plain data, never markup (the client shows it as text). */
export interface EventData {
  kind: string;
  id: string;
  text: string;
}

/** Application-level heartbeat, server → client, every `pingIntervalMs`. */
export interface PingFrame {
  type: 'ping';
  id: number;
}

/** The client's answer to a {@link PingFrame}, echoing its `id`. */
export interface PongFrame {
  type: 'pong';
  id: number;
}

export type ServerFrame = HelloFrame | EventFrame | PingFrame;

/** Body of `GET /v1/token[?tenant=T][&ttl_ms=N]`. */
export interface TokenResponse {
  token: string;
  /** Lifetime of the token in milliseconds from issue. */
  expires_in_ms: number;
  tenant_id: string;
}

/** Body of `GET /v1/sync?since=N`: the events with stream_position > N, and the current head. */
export interface SyncResponse {
  events: EventFrame[];
  head: number;
}

/** Close codes the server sends (scaiwave profile `closeCodes`). */
export const CLOSE_AUTH_INVALID_TOKEN = 4001;
export const CLOSE_SERVER_ABORT = 4003;

/** Close reasons sent with 4001 / 4003. The 4003 reasons are the troubleshooting page's `ws.disconnect` reasons. */
export const REASON_INVALID_TOKEN = 'invalid_token';
export const REASON_TOKEN_EXPIRED = 'token_expired';
export const REASON_PING_TIMEOUT = 'ping_timeout';
export const REASON_DUPLICATE_CONNECTION = 'duplicate_connection';
