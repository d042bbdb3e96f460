/**
 * `wavetrace check` on files made to hurt: terminal escapes and bidi characters in printed
 * fields, a profile path that is a device, times beyond the largest Date, connection ids that
 * print alike, a frame before its ws-create.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';
import type { TraceEvent } from '../../../src/core/events';
import { SCAIWAVE_PROFILE } from '../../../src/core/profile/scaiwave';
import { tempFile, traceFile } from './fixtures';

const check = (...argv: string[]) => runCli(['check', ...argv]);
const T0 = 1_700_000_000_000;
/** Raw C0/C1 controls, bidi overrides/isolates and zero-width characters: none may reach the terminal. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('terminal escapes, bidi and zero-width characters print escaped', () => {
  const esc = '\u001b[2J\u001b]0;pwned\u0007';
  const events: TraceEvent[] = [
    { seq: 1, t: T0, type: 'ws-create', conn: 'c\u200b1', url: `wss://api.example.com/v1/stream?x=${esc}`, protocols: [], frameUrl: '' },
    { seq: 2, t: T0 + 5, type: 'ws-open', conn: 'c\u200b1', protocol: '', extensions: '' },
    { seq: 3, t: T0 + 100, type: 'http-request', req: 'r1', method: `GET${esc}`, url: 'https://api.example.com/v1/sync?since=1', initiator: 'fetch' },
    { seq: 4, t: T0 + 110, type: 'http-response', req: 'r1', status: 200, body: '{}' },
    { seq: 5, t: T0 + 20_000, type: 'ws-close', conn: 'c\u200b1', code: 4001, reason: 'nekot \u202edilavni\nFindings: 0 errors', wasClean: false },
  ];
  const inline = { ...structuredClone(SCAIWAVE_PROFILE), name: `evil\u001b[31m\u202e` };

  it('text: no raw control reaches stdout; each shows as its escape; no injected line', async () => {
    const r = await check(traceFile(events, { profile: inline }));
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('\\x1b[2J\\x1b]0;pwned\\x07'); // URL
    expect(r.stdout).toContain('nekot \\u202edilavni\\nFindings: 0 errors'); // close reason, on its line
    expect(r.stdout).toContain('evil\\x1b[31m\\u202e'); // profile name
    expect(r.stdout).toContain('conn c\\u200b1');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Findings:'))).toHaveLength(1);
  });

  it('json: the same characters are \\u escapes inside strings, and the value is unchanged', async () => {
    const r = await check(traceFile(events, { profile: inline }), '--format', 'json');
    expect(r.stdout).not.toMatch(RAW);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.connections[0].closed.reason).toBe('nekot \u202edilavni\nFindings: 0 errors');
    expect(doc.summary.profile.name).toBe(inline.name);
  });

  it('errors: a file name or reason with controls prints escaped on one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-'));
    const r = await check(join(dir, 'x\u001b[2J\u202e.json'));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('x\\x1b[2J\\u202e.json: no such file');
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});

describe('--profile gets the trace path guards', () => {
  const trace = () => traceFile([{ seq: 1, t: T0, type: 'page-navigation', url: 'https://x/' }]);

  it('/dev/zero is refused at once with one line (it read 8.3 GB in 60 s)', async () => {
    const t = performance.now();
    const r = await check(trace(), '--profile', '/dev/zero');
    expect(performance.now() - t).toBeLessThan(5000);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('wavetrace: --profile /dev/zero: not a regular file\n');
  });

  it('a named pipe is refused without waiting for a writer; a directory too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-'));
    const fifo = join(dir, 'p.json');
    execFileSync('mkfifo', [fifo]);
    expect((await check(trace(), '--profile', fifo)).stderr).toBe(`wavetrace: --profile ${fifo}: not a regular file\n`);
    expect((await check(trace(), '--profile', dir)).stderr).toBe(`wavetrace: --profile ${dir}: not a regular file\n`);
  });

  it('a profile file over 1 MiB is refused with its size', async () => {
    const big = tempFile('big.json', JSON.stringify({ name: 'x', description: 'y'.repeat(1_100_000) }));
    const r = await check(trace(), '--profile', big);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^wavetrace: --profile .*big\.json: too large \(1100\d+ bytes; a profile may have at most 1048576 bytes\)\n$/);
  });
});

describe('times, ids and order', () => {
  it('a time ≥ 8.64e15 is a one-line rejection, exit 2 (was "internal error: RangeError", a stack and exit 70)', async () => {
    const r = await check(traceFile([{ seq: 1, t: 8.64e15, type: 'page-navigation', url: 'https://x/' }]));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^wavetrace: .*: events\[0\]\.t: expected number < 8\.64e15 \(ms since the Unix epoch; later times are not dates\)\n$/);
  });

  it('connection ids 1 and "1" print apart', async () => {
    const ev: TraceEvent[] = [];
    let seq = 0;
    for (const conn of [1, '1'] as const) {
      const t = T0 + (typeof conn === 'number' ? 0 : 60_000);
      ev.push({ seq: ++seq, t, type: 'ws-create', conn, url: 'wss://api.example.com/v1/stream', protocols: [], frameUrl: '' });
      ev.push({ seq: ++seq, t: t + 5, type: 'ws-open', conn, protocol: '', extensions: '' });
      ev.push({ seq: ++seq, t: t + 30_000, type: 'ws-close', conn, code: 1000, reason: '', wasClean: true });
    }
    const r = await check(traceFile(ev));
    expect(r.stdout).toContain('#1 conn 1 ·');
    expect(r.stdout).toContain('#2 conn "1" ·');
    expect(r.stdout).toContain('Connections: 2 in 1 session');
  });

  it('a frame recorded before its ws-create: one line, exit 2 (it listed the connection twice, under two sessions)', async () => {
    const r = await check(
      traceFile([
        { seq: 1, t: T0, type: 'ws-message', conn: 1, opcode: 1, size: 1, data: 'x', encoding: 'text', truncated: false },
        { seq: 2, t: T0 + 1, type: 'ws-create', conn: 1, url: 'wss://h/s', protocols: [], frameUrl: '' },
      ]),
    );
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/: events\[1\]\.conn: connection 1 is created after events\[0\] used it; a connection's events must follow its ws-create\n$/);
  });
});
