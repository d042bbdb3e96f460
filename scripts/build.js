// Builds the extension: vite + @crxjs into dist/chrome, then dist/firefox from the same output
// with the manifest adapted (background.scripts beside service_worker, gecko id, min version 128),
// then the standalone viewer (scripts/build-viewer.js), which both extension builds carry.
import { build } from 'vite';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { firefoxManifest } from './lib/manifest.js';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({ root, configFile: `${root}/vite.config.ts`, logLevel: 'warn' });
rmSync(`${root}/dist/firefox`, { recursive: true, force: true });
cpSync(`${root}/dist/chrome`, `${root}/dist/firefox`, { recursive: true });
rmSync(`${root}/dist/firefox/.vite`, { recursive: true, force: true });
const chromeManifest = JSON.parse(readFileSync(`${root}/dist/chrome/manifest.json`, 'utf8'));
writeFileSync(`${root}/dist/firefox/manifest.json`, JSON.stringify(firefoxManifest(chromeManifest), null, 2) + '\n');
process.stdout.write('built dist/chrome and dist/firefox\n');
// The standalone viewer, also copied into both extension builds (Export → self-contained report).
await import('./build-viewer.js');
