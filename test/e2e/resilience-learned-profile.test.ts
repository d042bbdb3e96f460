/**
 * `wavetrace record --resilience` without `--profile` on an own protocol no preset matches
 * (docs/design.md#record): the plan waits for the profile learned from the first connection,
 * so steps it cannot judge (an HTTP catch-up, an auth close code) are skipped, never run with
 * scaiwave's `/v1/sync` and 4001.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';

const bin = new URL('../../bin/wavetrace.js', import.meta.url).pathname;
const run = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('node', [bin, ...args], { timeout: 150000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });

/** A client that reconnects 300 ms after any close and answers each ping. */
const PAGE = `<!doctype html><title>feed</title><script>
function connect() {
  const ws = new WebSocket('ws://' + location.host + '/feed');
  ws.onmessage = (m) => { if (m.data === '{"type":"ping"}') ws.send('{"type":"pong"}'); };
  ws.onclose = () => setTimeout(connect, 300);
}
connect();
</script>`;

describe('record --resilience on a protocol no preset matches', () => {
  let http: Server;
  let wss: WebSocketServer;
  let url = '';
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-resilience-learn-'));
  beforeAll(async () => {
    http = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    wss = new WebSocketServer({ server: http, path: '/feed' });
    let seq = 0;
    wss.on('connection', (ws) => {
      const data = setInterval(() => ws.send(JSON.stringify({ type: 'update', seq: ++seq })), 200);
      const ping = setInterval(() => ws.send('{"type":"ping"}'), 1000);
      ws.on('close', () => {
        clearInterval(data);
        clearInterval(ping);
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    wss?.close();
    await new Promise((r) => http?.close(r));
  });

  it('waits for the learned profile and skips what it cannot judge', async () => {
    const r = await run(['record', url, '--resilience', '--out', join(dir, 'feed.wavetrace.json'), '--force']);
    expect([0, 1], r.stderr).toContain(r.code);
    const steps = r.stderr.split('\n').filter((l) => l.startsWith('resilience +'));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.filter((l) => l.includes('/v1/sync') || l.includes('4001'))).toEqual([]);
    expect(r.stderr).toContain('resilience: no preset matches; learning the profile first');
    expect(r.stdout).toContain('· skipped      Failing catch-up: the profile has no catch-up step (no sync)');
    expect(r.stdout).toContain('· skipped      Auth close: the profile has no close code of kind "auth"');
  }, 160000);
});
