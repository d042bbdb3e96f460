/**
 * Fault injection in real Firefox against a real `ws` server, commanded through the real
 * panel (opened as an extension tab): drop and close, with what the page's own code observed
 * (order of `on…` and `addEventListener` listeners, codes, reasons, wasClean, readyState) and
 * what the server observed; the panel's Break menu (Drop, by clicks); and `fail-sync` on an
 * XMLHttpRequest compared with a real failing server and a real network error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type ExtensionTab, type FirefoxWithExtension } from './lib/firefox';
import { waitFor } from './lib/chromium';
import { startTestServers, type TestServers } from './lib/servers';
import { FAULT_PAGE as PAGE } from './lib/fault-page';
import { startXhrFaultServer, XHR_CASES } from './lib/xhr-fault-page';

describe('fault injection in Firefox', () => {
  let srv: TestServers;
  let ff: FirefoxWithExtension;
  const serverCloses: number[] = [];
  let pages = 0;

  beforeAll(async () => {
    srv = await startTestServers({ '/faults.html': PAGE });
    ff = await launchFirefox();
  });
  afterAll(async () => {
    await ff?.close();
    await srv?.close();
  });

  /** A new page at `url` and the panel attached to its tab (picked in the panel's tab list). */
  async function pageWithPanel(url: string): Promise<{ page: Page; panel: ExtensionTab }> {
    const page = await ff.browser.newPage();
    await page.goto(url);
    const panel = await ff.openExtensionTab('/src/panel/panel.html');
    const pick = await waitFor(
      () => panel.evaluate<string | null>(`(() => { const a = [...document.querySelectorAll('a[data-tab-id]')].find((x) => x.textContent.startsWith(${JSON.stringify(url)})); return a ? a.dataset.tabId : null; })()`),
      'the tab in the picker',
    );
    await panel.evaluate(`(document.querySelector('a[data-tab-id="${pick}"]').click(), true)`);
    await waitFor(() => panel.evaluate<boolean>(`!!globalThis.wavetrace && !!document.querySelector('.app')`), 'the panel');
    return { page, panel };
  }

  async function setUp(): Promise<{ page: Page; panel: ExtensionTab; conn: string }> {
    const { page, panel } = await pageWithPanel(`${srv.httpUrl}/faults.html?page=${++pages}`);
    const before = srv.sockets.size;
    await page.evaluate(`open1(${JSON.stringify(srv.wsUrl)})`);
    await waitFor(async () => ((await page.evaluate('log.length')) as number) >= 2, 'the welcome frame');
    await waitFor(() => srv.sockets.size > before, 'the server to see the socket');
    for (const s of srv.sockets) s.once('close', (code) => serverCloses.push(code));
    const c = await waitFor(() => panel.evaluate<{ conn: string } | null>('wavetrace.newestOpenConnection() ?? null'), 'the panel to see the connection');
    return { page, panel, conn: c.conn };
  }

  it('drop: every listener hears error then close 1006 (not clean) with readyState 3; the server sees the client go away', async () => {
    const { page, panel, conn } = await setUp();
    serverCloses.length = 0;
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'drop', conn: ${JSON.stringify(conn)}, origin: 'test' })`)).toBe('');
    await waitFor(async () => ((await page.evaluate('log.length')) as number) >= 6, 'the made-up events');
    expect(((await page.evaluate('log')) as unknown[][]).slice(2)).toEqual([
      ['on', 'error', null, null, null, 3, null],
      ['listener', 'error', null, null, null, 3, null],
      ['on', 'close', 1006, '', false, 3, null],
      ['listener', 'close', 1006, '', false, 3, null],
    ]);
    await waitFor(() => serverCloses.length > 0, 'the server to see the close');
  });

  it('close 4003 with a reason: close {4003, reason, wasClean true} as if the server sent it', async () => {
    const { page, panel, conn } = await setUp();
    serverCloses.length = 0;
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'close', conn: ${JSON.stringify(conn)}, code: 4003, reason: 'ping_timeout', origin: 'test' })`)).toBe('');
    await waitFor(async () => ((await page.evaluate('log.length')) as number) >= 4, 'the made-up close');
    expect(((await page.evaluate('log')) as unknown[][]).slice(2)).toEqual([
      ['on', 'close', 4003, 'ping_timeout', true, 3, null],
      ['listener', 'close', 4003, 'ping_timeout', true, 3, null],
    ]);
    await waitFor(() => serverCloses.length > 0, 'the server to see the close');
  });

  it('the Break menu: Drop picked with clicks in the panel; the page hears error then close 1006', async () => {
    const { page, panel } = await setUp();
    serverCloses.length = 0;
    await panel.evaluate(`(document.querySelector('.toolbar .break-button').click(), true)`);
    const first = await waitFor(() => panel.evaluate<string | null>(`document.querySelector('[role=menuitem]')?.textContent ?? null`), 'the menu');
    expect(first).toMatch(/^Drop #\d+$/);
    await panel.evaluate(`(document.querySelector('[role=menuitem]').click(), true)`);
    await waitFor(async () => ((await page.evaluate('log.length')) as number) >= 6, 'the made-up events');
    expect(((await page.evaluate('log')) as unknown[][]).slice(2).map((e) => [e[0], e[1], e[2]])).toEqual([
      ['on', 'error', null],
      ['listener', 'error', null],
      ['on', 'close', 1006],
      ['listener', 'close', 1006],
    ]);
    await waitFor(() => serverCloses.length > 0, 'the server to see the close');
    await waitFor(() => panel.evaluate<boolean>(`[...document.querySelectorAll('li[data-kind=fault]')].some((li) => li.textContent.includes('drop of connection'))`), 'the drop on the timeline');
  });

  it('fail-sync on XMLHttpRequest: the page sees what a real 503 or a real network error shows it, and nothing leaves', async () => {
    const xhr = await startXhrFaultServer();
    try {
      const { page, panel } = await pageWithPanel(`${xhr.url}/xhr.html`);
      const banner = () => panel.evaluate<string>(`document.querySelector('[data-testid=fault-banner]')?.textContent ?? ''`);
      for (const [status, query, async] of XHR_CASES) {
        const call = `xhrLog(${JSON.stringify(`/v1/sync?${query}`)}, ${async})`;
        const real = await page.evaluate(call);
        const before = xhr.hits.length;
        expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'fail-sync', count: 1, status: ${JSON.stringify(status)}, origin: 'test' })`)).toBe('');
        await waitFor(async () => (await banner()).includes('The next 1 sync request will fail'), 'the banner');
        const fake = (await page.evaluate(call)) as unknown[][];
        // Known difference (docs/design.md#fault-commands): Firefox fires readystatechange, error
        // and loadend before a synchronous XHR throws on a real network error, not on the made-up one.
        const want = status === 'network' && !async ? (real as unknown[][]).filter((e) => e[0] !== 'readystatechange' || e[1] !== 4).filter((e) => e[0] !== 'error' && e[0] !== 'loadend') : real;
        expect({ status, async, log: fake }).toEqual({ status, async, log: want });
        expect(xhr.hits.length).toBe(before);
        await waitFor(async () => (await banner()) === '', 'the banner to go once the sync failed');
      }
    } finally {
      await xhr.close();
    }
  });
});
