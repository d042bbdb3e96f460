/**
 * Fault injection in real Firefox against a real `ws` server, commanded through the real
 * panel (opened as an extension tab): drop and close, with what the page's own code observed
 * (order of `on…` and `addEventListener` listeners, codes, reasons, wasClean, readyState) and
 * what the server observed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type ExtensionTab, type FirefoxWithExtension } from './lib/firefox';
import { waitFor } from './lib/chromium';
import { startTestServers, type TestServers } from './lib/servers';
import { FAULT_PAGE as PAGE } from './lib/fault-page';

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

  async function setUp(): Promise<{ page: Page; panel: ExtensionTab; conn: string }> {
    const page = await ff.browser.newPage();
    const url = `${srv.httpUrl}/faults.html?page=${++pages}`;
    await page.goto(url);
    const panel = await ff.openExtensionTab('/src/panel/panel.html');
    const pick = await waitFor(
      () => panel.evaluate<string | null>(`(() => { const a = [...document.querySelectorAll('a[data-tab-id]')].find((x) => x.textContent.startsWith(${JSON.stringify(url)})); return a ? a.dataset.tabId : null; })()`),
      'the tab in the picker',
    );
    await panel.evaluate(`(document.querySelector('a[data-tab-id="${pick}"]').click(), true)`);
    await waitFor(() => panel.evaluate<boolean>(`!!globalThis.wavetrace && !!document.querySelector('.app')`), 'the panel');
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
});
