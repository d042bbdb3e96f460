/**
 * The browser reference client in real Chromium (playwright-core, system /usr/bin/chromium;
 * skipped when absent). ScaiWave rule (docs/design.md#the-scaiwave-profile): "On reconnect → /v1/sync?since=<last_stream_position> to
 * bridge the gap, then resume the WS"; `skipSync` is the client that forgets it. The page has
 * no test hooks: the test reads its `data-*` attributes and the server's request log.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../reference-app/reference-server';
import type { RequestLogEntry } from '../../reference-app/request-log';
import { startIdleProxy, type IdleProxy } from '../../reference-app/idle-proxy';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

let browser: Browser | undefined;
let server: ReferenceServer | undefined;
let proxy: IdleProxy | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 30_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await proxy?.close();
  await server?.close();
  proxy = server = undefined;
});

/** Page errors and CSP violations seen by the current test's page. */
let pageProblems: string[] = [];

/** Opens the client page in a fresh context (fresh localStorage). */
async function openClient(query: string, base = server!.url): Promise<Page> {
  const context = await browser!.newContext();
  const page = await context.newPage();
  pageProblems = [];
  page.on('pageerror', (err) => pageProblems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (/Content.Security.Policy/i.test(msg.text())) pageProblems.push(`csp: ${msg.text()}`);
  });
  await page.goto(`${base}/?${query}`);
  return page;
}

/** Reads `<body data-…>` by its dataset name (`lastPosition` → `data-last-position`). */
const attr = (page: Page, name: string): Promise<string | null> =>
  page.locator('body').getAttribute(`data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);

/** Waits until `data-<name>` satisfies `pred`. */
async function waitAttr(page: Page, name: string, pred: (v: string) => boolean, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = (await attr(page, name)) ?? '';
    if (pred(v)) return v;
    if (Date.now() > deadline) throw new Error(`data-${name} stayed ${JSON.stringify(v)}; log:\n${await page.locator('#status').textContent()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Brings the page to a quiet, caught-up state, then kills its socket and publishes 3 events in
 * the same tick (they only reach the log: the killed socket is no longer OPEN). Returns the last
 * position L before the kill and the log seq of the kill.
 */
async function killWhileEventsHappen(page: Page): Promise<{ last: number; mark: number }> {
  await waitAttr(page, 'state', (v) => v === 'open');
  await waitAttr(page, 'eventsProcessed', (v) => Number(v) >= 3);
  server!.setEventsEnabled(false);
  const last = server!.head();
  await waitAttr(page, 'lastPosition', (v) => Number(v) === last);
  const mark = server!.log.lastSeq;
  expect(server!.killSockets()).toBe(1);
  server!.publish(3);
  return { last, mark };
}

const isSync = (e: RequestLogEntry): boolean => e.kind === 'http' && e.path === '/v1/sync';

describe.skipIf(!hasChromium)('reference client in Chromium', () => {
  it('after a drop, calls /v1/sync?since=<last> before resuming the stream', async () => {
    server = await startReferenceServer({ eventIntervalMs: 40, pingIntervalMs: 200 });
    // stableAfterMs: the first connection never counts as stable, so the streak is exactly 1.
    const page = await openClient('timeScale=0.05&stableAfterMs=60000');
    const { last, mark } = await killWhileEventsHappen(page);

    await waitAttr(page, 'lastPosition', (v) => Number(v) === last + 3);
    await waitAttr(page, 'opens', (v) => v === '2');
    const after = server.log.after(mark);
    const sync = after.find(isSync);
    const reconnect = after.find((e) => e.kind === 'ws.connect');
    expect(sync).toMatchObject({ query: { since: String(last) }, status: 200 });
    expect(reconnect).toBeDefined();
    expect(sync!.seq).toBeLessThan(reconnect!.seq);
    expect(after.filter((e) => e.kind === 'http' && e.path === '/v1/token')).toHaveLength(0); // same token after a 1006
    expect(await page.locator('#status').textContent()).toContain(`event ${last + 1} (sync)`);
    expect(await attr(page, 'failureStreak')).toBe('1'); // the killed connection was not stable yet
    expect(pageProblems).toEqual([]); // the client runs under the strict CSP
    await page.context().close();
  });

  it('with skipSync, resumes the stream without /v1/sync and misses the events', async () => {
    server = await startReferenceServer({ eventIntervalMs: 40, pingIntervalMs: 200 });
    const page = await openClient('timeScale=0.05&skipSync');
    const { last, mark } = await killWhileEventsHappen(page);

    await waitAttr(page, 'opens', (v) => v === '2');
    await waitAttr(page, 'head', (v) => Number(v) === last + 3); // the new hello shows the head moved on
    const after = server.log.after(mark);
    expect(after.some((e) => e.kind === 'ws.connect')).toBe(true);
    expect(after.some(isSync)).toBe(false);
    expect(await attr(page, 'lastPosition')).toBe(String(last)); // events last+1 … last+3 were never processed
    await page.context().close();
  });

  it('after 4001, fetches a new token before reconnecting', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const page = await openClient('timeScale=0.05&token=bogus');
    await waitAttr(page, 'opens', (v) => v === '2'); // the bogus connection opens too, then gets 4001
    await waitAttr(page, 'state', (v) => v === 'open');
    const log = server.log.entries().filter((e) => e.kind !== 'http' || e.path.startsWith('/v1/'));
    const kinds = log.map((e) => (e.kind === 'http' ? `GET ${e.path}` : e.kind === 'ws.connect' ? `connect ${e.query.token === 'bogus' ? 'bogus' : 'fresh'}` : e.kind));
    expect(kinds).toEqual(['connect bogus', 'ws.disconnect', 'GET /v1/token', 'connect fresh']);
    expect(await attr(page, 'lastCloseCode')).toBe('4001');
    await page.context().close();
  });

  it('goes through the idle proxy: an idle cut gives 1006, then it reconnects with a sync', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    server.publish(5);
    proxy = await startIdleProxy({ targetPort: server.port, idleTimeoutMs: 300 });
    const page = await openClient(`timeScale=0.05&wsUrl=${proxy.wsUrl}&httpBase=${proxy.url}`, proxy.url);
    await waitAttr(page, 'lastCloseCode', (v) => v === '1006', 5000);
    await waitAttr(page, 'opens', (v) => Number(v) >= 2); // the sync is answered before the reconnect
    expect(proxy.events().some((e) => e.kind === 'idle-cut')).toBe(true);
    expect(server.log.entries().find(isSync)).toMatchObject({ query: { since: '5' } });
    await page.context().close();
  });
});
