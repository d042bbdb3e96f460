/**
 * Local servers for the hook tests (127.0.0.1 only): static pages and scripts from
 * test/fixtures/pages with optional response headers (e.g. a CSP), scripted HTTP endpoints
 * (JSON, text, slow, redirect, 404, the scaiwave sync endpoint `/v1/sync`, a beacon sink, a
 * CSP report sink), a `ws` WebSocket server whose behaviour is chosen by path, a TCP server
 * that accepts and never answers (a WebSocket stays CONNECTING), and a port nothing listens on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** Folder of the fixture pages. */
export const PAGES_DIR = resolve(import.meta.dirname, '../../fixtures/pages');

/** A route's answer. */
export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;

/** A running set of servers. */
export interface ProbeServers {
  httpUrl: string;
  wsUrl: string;
  /** ws:// URL of a TCP server that accepts and never answers the handshake. */
  silentWsUrl: string;
  /** ws:// URL of a port nothing listens on. */
  deadWsUrl: string;
  /** http:// URL of that dead port. */
  deadHttpUrl: string;
  /** Request log: "<METHOD> <path?query>" in arrival order. */
  requests: string[];
  /** Bodies of CSP violation reports received. */
  cspReports: string[];
  /** Bodies of beacons received. */
  beacons: string[];
  /** WebSocket paths connected, in order. */
  wsConnections: string[];
  /** Adds or replaces an HTTP route (exact path, query ignored). */
  route(path: string, h: Handler): void;
  /** Adds or replaces a WebSocket behaviour for a path. */
  wsRoute(path: string, h: (ws: WebSocket, req: IncomingMessage) => void): void;
  close(): Promise<void>;
}

/** Body of the sync endpoint for `since`: `count` events after it, JSON (scaiwave wire shape, our assumption). */
export function syncBody(since: number, count: number, pad = 0): string {
  const events = [];
  for (let i = 1; i <= count; i++) events.push({ type: 'event', stream_position: since + i, data: 'x'.repeat(pad) });
  return JSON.stringify({ events });
}

/** Size of the large text frame: 50 MiB of UTF-8. */
export const LARGE_TEXT_BYTES = 50 * 1024 * 1024;
/** Size of the large binary frame: 20 MiB. */
export const LARGE_BINARY_BYTES = 20 * 1024 * 1024;

let textCache: string | undefined;
/** 50 MiB of UTF-8 text: a repeating 64-character pattern (with a 2-byte "é" in it). */
export function largeText(): string {
  if (!textCache) {
    const unit = 'wavetrace-large-frame-é-0123456789abcdefghijklmnopqrstuvwxyz-AB'; // 64 bytes of UTF-8, 63 chars
    textCache = unit.repeat(LARGE_TEXT_BYTES / 64);
  }
  return textCache;
}
/** 20 MiB of bytes (i * 7 + 3) & 255. */
export function largeBinary(): Buffer {
  const b = Buffer.alloc(LARGE_BINARY_BYTES);
  for (let i = 0; i < b.length; i++) b[i] = (i * 7 + 3) & 255;
  return b;
}
/** The checksum the page computes (sum of UTF-16 code units / bytes, every 1,000th, mod 1e9+7) and the length. */
export function checksum(values: ArrayLike<number> | string): { length: number; sum: number } {
  let sum = 0;
  const len = values.length;
  for (let i = 0; i < len; i += 1000) sum = (sum + (typeof values === 'string' ? values.charCodeAt(i) : values[i]!)) % 1000000007;
  return { length: len, sum };
}

/** Serves a fixture file with a content type from its extension. */
export function fixture(relPath: string, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    const body = readFileSync(resolve(PAGES_DIR, relPath));
    const type = relPath.endsWith('.js') ? 'text/javascript' : relPath.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
  };
}

/** Starts the servers with the default routes (see the module comment). */
export async function startProbeServers(): Promise<ProbeServers> {
  const routes = new Map<string, Handler>();
  const wsRoutes = new Map<string, (ws: WebSocket, req: IncomingMessage) => void>();
  const requests: string[] = [];
  const cspReports: string[] = [];
  const beacons: string[] = [];
  const wsConnections: string[] = [];
  const json = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
  };
  routes.set('/data.json', (_q, res) => json(res, 200, JSON.stringify({ ok: true, n: [1, 2, 3] })));
  routes.set('/text', (_q, res) => res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('hello text'));
  routes.set('/echo-body', (_q, res, body) => res.writeHead(200, { 'content-type': 'text/plain' }).end('got:' + body.toString()));
  routes.set('/status/404', (_q, res) => json(res, 404, '{"error":"not found"}'));
  routes.set('/redirect', (_q, res) => res.writeHead(302, { location: '/text' }).end());
  routes.set('/slow', (_q, res) => {
    const t = setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('slow'), 3000);
    res.on('close', () => clearTimeout(t));
  });
  routes.set('/v1/sync', (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const since = Number(u.searchParams.get('since') ?? '0');
    const big = u.searchParams.get('big') === '1';
    json(res, 200, big ? syncBody(since, 2000, 1000) : syncBody(since, 3));
  });
  routes.set('/beacon', (_q, res, body) => {
    beacons.push(body.toString());
    res.writeHead(204).end();
  });
  routes.set('/csp-report', (_q, res, body) => {
    cspReports.push(body.toString());
    res.writeHead(204).end();
  });
  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const h = routes.get(path);
      if (!h) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      h(req, res, Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));

  wsRoutes.set('/echo', (ws) => {
    ws.on('message', (data, isBinary) => ws.send(isBinary ? data : `echo:${data.toString()}`, { binary: isBinary }));
  });
  wsRoutes.set('/binary', (ws) => {
    // "bin:N" → a binary frame of N bytes (0,1,2,…); "text:S" → S as text; "close:C:R" → close(C, R)
    ws.on('message', (data) => {
      const s = data.toString();
      if (s.startsWith('bin:')) ws.send(Buffer.from(Array.from({ length: Number(s.slice(4)) }, (_, i) => i & 255)), { binary: true });
      else if (s.startsWith('text:')) ws.send(s.slice(5));
      else if (s.startsWith('close:')) {
        const [, code, reason] = s.split(':');
        ws.close(Number(code), reason ?? '');
      }
    });
  });
  wsRoutes.set('/burst', (ws, req) => {
    // On "go": `n` text frames of exactly `size` bytes; `chunk` frames every `tick` ms (0: all at once).
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const n = Number(q.get('n') ?? '1000');
    const size = Number(q.get('size') ?? '100');
    const chunk = Number(q.get('chunk') ?? '0');
    const tick = Number(q.get('tick') ?? '10');
    ws.on('message', (data) => {
      if (data.toString() !== 'go') return;
      const frame = (i: number): string => {
        const head = `${i}:`;
        return head + 'x'.repeat(Math.max(0, size - head.length));
      };
      if (chunk <= 0) {
        for (let i = 0; i < n; i++) ws.send(frame(i));
        return;
      }
      let i = 0;
      const timer = setInterval(() => {
        for (let k = 0; k < chunk && i < n; k++, i++) ws.send(frame(i));
        if (i >= n) clearInterval(timer);
      }, tick);
      ws.on('close', () => clearInterval(timer));
    });
  });
  wsRoutes.set('/large', (ws) => {
    // On "go": the text frame of largeText() then the binary frame of largeBinary().
    ws.on('message', (data) => {
      if (data.toString() !== 'go') return;
      ws.send(largeText());
      ws.send(largeBinary(), { binary: true });
    });
  });
  const wss = new WebSocketServer({
    server: http,
    handleProtocols: (protocols) => {
      const first = [...protocols][0];
      return first ?? false;
    },
  });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws, req) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    wsConnections.push(req.url ?? '/');
    const h = wsRoutes.get(path) ?? wsRoutes.get('/echo');
    h?.(ws, req);
    ws.on('error', () => undefined);
  });

  const silentSockets = new Set<Socket>();
  const silent: TcpServer = createTcpServer((s) => {
    silentSockets.add(s);
    s.on('close', () => silentSockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  // A port that was free a moment ago: nothing listens there.
  const dead: TcpServer = createTcpServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const deadPort = (dead.address() as AddressInfo).port;
  await new Promise<void>((r) => dead.close(() => r()));

  const port = (http.address() as AddressInfo).port;
  return {
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    silentWsUrl: `ws://127.0.0.1:${(silent.address() as AddressInfo).port}`,
    deadWsUrl: `ws://127.0.0.1:${deadPort}`,
    deadHttpUrl: `http://127.0.0.1:${deadPort}`,
    requests,
    cspReports,
    beacons,
    wsConnections,
    route: (p, h) => void routes.set(p, h),
    wsRoute: (p, h) => void wsRoutes.set(p, h),
    async close() {
      for (const s of sockets) s.terminate();
      for (const s of silentSockets) s.destroy();
      await new Promise<void>((r) => wss.close(() => r()));
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      await new Promise<void>((r) => silent.close(() => r()));
    },
  };
}
