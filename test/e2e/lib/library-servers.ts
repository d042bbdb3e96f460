/**
 * Servers for the real-library runs (docs/design.md#built-in-presets), on 127.0.0.1, behind one
 * HTTP server that also serves one page per library (its npm browser bundle + the flow in
 * test/fixtures/pages/libraries/libraries.js):
 * - `sockjs`: sockjs-node echo at `/echo` (`heartbeat_delay` 1 s: on the WebSocket transport
 *   sockjs-node sends RFC 6455 pings then, not `h` frames);
 * - `stomp-sockjs`: the in-process STOMP broker (stomp-server.ts, `heart-beat:1000,1000`) over
 *   sockjs-node at `/stomp`, for @stomp/stompjs with a sockjs-client factory;
 * - `stomp`: the same broker over a raw `ws` socket at `/stomp-ws` (subprotocol v12.stomp) with
 *   `heart-beat:0,20000` (the server sends none, wants one every 20 s);
 * - `socketio`: a Socket.IO server with `pingInterval` 40000, default transports;
 * - `mqtt`: Aedes behind `ws` at `/mqtt` (ws's createWebSocketStream as the bridge).
 * Each library's first WebSocket is cut once by the server (TCP destroyed, no close frame)
 * `dropAfterMs` after it opened, so the client reconnects by itself.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, createWebSocketStream } from 'ws';
import sockjs from 'sockjs';
import { Server as SocketIoServer } from 'socket.io';
import { Aedes } from 'aedes';
import { PAGES_DIR } from './probe-server';
import { createStompBroker, type StompCounts } from './stomp-server';

const MODULES = resolve(import.meta.dirname, '../../../node_modules');

/** The libraries, each with its page. */
export type Lib = 'sockjs' | 'stomp-sockjs' | 'stomp' | 'socketio' | 'mqtt';

const BUNDLES: Record<Lib, string[]> = {
  sockjs: ['sockjs-client/dist/sockjs.min.js'],
  'stomp-sockjs': ['sockjs-client/dist/sockjs.min.js', '@stomp/stompjs/bundles/stomp.umd.min.js'],
  stomp: ['@stomp/stompjs/bundles/stomp.umd.min.js'],
  socketio: ['socket.io-client/dist/socket.io.min.js'],
  mqtt: ['mqtt/dist/mqtt.min.js'],
};

/** The running servers. */
export interface LibraryServers {
  httpUrl: string;
  /** Page URL of a library's flow. */
  page(lib: Lib): string;
  /** Server-side counts: upgrades per library, TCP cuts, STOMP heart-beats. */
  upgrades: Record<Lib, number>;
  cuts: Record<Lib, number>;
  stomp: { sockjs: StompCounts; ws: StompCounts };
  close(): Promise<void>;
}

function libOf(req: IncomingMessage): Lib | undefined {
  const p = (req.url ?? '/').split('?')[0] ?? '/';
  if (p.startsWith('/echo/')) return 'sockjs';
  if (p.startsWith('/stomp/')) return 'stomp-sockjs';
  if (p === '/stomp-ws') return 'stomp';
  if (p.startsWith('/socket.io/')) return 'socketio';
  if (p === '/mqtt') return 'mqtt';
  return undefined;
}

/** Starts the servers; `dropAfterMs`: when each library's first socket is cut. */
export async function startLibraryServers(dropAfterMs = 3000): Promise<LibraryServers> {
  const zero = (): Record<Lib, number> => ({ sockjs: 0, 'stomp-sockjs': 0, stomp: 0, socketio: 0, mqtt: 0 });
  const upgrades = zero();
  const cuts = zero();
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/libraries.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(readFileSync(resolve(PAGES_DIR, 'libraries/libraries.js')));
      return;
    }
    if (url.pathname.startsWith('/lib/')) {
      const rel = url.pathname.slice(5);
      if (!Object.values(BUNDLES).flat().includes(rel)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(readFileSync(resolve(MODULES, rel)));
      return;
    }
    const name = url.pathname.slice(6).replace(/\/$/, '') as Lib;
    if (!url.pathname.startsWith('/page/') || !(name in BUNDLES)) return void res.writeHead(404).end();
    const scripts = BUNDLES[name].map((b) => `<script src="/lib/${b}"></script>`).join('\n');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(`<!doctype html><html><head><meta charset="utf-8"><title>${name}</title>\n${scripts}\n<script src="/libraries.js"></script></head><body><p>${name}</p></body></html>`);
  });

  const stompSockjs = createStompBroker([1000, 1000]);
  const stompWs = createStompBroker([0, 20000]);

  const echo = sockjs.createServer({ prefix: '/echo', heartbeat_delay: 1000, log: () => undefined });
  echo.on('connection', (conn) => {
    if (!conn) return;
    conn.write('welcome');
    conn.on('data', (d: string) => conn.write(`echo:${d}`));
  });
  echo.installHandlers(http);

  const stompOverSockjs = sockjs.createServer({ prefix: '/stomp', log: () => undefined });
  stompOverSockjs.on('connection', (conn) => {
    if (!conn) return;
    const s = stompSockjs.session((t) => conn.write(t));
    conn.on('data', (d: string) => s.onData(d));
    conn.on('close', () => s.onClose());
  });
  stompOverSockjs.installHandlers(http);

  const stompWss = new WebSocketServer({ noServer: true, handleProtocols: (ps) => (ps.has('v12.stomp') ? 'v12.stomp' : false) });
  stompWss.on('connection', (ws) => {
    const s = stompWs.session((t) => ws.send(t));
    ws.on('message', (d) => s.onData(d.toString()));
    ws.on('close', () => s.onClose());
  });

  const io = new SocketIoServer(http, { pingInterval: 40000, pingTimeout: 20000, serveClient: false, destroyUpgrade: false });
  io.on('connection', (socket) => {
    socket.on('ping-x', (v: string) => socket.emit('pong-x', v));
  });

  const aedes = await Aedes.createBroker();
  const mqttWss = new WebSocketServer({ noServer: true, handleProtocols: (ps) => (ps.has('mqtt') ? 'mqtt' : false) });
  mqttWss.on('connection', (ws) => aedes.handle(createWebSocketStream(ws) as never));

  http.on('upgrade', (req, socket, head) => {
    const lib = libOf(req);
    if (lib === 'stomp') stompWss.handleUpgrade(req, socket, head, (ws) => stompWss.emit('connection', ws, req));
    else if (lib === 'mqtt') mqttWss.handleUpgrade(req, socket, head, (ws) => mqttWss.emit('connection', ws, req));
  });

  // Cut each library's first socket once, from the server side: TCP destroyed, no close frame.
  // Installed last and first in line: sockjs-node moves the listeners present when it installs.
  http.prependListener('upgrade', (req: IncomingMessage, socket: Socket) => {
    const lib = libOf(req);
    if (!lib) return;
    upgrades[lib]++;
    if (upgrades[lib] === 1) {
      setTimeout(() => {
        cuts[lib]++;
        socket.destroy();
      }, dropAfterMs);
    }
  });

  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  const httpUrl = `http://127.0.0.1:${port}`;
  return {
    httpUrl,
    // The trailing slash keeps one page's URL from being a prefix of another's (stomp, stomp-sockjs).
    page: (lib) => `${httpUrl}/page/${lib}/`,
    upgrades,
    cuts,
    stomp: { sockjs: stompSockjs.counts, ws: stompWs.counts },
    async close() {
      io.close();
      for (const ws of stompWss.clients) ws.terminate();
      for (const ws of mqttWss.clients) ws.terminate();
      await new Promise<void>((r) => aedes.close(() => r()));
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
