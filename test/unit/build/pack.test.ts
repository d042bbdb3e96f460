/**
 * The npm package as a user gets it (run after `npm run build`, as `npm test` does): `npm pack`
 * holds only what users need, a second pack does not swallow the first tarball, and the tarball
 * installed with production dependencies only — in an empty project or globally — runs
 * `wavetrace check` and `view` from built JavaScript (no tsx, no TypeScript, no source files), while
 * `record` without its optional browser driver says so in one line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECONNECT_WITHOUT_SYNC } from '../cli/fixtures';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILT = ['dist/cli/wavetrace.js', 'dist/chrome/manifest.json', 'dist/firefox/manifest.json', 'dist/chrome/wavetrace-viewer.html', 'dist/playwright/index.js'].every((f) => existsSync(join(ROOT, f)));
const NPM_QUIET = ['--ignore-scripts', '--no-audit', '--no-fund', '--offline', '--loglevel=error'];

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

function pack(dest: string, dryRun = false): PackResult {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', dest, ...(dryRun ? ['--dry-run'] : [])];
  const out = execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return (JSON.parse(out.slice(out.indexOf('['))) as PackResult[])[0] as PackResult;
}

describe.skipIf(!BUILT)('npm package', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'wavetrace-pack-'));
  let packed: PackResult;
  let tarball: string;
  beforeAll(() => {
    packed = pack(tmp);
    tarball = join(tmp, packed.filename);
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('holds only what users need: built CLI, extension, viewer, fixture, README, LICENSE', () => {
    const paths = packed.files.map((f) => f.path);
    // eslint-disable-next-line no-console
    console.log(`npm pack: ${packed.filename}, ${packed.size} bytes packed, ${packed.unpackedSize} bytes unpacked, ${packed.entryCount} files`);
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'bin/wavetrace.js', 'dist/cli/wavetrace.js', 'dist/chrome/manifest.json', 'dist/firefox/manifest.json', 'dist/chrome/wavetrace-viewer.html', 'dist/firefox/wavetrace-viewer.html', 'dist/playwright/index.js', 'dist/playwright/hook.js', 'dist/playwright/relay.js', 'types/playwright.d.ts']) {
      expect(paths).toContain(needed);
    }
    // The standalone viewer (~900 KB) once per extension folder, each loaded unpacked and so kept
    // whole; `view` reads the Chromium one, so no third copy at the top of dist/.
    expect(paths.filter((p) => p.endsWith('wavetrace-viewer.html')).sort()).toEqual(['dist/chrome/wavetrace-viewer.html', 'dist/firefox/wavetrace-viewer.html']);
    const unwanted = paths.filter(
      (p) =>
        p.startsWith('test/') ||
        p.startsWith('src/') ||
        p.startsWith('scripts/') ||
        p.startsWith('docs/') ||
        p.includes('/.vite/') ||
        /\.(ts|tsx|map|tgz|zip)$/.test(p.replace(/\.d\.ts$/, '')) ||
        /(^|\/)(tsconfig[^/]*\.json|vite[^/]*\.config\.[jt]s|vitest\.config\.[jt]s|playwright\.config\.[jt]s|package-lock\.json|\.gitignore)$/.test(p),
    );
    expect(unwanted).toEqual([]);
    expect(packed.entryCount).toBe(paths.length);
    expect(packed.entryCount).toBeLessThan(80);
  });

  it('a second npm pack does not swallow the first tarball', () => {
    const stray = join(ROOT, packed.filename);
    copyFileSync(tarball, stray);
    try {
      const again = pack(tmp, true);
      expect(again.files.filter((f) => f.path.endsWith('.tgz'))).toEqual([]);
      expect(again.entryCount).toBe(packed.entryCount);
    } finally {
      rmSync(stray, { force: true });
    }
  }, 120_000);

  it('installed in an empty project with production dependencies only, npx wavetrace check runs the built CLI', () => {
    const project = join(tmp, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', tarball, '--omit=dev', '--omit=optional', ...NPM_QUIET], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    // Nothing but wavetrace itself: its runtime code is bundled, the browser drivers are optional.
    expect(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual(['wavetrace']);
    const installed = join(project, 'node_modules/wavetrace');
    expect(existsSync(join(installed, 'src'))).toBe(false);

    const r = spawnSync('npx', ['--offline', 'wavetrace', 'check', RECONNECT_WITHOUT_SYNC], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('received stream_position 45 without GET /v1/sync?since=42');
    expect(r.status).toBe(1);
    const v = spawnSync('npx', ['--offline', 'wavetrace', '--version'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(v.stdout).toBe('wavetrace 0.1.0\n');
    // view builds its report from the viewer inside the installed extension folder.
    const report = join(project, 'report.html');
    const view = spawnSync('npx', ['--offline', 'wavetrace', 'view', RECONNECT_WITHOUT_SYNC, '--no-open', '--out', report], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect([view.status, view.stderr]).toEqual([0, '']);
    expect(view.stdout).toMatch(/^wrote .*report\.html \([\d.]+ (KiB|MiB)\): the viewer and reconnect-without-sync\.wavetrace\.json \(redacted, gzip\) in one file\n$/);
    expect(readFileSync(report, 'utf8')).toContain('<script type="application/octet-stream" id="wavetrace-report"');

    // record without its driver: one line naming the package to install, exit 2.
    for (const [browser, pkg] of [['chromium', 'playwright-core'], ['firefox', 'puppeteer-core']] as const) {
      const rec = spawnSync('npx', ['--offline', 'wavetrace', 'record', 'http://127.0.0.1:9/', '--duration', '0', '--browser', browser], { cwd: project, encoding: 'utf8', timeout: 60_000 });
      expect(rec.stderr).toBe(`wavetrace: wavetrace record --browser ${browser} needs the optional dependency ${pkg}: install it next to wavetrace (npm install ${pkg})\n`);
      expect(rec.status).toBe(2);
    }
  }, 180_000);

  it('installed globally (npm install -g), wavetrace check runs', () => {
    const prefix = join(tmp, 'global');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, tarball, '--omit=optional', ...NPM_QUIET], { cwd: tmp, encoding: 'utf8', timeout: 120_000 });
    const bin = process.platform === 'win32' ? join(prefix, 'wavetrace.cmd') : join(prefix, 'bin/wavetrace');
    const r = spawnSync(bin, ['check', RECONNECT_WITHOUT_SYNC, '--format', 'json'], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code)).toContain('sync-skipped');
    expect(r.status).toBe(1);
  }, 180_000);
});
