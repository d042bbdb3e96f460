/**
 * `wavetrace record` from the installed package (npm pack → npm install in an empty project,
 * with the optional driver playwright-core present): it loads the extension the package carries
 * (dist/chrome inside node_modules/wavetrace, not the checkout's), records the reference app in
 * the system Chromium and writes a trace that `wavetrace check` of the same install reads.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../reference-app';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs a command without blocking this process (the reference server answers from it meanwhile). */
function run(cmd: string, args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as { code?: unknown }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

describe('the installed package records', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'wavetrace-installed-'));
  let server: ReferenceServer | undefined;
  afterAll(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('npx wavetrace record <url> writes a trace with the reference app sockets', async () => {
    const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const tarball = join(tmp, (JSON.parse(out.slice(out.indexOf('['))) as { filename: string }[])[0]!.filename);
    const project = mkdtempSync(join(tmp, 'project-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', tarball, '--omit=dev', '--omit=optional', '--ignore-scripts', '--no-audit', '--no-fund', '--offline', '--loglevel=error'], { cwd: project, timeout: 120_000 });
    // The optional driver, as `npm install playwright-core` would put it (no network in tests).
    symlinkSync(join(ROOT, 'node_modules/playwright-core'), join(project, 'node_modules/playwright-core'), 'dir');
    expect(existsSync(join(project, 'node_modules/wavetrace/dist/chrome/manifest.json'))).toBe(true);

    await server?.close();
    server = await startReferenceServer({ port: 0, eventIntervalMs: 150 });
    const trace = join(project, 'rec.wavetrace.json');
    const r = await run('npx', ['--offline', 'wavetrace', 'record', `${server.url}/?resetCursor=1`, '--duration', '3', '--out', trace], project);
    expect(r.stdout).toMatch(/^wrote .*rec\.wavetrace\.json \(\d+ events\)\n$/);
    expect(r.stderr).not.toContain('building');
    expect(r.status).toBe(0);
    const events = (JSON.parse(readFileSync(trace, 'utf8')) as { events: { type: string; url?: string }[] }).events;
    expect(events.some((e) => e.type === 'ws-create' && String(e.url).includes('/v1/stream'))).toBe(true);
    expect(events.some((e) => e.type === 'ws-message')).toBe(true);

    const check = await run('npx', ['--offline', 'wavetrace', 'check', trace], project);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
