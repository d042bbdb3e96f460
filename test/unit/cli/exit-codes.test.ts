/**
 * Exit codes of the real process (bin/wavetrace.js): a reader that closes the pipe early
 * (`wavetrace check … | head`) ends the run quietly with its normal code; an internal error
 * is one line and exit 70, never 1; stdout text carries no raw control characters.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../src/core/events';
import { traceFile } from './fixtures';

const BIN = fileURLToPath(new URL('../../../bin/wavetrace.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A trace whose text report is far larger than a pipe's buffer (64 KiB): 3,000 short connections. */
function bigTrace(): string {
  const events: TraceEvent[] = [];
  let seq = 0;
  for (let i = 0; i < 3000; i++) {
    const t = 1_700_000_000_000 + i * 60_000;
    events.push({ seq: ++seq, t, type: 'ws-create', conn: `c${i}`, url: `wss://api.example.com/v1/stream`, protocols: [], frameUrl: '' });
    events.push({ seq: ++seq, t: t + 5, type: 'ws-open', conn: `c${i}`, protocol: '', extensions: '' });
    events.push({ seq: ++seq, t: t + 30_000, type: 'ws-close', conn: `c${i}`, code: 1000, reason: 'bye', wasClean: true });
  }
  return traceFile(events);
}

describe('exit codes of bin/wavetrace.js', () => {
  it('check … | head: the closed pipe ends the run quietly with the normal exit code (was an 18-line stack and exit 1)', async () => {
    const file = bigTrace();
    const full = spawnSync(process.execPath, [BIN, 'check', file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    expect(full.stdout.length).toBeGreaterThan(256 * 1024);
    const normal = full.status;
    expect([0, 1]).toContain(normal);

    const child = spawn(process.execPath, [BIN, 'check', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(status).toBe(normal);
  }, 240_000);

  it('an internal error is one line on stderr and exit 70, never 1', () => {
    // Break a built-in the text report relies on, so the CLI itself fails (not the input).
    const breakIt = 'data:text/javascript,Date.prototype.toISOString=function(){throw new TypeError("broken for the test")}';
    const file = traceFile([{ seq: 1, t: 1_700_000_000_000, type: 'page-navigation', url: 'https://x/' }]);
    const r = spawnSync(process.execPath, ['--import', breakIt, BIN, 'check', file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('wavetrace: internal error (a bug in Wavetrace, exit 70): TypeError: broken for the test\n');
  }, 120_000);
});
