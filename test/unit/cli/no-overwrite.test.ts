/**
 * The CLI never replaces a file silently (docs/design.md#command-line): an existing `--out` is
 * refused in one line naming `--force` (exit 2), `--force` replaces it, and the input file itself
 * is never written over, even with `--force` (also when named another way, or a hard link).
 */
import { existsSync, linkSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outPathError } from '../../../src/cli/out-path';
import { runCli } from '../../../src/cli/run-cli';
import { RECONNECT_WITHOUT_SYNC } from './fixtures';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(join(ROOT, 'dist/wavetrace-viewer.html'));
const dir = mkdtempSync(join(tmpdir(), 'wt-no-overwrite-'));
const traceText = readFileSync(RECONNECT_WITHOUT_SYNC, 'utf8');

/** A copy of the scenario trace at a new path. */
function traceCopy(name: string): string {
  const p = join(dir, name);
  writeFileSync(p, traceText);
  return p;
}

describe('no silent overwrite', () => {
  it('outPathError: an existing file needs force; an input never', () => {
    const t = traceCopy('a.wavetrace.json');
    const link = join(dir, 'a-link.json');
    linkSync(t, link);
    expect(outPathError(t)).toBe(`--out ${t} exists; add --force to replace it`);
    expect(outPathError(t, { force: true })).toBeUndefined();
    expect(outPathError(t, { force: true, inputs: [t] })).toBe(`--out ${t} is the input file ${t}; give another name`);
    expect(outPathError(link, { force: true, inputs: [relative(process.cwd(), t)] })).toContain('is the input file');
    expect(outPathError(join(dir, 'new.json'), { inputs: [t] })).toBeUndefined();
  });

  it('profile learn refuses --out over the input and over an existing file, replaces with --force', async () => {
    const t = traceCopy('p.wavetrace.json');
    let r = await runCli(['profile', 'learn', t, '--out', t]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`wavetrace: profile learn: --out ${t} is the input file ${t}; give another name\n`);
    r = await runCli(['profile', 'learn', t, '--out', t, '--force']);
    expect(r.exitCode).toBe(2);
    expect(readFileSync(t, 'utf8')).toBe(traceText);
    const existing = join(dir, 'old.profile.json');
    writeFileSync(existing, 'keep me');
    r = await runCli(['profile', 'learn', t, '--out', existing]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`wavetrace: profile learn: --out ${existing} exists; add --force to replace it\n`);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    r = await runCli(['profile', 'learn', t, '--out', existing, '--force']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(existing, 'utf8'))).toHaveProperty('name');
  });

  it('record refuses an existing --out (and its --profile file) before launching a browser', async () => {
    const existing = traceCopy('rec.wavetrace.json');
    let r = await runCli(['record', 'http://127.0.0.1:9/', '--out', existing]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`wavetrace: --out ${existing} exists; add --force to replace it\n`);
    const prof = join(dir, 'x.profile.json');
    writeFileSync(prof, '{}');
    r = await runCli(['record', 'http://127.0.0.1:9/', '--out', prof, '--profile', prof, '--force']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`wavetrace: --out ${prof} is the input file ${prof}; give another name\n`);
    expect(readFileSync(existing, 'utf8')).toBe(traceText);
    expect(readFileSync(prof, 'utf8')).toBe('{}');
  });

  it.skipIf(!built)('view refuses --out over the input (even with --force) and over an existing file', async () => {
    const t = traceCopy('v.wavetrace.json');
    let r = await runCli(['view', t, '--no-open', '--out', t, '--force']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`wavetrace: view: --out ${t} is the input file ${t}; give another name\n`);
    expect(readFileSync(t, 'utf8')).toBe(traceText);
    const existing = join(dir, 'r.html');
    writeFileSync(existing, 'old report');
    r = await runCli(['view', t, '--no-open', '--out', existing]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`wavetrace: view: --out ${existing} exists; add --force to replace it\n`);
    expect(readFileSync(existing, 'utf8')).toBe('old report');
    r = await runCli(['view', t, '--no-open', '--out', existing, '--force']);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(existing, 'utf8')).toContain('wavetrace-report');
  });
});

describe('record --headed without a display', () => {
  it.skipIf(process.platform !== 'linux')('says so in one line (exit 2) before launching a browser', async () => {
    const saved = { d: process.env.DISPLAY, w: process.env.WAYLAND_DISPLAY };
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    try {
      const r = await runCli(['record', 'http://127.0.0.1:9/', '--headed', '--out', join(dir, 'headed.wavetrace.json')]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toBe('wavetrace: --headed: no display to open a browser on (DISPLAY and WAYLAND_DISPLAY are unset); record without --headed, or run under a display (e.g. xvfb-run)\n');
    } finally {
      if (saved.d !== undefined) process.env.DISPLAY = saved.d;
      if (saved.w !== undefined) process.env.WAYLAND_DISPLAY = saved.w;
    }
  });
});
