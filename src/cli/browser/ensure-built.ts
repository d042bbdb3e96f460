/**
 * Builds the extension when dist/ is missing or older than its sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newestMtime(join(path, name)));
  return max;
}

/** Runs `npm run build` when dist/chrome or dist/firefox is missing or stale. */
export function ensureBuilt(say: (line: string) => void): void {
  const built = join(root, 'dist/firefox/manifest.json');
  const sources = Math.max(...['src', 'public', 'manifest.json', 'package.json', 'vite.config.ts'].map((p) => newestMtime(join(root, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  say('building the extension…');
  // Build output goes to stderr: stdout stays clean for the CLI's own output.
  execFileSync('node', ['scripts/build.js'], { cwd: root, stdio: ['ignore', 2, 2] });
}
