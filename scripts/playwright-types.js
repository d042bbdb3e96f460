// The declarations of `wavetrace/playwright`, generated from the fixture's source so they cannot
// drift (types/playwright.d.ts re-exports them): tsc with tsconfig.playwright-types.json writes
// dist/playwright/types, then every file index.d.ts does not reach (through relative imports) is
// removed, so the package ships only the types its users see. Run by `npm run build:node` and
// `npm run typecheck`.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'dist/playwright/types');
rmSync(dir, { recursive: true, force: true });
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.playwright-types.json'], { cwd: root, stdio: 'inherit' });

const reached = new Set();
const todo = [join(dir, 'playwright/index.d.ts')];
while (todo.length > 0) {
  const file = todo.pop();
  if (reached.has(file)) continue;
  reached.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:from |import\()["'](\.{1,2}\/[^"']+)["']/g)) {
    const target = resolve(dirname(file), m[1]);
    todo.push(existsSync(`${target}.d.ts`) ? `${target}.d.ts` : join(target, 'index.d.ts'));
  }
}
for (const f of readdirSync(dir, { recursive: true })) {
  const file = join(dir, f);
  if (f.endsWith('.d.ts') && !reached.has(file)) rmSync(file);
}
// Relative specifiers get their `.js` (`./recording.js`, `../core/events/index.js`): under
// moduleResolution node16/nodenext an ESM package's declarations need full paths (TS2834), and
// `bundler` resolves them as well.
for (const file of reached) {
  const text = readFileSync(file, 'utf8');
  const fixed = text.replace(/((?:from |import\()["'])(\.{1,2}\/[^"']+?)(["'])/g, (m, a, spec, z) => {
    if (/\.(m|c)?js$/.test(spec)) return m;
    const target = resolve(dirname(file), spec);
    return `${a}${existsSync(`${target}.d.ts`) ? `${spec}.js` : `${spec}/index.js`}${z}`;
  });
  if (fixed !== text) writeFileSync(file, fixed);
}
// Folders left empty go too.
for (const f of readdirSync(dir, { recursive: true }).map((x) => join(dir, x)).sort((a, b) => b.length - a.length)) {
  try {
    if (readdirSync(f).length === 0) rmSync(f, { recursive: true });
  } catch {
    // a file, not a folder
  }
}
process.stdout.write(`declarations of wavetrace/playwright: ${reached.size} files in ${relative(root, dir)}\n`);
