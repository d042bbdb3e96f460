import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The standalone viewer: src/viewer/viewer.html built without the extension runtime
 * (webextension-polyfill is replaced by an empty stand-in) into dist/viewer-build, then
 * scripts/build-viewer.js inlines it into one self-contained dist/wavetrace-viewer.html.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./src/viewer', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: { 'webextension-polyfill': fileURLToPath(new URL('./src/viewer/no-extension.ts', import.meta.url)) },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/viewer-build', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    cssCodeSplit: false,
    assetsInlineLimit: 100_000_000,
    modulePreload: false,
    rollupOptions: { input: fileURLToPath(new URL('./src/viewer/viewer.html', import.meta.url)), output: { codeSplitting: false } },
  },
  logLevel: 'warn',
});
