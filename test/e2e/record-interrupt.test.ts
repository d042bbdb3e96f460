/**
 * Ctrl-C during `wavetrace record` (docs/design.md#record), end to end: the built CLI records
 * the reference app in headless Chromium; SIGINT after frames arrived writes the trace through
 * the normal export path, removes the temporary browser profile and exits 130; SIGTERM exits
 * 143; a second signal quits at once without writing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceServer, type ReferenceServer } from '../reference-app';
import { parseTrace } from '../../src/core/trace';

const cli = new URL('../../dist/cli/wavetrace.js', import.meta.url).pathname;

interface Running {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
  kill: (sig: NodeJS.Signals) => void;
}

/** Starts `wavetrace record` with its own TMPDIR, so the test sees every temporary folder it makes. */
function startRecord(args: string[], tmp: string): Running {
  const child = spawn('node', [cli, 'record', ...args], { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { exited, stderr: () => err, kill: (sig) => void child.kill(sig) };
}

async function until(what: string, ok: () => boolean, run: Running, timeoutMs = 60000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; record's stderr: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('wavetrace record stopped by a signal', () => {
  let server: ReferenceServer;
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-interrupt-'));
  beforeAll(async () => {
    server = await startReferenceServer({ port: 0, eventIntervalMs: 200, pingIntervalMs: 1000 });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a 10-minute recording and resolves once the page's socket has received frames for a while. */
  async function recordingWithFrames(name: string): Promise<{ run: Running; out: string; tmp: string }> {
    const tmp = mkdtempSync(join(dir, `${name}-tmp-`));
    const out = join(dir, `${name}.wavetrace.json`);
    const connectsBefore = server.log.entries().filter((e) => e.kind === 'ws.connect').length;
    const run = startRecord([`${server.url}/`, '--duration', '600', '--out', out], tmp);
    await until('the page to connect', () => server.log.entries().filter((e) => e.kind === 'ws.connect').length > connectsBefore, run);
    await until('the recording to start', () => run.stderr().includes('recording '), run);
    // Events every 200 ms: after 2 s the panel holds several frames.
    await new Promise((r) => setTimeout(r, 2000));
    expect(readdirSync(tmp).some((f) => f.startsWith('wavetrace-chromium-'))).toBe(true);
    return { run, out, tmp };
  }

  it('SIGINT writes the frames captured so far, removes the temporary profile and exits 130', async () => {
    const { run, out, tmp } = await recordingWithFrames('sigint');
    run.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    const lines = run.stderr().trim().split('\n');
    const events = parseTrace(readFileSync(out, 'utf8')).events;
    expect(lines.at(-1)).toBe(`wavetrace: stopped: wrote ${events.length} events to ${out}`);
    expect(events.filter((e) => e.type === 'ws-message').length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(tmp).filter((f) => f.startsWith('wavetrace-'))).toEqual([]);
  }, 120000);

  it('SIGTERM does the same with exit 143; the file is redacted as on a normal stop', async () => {
    const { run, out, tmp } = await recordingWithFrames('sigterm');
    run.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code).toBe(143);
    const trace = parseTrace(readFileSync(out, 'utf8'));
    expect(trace.redacted).toBe(true);
    expect(trace.events.filter((e) => e.type === 'ws-message').length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(tmp).filter((f) => f.startsWith('wavetrace-'))).toEqual([]);
  }, 120000);

  it('a second SIGINT quits at once without a file, removing the temporary profile', async () => {
    const { run, out, tmp } = await recordingWithFrames('twice');
    run.kill('SIGINT');
    // Two signals sent back to back can merge into one pending signal: wait until the first is handled.
    await until('the first SIGINT to be handled', () => run.stderr().includes('SIGINT: stopping'), run);
    run.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(130);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith('wavetrace-'))).toEqual([]);
  }, 120000);
});
