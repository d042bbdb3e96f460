/**
 * Servers for the real-client flows (docs/design.md#invisibility-rules), on 127.0.0.1: a Socket.IO server, a
 * graphql-ws server and a plain `ws` server for reconnecting-websocket, behind one HTTP server
 * that also serves the fixture page and the libraries' browser bundles from node_modules.
 * Every server-side socket counts the frames it received and sent, so a test can compare them
 * with what Wavetrace captured.
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

/** Frame counts of one library's server sockets. */
export interface FrameCounts {
  received: number;
  sent: number;
  connections: number;
}

/** The running servers. */
export interface ClientServers {
  httpUrl: string;
  wsBase: string;
  counts: Record<'socketio' | 'graphql' | 'rws', FrameCounts>;
  close(): Promise<void>;
}

function counting(ws: WebSocket, c: FrameCounts): void {
  c.connections++;
  ws.on('message', () => c.received++);
  const send = ws.send.bind(ws) as (...a: unknown[]) => void;
  (ws as unknown as { send: (...a: unknown[]) => void }).send = (...a: unknown[]) => {
    c.sent++;
    send(...a);
  };
}

/** Starts the servers. */
export async function startClientServers(): Promise<ClientServers> {
  const counts = {
    socketio: { received: 0, sent: 0, connections: 0 },
    graphql: { received: 0, sent: 0, connections: 0 },
    rws: { received: 0, sent: 0, connections: 0 },
  };
  const files: Record<string, [string, string]> = {
    '/clients.html': [resolve(PAGES_DIR, 'clients/clients.html'), 'text/html; charset=utf-8'],
    '/clients.js': [resolve(PAGES_DIR, 'clients/clients.js'), 'text/javascript'],
    '/lib/socket.io.min.js': [resolve(MODULES, 'socket.io-client/dist/socket.io.min.js'), 'text/javascript'],
    '/lib/graphql-ws.min.js': [resolve(MODULES, 'graphql-ws/umd/graphql-ws.min.js'), 'text/javascript'],
    '/lib/reconnecting-websocket-iife.min.js': [resolve(MODULES, 'reconnecting-websocket/dist/reconnecting-websocket-iife.min.js'), 'text/javascript'],
  };
  const http: Server = createServer((req, res) => {
    const f = files[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': f[1], 'cache-control': 'no-store' }).end(readFileSync(f[0]));
  });

  // Engine.IO's ws server, counting from the upgrade on (the handshake packet included).
  class CountingWss extends WebSocketServer {
    override handleUpgrade(...args: Parameters<WebSocketServer['handleUpgrade']>): void {
      const [req, socket, head, cb] = args;
      super.handleUpgrade(req, socket, head, (ws, r) => {
        counting(ws, counts.socketio);
        cb(ws, r);
      });
    }
  }
  const io = new SocketIoServer(http, { transports: ['websocket'], destroyUpgrade: false, serveClient: false, wsEngine: CountingWss });
  io.on('connection', (socket) => {
    socket.on('ping-x', (v: string) => socket.emit('pong-x', v));
    socket.on('kill-me', () => (socket.conn as unknown as { close(): void }).close()); // drops the transport: the client reconnects
  });

  const schema = buildSchema(`type Query { hello: String, kill: Boolean } type Subscription { counter: Int }`);
  const gqlWss = new WebSocketServer({ noServer: true });
  const roots = {
    query: {
      hello: () => 'world',
      kill: () => {
        setTimeout(() => {
          for (const ws of gqlWss.clients) ws.terminate();
        }, 20);
        return true;
      },
    },
    subscription: {
      counter: async function* () {
        for (let i = 1; i <= 3; i++) yield { counter: i };
      },
    },
  };
  gqlWss.on('connection', (ws) => counting(ws, counts.graphql));
  // The test's own graphql instance runs everything, so the schema is never checked against a
  // second copy of the module (vitest and graphql-ws may load different builds of graphql).
  useServer({ schema, roots, execute, subscribe, validate }, gqlWss);

  const rwsWss = new WebSocketServer({ noServer: true });
  rwsWss.on('connection', (ws) => {
    counting(ws, counts.rws);
    ws.send(`welcome-${counts.rws.connections}`);
    ws.on('message', (d) => {
      const s = d.toString();
      if (s === 'kill') ws.terminate();
      else ws.send(`echo:${s}`);
    });
  });
  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/graphql') gqlWss.handleUpgrade(req, socket, head, (ws) => gqlWss.emit('connection', ws, req));
    else if (path === '/rws') rwsWss.handleUpgrade(req, socket, head, (ws) => rwsWss.emit('connection', ws, req));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  return {
    httpUrl: `http://127.0.0.1:${port}`,
    wsBase: `ws://127.0.0.1:${port}`,
    counts,
    async close() {
      io.close();
      for (const ws of gqlWss.clients) ws.terminate();
      for (const ws of rwsWss.clients) ws.terminate();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
