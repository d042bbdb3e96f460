/**
 * `wavetrace profile learn|check` and `check` on a trace no preset matches
 * (docs/design.md#profile, docs/design.md#where-a-profile-comes-from).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';
import { chat } from '../core/profile/learn/protocols';
import { Scenario } from '../core/analysis/scenario';
import { tempFile, traceFile } from './fixtures';

describe('wavetrace profile learn', () => {
  const file = traceFile(chat({ skipSync: true }), { profile: 'auto' });

  it('json: the profile and its parts; --out writes the profile alone, which check --profile reads', async () => {
    const out = join(tempFile('x.txt', ''), '..', 'chat.profile.json');
    const r = await runCli(['profile', 'learn', file, '--format', 'json', '--out', out]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['profile', 'parts']);
    expect(doc.profile.position).toEqual({ path: 'seq', contiguous: true });
    expect(doc.parts.map((p: { part: string }) => p.part)).toEqual(['endpoint', 'discriminator', 'hello', 'heartbeat', 'position', 'contiguous', 'sync', 'closeCodes', 'backoff']);
    for (const p of doc.parts) expect(Object.keys(p)).toEqual(['part', 'confidence', 'evidence', 'note']);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(doc.profile);
    expect((await runCli(['profile', 'check', out])).stdout).toBe(`${out}: valid profile "learned 127.0.0.1:8080/chat"\n`);
    const checked = await runCli(['check', file, '--profile', out, '--format', 'json']);
    expect(checked.exitCode).toBe(1);
    expect(JSON.parse(checked.stdout).findings.filter((f: { code: string }) => f.code === 'sync-skipped')).toHaveLength(2);
  });

  it('text: parts marked used or reported, with notes and evidence seqs', async () => {
    const r = await runCli(['profile', 'learn', file]);
    expect(r.exitCode).toBe(0);
    // The name already says "learned": the headline does not say it twice.
    expect(r.stdout.split('\n')[0]).toBe('Profile "learned 127.0.0.1:8080/chat" (✓ part used in the profile, · reported only):');
    expect(r.stdout).not.toMatch(/learned learned/i);
    expect(r.stdout).toMatch(/^✓ position +0\.95 {2}seq rises through \d+ data frames on 3 connection\(s\)/m);
    expect(r.stdout).toMatch(/^· hello +0\.00 /m);
    expect(r.stdout).toContain('"urlPath": "/api/history"');
  });

  it('bad input: exit 2 with one line', async () => {
    const r = await runCli(['profile', 'learn', tempFile('bad.json', '{')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect((await runCli(['profile', 'nope'])).exitCode).toBe(2);
  });
});

describe('wavetrace profile learn on nothing to learn from: exit 2 with one line, nothing written', () => {
  const one = new Scenario().create('c1', 'ws://127.0.0.1:9000/feed').wait(5).open('c1').wait(300).recv('c1', { type: 'update', seq: 1 }).build();
  const httpOnly = new Scenario().request('r1', 'http://127.0.0.1:9000/api').wait(4).response('r1', 200, { ok: true }).build();
  const har = JSON.stringify({
    log: {
      version: '1.2', creator: { name: 'Firefox', version: '128' }, pages: [],
      entries: [{
        startedDateTime: '2023-08-29T13:03:20.000Z', time: 5,
        request: { method: 'GET', url: 'http://127.0.0.1:9000/api', httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
        response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 2, mimeType: 'application/json', text: '{}' }, redirectURL: '', headersSize: -1, bodySize: 2 },
        cache: {}, timings: { send: 0, wait: 5, receive: 0 },
      }],
    },
  });
  const cases: Array<[string, string, string]> = [
    ['a trace without events', traceFile([], { profile: 'auto' }), 'nothing to learn: the capture holds no WebSocket frames'],
    ['a trace without ws events', traceFile(httpOnly, { profile: 'auto' }), 'nothing to learn: the capture holds no WebSocket frames'],
    ['a HAR without WebSocket entries', tempFile('http-only.har', har), 'this HAR holds no WebSocket frames (no WebSocket entries;'],
    ['one inbound frame', traceFile(one, { profile: 'auto' }), 'too few frames to learn from: 1 (at least 2)'],
  ];
  for (const [name, file, line] of cases) {
    it(name, async () => {
      const out = join(tempFile('y.txt', ''), '..', `nothing-${name.replace(/\W+/g, '-')}.profile.json`);
      const r = await runCli(['profile', 'learn', file, '--out', out]);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).toContain(`wavetrace: ${file}: ${line}`);
      expect(existsSync(out)).toBe(false);
    });
  }
});

describe('wavetrace profile check', () => {
  it('exit 2 with the field path of the first error', async () => {
    const f = tempFile('p.profile.json', JSON.stringify({ name: 'x', backoff: { immediateMs: 0, baseMs: 1000, factor: 2, maxMs: 30000, jitter: 0.5, stableAfterMs: 1 }, heartbeat: { intervalMs: 'soon', ping: { dir: 'in', text: 'p' } } }));
    const r = await runCli(['profile', 'check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`wavetrace: ${f}: profile.heartbeat.intervalMs: expected a number\n`);
  });

  it('the guards of check --profile: a device is not read, a file over 1 MiB is refused, a BOM is fine, a name prints escaped', async () => {
    const dev = await runCli(['profile', 'check', '/dev/zero']);
    expect([dev.exitCode, dev.stderr]).toEqual([2, 'wavetrace: /dev/zero: not a regular file\n']);
    const big = tempFile('big.profile.json', JSON.stringify({ name: 'x'.repeat(2 << 20) }));
    const r = await runCli(['profile', 'check', big]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/: too large \(\d+ bytes; a profile may have at most 1048576 bytes\)\n$/);
    const bom = tempFile('bom.profile.json', '\ufeff' + JSON.stringify({ name: 'a\u001b[31m', backoff: { immediateMs: 0, baseMs: 1000, factor: 2, maxMs: 30000, jitter: 0.5, stableAfterMs: 1 } }));
    const ok = await runCli(['profile', 'check', bom]);
    expect([ok.exitCode, ok.stdout]).toEqual([0, `${bom}: valid profile "a\\x1b[31m"\n`]);
  });
});

describe('wavetrace check without --profile on an own protocol', () => {
  it('uses the learned profile and says so: the skipped catch-up is found', async () => {
    const r = await runCli(['check', traceFile(chat({ skipSync: true }), { profile: 'auto' }), '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.profile.source).toBe('learned');
    expect(doc.summary.profile.reason).toBe('learned from the capture (no preset matched): position seq (contiguous), heartbeat every 3.0 s, catch-up /api/history?after=');
    expect(doc.findings.map((f: { code: string }) => f.code)).toContain('sync-skipped');
    const healthy = await runCli(['check', traceFile(chat(), { profile: 'auto' }), '--format', 'json']);
    expect(JSON.parse(healthy.stdout).findings.filter((f: { code: string }) => /^(sync|position)/.test(f.code))).toEqual([]);
  });
});

describe('wavetrace profile without a subcommand', () => {
  it('is a usage error: exit 2, the reason and the usage on stderr, nothing on stdout; --help still exits 0', async () => {
    const r = await runCli(['profile']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wavetrace: profile: no subcommand given \(learn, check\)\n/);
    expect(r.stderr).toContain('wavetrace profile learn');
    const help = await runCli(['profile', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('wavetrace profile learn');
  });
});
