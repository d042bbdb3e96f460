import { defineConfig } from 'vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

/**
 * Builds the extension once into dist/chrome (scripts/build.js derives dist/firefox from it).
 * Both content scripts are named `*.iife.ts`, so @crxjs emits each as one synchronous IIFE
 * with its imports inlined: no async loader, no web_accessible_resources. The manifest's
 * `version` is package.json's (manifest.json has none of its own).
 */
export default defineConfig({
  plugins: [crx({ manifest: { ...manifest, version: pkg.version } as ManifestV3Export })],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    target: 'chrome120',
    minify: false,
    rollupOptions: {
      input: {
        panel: 'src/panel/panel.html',
        viewer: 'src/viewer/viewer.html',
      },
    },
  },
  logLevel: 'warn',
});
