/**
 * Where the CLI finds its package and the standalone viewer it builds `view` reports from
 * (docs/design.md#package-and-playwright-fixture): the copy inside the Chromium extension build,
 * which the package ships; the top-level dist/wavetrace-viewer.html only in a checkout that built
 * the viewer alone.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { missingBuildHint, packageRoot, viewerFile } from '../../../src/cli/package-root';

function pkg(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'wavetrace-root-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'wavetrace' }));
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), '<!doctype html>');
  }
  return root;
}

describe('viewerFile', () => {
  it("is the Chromium extension's copy, as in an installed package (which has no other)", () => {
    const root = pkg(['dist/chrome/wavetrace-viewer.html', 'dist/firefox/wavetrace-viewer.html']);
    expect(viewerFile(root)).toBe(join(root, 'dist/chrome/wavetrace-viewer.html'));
    const both = pkg(['dist/chrome/wavetrace-viewer.html', 'dist/wavetrace-viewer.html']);
    expect(viewerFile(both)).toBe(join(both, 'dist/chrome/wavetrace-viewer.html'));
  });

  it('falls back to dist/wavetrace-viewer.html of a checkout that built only the viewer', () => {
    const root = pkg(['dist/wavetrace-viewer.html']);
    expect(viewerFile(root)).toBe(join(root, 'dist/wavetrace-viewer.html'));
  });

  it("names the extension's copy when there is none, for the caller's one-line message", () => {
    const root = pkg([]);
    expect(viewerFile(root)).toBe(join(root, 'dist/chrome/wavetrace-viewer.html'));
  });
});

it('a missing built file: a checkout builds it, an installed package is reinstalled (no sources to build from)', () => {
  expect(missingBuildHint(pkg(['src/cli/main.ts']))).toBe('run npm run build');
  expect(missingBuildHint(pkg(['dist/cli/wavetrace.js']))).toBe('reinstall wavetrace');
});

it('packageRoot finds the repository from the sources', () => {
  expect(packageRoot(fileURLToPath(new URL('../../../src/cli', import.meta.url)))).toBe(fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, ''));
});
