/**
 * The reference server: Node `http` + `ws`, speaking the `scaiwave` profile (docs/design.md#the-scaiwave-profile) on
 * 127.0.0.1, with test controls for the failure modes of the ScaiWave troubleshooting page
 * (docs/design.md#the-scaiwave-profile).
 *
 * Endpoints:
 * - `GET /v1/token`, `GET /v1/sync` — see http-api.ts.
 * - `WS /v1/stream?token=T` — bad/unknown token → accepted, then closed 4001 `invalid_token`;
 *   expired → 4001 `token_expired`; valid → hello `{type:"hello", tenant_id, stream_position:
 *   <tenant head>}`, then live events, pings and the 4003 rules (stream-connection.ts,
 *   connection-registry.ts).
 * - `GET /` (+ `/client.js` and its modules, `/client.css`) — the browser reference client.
 *
 * Every tenant in `trafficTenants` gets one new event every `eventIntervalMs` (whether or not
 * anyone is connected, so a disconnected client has something to catch up on with /v1/sync).
 * Other tenants only get events from `publish()`: a client of such a tenant sees the hello and
 * then nothing — the troubleshooting page's "Wrong tenant scope" symptom.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ConnectionRegistry } from './connection-registry';
import { EventLog } from './event-log';
import { handleApi, sendJson } from './http-api';
import { RequestLog, queryOf, type RequestLogEntry } from './request-log';
import { serveClientFile } from './static-client';
import { StreamConnection, type ConnectionInfo } from './stream-connection';
import { TokenStore, type TokenRecord } from './token-store';
import { CLOSE_AUTH_INVALID_TOKEN, REASON_TOKEN_EXPIRED, type EventFrame } from './wire-types';

export interface ReferenceServerOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Tenant of tokens issued without `?tenant=`; default `tenant-a`. */
  tenant?: string;
  /** Tenants the event ticker publishes to; default `[tenant]`. */
  trafficTenants?: string[];
  /** Token lifetime in milliseconds; default 600 000 (10 min). */
  tokenTtlMs?: number;
  /** Milliseconds between ticker events per traffic tenant; 0 = only `publish()`. Default 2000. */
  eventIntervalMs?: number;
  /** Milliseconds between pings on each connection; 0 = no pings. Default 30 000 (ScaiWave's 30 s). */
  pingIntervalMs?: number;
  /** Unanswered pings tolerated; one more tick closes with 4003 ping_timeout. Default 2. */
  maxMissedPongs?: number;
  /** Head every tenant's log starts at; default 0. */
  initialHead?: number;
  /** Most events in one /v1/sync response; default 10 000. */
  syncLimit?: number;
  /** Called with every request-log entry (the CLI prints them). */
  onLog?: (entry: RequestLogEntry) => void;
}

export interface ReferenceServer {
  /** `http://127.0.0.1:<port>` — the client page is at `${url}/`. */
  url: string;
  /** `ws://127.0.0.1:<port>` — the stream is at `${wsUrl}/v1/stream?token=…`. */
  wsUrl: string;
  port: number;
  /** Ordered log of requests, connects, disconnects and controls. */
  log: RequestLog;
  tokens: TokenStore;
  /** Issues a token directly (same as `GET /v1/token`). `ttlMs` defaults to `tokenTtlMs`. */
  issueToken(tenant?: string, ttlMs?: number): TokenRecord;
  /** Appends `count` events to `tenant`'s log and sends them to its open connections. */
  publish(count?: number, tenant?: string): EventFrame[];
  /** Current head of `tenant` (default tenant when omitted). */
  head(tenant?: string): number;
  /** Moves `tenant`'s head (gap forward, regression backward; see EventLog.setHead). */
  setHead(position: number, tenant?: string): void;
  /** Pauses/resumes the event ticker. */
  setEventsEnabled(enabled: boolean): void;
  /** Pauses/resumes pings on all connections (for `heartbeat-missed`). */
  setPingsEnabled(enabled: boolean): void;
  /** Makes `/v1/sync` answer `status` (e.g. 503) until called with null. */
  failSync(status: number | null): void;
  /** Expires every token and closes their open connections with 4001 token_expired. */
  expireTokens(): number;
  /** Destroys every stream socket without a close frame (client sees 1006). Returns how many. */
  killSockets(): number;
  /** Closes every stream connection with a close frame `code`/`reason`. Returns how many. */
  closeSockets(code: number, reason: string): number;
  /** Open stream connections. */
  connections(): ConnectionInfo[];
  /** Terminates every socket and stops listening. */
  close(): Promise<void>;
}

/** Starts the reference server; resolves once it listens. */
export async function startReferenceServer(opts: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const host = opts.host ?? '127.0.0.1';
  const defaultTenant = opts.tenant ?? 'tenant-a';
  const trafficTenants = opts.trafficTenants ?? [defaultTenant];
  const eventIntervalMs = opts.eventIntervalMs ?? 2000;
  const pingIntervalMs = opts.pingIntervalMs ?? 30_000;
  const maxMissedPongs = Math.max(1, opts.maxMissedPongs ?? 2);
  const initialHead = opts.initialHead ?? 0;
  const syncLimit = opts.syncLimit ?? 10_000;

  const log = new RequestLog(opts.onLog);
  const tokens = new TokenStore(opts.tokenTtlMs ?? 600_000);
  const registry = new ConnectionRegistry();
  const logs = new Map<string, EventLog>();
  let eventsEnabled = true;
  let pingsEnabled = true;
  let syncFailure: number | null = null;
  let nextConnId = 1;

  const logFor = (tenant: string): EventLog => {
    let l = logs.get(tenant);
    if (!l) {
      l = new EventLog(tenant, initialHead);
      logs.set(tenant, l);
    }
    return l;
  };
  const append = (count: number, tenant: string): EventFrame[] => {
    const frames = logFor(tenant).append(count);
    registry.broadcast(tenant, frames);
    return frames;
  };

  const wss = new WebSocketServer({ noServer: true });
  const httpServer = createServer((req, res) => {
    handleRequest(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(err) });
      else res.destroy();
    });
  });

  const handleRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let logged = false;
    const logIt = (): void => {
      if (logged) return;
      logged = true;
      log.add({
        kind: 'http',
        method: req.method ?? 'GET',
        path: url.pathname,
        query: queryOf(url),
        status: res.writableFinished ? res.statusCode : 0,
      });
    };
    res.on('finish', logIt);
    res.on('close', logIt);
    const ctx = { tokens, defaultTenant, logFor, syncFailure: () => syncFailure, syncLimit };
    if (handleApi(req, res, url, ctx)) return;
    if ((req.method === 'GET' || req.method === 'HEAD') && (await serveClientFile(url.pathname, res, req.method === 'HEAD'))) return;
    sendJson(res, 404, { error: 'not_found' });
  };

  httpServer.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/v1/stream') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onStream(ws, url));
  });

  const onStream = (ws: WebSocket, url: URL): void => {
    const id = nextConnId++;
    const check = tokens.check(url.searchParams.get('token'));
    log.add({ kind: 'ws.connect', conn: id, path: url.pathname, query: queryOf(url), tenant: check.ok ? check.record.tenant : null });
    if (!check.ok) {
      // Accept, then close with a close frame: a rejected upgrade would look like 1006 to a browser.
      log.add({ kind: 'ws.disconnect', conn: id, code: CLOSE_AUTH_INVALID_TOKEN, reason: check.reason, by: 'server' });
      ws.on('error', () => {});
      ws.close(CLOSE_AUTH_INVALID_TOKEN, check.reason);
      return;
    }
    const conn = new StreamConnection({
      id,
      socket: ws,
      token: check.record,
      pingIntervalMs,
      maxMissedPongs,
      pingsEnabled: () => pingsEnabled,
      log,
      onClosed: (c) => registry.remove(c),
    });
    registry.add(conn);
    conn.start(logFor(conn.tenant).head);
  };

  const ticker =
    eventIntervalMs > 0
      ? setInterval(() => {
          if (!eventsEnabled) return;
          for (const tenant of trafficTenants) append(1, tenant);
        }, eventIntervalMs)
      : undefined;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const control = (name: string, detail?: string): void => {
    log.add(detail === undefined ? { kind: 'control', name } : { kind: 'control', name, detail });
  };

  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}`,
    port,
    log,
    tokens,
    issueToken: (tenant = defaultTenant, ttlMs?: number) => (ttlMs === undefined ? tokens.issue(tenant) : tokens.issue(tenant, ttlMs)),
    publish(count = 1, tenant = defaultTenant) {
      const frames = append(count, tenant);
      control('publish', `${tenant} ${frames[0]?.stream_position ?? '-'}..${logFor(tenant).head}`);
      return frames;
    },
    head: (tenant = defaultTenant) => logFor(tenant).head,
    setHead(position, tenant = defaultTenant) {
      logFor(tenant).setHead(position);
      control('setHead', `${tenant} ${position}`);
    },
    setEventsEnabled(enabled) {
      eventsEnabled = enabled;
      control('setEventsEnabled', String(enabled));
    },
    setPingsEnabled(enabled) {
      pingsEnabled = enabled;
      control('setPingsEnabled', String(enabled));
    },
    failSync(status) {
      syncFailure = status;
      control('failSync', String(status));
    },
    expireTokens() {
      control('expireTokens');
      const n = tokens.expireAll();
      for (const conn of registry.open()) conn.close(CLOSE_AUTH_INVALID_TOKEN, REASON_TOKEN_EXPIRED);
      return n;
    },
    killSockets() {
      control('killSockets');
      const open = registry.open();
      for (const conn of open) conn.kill();
      return open.length;
    },
    closeSockets(code, reason) {
      control('closeSockets', `${code} ${reason}`);
      const open = registry.open();
      for (const conn of open) conn.close(code, reason);
      return open.length;
    },
    connections: () => registry.list(),
    async close() {
      clearInterval(ticker);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
