/**
 * The standalone viewer on files made to hurt and on other writers' HARs, in real Chromium:
 * a gzip bomb stops at the size cap while inflating; terminal escapes, bidi and zero-width
 * characters show as visible escapes (text, never markup); a time beyond the largest Date is
 * one line, never "NaN"; Playwright's ms times read right; a HAR without frames says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitFor, type ExtensionBrowser } from './lib/chromium';
import { VIEWER_FILE, importFile, openViewer } from './lib/viewer-page';
import { SCAIWAVE_PROFILE } from '../../src/core/profile/scaiwave';

const root = new URL('../../', import.meta.url).pathname;
const realworld = join(root, 'test/fixtures/har/realworld');
const dir = mkdtempSync(join(tmpdir(), 'wavetrace-viewer-hostile-'));
const header = (extra = '') => `{"format":"wavetrace","version":1,"createdAt":"2026-11-30T00:00:00Z","source":{"tool":"t","browser":"b","page":"https://app.example.com/"},"redacted":true${extra},"dropped":0,"events":[`;

describe('viewer on hostile files and other writers’ HARs', () => {
  let b: ExtensionBrowser;
  let page: Page;
  let dialogs: string[] = [];

  beforeAll(async () => {
    expect(existsSync(VIEWER_FILE)).toBe(true);
    ({ b, page, dialogs } = await openViewer());
  });
  afterAll(async () => {
    await b?.close();
  });

  it('control, bidi and zero-width characters in URL, close reason, method and profile name show escaped', async () => {
    const esc = '\u001b[2J\u001b]0;pwned\u0007';
    const events = [
      { seq: 1, t: 1764460800000, type: 'ws-create', conn: 'c.1', url: `wss://app.example.com/v1/stream?x=${esc}\u202e`, protocols: [], frameUrl: '' },
      { seq: 2, t: 1764460800010, type: 'ws-open', conn: 'c.1', protocol: '', extensions: '' },
      { seq: 3, t: 1764460800100, type: 'http-request', req: 'r1', method: `GET\u200b${esc}`, url: 'https://app.example.com/v1/sync?since=1', initiator: 'fetch' },
      { seq: 4, t: 1764460800200, type: 'http-response', req: 'r1', status: 200, body: '{}' },
      { seq: 5, t: 1764460805000, type: 'ws-close', conn: 'c.1', code: 4001, reason: 'nekot \u202edilavni', wasClean: true },
    ];
    const profile = { ...structuredClone(SCAIWAVE_PROFILE), name: 'evil\u202e\u001b[31m' };
    const p = join(dir, 'hostile.wavetrace.json');
    writeFileSync(p, header(`,"profile":${JSON.stringify(profile)}`) + events.map((e) => JSON.stringify(e)).join(',') + ']}');
    expect(await importFile(page, p)).toMatch(/hostile\.wavetrace\.json: 5 events loaded/);
    // All rows first (the sync request among them), then the connection's header once it is selected.
    await waitFor(async () => (await page.locator('body').innerText()).includes('/v1/sync?since=1'), 'the sync row');
    const rows = await page.locator('body').innerText();
    await page.locator('.conn-row').first().click();
    await waitFor(async () => (await page.locator('.conn-header').innerText()).includes('nekot'), 'the connection header');
    const text = rows + '\n' + (await page.locator('body').innerText());
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/);
    expect(text).toContain('nekot \\u202edilavni'); // close reason
    expect(text).toContain('\\x1b[2J\\x1b]0;pwned\\x07'); // URL
    expect(text).toContain('evil\\u202e\\x1b[31m'); // profile name
    expect(text).toContain('GET\\u200b\\x1b[2J'); // method
    expect(await page.evaluate(() => document.querySelectorAll('img, script:not([type=module])').length)).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('a time beyond the largest Date is one line; nothing shows NaN', async () => {
    const p = join(dir, 'far.wavetrace.json');
    writeFileSync(p, header(',"profile":"scaiwave"') + '{"seq":1,"t":8.64e15,"type":"page-navigation","url":"https://x/"}]}');
    const notice = await importFile(page, p);
    expect(notice).toBe('cannot open far.wavetrace.json: events[0].t: expected number < 8.64e15 (ms since the Unix epoch; later times are not dates)');
    expect(await page.locator('body').innerText()).not.toContain('NaN');
  });

  it("Playwright's HAR: frames at their real time, the ms reading said", async () => {
    const p = join(dir, 'playwright-chromium-ws.har');
    copyFileSync(join(realworld, 'playwright-chromium-ws.har'), p);
    const notice = await importFile(page, p);
    expect(notice).toMatch(/playwright-chromium-ws\.har: \d+ events loaded — message times read as milliseconds \(Playwright writes epoch ms; Chrome writes seconds\)/);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('NaN');
    expect(text).not.toContain('58902');
  });

  it('a Firefox HAR (no WebSocket frames) loads its HTTP events and says how to get frames', async () => {
    const p = join(dir, 'firefox.har');
    copyFileSync(join(realworld, 'mitmproxy-firefox111.har'), p);
    expect(await importFile(page, p)).toMatch(
      /firefox\.har: \d+ events loaded — this HAR holds no WebSocket frames \(no WebSocket entries; Firefox and Safari do not save them\): save it from Chrome DevTools/,
    );
  });

  it('a gzip bomb (1 MB → 640 MiB) stops at the 512 MiB cap while inflating: one line, the page stays responsive', async () => {
    const p = join(dir, 'bomb.wavetrace.json.gz');
    const gz = createGzip({ level: 1 });
    const out = createWriteStream(p);
    gz.pipe(out);
    const zero = Buffer.alloc(1 << 20, 0x20);
    for (let i = 0; i < 640; i++) if (!gz.write(zero)) await new Promise<void>((r) => gz.once('drain', () => r()));
    gz.end();
    await new Promise<void>((r) => out.on('close', () => r()));
    const started = Date.now();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles(p);
    // While it inflates, the page answers: progress shows and a round trip through its event loop is quick.
    await waitFor(async () => ((await page.locator('[role=status]').first().textContent()) ?? '').includes('bomb.wavetrace.json.gz: inflated'), 'inflation progress', 60000);
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(Date.now() - t0).toBeLessThan(5000);
    const line = await waitFor(async () => {
      const t = ((await page.locator('[role=status]').first().textContent()) ?? '').replace(/✕$/, '');
      return t.startsWith('cannot open') ? t : undefined;
    }, 'the one-line refusal', 110000);
    expect(line).toBe('cannot open bomb.wavetrace.json.gz: too large: more than 536870912 bytes (limit 512 MiB)');
    expect(Date.now() - started).toBeLessThan(110000);
  }, 180000);
});
