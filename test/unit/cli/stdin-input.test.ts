/**
 * `-` as the input reads standard input (docs/design.md#command-line): a trace, gzip or not, or
 * a HAR, for `check` and `profile learn`; the real bin with its stdin piped.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chromeHar, RECONNECT_WITHOUT_SYNC } from './fixtures';

const BIN = fileURLToPath(new URL('../../../bin/wavetrace.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const run = (args: string[], input: string | Uint8Array) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60000 });

describe('- reads standard input', () => {
  const trace = readFileSync(RECONNECT_WITHOUT_SYNC);

  it('check - analyses a piped trace as check <file> does', () => {
    const fromFile = run(['check', RECONNECT_WITHOUT_SYNC, '--format', 'json'], '');
    const fromStdin = run(['check', '-', '--format', 'json'], trace);
    expect(fromStdin.stderr).toBe('');
    expect(fromStdin.status).toBe(1);
    const a = JSON.parse(fromStdin.stdout) as { summary: { file: string }; findings: unknown[] };
    const b = JSON.parse(fromFile.stdout) as { summary: { file: string }; findings: unknown[] };
    expect(a.summary.file).toBe('-');
    expect(a.findings).toEqual(b.findings);
    expect(a.findings.length).toBeGreaterThan(0);
  });

  it('check - reads a gzip trace and a HAR from the pipe (detected from the bytes)', () => {
    const gz = run(['check', '-'], gzipSync(trace));
    expect(gz.status).toBe(1);
    expect(gz.stdout.split('\n')[0]).toBe('wavetrace check -');
    expect(gz.stdout).toContain('received stream_position 45 without GET /v1/sync?since=42');
    const har = run(['check', '-', '--format', 'json'], chromeHar(false));
    expect(har.stderr).toBe('');
    expect((JSON.parse(har.stdout) as { summary: { input: string } }).summary.input).toBe('har');
  });

  it('bad input on stdin is one line naming stdin (exit 2)', () => {
    const r = run(['check', '-'], 'hello');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^wavetrace: stdin: not JSON[^\n]*\n$/);
  });

  it('profile learn - learns from a piped trace', () => {
    const r = run(['profile', 'learn', '-', '--format', 'json'], trace);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { profile: { name: string } }).profile.name).toBeTruthy();
  });
});
