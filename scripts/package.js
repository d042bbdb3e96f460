// Writes store-ready zips of the built extension: dist/wavetrace-chrome-<version>.zip and
// dist/wavetrace-firefox-<version>.zip (manifest.json at the zip root). Run `npm run build` first.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = fileURLToPath(new URL('..', import.meta.url));

/** All files under `dir`, skipping build caches (.vite) and source maps. */
function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === '.vite' || name.endsWith('.map')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

for (const browser of ['chrome', 'firefox']) {
  const dir = join(root, 'dist', browser);
  if (!existsSync(join(dir, 'manifest.json'))) {
    process.stderr.write(`dist/${browser} is missing: run npm run build first\n`);
    process.exit(2);
  }
  const version = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).version;
  const entries = {};
  for (const f of files(dir)) entries[relative(dir, f).split('\\').join('/')] = [readFileSync(f), { mtime: new Date('2026-01-01T00:00:00Z') }];
  const zip = zipSync(entries, { level: 9 });
  const out = join(root, 'dist', `wavetrace-${browser}-${version}.zip`);
  writeFileSync(out, zip);
  process.stdout.write(`wrote ${relative(root, out)} (${zip.length} bytes, ${Object.keys(entries).length} files)\n`);
}
