/**
 * Long-lived real-library clients for the resilience check (docs/design.md#record), on
 * 127.0.0.1: each page keeps one client connected while its server streams a tick every 200 ms.
 * - `/socketio`: socket.io-client with its default reconnection; the server pings every 500 ms
 *   and gives up on a pong after 400 ms (`pingInterval`/`pingTimeout`, which the client also
 *   uses to notice a dead link);
 * - `/graphql`: graphql-ws `createClient` subscribed to `ticks`, `keepAlive` 500 ms (it pings;
 *   by its documentation nothing happens when no pong comes), retrying forever;
 * - `/rws`: reconnecting-websocket on a plain `ws` stream of `{"seq":n}` frames, reconnect delay
 *   500 ms (its options); it has no catch-up of its own.
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { Server as SocketIoServer } from 'socket.io';
import { useServer } from 'graphql-ws/use/ws';
import { buildSchema, execute, subscribe, validate } from 'graphql';

const MODULES = resolve(import.meta.dirname, '../../../node_modules');

/** The libraries. */
export type ResilienceLib = 'socketio' | 'graphql' | 'rws';

const PAGES: Record<ResilienceLib, string> = {
  socketio: `<script src="/lib/socket.io.min.js"></script><script>
    const socket = io(location.origin, { transports: ['websocket'] });
    socket.on('tick', (n) => (document.body.dataset.tick = n));</script>`,
  graphql: `<script src="/lib/graphql-ws.min.js"></script><script>
    const client = graphqlWs.createClient({ url: 'ws://' + location.host + '/graphql', keepAlive: 500, retryAttempts: Infinity, shouldRetry: () => true });
    client.subscribe({ query: 'subscription { ticks }' }, { next: (d) => (document.body.dataset.tick = d.data.ticks), error: () => {}, complete: () => {} });</script>`,
  rws: `<script src="/lib/reconnecting-websocket-iife.min.js"></script><script>
    const rws = new ReconnectingWebSocket('ws://' + location.host + '/rws', [], { minReconnectionDelay: 500, maxReconnectionDelay: 4000, reconnectionDelayGrowFactor: 2 });
    rws.addEventListener('message', (e) => (document.body.dataset.tick = e.data));</script>`,
};

/** The running servers. */
export interface ResilienceLibraryServers {
  page(lib: ResilienceLib): string;
  close(): Promise<void>;
}

/** Starts the servers and the pages. */
export async function startResilienceLibraryServers(): Promise<ResilienceLibraryServers> {
  const libs: Record<string, string> = {
    '/lib/socket.io.min.js': resolve(MODULES, 'socket.io-client/dist/socket.io.min.js'),
    '/lib/graphql-ws.min.js': resolve(MODULES, 'graphql-ws/umd/graphql-ws.min.js'),
    '/lib/reconnecting-websocket-iife.min.js': resolve(MODULES, 'reconnecting-websocket/dist/reconnecting-websocket-iife.min.js'),
  };
  const http: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const page = PAGES[path.slice(1) as ResilienceLib];
    if (page) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>${path}</title><body>${page}</body>`);
    const lib = libs[path];
    if (lib) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(lib));
    res.writeHead(404).end();
  });
  const timers = new Set<ReturnType<typeof setInterval>>();
  const every = (ms: number, fn: () => void): (() => void) => {
    const id = setInterval(fn, ms);
    timers.add(id);
    return () => {
      clearInterval(id);
      timers.delete(id);
    };
  };

  const io = new SocketIoServer(http, { transports: ['websocket'], serveClient: false, pingInterval: 500, pingTimeout: 400 });
  let ticks = 0;
  io.on('connection', (socket) => {
    const stop = every(200, () => socket.emit('tick', ++ticks));
    socket.on('disconnect', stop);
  });

  const schema = buildSchema('type Query { hello: String } type Subscription { ticks: Int }');
  const gql = new WebSocketServer({ noServer: true });
  useServer(
    {
      schema,
      execute,
      subscribe,
      validate,
      roots: {
        subscription: {
          ticks: async function* () {
            for (let i = 1; ; i++) {
              await new Promise((r) => setTimeout(r, 200));
              yield { ticks: i };
            }
          },
        },
      },
    },
    gql,
  );

  const rws = new WebSocketServer({ noServer: true });
  let seq = 0;
  rws.on('connection', (ws) => {
    const stop = every(200, () => ws.send(JSON.stringify({ seq: ++seq })));
    ws.on('close', stop);
  });
  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/graphql') gql.handleUpgrade(req, socket, head, (ws) => gql.emit('connection', ws, req));
    else if (path === '/rws') rws.handleUpgrade(req, socket, head, (ws) => rws.emit('connection', ws, req));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    page: (lib) => `${base}/${lib}`,
    async close() {
      for (const id of timers) clearInterval(id);
      io.close();
      for (const ws of gql.clients) ws.terminate();
      for (const ws of rws.clients) ws.terminate();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
