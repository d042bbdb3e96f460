// `npm run build:viewer`: one self-contained HTML file, dist/wavetrace-viewer.html, that opens
// traces and HARs by file picker or drag and drop with no extension installed. The inline
// script is allowed by its SHA-256 in a strict Content-Security-Policy (no 'unsafe-inline' for
// scripts, no network: connect-src 'none'). A copy goes into dist/chrome and dist/firefox, from
// which the extension's Export makes self-contained reports. scripts/build.js runs this after
// the extension build.
import { build } from 'vite';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({ configFile: `${root}/vite.viewer.config.ts`, logLevel: 'warn' });
const out = `${root}/dist/viewer-build`;
const assets = readdirSync(`${out}/assets`);
const js = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(`${out}/assets/${f}`, 'utf8')).join('\n');
const css = assets.filter((f) => f.endsWith('.css')).map((f) => readFileSync(`${out}/assets/${f}`, 'utf8')).join('\n');
const script = js.replace(/<\/script/gi, '<\\/script');
const hash = createHash('sha256').update(script, 'utf8').digest('base64');
const csp = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; base-uri 'none'; form-action 'none'`;
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wavetrace viewer</title>
<style>${css.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>
<div id="app"></div>
<script type="module">${script}</script>
</body>
</html>
`;
writeFileSync(`${root}/dist/wavetrace-viewer.html`, html);
// The extension carries it too: its Export writes self-contained reports (viewer + trace) from it.
for (const browser of ['chrome', 'firefox']) {
  if (existsSync(`${root}/dist/${browser}/manifest.json`)) writeFileSync(`${root}/dist/${browser}/wavetrace-viewer.html`, html);
}
process.stdout.write(`wrote dist/wavetrace-viewer.html (${Math.round(html.length / 1024)} KiB)\n`);
