/**
 * The panel in real Firefox (docs/design.md#panel-and-viewer): the reference client with `skipSync` drops (1006) and
 * resumes without GET /v1/sync; the panel page (opened as a tab: Firefox DevTools panels
 * cannot be driven headless) shows the session, the reconnect span and `sync-skipped`, and
 * clicking the finding selects its evidence frame. A screenshot of the window goes to
 * artifacts/panel-firefox.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchFirefox, type ExtensionTab, type FirefoxWithExtension } from './lib/firefox';
import { waitFor } from './lib/chromium';
import { startReferenceServer, type ReferenceServer } from '../reference-app';

describe('the Wavetrace panel in Firefox', () => {
  let srv: ReferenceServer;
  let ff: FirefoxWithExtension;

  beforeAll(async () => {
    srv = await startReferenceServer({ port: 0, eventIntervalMs: 250, pingIntervalMs: 1200 });
    ff = await launchFirefox();
  });
  afterAll(async () => {
    await ff?.close();
    await srv?.close();
  });

  it('shows the session, the reconnect span and sync-skipped; the finding selects its evidence frame', async () => {
    const page = await ff.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${srv.url}/?skipSync=1&resetCursor=1&timeScale=0.2`);
    const data = (name: string) => page.evaluate((n) => document.body.dataset[n], name);
    await waitFor(async () => Number((await data('eventsProcessed')) ?? 0) >= 3, 'the client to process events');

    const panel: ExtensionTab = await ff.openExtensionTab('/src/panel/panel.html');
    const pick = await waitFor(
      () => panel.evaluate<string | null>(`(() => { const a = [...document.querySelectorAll('a[data-tab-id]')].find((x) => x.textContent.startsWith(${JSON.stringify(srv.url)})); return a ? a.dataset.tabId : null; })()`),
      'the client tab in the picker',
    );
    await panel.evaluate(`(document.querySelector('a[data-tab-id="${pick}"]').click(), true)`);
    await waitFor(() => panel.evaluate<boolean>(`document.querySelectorAll('.conn-row').length >= 1`), 'the connection lane');

    const processed = Number(await data('eventsProcessed'));
    srv.killSockets();
    await waitFor(async () => Number(await data('opens')) >= 2 && Number(await data('eventsProcessed')) >= processed + 3, 'the client to resume');
    await waitFor(() => panel.evaluate<boolean>(`!!document.querySelector('.finding[data-code="sync-skipped"]')`), 'sync-skipped in the panel', 20000);

    const lanes = await panel.evaluate<string[]>(`[...document.querySelectorAll('.conn-row .conn-state')].map((e) => e.textContent)`);
    expect(lanes).toEqual(['closed 1006 Abnormal Closure', 'open']);
    const reconnect = await waitFor(() => panel.evaluate<string | null>(`document.querySelector('.tl-a11y li[data-kind="reconnect"]')?.textContent ?? null`), 'the reconnect span');
    expect(reconnect).toMatch(/^↻ [\d.]+ m?s · expected (≤ )?1\.0 s — Reconnect #1 after/);

    await panel.evaluate(`(document.querySelector('.finding[data-code="sync-skipped"]').click(), true)`);
    const sel = await waitFor(
      () => panel.evaluate<{ cls: string; conn: string; data: string } | null>(`(() => {
        const r = document.querySelector('.t-row.selected');
        const tl = document.querySelector('.timeline');
        if (!r || tl.dataset.selectedSeq !== r.dataset.seq) return null;
        return { cls: r.className, conn: r.querySelector('.c-conn').textContent, data: r.querySelector('.c-data').textContent };
      })()`),
      'the evidence frame to be selected',
    );
    expect(sel.cls).toContain('frame-row');
    expect(sel.conn).toBe('#2');
    expect(sel.data).toMatch(/^\{"type":"event","stream_position":\d+/);
    expect(await panel.evaluate<number>(`document.querySelectorAll('img').length`)).toBe(0);

    // A picture of the panel tab, drawn from Firefox's parent process (BiDi cannot screenshot extension pages).
    const connection = (ff.browser as unknown as { connection: { send(m: string, p: object): Promise<unknown> } }).connection;
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { result: { contexts: { context: string }[] } };
    const r = (await connection.send('script.evaluate', {
      target: { context: tree.result.contexts[0]!.context },
      awaitPromise: true,
      resultOwnership: 'none',
      expression: `(async () => {
        window.resizeTo(1280, 900);
        await new Promise((res) => setTimeout(res, 500));
        const tabs = window.__wavetraceTabs;
        const browser = tabs[tabs.length - 1].linkedBrowser;
        const w = Math.min(1280, browser.clientWidth), h = Math.min(800, browser.clientHeight);
        const bmp = await browser.browsingContext.currentWindowGlobal.drawSnapshot(new DOMRect(0, 0, w, h), 1, 'white');
        const c = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
        c.width = w; c.height = h;
        c.getContext('2d').drawImage(bmp, 0, 0);
        return c.toDataURL('image/png');
      })()`,
    })) as { result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } } };
    expect(r.result.type, r.result.exceptionDetails?.text).toBe('success');
    mkdirSync('artifacts', { recursive: true });
    writeFileSync('artifacts/panel-firefox.png', Buffer.from(r.result.result!.value!.split(',')[1]!, 'base64'));
  });
});
