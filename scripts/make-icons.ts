// Renders public/icons/icon.svg to the PNG sizes the manifest names, with the system Chromium.
// Run once after changing the SVG: npx tsx scripts/make-icons.ts
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { findChromium } from '../src/cli/browser/find-browsers';

const svg = readFileSync(new URL('../public/icons/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
for (const size of [16, 32, 48, 128]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}`);
  await page.screenshot({ path: new URL(`../public/icons/icon-${size}.png`, import.meta.url).pathname, omitBackground: true });
  await page.close();
}
await browser.close();
process.stdout.write('icons written\n');
