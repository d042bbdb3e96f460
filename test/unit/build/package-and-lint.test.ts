/**
 * Install like a user: `npm run package` writes store-ready zips, and Mozilla's linter
 * (`web-ext lint`, the npm package) reports no errors on the Firefox build.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const built = existsSync(`${root}dist/firefox/manifest.json`);

describe.skipIf(!built)('package and lint', () => {
  it('writes a zip per browser with manifest.json at its root and every icon', () => {
    execFileSync('node', ['scripts/package.js'], { cwd: root });
    const version = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;
    for (const browser of ['chrome', 'firefox']) {
      const files = unzipSync(readFileSync(`${root}dist/wavetrace-${browser}-${version}.zip`));
      const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
      expect(manifest.name).toBe('Wavetrace');
      for (const icon of Object.values(manifest.icons as Record<string, string>)) expect(files[icon]).toBeDefined();
      for (const cs of manifest.content_scripts) for (const js of cs.js) expect(files[js]).toBeDefined();
      expect(Object.keys(files).some((f) => f.startsWith('.vite/'))).toBe(false);
    }
  });

  it('web-ext lint finds no errors in the Firefox build', () => {
    let out: string;
    try {
      out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-config-discovery'], { cwd: root, encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(out.slice(out.indexOf('{')));
    expect(report.errors.map((m: { code: string; message: string }) => `${m.code}: ${m.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 60000);
});
