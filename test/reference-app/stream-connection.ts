/**
 * One accepted `/v1/stream` connection with a valid token: hello, heartbeat, events, closes.
 *
 * ScaiWave rules followed (docs/design.md#the-scaiwave-profile):
 * - "ScaiWave pings every 30s" → an application-level `{"type":"ping","id":N}` every
 *   `pingIntervalMs` (ids 1, 2, … per connection), answered by `{"type":"pong","id":N}`.
 * - 4003 `reason = "ping_timeout"` → "client missed too many pongs": at a ping tick, when
 *   `maxMissedPongs` pings are still unanswered, the server closes with 4003 ping_timeout
 *   instead of sending the next ping. With interval I and limit M, a silent client is closed
 *   (M + 1) · I milliseconds after it connected.
 * - 4001 `SW_AUTH_INVALID_TOKEN` → "Token expired or invalid": a connection whose token expires
 *   while it is open is closed with 4001 `token_expired`.
 * - "Check the hello frame's `tenant_id`" → the hello carries the token's tenant and the
 *   tenant's head as `stream_position`.
 */
import type { WebSocket } from 'ws';
import type { TokenRecord } from './token-store';
import type { RequestLog } from './request-log';
import {
  CLOSE_AUTH_INVALID_TOKEN,
  CLOSE_SERVER_ABORT,
  REASON_PING_TIMEOUT,
  REASON_TOKEN_EXPIRED,
  type EventFrame,
  type ServerFrame,
} from './wire-types';

/** Longest delay `setTimeout` accepts (about 24.8 days), in milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface StreamConnectionOptions {
  id: number;
  socket: WebSocket;
  token: TokenRecord;
  /** Milliseconds between pings; 0 = never ping. */
  pingIntervalMs: number;
  /** Unanswered pings after which the connection is closed with 4003 ping_timeout (≥ 1). */
  maxMissedPongs: number;
  /** Asked at every ping tick; false skips the ping (server control `setPingsEnabled`). */
  pingsEnabled: () => boolean;
  log: RequestLog;
  /** Called once when the socket has closed, whoever closed it. */
  onClosed: (conn: StreamConnection) => void;
}

/** Public snapshot of a connection, for tests and the CLI. */
export interface ConnectionInfo {
  id: number;
  tenant: string;
  token: string;
  /** Id of the last ping sent (0 = none yet). */
  lastPingId: number;
  /** Highest ping id answered by a pong (0 = none). */
  lastPongId: number;
  /** Position of the last event frame sent, or null before the first one. */
  lastSentPosition: number | null;
}

export class StreamConnection {
  readonly id: number;
  readonly tenant: string;
  readonly token: string;
  lastPingId = 0;
  lastPongId = 0;
  lastSentPosition: number | null = null;
  private pingTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private disconnectLogged = false;

  constructor(private readonly opts: StreamConnectionOptions) {
    this.id = opts.id;
    this.tenant = opts.token.tenant;
    this.token = opts.token.token;
    opts.socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onText(data.toString());
    });
    opts.socket.on('close', (code, reason) => {
      this.stopTimers();
      this.logDisconnect(code, reason.toString(), 'client');
      opts.onClosed(this);
    });
    opts.socket.on('error', () => {
      /* 'close' follows; nothing else to do */
    });
  }

  /** True while frames can be sent (the socket is OPEN and the server has not started closing). */
  get isOpen(): boolean {
    return this.opts.socket.readyState === this.opts.socket.OPEN;
  }

  /** Sends the hello frame with the tenant's `head`, then starts the ping and expiry timers. */
  start(head: number): void {
    this.send({ type: 'hello', tenant_id: this.tenant, stream_position: head });
    if (this.opts.pingIntervalMs > 0) {
      this.pingTimer = setInterval(() => this.onPingTick(), this.opts.pingIntervalMs);
    }
    this.armExpiry();
  }

  /** Closes with 4001 token_expired once the token's expiry has passed (re-arms if a timer fires early). */
  private armExpiry(): void {
    const untilExpiry = this.opts.token.expiresAt - Date.now();
    this.expiryTimer = setTimeout(() => {
      if (Date.now() >= this.opts.token.expiresAt) this.close(CLOSE_AUTH_INVALID_TOKEN, REASON_TOKEN_EXPIRED);
      else if (this.isOpen) this.armExpiry();
    }, Math.min(Math.max(untilExpiry, 1), MAX_TIMER_MS));
  }

  /** Sends one live event frame (only while open). */
  sendEvent(frame: EventFrame): void {
    if (!this.isOpen) return;
    this.send(frame);
    this.lastSentPosition = frame.stream_position;
  }

  /** Server-initiated close with a close frame (`code`, `reason`), e.g. 4003 duplicate_connection. */
  close(code: number, reason: string): void {
    if (!this.isOpen) return;
    this.stopTimers();
    this.logDisconnect(code, reason, 'server');
    this.opts.socket.close(code, reason);
  }

  /** Destroys the TCP socket without a close frame: the client sees 1006. */
  kill(): void {
    this.stopTimers();
    this.logDisconnect(1006, 'killed', 'server');
    this.opts.socket.terminate();
  }

  info(): ConnectionInfo {
    return {
      id: this.id,
      tenant: this.tenant,
      token: this.token,
      lastPingId: this.lastPingId,
      lastPongId: this.lastPongId,
      lastSentPosition: this.lastSentPosition,
    };
  }

  private onPingTick(): void {
    if (!this.isOpen || !this.opts.pingsEnabled()) return;
    const missed = this.lastPingId - this.lastPongId;
    if (missed >= this.opts.maxMissedPongs) {
      this.close(CLOSE_SERVER_ABORT, REASON_PING_TIMEOUT);
      return;
    }
    this.lastPingId++;
    this.send({ type: 'ping', id: this.lastPingId });
  }

  /** Handles a client frame: only `{"type":"pong","id":N}` for a ping already sent counts. */
  private onText(text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null) return;
    const { type, id } = msg as { type?: unknown; id?: unknown };
    if (type === 'pong' && Number.isSafeInteger(id)) {
      const pongId = id as number;
      if (pongId <= this.lastPingId && pongId > this.lastPongId) this.lastPongId = pongId;
    }
  }

  private send(frame: ServerFrame): void {
    this.opts.socket.send(JSON.stringify(frame), (err) => {
      if (err) this.opts.log.add({ kind: 'ws.fanout_failed', conn: this.id, error: err.message });
    });
  }

  private stopTimers(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.expiryTimer);
  }

  private logDisconnect(code: number, reason: string, by: 'server' | 'client'): void {
    if (this.disconnectLogged) return;
    this.disconnectLogged = true;
    this.opts.log.add({ kind: 'ws.disconnect', conn: this.id, code, reason, by });
  }
}
