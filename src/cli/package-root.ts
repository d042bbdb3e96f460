/**
 * Where the wavetrace package lives on disk, from the sources (src/cli/…) as from the built CLI
 * (dist/cli/…, in the repository or in an installed package): the nearest directory above this
 * module whose package.json is named "wavetrace" (docs/design.md#package-and-playwright-fixture).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * Absolute path of the package root (the directory holding wavetrace's package.json).
 * @throws Error with one line when no such directory is found above `from`
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  if (cached !== undefined && arguments.length === 0) return cached;
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'wavetrace') {
          if (arguments.length === 0) cached = dir;
          return dir;
        }
      } catch {
        // an unreadable package.json on the way up: keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the wavetrace package above ${from}`);
    dir = up;
  }
}

/** True when the package holds its TypeScript sources (a checkout, not an installed package). */
export function isCheckout(root: string = packageRoot()): boolean {
  return existsSync(join(root, 'src/cli/main.ts'));
}

/**
 * What to do about a built file missing from the package, for one-line messages: a checkout
 * builds it, an installed package (which has no sources to build from) is reinstalled.
 */
export function missingBuildHint(root: string = packageRoot()): string {
  return isCheckout(root) ? 'run npm run build' : 'reinstall wavetrace';
}

/**
 * Where the CLI reads the standalone viewer (`view`'s report is built from it): the copy the
 * Chromium extension build carries, `dist/chrome/wavetrace-viewer.html`. The package ships only
 * the copies inside the two extension folders, each of which must stay whole since it is loaded
 * unpacked (docs/design.md#package-and-playwright-fixture); a checkout that built only the viewer
 * (`npm run build:viewer`, no extension) has `dist/wavetrace-viewer.html`, used then.
 * @returns the absolute path of the first that exists, else of the extension's copy (for the
 *   caller's "missing" message)
 */
export function viewerFile(root: string = packageRoot()): string {
  const inExtension = join(root, 'dist/chrome/wavetrace-viewer.html');
  if (existsSync(inExtension)) return inExtension;
  const standalone = join(root, 'dist/wavetrace-viewer.html');
  return existsSync(standalone) ? standalone : inExtension;
}
