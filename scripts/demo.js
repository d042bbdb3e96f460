// `npm run demo`: builds the extension and tells how to load it. (The reference app demo
// replaces this once it lands.)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
execFileSync('node', ['scripts/build.js'], { cwd: root, stdio: 'inherit' });
process.stdout.write(`
Wavetrace is built.
  Chrome / Chromium / Edge: open chrome://extensions, turn on Developer mode, "Load unpacked", pick ${root}dist/chrome
  Firefox 128+: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…", pick ${root}dist/firefox/manifest.json
Then open DevTools (F12) on any page that uses WebSockets and choose the "Wavetrace" panel.
`);
