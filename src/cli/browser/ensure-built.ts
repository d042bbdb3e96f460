/**
 * Makes sure the built extension `record` loads is there: in a checkout it is built when
 * dist/ is missing or older than its sources; an installed package carries it
 * (docs/design.md#package-and-playwright-fixture) and is never rebuilt.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isCheckout, packageRoot } from '../package-root';

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newestMtime(join(path, name)));
  return max;
}

/**
 * In a checkout, runs the extension build when dist/chrome or dist/firefox is missing or stale.
 * @throws Error with one line when an installed package lacks its built extension
 */
export function ensureBuilt(say: (line: string) => void): void {
  const root = packageRoot();
  const built = join(root, 'dist/firefox/manifest.json');
  if (!isCheckout(root)) {
    if (!existsSync(built) || !existsSync(join(root, 'dist/chrome/manifest.json'))) throw new Error(`the built extension is missing from ${root}/dist (reinstall wavetrace)`);
    return;
  }
  const sources = Math.max(...['src', 'public', 'manifest.json', 'package.json', 'vite.config.ts'].map((p) => newestMtime(join(root, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  say('building the extension…');
  // Build output goes to stderr: stdout stays clean for the CLI's own output.
  execFileSync('node', ['scripts/build.js'], { cwd: root, stdio: ['ignore', 2, 2] });
}
