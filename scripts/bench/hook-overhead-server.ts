/**
 * Benchmark server on 127.0.0.1: serves the bench page (cross-origin isolated, so
 * performance.now() has microsecond resolution) and a WebSocket endpoint that, on
 * `{"go":N,"size":S}`, sends N JSON messages of S bytes as fast as it can, then "done"; on
 * `{"expect":N}` it counts the next N messages and answers "got". Receive throughput is timed
 * to "done"; send throughput until the socket's bufferedAmount is 0 (page side, so the Node
 * server's own pace does not count).
 */
import { createServer, type Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';

/** A message of exactly `size` bytes of JSON text (size ≥ 40). */
export function jsonOfSize(size: number, i = 0): string {
  const base = JSON.stringify({ type: 'event', stream_position: i, pad: '' });
  return JSON.stringify({ type: 'event', stream_position: i, pad: 'x'.repeat(Math.max(0, size - base.length)) });
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title><script src="/bench.js"></script>`;
const SCRIPT = `
window.benchReceive = (wsUrl, n, size) => new Promise((resolve, reject) => {
  const ws = new WebSocket(wsUrl);
  let count = 0, t0 = 0, last = 0;
  const gaps = [];
  ws.onerror = () => reject(new Error('ws error'));
  ws.onopen = () => { t0 = performance.now(); last = t0; ws.send(JSON.stringify({ go: n, size })); };
  ws.onmessage = (e) => {
    const now = performance.now();
    if (e.data === 'done') {
      const ms = now - t0;
      ws.close();
      resolve({ ms, count, gaps });
      return;
    }
    if (count > 0) gaps.push(now - last);
    last = now;
    count++;
  };
});
// Send throughput, page side: from the first send() until bufferedAmount is back to 0 (every
// byte handed to the network), polled from immediate tasks; then the server confirms the count.
window.benchSend = (wsUrl, n, size) => new Promise((resolve, reject) => {
  const ws = new WebSocket(wsUrl);
  const msg = JSON.stringify({ type: 'event', pad: 'x'.repeat(Math.max(0, size - 25)) });
  const calls = [];
  const ch = new MessageChannel();
  let ms = 0;
  let got = false;
  const finish = () => { if (got && ms > 0) { ws.close(); resolve({ ms, count: n, calls }); } };
  ws.onerror = () => reject(new Error('ws error'));
  ws.onmessage = (e) => { if (e.data === 'got') { got = true; finish(); } };
  ws.onopen = () => {
    ws.send(JSON.stringify({ expect: n }));
    const t0 = performance.now();
    for (let i = 0; i < n; i++) { const a = performance.now(); ws.send(msg); calls.push(performance.now() - a); }
    ch.port1.onmessage = () => { if (ws.bufferedAmount === 0) { ms = performance.now() - t0; finish(); } else ch.port2.postMessage(0); };
    ch.port2.postMessage(0);
  };
});
`;

/** Starts the bench server; returns its base URLs and a close function. */
export async function startBenchServer(): Promise<{ httpUrl: string; wsUrl: string; close(): Promise<void> }> {
  const http: Server = createServer((req, res) => {
    const isolation = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cache-control': 'no-store' };
    if (req.url === '/bench.js') res.writeHead(200, { 'content-type': 'text/javascript', ...isolation }).end(SCRIPT);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...isolation }).end(PAGE);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  wss.on('connection', (ws) => {
    let expecting = 0;
    ws.on('message', (data) => {
      if (expecting > 0) {
        expecting--;
        if (expecting === 0) ws.send('got');
        return;
      }
      const cmd = JSON.parse(data.toString()) as { go?: number; size?: number; expect?: number };
      if (cmd.expect) expecting = cmd.expect;
      if (cmd.go) {
        const msg = jsonOfSize(cmd.size ?? 100);
        for (let i = 0; i < cmd.go; i++) ws.send(msg);
        ws.send('done');
      }
    });
  });
  const port = (http.address() as AddressInfo).port;
  return {
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/bench`,
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
