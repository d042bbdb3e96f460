/**
 * The Playwright fixture (`wavetrace/playwright`) through Playwright's own runner: runs the
 * project in test/e2e/playwright (system Chromium) with the JSON reporter and checks its
 * result — the correct reference client passes, the client that skips its sync fails with the
 * `sync-skipped` message and the redacted trace attached as `wavetrace.wavetrace.json`, which
 * reads as a trace with that finding; the page sees no recorder; a misspelt profile fails at
 * fixture setup.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readTraceOrHar } from '../../src/core/trace';
import { analyze } from '../../src/core/analysis';
import { SCAIWAVE_PROFILE } from '../../src/core/profile/scaiwave';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = 'test/e2e/playwright/playwright.config.ts';

interface PwAttachment {
  name: string;
  contentType: string;
  path?: string;
  body?: string;
}
interface PwResult {
  status: string;
  errors: { message?: string }[];
  attachments: PwAttachment[];
}
interface PwSpec {
  title: string;
  tests: { results: PwResult[]; status: string }[];
}
interface PwSuite {
  specs?: PwSpec[];
  suites?: PwSuite[];
}

function specs(suites: PwSuite[]): PwSpec[] {
  return suites.flatMap((s) => [...(s.specs ?? []), ...specs(s.suites ?? [])]);
}

describe('wavetrace/playwright fixture', () => {
  const out = mkdtempSync(join(tmpdir(), 'wavetrace-pw-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('passes the correct client, fails the one without sync with sync-skipped and the trace attached', () => {
    const r = spawnSync('npx', ['playwright', 'test', '-c', CONFIG, '--reporter=json'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, WAVETRACE_PW_OUTPUT: out, CI: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.stdout, r.stderr).toContain('"suites"');
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { suites: PwSuite[]; stats: { expected: number; unexpected: number } };
    const byTitle = new Map(specs(report.suites).map((s) => [s.title, s.tests[0]?.results[0] as PwResult]));
    expect([...byTitle.keys()].sort()).toEqual(['correct client: sync before resume', 'fails at fixture setup, before the body runs', 'fault drop: the client reconnects and syncs', 'faulty client: resumes without sync', 'the page sees no recorder']);

    const good = byTitle.get('correct client: sync before resume') as PwResult;
    expect(good.errors.map((e) => e.message)).toEqual([]);
    expect(good.status).toBe('passed');
    expect(good.attachments.filter((a) => a.name.endsWith('.wavetrace.json'))).toEqual([]);
    expect(byTitle.get('the page sees no recorder')?.status).toBe('passed');
    const fault = byTitle.get('fault drop: the client reconnects and syncs') as PwResult;
    expect(fault.errors.map((e) => e.message)).toEqual([]);
    expect(fault.status).toBe('passed');

    const bad = byTitle.get('faulty client: resumes without sync') as PwResult;
    expect(bad.status).toBe('failed');
    const message = bad.errors.map((e) => e.message ?? '').join('\n');
    expect(message).toContain('expected no Wavetrace findings (error or worse), found 1');
    expect(message).toMatch(/error sync-skipped: reconnected .* and received stream_position \d+ without GET \/v1\/sync\?since=\d+/);
    // Where it happened: the page, the socket and the time into the recording.
    expect(message).toMatch(/\n {6}at: page http:\/\/127\.0\.0\.1:\d+\/\?resetCursor=1&skipSync, socket ws:\/\/127\.0\.0\.1:\d+\/\S+, \d+\.\d s into the recording\n/);
    const att = bad.attachments.find((a) => a.name === 'wavetrace.wavetrace.json');
    expect(att?.contentType).toBe('application/json');
    // A file under the test's output folder (so reporters print its path), not an in-memory
    // body; Playwright keeps a copy under attachments/, and the trace itself stays next to it.
    expect(att?.body).toBeUndefined();
    expect(att?.path?.startsWith(out)).toBe(true);
    expect(existsSync(join(dirname(dirname(att!.path!)), 'wavetrace.wavetrace.json'))).toBe(true);
    const bytes = readFileSync(att!.path!);
    const read = readTraceOrHar(new Uint8Array(bytes));
    expect(read.kind).toBe('wavetrace');
    expect(read.trace.redacted).toBe(true);
    expect(read.trace.source.page).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?resetCursor=1&skipSync$/);
    const codes = analyze(read.trace.events, SCAIWAVE_PROFILE).findings.filter((f) => f.severity === 'error').map((f) => f.code);
    expect(codes).toEqual(['sync-skipped']);

    // A misspelt profile fails the test at fixture setup, in one line naming the built-in profiles.
    const misspelt = byTitle.get('fails at fixture setup, before the body runs') as PwResult;
    expect(misspelt.status).toBe('failed');
    const setup = misspelt.errors.map((e) => e.message ?? '').join('\n');
    expect(setup).toMatch(/wavetraceOptions\.profile: unknown profile "scaiwve" \(built-in: scaiwave, /);
    expect(setup).not.toContain('the test body ran');

    expect(report.stats).toMatchObject({ expected: 3, unexpected: 2 });
    expect(r.status).toBe(1);
  }, 300_000);
});
