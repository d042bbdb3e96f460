/**
 * Servers for the bug-report replays (test/e2e/bug-report-scenarios.test.ts), on 127.0.0.1, behind
 * one HTTP server: the scenario page (test/fixtures/pages/bug-reports/page.html) and the client
 * libraries' browser bundles; `ws` endpoints `/room` (welcome, echo), `/flaky` (drops every
 * connection at once) and `/v1/stream` (a ScaiWave-shaped stream whose behaviour the page picks
 * with `mode`); the HTTP catch-ups `/v1/sync` and `/api/history`; a graphql-ws server on
 * `/graphql` whose `onConnect` accepts only the token "ok"; and a Socket.IO server with
 * connection state recovery that drops each client's first connection once.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Server as SocketIoServer } from 'socket.io';
import { useServer } from 'graphql-ws/use/ws';
import { buildSchema, execute, subscribe, validate } from 'graphql';
import { PAGES_DIR } from './probe-server';

const MODULES = resolve(import.meta.dirname, '../../../node_modules');

/** The running servers. */
export interface BugReportServers {
  httpUrl: string;
  close(): Promise<void>;
}

const send = (ws: WebSocket, o: unknown) => ws.readyState === 1 && ws.send(JSON.stringify(o));
const event = (p: number) => ({ type: 'event', stream_position: p, payload: { text: `e${p}` } });

/** Per page (`cid`): how many stream connections it opened. */
const streamConns = new Map<string, number>();

/** `/v1/stream?mode=…&cid=…`: what the server does on the page's first and later connections. */
function onStream(ws: WebSocket, mode: string, cid: string): void {
  const n = (streamConns.get(cid) ?? 0) + 1;
  streamConns.set(cid, n);
  const timers: NodeJS.Timeout[] = [];
  const later = (ms: number, f: () => void) => timers.push(setTimeout(f, ms));
  ws.on('close', () => timers.forEach(clearTimeout));
  if (mode === 'freeze' || mode === 'twotimers') {
    // The client pings ({type:"ping"}) and the server answers; `freeze` stops answering after the
    // second ping (a dead link that stays open), `twotimers` drops the first connection then.
    let pings = 0;
    send(ws, { type: 'hello', tenant_id: 'acme' });
    ws.on('message', (d) => {
      if (JSON.parse(String(d)).type !== 'ping') return;
      pings++;
      if (mode === 'freeze' && n === 1 && pings > 2) return;
      if (mode === 'twotimers' && n === 1 && pings === 2) return void ws.terminate();
      send(ws, { type: 'pong' });
    });
    return;
  }
  const first = { epoch: [1, 2, 3, 4, 5], reset: [1, 2, 3, 4, 5], truncate: [1, 2, 3, 4, 5], history: [50, 51, 52], restart: [1, 2, 3] }[mode] ?? [];
  if (n === 1) {
    send(ws, { type: 'hello', tenant_id: 'acme', ...(mode === 'epoch' ? { epoch: 'e1' } : {}) });
    const drop = () => (mode === 'restart' ? ws.close(1012, 'service restart') : ws.terminate());
    // The drop comes 150 ms after the last event was written to the socket, not on a timer of
    // its own: on a loaded machine the timers of the last events and of the drop can fire in one
    // turn, and terminate() would discard events still queued.
    if (first.length === 0) later(150, drop);
    first.forEach((p, i) =>
      later(20 * (i + 1), () => {
        if (ws.readyState !== 1) return;
        ws.send(JSON.stringify(event(p)), i === first.length - 1 ? () => later(150, drop) : undefined);
      }),
    );
    return;
  }
  // Later connections: the server's head after the drop, then live events once the page says it caught up.
  const head = { epoch: 3, reset: 2, truncate: 40, history: 56 }[mode] ?? 0;
  send(ws, { type: 'hello', tenant_id: 'acme', stream_position: head, ...(mode === 'epoch' ? { epoch: 'e2' } : {}) });
  if (mode === 'reset') later(50, () => [1, 2].forEach((p) => send(ws, event(p))));
  ws.on('message', (d) => {
    if (String(d) === 'caught-up') later(50, () => send(ws, event(head + 1)));
  });
}

/** `/v1/sync?since=N` and `/api/history?after=N`: the events after N up to the head; pages of 5 for `truncate`. */
function catchUp(url: URL): string {
  const since = Number(url.searchParams.get('since') ?? url.searchParams.get('after') ?? 0);
  const mode = url.searchParams.get('mode') ?? '';
  const head = { epoch: 3, truncate: 40, history: 56 }[mode] ?? since;
  const to = mode === 'truncate' ? Math.min(head, since + 5) : head;
  const events = [];
  for (let p = since + 1; p <= to; p++) events.push({ stream_position: p });
  return JSON.stringify({ events, has_more: to < head });
}

/** Starts the servers. */
export async function startBugReportServers(): Promise<BugReportServers> {
  const files: Record<string, [string, string]> = {
    '/page.html': [resolve(PAGES_DIR, 'bug-reports/page.html'), 'text/html; charset=utf-8'],
    '/page.js': [resolve(PAGES_DIR, 'bug-reports/page.js'), 'text/javascript'],
    '/lib/socket.io.min.js': [resolve(MODULES, 'socket.io-client/dist/socket.io.min.js'), 'text/javascript'],
    '/lib/graphql-ws.min.js': [resolve(MODULES, 'graphql-ws/umd/graphql-ws.min.js'), 'text/javascript'],
  };
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/v1/sync' || url.pathname === '/api/history') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(catchUp(url));
      return;
    }
    const f = files[url.pathname];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[1], 'cache-control': 'no-store' }).end(readFileSync(f[0]));
  });

  const io = new SocketIoServer(http, { transports: ['websocket'], destroyUpgrade: false, serveClient: false, connectionStateRecovery: { maxDisconnectionDuration: 60000 } });
  const dropped = new Set<string>();
  io.on('connection', (socket) => {
    const cid = String(socket.handshake.query.cid ?? '');
    if (dropped.has(cid)) return;
    dropped.add(cid);
    // `tick` first: the client then holds an offset and can ask for its session back.
    if (socket.handshake.query.tick === '1') setTimeout(() => socket.emit('tick', 'a'), 100);
    setTimeout(() => (socket.conn as unknown as { close(): void }).close(), 400);
  });

  const schema = buildSchema(`type Query { hello: String } type Subscription { counter: Int }`);
  const roots = {
    query: { hello: () => 'world' },
    subscription: {
      counter: async function* () {
        for (let i = 1; i <= 3; i++) yield { counter: i };
      },
    },
  };
  const gqlWss = new WebSocketServer({ noServer: true });
  useServer({ schema, roots, execute, subscribe, validate, onConnect: (ctx) => (ctx.connectionParams as { token?: string } | undefined)?.token === 'ok' }, gqlWss);

  const plain = new WebSocketServer({ noServer: true });
  plain.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/flaky') return void ws.terminate();
    if (url.pathname === '/room') {
      ws.send('welcome');
      ws.on('message', (d) => ws.send(`echo:${String(d)}`));
      return;
    }
    onStream(ws, url.searchParams.get('mode') ?? '', url.searchParams.get('cid') ?? '');
  });
  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0] ?? '';
    if (path === '/graphql') gqlWss.handleUpgrade(req, socket, head, (ws) => gqlWss.emit('connection', ws, req));
    else if (path === '/room' || path === '/flaky' || path === '/v1/stream') plain.handleUpgrade(req, socket, head, (ws) => plain.emit('connection', ws, req));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    httpUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    async close() {
      io.close();
      for (const ws of [...gqlWss.clients, ...plain.clients]) ws.terminate();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
