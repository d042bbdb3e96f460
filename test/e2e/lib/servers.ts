/**
 * Local test servers on 127.0.0.1: an HTTP server for test pages and a `ws` WebSocket server
 * that echoes text and binary frames and can be scripted per connection.
 */
import { createServer, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';

/** A running HTTP + WebSocket server pair. */
export interface TestServers {
  /** Base URL of the HTTP server, e.g. "http://127.0.0.1:41234". */
  httpUrl: string;
  /** Base URL of the WebSocket server, e.g. "ws://127.0.0.1:41235". */
  wsUrl: string;
  /** Sockets currently connected to the WebSocket server. */
  sockets: Set<WebSocket>;
  /** Text of every frame the server received, in order. */
  received: string[];
  close(): Promise<void>;
}

/**
 * Starts the servers. `pages` maps a path ("/page.html") to HTML. The WebSocket server echoes
 * every frame back as "echo:<text>" (text) or the same bytes (binary), and sends "welcome" on
 * connect.
 */
export async function startTestServers(pages: Record<string, string>): Promise<TestServers> {
  const http: Server = createServer((req, res) => {
    const body = pages[(req.url ?? '/').split('?')[0] ?? '/'];
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.on('listening', () => r()));
  const sockets = new Set<WebSocket>();
  const received: string[] = [];
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        received.push(`binary:${(data as Buffer).length}`);
        ws.send(data, { binary: true });
      } else {
        const text = data.toString();
        received.push(text);
        ws.send(`echo:${text}`);
      }
    });
    ws.send('welcome');
  });
  return {
    httpUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    wsUrl: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    sockets,
    received,
    async close() {
      for (const s of sockets) s.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
