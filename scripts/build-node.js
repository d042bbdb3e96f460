// `npm run build:node`: the parts of the package that run in Node, as plain JavaScript (no tsx,
// no TypeScript at run time; see docs/design.md#package-and-playwright-fixture):
// - dist/cli/wavetrace.js: the CLI, bundled from src/cli/main.ts. Every command src/cli/run-cli.ts
//   imports is in it (the bundle follows the imports; nothing to list here). The browser drivers
//   (playwright-core, puppeteer-core) stay external and load only when `record` runs.
// - dist/playwright/index.js: the Playwright fixture (`wavetrace/playwright`), @playwright/test external;
// - dist/playwright/types: the fixture's declarations, generated from its source with tsc
//   (scripts/playwright-types.js; types/playwright.d.ts re-exports them for the package);
// - dist/playwright/hook.js and dist/playwright/relay.js: the page hook and the fixture's relay as
//   classic scripts (one IIFE each, no import/export) for `addInitScript` and an isolated world.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';

const root = fileURLToPath(new URL('..', import.meta.url));
const EXTERNAL = ['playwright-core', 'puppeteer-core', '@playwright/test', /^playwright(\/|$)/, /^@playwright\//, /^puppeteer-core\//];

/** One Node ESM bundle of `entry` into `outDir/fileName`; shared code and lazy imports become chunks. */
async function nodeBundle(entry, outDir, fileName) {
  rmSync(`${root}/${outDir}`, { recursive: true, force: true });
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      rollupOptions: {
        external: EXTERNAL,
        output: { format: 'es', entryFileNames: fileName, chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
}

/** One classic script (IIFE, everything inlined) of `entry` into `outDir/fileName`. */
async function classicScript(entry, outDir, fileName) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: false,
      copyPublicDir: false,
      lib: { entry, formats: ['iife'], name: 'wavetraceScript', fileName: () => fileName },
    },
  });
}

await nodeBundle('src/cli/main.ts', 'dist/cli', 'wavetrace.js');
await nodeBundle('src/playwright/index.ts', 'dist/playwright', 'index.js');
await import('./playwright-types.js');
await classicScript('src/page/hook.iife.ts', 'dist/playwright', 'hook.js');
await classicScript('src/playwright/relay-world.iife.ts', 'dist/playwright', 'relay.js');
process.stdout.write('built dist/cli/wavetrace.js and dist/playwright (fixture, types, hook.js, relay.js)\n');
