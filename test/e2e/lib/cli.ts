/**
 * The built CLI (`bin/wavetrace.js`) run as a user runs it, and a one-page app with a `ws`
 * feed for the e2e files that record an own protocol (docs/design.md#command-line).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const BIN = new URL('../../../bin/wavetrace.js', import.meta.url).pathname;

/** What a CLI run printed and its exit code (1 when it was killed, e.g. by the timeout). */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `wavetrace <args>` in a child Node process.
 * @param opts `timeoutMs` (default 90,000 ms) before the child is killed; `env` added to this process's
 */
export function runCli(args: readonly string[], opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile('node', [BIN, ...args], { env: { ...process.env, ...opts.env }, timeout: opts.timeoutMs ?? 90000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A running feed app: its page's URL (`http://127.0.0.1:<port>/`) and how to stop it. */
export interface FeedApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `page` (HTML) at every path of a new HTTP server on 127.0.0.1 and a `ws` server at
 * `/feed`; `onConnection` drives each socket. Timers it starts with `every` are cleared when
 * that socket closes. `close` ends the sockets still open, then the server.
 */
export async function startFeedApp(page: string, onConnection: (ws: WebSocket, every: (ms: number, fn: () => void) => NodeJS.Timeout) => void): Promise<FeedApp> {
  const http = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
  const wss = new WebSocketServer({ server: http, path: '/feed' });
  wss.on('connection', (ws) => {
    const timers: NodeJS.Timeout[] = [];
    ws.on('close', () => timers.forEach((t) => clearInterval(t)));
    onConnection(ws, (ms, fn) => {
      const t = setInterval(fn, ms);
      timers.push(t);
      return t;
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/`,
    close: async () => {
      // The browser may still hold its sockets (a keep-alive page load, a feed a closed tab
      // left): ended here, or closing the server would wait for them.
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}
