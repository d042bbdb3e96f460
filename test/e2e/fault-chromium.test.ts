/**
 * Fault injection in real Chromium against a real `ws` server, commanded through the real
 * panel (panel → hub → relay → hook): for each command, what the page's own code observed
 * (event order between `onclose`/`onerror` and `addEventListener` listeners, codes, reasons,
 * wasClean, readyState), what the server observed, and what the trace holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { startTestServers, type TestServers } from './lib/servers';
import { openHubTap } from './lib/hub-tap';
import { FAULT_PAGE as PAGE } from './lib/fault-page';


describe('fault injection in Chromium', () => {
  let srv: TestServers;
  let b: ExtensionBrowser;
  let picker: Page;
  const serverCloses: number[] = [];

  beforeAll(async () => {
    srv = await startTestServers({ '/faults.html': PAGE });
    b = await launchChromium();
    picker = await b.context.newPage();
    await picker.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  /** The page with one open socket and its panel; returns both and the socket's conn id. */
  let pages = 0;
  async function setUp(): Promise<{ page: Page; panel: Page; conn: string }> {
    const page = await b.context.newPage();
    const url = `${srv.httpUrl}/faults.html?page=${++pages}`;
    await page.goto(url);
    const tap = await openHubTap((e) => picker.evaluate(e));
    const tabId = await tap.tabIdFor(url);
    const panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}`);
    await waitFor(() => panel.evaluate<boolean>(`!!globalThis.wavetrace && !!document.querySelector('.app')`), 'the panel');
    const before = srv.sockets.size;
    await page.evaluate(`open1(${JSON.stringify(srv.wsUrl)})`);
    await waitFor(async () => (await page.evaluate<number>('log.length')) >= 2, 'the welcome frame');
    await waitFor(() => srv.sockets.size > before, 'the server to see the socket');
    for (const s of srv.sockets) s.once('close', (code) => serverCloses.push(code));
    const c = await waitFor(() => panel.evaluate<{ conn: string } | undefined>('wavetrace.newestOpenConnection()'), 'the panel to see the connection');
    return { page, panel, conn: c.conn };
  }

  async function trace(panel: Page): Promise<{ events: Record<string, unknown>[] }> {
    return JSON.parse(await panel.evaluate<string>('wavetrace.exportTrace({ redact: false })')) as { events: Record<string, unknown>[] };
  }

  it('drop: every listener hears error then close 1006 (not clean) with readyState 3, the server sees the client go away, the trace marks both synthetic', async () => {
    const { page, panel, conn } = await setUp();
    serverCloses.length = 0;
    const sent = await panel.evaluate<string>(`wavetrace.fault({ kind: 'drop', conn: ${JSON.stringify(conn)}, origin: 'test' })`);
    expect(sent).toBe('');
    await waitFor(async () => (await page.evaluate<unknown[]>('log')).length >= 6, 'the made-up events');
    const log = (await page.evaluate<unknown[][]>('log')).slice(2);
    expect(log).toEqual([
      ['on', 'error', null, null, null, 3, null],
      ['listener', 'error', null, null, null, 3, null],
      ['on', 'close', 1006, '', false, 3, null],
      ['listener', 'close', 1006, '', false, 3, null],
    ]);
    await waitFor(() => serverCloses.length > 0, 'the server to see the close');
    const t = await waitFor(async () => {
      const x = await trace(panel);
      return x.events.some((e) => e.type === 'ws-close') ? x : undefined;
    }, 'the trace to hold the close');
    const mine = t.events.filter((e) => e.conn === conn).map((e) => [e.type, e.kind ?? null, e.synthetic ?? null, e.code ?? null]);
    expect(mine.slice(-3)).toEqual([
      ['fault', 'drop', null, null],
      ['ws-error', null, true, null],
      ['ws-close', null, true, 1006],
    ]);
    // No later real event of that socket reached the page.
    await page.waitForTimeout(300);
    expect((await page.evaluate<unknown[]>('log')).length).toBe(6);
  });

  it('close 4001 with a reason: close {4001, reason, wasClean true} as if the server sent it; the server sees the client go away', async () => {
    const { page, panel, conn } = await setUp();
    serverCloses.length = 0;
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'close', conn: ${JSON.stringify(conn)}, code: 4001, reason: 'token expired', origin: 'test' })`)).toBe('');
    await waitFor(async () => (await page.evaluate<unknown[]>('log')).length >= 4, 'the made-up close');
    expect((await page.evaluate<unknown[][]>('log')).slice(2)).toEqual([
      ['on', 'close', 4001, 'token expired', true, 3, null],
      ['listener', 'close', 4001, 'token expired', true, 3, null],
    ]);
    await waitFor(() => serverCloses.length > 0, 'the server to see the close');
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'close', conn: 'x', code: 999, origin: 'test' })`)).toBe('close needs a code from 1000 to 4999');
  });

  it('freeze then thaw: inbound frames never arrive and sends are not transmitted while frozen; the trace marks them faulted', async () => {
    const { page, panel, conn } = await setUp();
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'freeze', conn: ${JSON.stringify(conn)}, origin: 'test' })`)).toBe('');
    await page.waitForTimeout(500);
    const before = srv.received.length;
    await page.evaluate(`ws.send('while-frozen')`);
    for (const s of srv.sockets) s.send('held');
    await page.waitForTimeout(500);
    expect(srv.received.length).toBe(before);
    expect(await page.evaluate<number>('ws.readyState')).toBe(1);
    expect((await page.evaluate<unknown[][]>('log')).length).toBe(2);
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'thaw', conn: ${JSON.stringify(conn)}, origin: 'test' })`)).toBe('');
    await page.waitForTimeout(300);
    await page.evaluate(`ws.send('after-thaw')`);
    await waitFor(async () => (await page.evaluate<unknown[][]>('log')).some((l) => l[6] === 'echo:after-thaw'), 'the echo after the thaw');
    expect(srv.received.includes('while-frozen')).toBe(false);
    const t = await waitFor(async () => {
      const x = await trace(panel);
      return x.events.some((e) => e.type === 'ws-message' && e.data === 'echo:after-thaw') ? x : undefined;
    }, 'the trace');
    const faulted = t.events.filter((e) => e.conn === conn && e.faulted === true).map((e) => [e.type, e.data]);
    expect(faulted).toEqual([
      ['ws-send', 'while-frozen'],
      ['ws-message', 'held'],
    ]);
  });

  it('skip 2: the next two inbound data frames never reach the page, the third does; the trace marks the two faulted', async () => {
    const { page, panel, conn } = await setUp();
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'skip', conn: ${JSON.stringify(conn)}, count: 2, origin: 'test' })`)).toBe('');
    await page.waitForTimeout(300);
    for (const m of ['s1', 's2', 's3']) await page.evaluate(`ws.send(${JSON.stringify(m)})`);
    await waitFor(async () => (await page.evaluate<unknown[][]>('log')).some((l) => l[6] === 'echo:s3'), 'the third echo');
    const seen = (await page.evaluate<unknown[][]>('log')).map((l) => l[6]).filter((d) => typeof d === 'string' && d.startsWith('echo:'));
    expect(seen).toEqual(['echo:s3', 'echo:s3']); // onmessage and the listener
    expect(srv.received.slice(-3)).toEqual(['s1', 's2', 's3']);
    const t = await waitFor(async () => {
      const x = await trace(panel);
      return x.events.some((e) => e.data === 'echo:s3') ? x : undefined;
    }, 'the trace');
    expect(t.events.filter((e) => e.conn === conn && e.type === 'ws-message' && String(e.data).startsWith('echo:')).map((e) => [e.data, e.faulted ?? false])).toEqual([
      ['echo:s1', true],
      ['echo:s2', true],
      ['echo:s3', false],
    ]);
  });

  it('refuse: a new socket to the endpoint never opens (error, then close 1006 with readyState 3); the server sees no connection', async () => {
    const { page, panel } = await setUp();
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'refuse', endpoint: ${JSON.stringify(srv.wsUrl)}, ms: 60000, origin: 'test' })`)).toBe('');
    await page.waitForTimeout(300);
    const before = srv.sockets.size;
    const seen = await page.evaluate<unknown[][]>(`new Promise((resolve) => {
      const out = [];
      const s = new WebSocket(${JSON.stringify(srv.wsUrl + '/again')});
      s.onopen = () => out.push(['open', s.readyState]);
      s.onerror = () => out.push(['error', s.readyState]);
      s.addEventListener('close', (e) => { out.push(['close', e.code, e.wasClean, s.readyState]); resolve(out); });
    })`);
    expect(seen).toEqual([
      ['error', 3],
      ['close', 1006, false, 3],
    ]);
    await page.waitForTimeout(300);
    expect(srv.sockets.size).toBe(before);
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'thaw', endpoint: ${JSON.stringify(srv.wsUrl)}, origin: 'test' })`)).toBe('');
  });

  it('fail-sync 503 × 1: the next sync request gets 503 without leaving the page, the one after goes through', async () => {
    const { page, panel } = await setUp();
    // fail-sync aims at the active profile's sync endpoint: as a user would, pick the profile
    // whose endpoint the page calls (this page speaks no protocol a preset or learning knows).
    await panel.getByTestId('profile-menu').click();
    await panel.locator('[data-item="preset:scaiwave"]').click();
    await page.waitForTimeout(1000); // the new sync path reaches the hook (relay-config)
    expect(await panel.evaluate<string>(`wavetrace.fault({ kind: 'fail-sync', count: 1, status: 503, origin: 'test' })`)).toBe('');
    await page.waitForTimeout(300);
    const statuses = await page.evaluate<number[]>(`(async () => [(await fetch('/v1/sync?since=1')).status, (await fetch('/v1/sync?since=1')).status])()`);
    expect(statuses).toEqual([503, 404]);
  });
});
