/** The real `bin/wavetrace.js` (Node ESM shebang script running the TypeScript CLI through tsx). */
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RECONNECT_WITHOUT_SYNC } from './fixtures';

const BIN = fileURLToPath(new URL('../../../bin/wavetrace.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('bin/wavetrace.js', () => {
  it('check on the fixture prints sync-skipped and exits 1; --help exits 0', () => {
    const r = spawnSync(process.execPath, [BIN, 'check', RECONNECT_WITHOUT_SYNC], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('sync-skipped');
    expect(r.stdout).toContain('received stream_position 45 without GET /v1/sync?since=42');
    const help = execFileSync(process.execPath, [BIN, '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
    expect(help).toContain('Usage: wavetrace');
  });
});
