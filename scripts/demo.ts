/**
 * `npm run demo`: the reference app and real Chromium with Wavetrace loaded and DevTools open on
 * the Wavetrace panel, running a scripted scenario that shows within ~15 s what Wavetrace is for:
 *   1. the client connects and receives events with stream positions;
 *   2. the connection drops without a close frame (1006) and the client reconnects correctly:
 *      immediately, after GET /v1/sync?since=<last>;
 *   3. the page reloads into a faulty client (skipSync) that resumes from its persisted
 *      position without the sync call: Wavetrace flags sync-skipped.
 * Options: --headless (no window; also chosen when there is no display), --out DIR (write
 * wavetrace-demo.png and demo.wavetrace.json there; default ./demo-output when headless),
 * --own-protocol (instead: an app with its own protocol, profile learned; demo-own-protocol.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureBuilt } from '../src/cli/browser/ensure-built';
import { launchChromium, openWavetracePanel, waitFor } from '../src/cli/browser/chromium';
import { startReferenceServer } from '../test/reference-app';
import { runOwnProtocolDemo } from './demo-own-protocol';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const say = (line: string) => process.stdout.write(line + '\n');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = flag('--headless') || noDisplay;
if (noDisplay && !flag('--headless')) say('no display found: running headless (pass --headless to skip this note)');
const outDir = resolve(value('--out') ?? (headless ? 'demo-output' : ''));

ensureBuilt(say);
if (flag('--own-protocol')) {
  await runOwnProtocolDemo({ headless, outDir, say });
  process.exit(0);
}
const server = await startReferenceServer({ port: 0, eventIntervalMs: 400, pingIntervalMs: 5000, maxMissedPongs: 3 });
let browser;
try {
  browser = await launchChromium({ devtools: true, headless, width: 1280, height: 800 });
} catch (e) {
  say(`cannot start Chromium: ${(e as Error).message.split('\n')[0]}`);
  await server.close();
  process.exit(1);
}
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  say(`reference app: ${server.url}`);
  say('step 1: a correct client connects and receives events');
  await page.goto(`${server.url}/?resetCursor=1`);
  const panel = await openWavetracePanel(browser, server.url);
  await panel.dock('undocked').catch(() => undefined);
  await waitFor(() => page.evaluate(() => Number(document.body.dataset.lastPosition ?? 0) > 0), 'the client to process events', 15000);
  await sleep(2500);

  say('step 2: the connection drops without a close frame (1006); the client syncs, then resumes');
  server.killSockets();
  await waitFor(() => page.evaluate(() => Number(document.body.dataset.syncs ?? 0) >= 1 && document.body.dataset.state === 'open'), 'the correct reconnect', 15000);
  await sleep(2500);

  say('step 3: the page reloads into a faulty client that resumes without GET /v1/sync');
  await page.goto(`${server.url}/?skipSync=1`);
  await waitFor(() => page.evaluate(() => document.body.dataset.state === 'open'), 'the faulty client to connect', 15000);
  await sleep(2000);
  // Open the finding Wavetrace raised, so its message, hint and evidence are on screen.
  await waitFor(
    () => panel.panel.evaluate<boolean>(`(() => { const f = document.querySelector('.finding[data-code="sync-skipped"]'); if (!f) return false; f.click(); return true; })()`),
    'the sync-skipped finding in the panel',
    15000,
  ).catch(() => say('(the panel shows no sync-skipped finding yet)'));
  await sleep(1000);

  if (headless) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(`${outDir}/wavetrace-demo.png`, await panel.screenshot());
    const trace = await panel.panel.evaluate<string>(`globalThis.wavetrace.exportTrace({ page: ${JSON.stringify(server.url + '/')} })`);
    writeFileSync(`${outDir}/demo.wavetrace.json`, trace);
    say(`wrote ${outDir}/wavetrace-demo.png and ${outDir}/demo.wavetrace.json`);
    say(`next: npx wavetrace check ${outDir}/demo.wavetrace.json`);
    panel.close();
  } else {
    say('Wavetrace is open in DevTools. Explore, then press Ctrl-C to stop.');
    await new Promise<void>((r) => process.once('SIGINT', () => r()));
  }
} finally {
  await browser.close().catch(() => undefined);
  await server.close();
}
