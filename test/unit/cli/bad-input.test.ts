/**
 * Bad input to `wavetrace check` (docs/design.md#check, docs/design.md#reading-untrusted-input): each case exits 2 with one clear line on
 * stderr and nothing on stdout — never a crash or a hang.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { runCli } from '../../../src/cli/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'wavetrace-bad-'));
const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const header = '{"format":"wavetrace","version":1,"createdAt":"2026-11-30T00:00:00Z","source":{"tool":"t","browser":"b","page":"p"},"redacted":true,"profile":"scaiwave","dropped":0,"events":[';

describe('wavetrace check on bad input', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['truncated.wavetrace.json', header + '{"seq":1,"t":1,"type":"page-navigation","url":"x"},{"seq":2,', /^wavetrace: .*not JSON.*(end|unexpected)/i],
    ['wrong-format.json', '{"format":"otel","version":1}', /^wavetrace: .*unknown format "otel"/],
    ['future.wavetrace.json', '{"format":"wavetrace","version":2,"events":[]}', /^wavetrace: .*unsupported version 2 \(this Wavetrace reads version 1\)/],
    ['garbage.bin', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /^wavetrace: /],
    ['garbage.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8]), /^wavetrace: /],
    ['deep.wavetrace.json', header + '{"seq":1,"t":1,"type":"page-navigation","url":' + '['.repeat(10000) + ']'.repeat(10000) + '}]}', /^wavetrace: .*events\[0\]\.url/],
    ['empty.json', '', /^wavetrace: /],
  ];
  for (const [name, content, reason] of cases) {
    it(`${name}: exit 2 with one line`, async () => {
      const r = await runCli(['check', file(name, content)]);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(reason);
    });
  }

  it('a device or pipe is refused at once instead of read forever', async () => {
    const r = await runCli(['check', '/dev/zero']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('wavetrace: cannot read /dev/zero: not a regular file\n');
  });

  it('a gzip of a valid trace is read like the plain file', async () => {
    const text = header + '{"seq":1,"t":1,"type":"page-navigation","url":"https://x/"}]}';
    const r = await runCli(['check', file('ok.wavetrace.json.gz', gzipSync(new TextEncoder().encode(text)))]);
    expect(r.exitCode).toBe(0);
  });

  it('a HAR without WebSocket frames is refused: exit 2, one line saying so and how to get them (it passed CI having examined nothing)', async () => {
    const har = { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries: [{ startedDateTime: '2026-11-30T00:00:00.000Z', time: 12, request: { method: 'GET', url: 'https://x/api', httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 }, response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0 }, cache: {}, timings: { send: 0, wait: 10, receive: 2 } }] } };
    const f = file('plain.har', JSON.stringify(har));
    const r = await runCli(['check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `wavetrace: ${f}: this HAR holds no WebSocket frames (no WebSocket entries; Firefox and Safari do not save them): save it from Chrome DevTools (Network panel → "Save all as HAR with content") or export a trace from Wavetrace's panel\n`,
    );
  });
});
