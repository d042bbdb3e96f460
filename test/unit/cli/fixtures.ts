/**
 * Helpers for CLI tests: temp files, traces built from scenarios, a Chrome-style HAR.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { TraceEvent } from '../../../src/core/events';

/** Absolute path of the hand-written scenario fixture. */
export const RECONNECT_WITHOUT_SYNC = fileURLToPath(new URL('../../fixtures/scenarios/reconnect-without-sync.wavetrace.json', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'wavetrace-cli-'));
let n = 0;

/** Writes `content` to a new temp file named `name` and returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const p = join(dir, `${++n}-${name}`);
  writeFileSync(p, content);
  return p;
}

/** A version-1 trace document around `events`. */
export function traceDoc(events: TraceEvent[], header: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'wavetrace',
    version: 1,
    createdAt: '2023-11-14T22:14:00.000Z',
    source: { tool: 'wavetrace 0.1.0', browser: 'Chromium 131.0', page: 'https://app.example.com/' },
    redacted: true,
    profile: 'scaiwave',
    dropped: 0,
    events,
    ...header,
  };
}

/** Writes a trace (gzip when `gz`) to a temp file. */
export function traceFile(events: TraceEvent[], header: Record<string, unknown> = {}, gz = false): string {
  const text = JSON.stringify(traceDoc(events, header));
  return gz ? tempFile('t.wavetrace.json.gz', gzipSync(text)) : tempFile('t.wavetrace.json', text);
}

/**
 * A HAR as Chrome DevTools saves it: two WebSocket entries to /v1/stream (no close recorded),
 * the second resuming at stream_position 45 after 42; `withSync` adds a /v1/sync?since=42
 * entry after the second socket started.
 */
export function chromeHar(withSync: boolean): string {
  const t0 = Date.parse('2023-11-14T22:13:20.000Z');
  const iso = (ms: number) => new Date(t0 + ms).toISOString();
  const msg = (ms: number, type: 'send' | 'receive', data: unknown) => ({ type, time: (t0 + ms) / 1000, opcode: 1, data: JSON.stringify(data) });
  const ws = (startMs: number, timeMs: number, messages: unknown[]) => ({
    startedDateTime: iso(startMs),
    time: timeMs,
    request: { method: 'GET', url: 'wss://api.example.com/v1/stream?token=abc', httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: 50, receive: 0 },
    _resourceType: 'websocket',
    _webSocketMessages: messages,
  });
  const entries: unknown[] = [
    ws(0, 20000, [msg(60, 'receive', { type: 'hello', tenant_id: 'acme' }), msg(1000, 'receive', { type: 'event', stream_position: 41 }), msg(2000, 'receive', { type: 'event', stream_position: 42 })]),
    ws(21000, 5000, [msg(21060, 'receive', { type: 'hello', tenant_id: 'acme' }), msg(21500, 'receive', { type: 'event', stream_position: 45 })]),
  ];
  if (withSync) {
    entries.push({
      startedDateTime: iso(21100),
      time: 80,
      request: { method: 'GET', url: 'https://api.example.com/v1/sync?since=42', httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
      response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 60, mimeType: 'application/json', text: JSON.stringify({ events: [{ stream_position: 43 }, { stream_position: 44 }] }) }, redirectURL: '', headersSize: -1, bodySize: 60 },
      cache: {},
      timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: 70, receive: 10 },
      _resourceType: 'fetch',
    });
  }
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries } });
}
