/**
 * The fixture as a team uses it: `import { test, expect } from 'wavetrace/playwright'` (the
 * package's own export, built into dist/playwright) against the reference app. The correct client
 * passes; the client that resumes without calling /v1/sync fails with `sync-skipped` (this test
 * is meant to fail: test/e2e/playwright-fixture.test.ts asserts on its failure and its attached
 * trace); the page sees nothing of the recording; `wavetrace.fault('drop')` drops the live
 * socket through the page hook and the correct client reconnects and syncs; a misspelt profile
 * fails at fixture setup, before the test body runs (also meant to fail).
 */
import { test, expect } from 'wavetrace/playwright';
import type { Page } from '@playwright/test';
import { startReferenceServer, type ReferenceServer } from '../../reference-app/index';

let server: ReferenceServer;
test.beforeAll(async () => {
  server = await startReferenceServer({ port: 0, eventIntervalMs: 150 });
});
test.afterAll(async () => {
  await server?.close();
});

const data = (page: Page, name: string): Promise<number> => page.evaluate((n) => Number(document.body.dataset[n] ?? 0), name);

/** Loads the client, lets it process events, drops every stream socket (1012) and waits for the resume. */
async function dropAndResume(page: Page, query: string): Promise<void> {
  await page.goto(`${server.url}/?resetCursor=1${query}`);
  // A data frame processed, not only the hello (whose position is the server's head): only then
  // is the next connection a resume (docs/design.md#positions-and-resumes).
  await expect.poll(() => data(page, 'eventsProcessed'), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => data(page, 'lastPosition'), { timeout: 20_000 }).toBeGreaterThan(0);
  const opens = await data(page, 'opens');
  server.closeSockets(1012, 'service restart');
  await expect.poll(() => data(page, 'opens'), { timeout: 20_000 }).toBeGreaterThan(opens);
  const processed = await data(page, 'eventsProcessed');
  await expect.poll(() => data(page, 'eventsProcessed'), { timeout: 20_000 }).toBeGreaterThan(processed);
}

test('correct client: sync before resume', async ({ page, wavetrace }) => {
  await dropAndResume(page, '');
  const trace = await wavetrace.trace();
  expect(trace.events.filter((e) => e.type === 'ws-create').length).toBeGreaterThanOrEqual(2);
  await expect(wavetrace).toHaveNoFindings({ severity: 'warning' });
});

test('faulty client: resumes without sync', async ({ page, wavetrace }) => {
  await dropAndResume(page, '&skipSync');
  await expect(wavetrace).toHaveNoFindings();
});

test('the page sees no recorder', async ({ page, wavetrace }) => {
  await page.goto(`${server.url}/?resetCursor=1`);
  // A data frame processed, not only the hello (whose position is the server's head): only then
  // is the next connection a resume (docs/design.md#positions-and-resumes).
  await expect.poll(() => data(page, 'eventsProcessed'), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => data(page, 'lastPosition'), { timeout: 20_000 }).toBeGreaterThan(0);
  const seen = await page.evaluate(() => ({
    globals: Object.getOwnPropertyNames(window).filter((k) => /wavetrace/i.test(k)),
    binding: typeof (window as unknown as Record<string, unknown>).wavetraceFixtureOut,
    webSocket: Function.prototype.toString.call(WebSocket),
    send: Function.prototype.toString.call(WebSocket.prototype.send),
  }));
  expect(seen).toEqual({ globals: [], binding: 'undefined', webSocket: 'function WebSocket() { [native code] }', send: 'function send() { [native code] }' });
  expect((await wavetrace.trace()).events.some((e) => e.type === 'ws-message')).toBe(true);
});

test('fault drop: the client reconnects and syncs', async ({ page, wavetrace }) => {
  await page.goto(`${server.url}/?resetCursor=1`);
  // A data frame processed, not only the hello (whose position is the server's head): only then
  // is the next connection a resume (docs/design.md#positions-and-resumes).
  await expect.poll(() => data(page, 'eventsProcessed'), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => data(page, 'lastPosition'), { timeout: 20_000 }).toBeGreaterThan(0);
  const opens = await data(page, 'opens');
  const syncs = await data(page, 'syncs');
  await expect(wavetrace.fault({ kind: 'close', code: 99 })).rejects.toThrow(/^wavetrace\.fault: close needs a code from 1000 to 4999$/);
  await wavetrace.fault('drop');
  await expect.poll(() => data(page, 'opens'), { timeout: 20_000 }).toBeGreaterThan(opens);
  await expect.poll(() => data(page, 'syncs'), { timeout: 20_000 }).toBeGreaterThan(syncs);
  const trace = await wavetrace.trace();
  const first = trace.events.find((e) => e.type === 'ws-create') as { conn?: unknown } | undefined;
  expect(trace.events.filter((e) => e.type === 'fault')).toEqual([expect.objectContaining({ kind: 'drop', origin: 'test', conn: first?.conn })]);
  expect((await wavetrace.findings({ severity: 'info' })).map((f) => f.code)).toContain('fault-injected');
  await expect(wavetrace).toHaveNoFindings();
});

test.describe('a misspelt profile', () => {
  test.use({ wavetraceOptions: { profile: 'scaiwve' } });
  test('fails at fixture setup, before the body runs', async ({ page }) => {
    await page.goto('about:blank');
    throw new Error('the test body ran');
  });
});
