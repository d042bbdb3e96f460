/**
 * The panel's Break menu and fault banner in real Chromium, driven as a user would (clicks and
 * keys on the panel page) against the reference app: Drop → the client reconnects and syncs,
 * visible on the timeline; Close 4001 picked from the list; Freeze with the banner's countdown
 * and Thaw; Fail next sync → the banner, gone once the sync failed. And `fail-sync` on an
 * XMLHttpRequest: what the page's XHR observes equals what a real failing server (HTTP 503,
 * empty body) or a real network error (connection reset) makes it observe, async and sync.
 * One browser launch for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { openClientWithPanel, type ScenarioTabs } from './lib/reference-scenario';
import { startReferenceServer, type ReferenceServer } from '../reference-app';
import { startXhrFaultServer, XHR_CASES, type XhrFaultServer } from './lib/xhr-fault-page';

/** Where the README's screenshot goes when WAVETRACE_SCREENSHOTS=1. */
const SHOT = 'docs/images/break-drop.png';

const banner = (panel: Page) => panel.evaluate(() => document.querySelector('[data-testid=fault-banner]')?.textContent ?? '');
const a11y = (panel: Page, kind: string) => panel.evaluate((k) => [...document.querySelectorAll(`li[data-kind="${k}"]`)].map((li) => li.textContent ?? ''), kind);
/** Clicks a Break button and waits until the menu has the focus (its first item). */
const openMenu = async (panel: Page, button: string) => {
  await panel.locator(button).click();
  await waitFor(() => panel.evaluate(() => document.activeElement?.getAttribute('role') === 'menuitem'), 'the menu to take the focus');
};
const trace = async (panel: Page) => JSON.parse(await panel.evaluate(() => (globalThis as unknown as { wavetrace: { exportTrace(o: object): Promise<string> } }).wavetrace.exportTrace({ redact: false }))) as { events: Record<string, unknown>[] };

describe('Break menu and XHR fail-sync in Chromium', () => {
  let b: ExtensionBrowser;
  let ref: ReferenceServer;
  let xhr: XhrFaultServer;

  beforeAll(async () => {
    b = await launchChromium();
    // Pings every 4 s, two missed pongs allowed: a freeze can last a few seconds before the server gives up.
    ref = await startReferenceServer({ port: 0, eventIntervalMs: 150, pingIntervalMs: 4000, maxMissedPongs: 2 });
    xhr = await startXhrFaultServer();
  });
  afterAll(async () => {
    await b?.close();
    await ref?.close();
    await xhr?.close();
  });

  it('fail-sync on XMLHttpRequest: the page sees what a real 503 or a real network error shows it, and nothing leaves', async () => {
    const t = await openClientWithPanel(b, `${xhr.url}/xhr.html`);
    const hits = xhr.hits;
    try {
      for (const [status, query, async] of XHR_CASES) {
        const url = `/v1/sync?${query}`;
        const real = await t.page.evaluate(([u, a]) => (window as unknown as { xhrLog(u: string, a: boolean): Promise<unknown[]> }).xhrLog(u, a), [url, async] as const);
        const before = hits.length;
        expect(await t.panel.evaluate((s) => (globalThis as unknown as { wavetrace: { fault(c: object): string } }).wavetrace.fault({ kind: 'fail-sync', count: 1, status: s, origin: 'test' }), status)).toBe('');
        await waitFor(async () => (await banner(t.panel)).includes('The next 1 sync request will fail'), 'the banner');
        const fake = await t.page.evaluate(([u, a]) => (window as unknown as { xhrLog(u: string, a: boolean): Promise<unknown[]> }).xhrLog(u, a), [url, async] as const);
        expect({ status, async, log: fake }).toEqual({ status, async, log: real });
        expect(hits.length).toBe(before);
        await waitFor(async () => (await banner(t.panel)) === '', 'the banner to go once the sync failed');
      }
      const ev = (await trace(t.panel)).events.filter((e) => e.synthetic);
      expect(ev.map((e) => [e.type, e.status ?? e.error])).toEqual([
        ['http-response', 503],
        ['http-response', 503],
        ['http-error', 'NetworkError: network error'],
        ['http-error', 'NetworkError: network error'],
      ]);
    } finally {
      await t.close();
    }
  });

  describe('on the reference app', () => {
    let t: ScenarioTabs;
    const num = async (k: string) => Number((await t.data(k)) ?? 0);
    beforeAll(async () => {
      // The client's real backoff (time scale 1), so the analysis finds nothing wrong with its reconnects.
      t = await openClientWithPanel(b, `${ref.url}/?resetCursor=1`);
      await t.panel.setViewportSize({ width: 1280, height: 800 });
      await waitFor(async () => (await num('lastPosition')) > 0, 'the client to process events');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('Drop from the toolbar by keyboard: the client reconnects and syncs, on the timeline within seconds', async () => {
      const opens = await num('opens');
      const syncs = await num('syncs');
      const tb = t.panel.locator('.toolbar .break-button');
      await tb.focus();
      await t.panel.keyboard.press('Enter');
      await waitFor(() => t.panel.evaluate(() => document.activeElement?.getAttribute('role') === 'menuitem'), 'the menu to take the focus');
      expect(await t.panel.evaluate(() => document.activeElement?.textContent)).toMatch(/^Drop #\d+$/);
      const at = Date.now();
      await t.panel.keyboard.press('Enter');
      // The menu closed and the focus went back to the button that opened it.
      expect(await t.panel.locator('[data-testid=break-menu]').count()).toBe(0);
      expect(await t.panel.evaluate(() => document.activeElement?.className)).toBe('break-button');
      await waitFor(async () => (await num('opens')) > opens && (await num('syncs')) > syncs, 'the client to reconnect and sync');
      await waitFor(async () => (await a11y(t.panel, 'fault')).some((s) => s.includes('drop of connection')) && (await a11y(t.panel, 'sync')).length > 0 && (await a11y(t.panel, 'reconnect')).length > 0, 'the drop, the reconnect and the sync on the timeline');
      const took = Date.now() - at;
      // Should it take longer: the client's own backoff (its failure streak and the delay it waited) tells whether the client or the panel was slow.
      expect(took, `failure streak ${await num('failureStreak')}, waited ${await num('nextDelayMs')} ms before the reconnect`).toBeLessThan(8000);
      const ev = (await trace(t.panel)).events;
      const drop = ev.findIndex((e) => e.type === 'fault' && e.kind === 'drop' && e.origin === 'panel');
      expect(ev.slice(drop + 1).filter((e) => e.synthetic).map((e) => [e.type, e.code ?? null])).toEqual([['ws-error', null], ['ws-close', 1006]]);
      if (process.env.WAVETRACE_SCREENSHOTS === '1') {
        await t.panel.waitForTimeout(1500); // a few more events after the catch-up, for the picture
        mkdirSync('docs/images', { recursive: true });
        await t.panel.screenshot({ path: SHOT });
      }
    });

    it('Close 4001 picked from the list in the connection header: the client refreshes its token and reconnects', async () => {
      const opens = await num('opens');
      const tokens = await num('tokenFetches');
      await openMenu(t.panel, '.conn-header .break-button');
      await t.panel.keyboard.press('ArrowDown');
      expect(await t.panel.evaluate(() => document.activeElement?.textContent)).toMatch(/^Close #\d+ with code…$/);
      await t.panel.keyboard.press('Enter');
      const list = t.panel.locator('select[aria-label="Close code"]');
      expect(await list.evaluate((s: HTMLSelectElement) => [...s.options].slice(0, 2).map((o) => o.text))).toEqual(['4001 SW_AUTH_INVALID_TOKEN (scaiwave)', '4003 server abort — ping_timeout (scaiwave)']);
      expect(await t.panel.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Close code');
      await t.panel.keyboard.press('Enter');
      await waitFor(async () => (await num('opens')) > opens && (await num('tokenFetches')) > tokens, 'a new token and a reconnect');
      const ev = (await trace(t.panel)).events;
      expect(ev.filter((e) => e.type === 'ws-close' && e.synthetic).map((e) => [e.code, e.wasClean]).at(-1)).toEqual([4001, true]);
    });

    it('a bad custom close code (out of range, or one no close frame carries) gives one line and sends nothing', async () => {
      const before = (await trace(t.panel)).events.filter((e) => e.type === 'fault').length;
      await openMenu(t.panel, '.conn-header .break-button');
      await t.panel.keyboard.press('ArrowDown');
      await t.panel.keyboard.press('Enter');
      await t.panel.fill('.break-form input >> nth=0', '999');
      await t.panel.keyboard.press('Enter');
      expect(await t.panel.locator('.break-form [role=alert]').textContent()).toBe('Close code: 999 is not from 1000 to 4999');
      // No close frame carries 1005, 1006 or 1015 (RFC 6455 §7.4.1): not on the list, and refused when typed in.
      const offered = await t.panel.locator('select[aria-label="Close code"]').evaluate((s: HTMLSelectElement) => [...s.options].map((o) => o.text.split(' ')[0]));
      expect(offered.filter((c) => c === '1005' || c === '1006' || c === '1015')).toEqual([]);
      await t.panel.fill('.break-form input >> nth=0', '1006');
      await t.panel.keyboard.press('Enter');
      expect(await t.panel.locator('.break-form [role=alert]').textContent()).toBe('close code 1006 (Abnormal Closure) is never sent in a close frame (RFC 6455 §7.4.1): use drop for a connection that ends without a close frame');
      await t.panel.keyboard.press('Escape'); // back to the menu
      expect(await t.panel.locator('[role=menu]').count()).toBe(1);
      await t.panel.keyboard.press('Escape'); // closed
      expect(await t.panel.locator('[data-testid=break-menu]').count()).toBe(0);
      expect((await trace(t.panel)).events.filter((e) => e.type === 'fault').length).toBe(before);
    });

    it('Freeze for 30 s: the banner counts down; Thaw ends it and events flow again', async () => {
      await openMenu(t.panel, '.conn-header .break-button');
      await t.panel.keyboard.press('ArrowDown');
      await t.panel.keyboard.press('ArrowDown');
      await t.panel.keyboard.press('Enter');
      await t.panel.keyboard.type('30');
      await t.panel.keyboard.press('Enter');
      await waitFor(async () => /#\d+ frozen \(half-open: nothing arrives, sends go nowhere\) — (29|30)\.\d s left/.test(await banner(t.panel)), 'the freeze banner');
      const processed = await num('eventsProcessed');
      await t.panel.waitForTimeout(600); // events are sent every 150 ms: none reaches the page
      expect(await num('eventsProcessed')).toBe(processed);
      const first = await banner(t.panel);
      await waitFor(async () => (await banner(t.panel)) !== first, 'the countdown to tick');
      await t.panel.locator('[data-testid=fault-banner] button', { hasText: 'Thaw' }).click();
      await waitFor(async () => (await banner(t.panel)) === '', 'the banner to go');
      await waitFor(async () => (await num('eventsProcessed')) > processed, 'events to flow again');
      const ev = (await trace(t.panel)).events;
      const freeze = ev.findIndex((e) => e.type === 'fault' && e.kind === 'freeze');
      const thaw = ev.findIndex((e) => e.type === 'fault' && e.kind === 'thaw');
      expect(ev[freeze]).toMatchObject({ ms: 30000, origin: 'panel' });
      expect(ev[thaw]).toMatchObject({ conn: ev[freeze]!.conn, origin: 'panel' });
      // The frames the freeze kept from the page are in the trace, marked.
      expect(ev.slice(freeze, thaw).filter((e) => e.type === 'ws-message' && e.faulted && e.conn === ev[freeze]!.conn).length).toBeGreaterThan(0);
    });
  });

  // A client of its own, dropped on its first connection: the backoff before the reconnect (1 s)
  // and after the failed sync (2 s) is then the same on every run. On the shared client above,
  // the failure streak (docs/design.md#reconnects-and-backoff) grew with every connection the
  // earlier tests ended before it was established (10 s), and with a retried test: up to 8 s
  // after a failed sync, past the wait.
  describe('on a fresh reference client', () => {
    let f: ScenarioTabs;
    const numF = async (k: string) => Number((await f.data(k)) ?? 0);
    beforeAll(async () => {
      f = await openClientWithPanel(b, `${ref.url}/?resetCursor=1`);
      await waitFor(async () => (await numF('lastPosition')) > 0, 'the client to process events');
    });
    afterAll(async () => {
      await f?.close();
    });

    it('Fail next sync (HTTP 503) from the toolbar: the banner, then the client retries and syncs; the banner is gone', async () => {
      await openMenu(f.panel, '.toolbar .break-button');
      await f.panel.keyboard.press('End');
      expect(await f.panel.evaluate(() => document.activeElement?.textContent)).toBe('Fail next syncs…');
      await f.panel.keyboard.press('Enter');
      await f.panel.keyboard.press('Enter'); // 1 request, HTTP 503
      await waitFor(async () => (await banner(f.panel)).includes('The next 1 sync request will fail with HTTP 503'), 'the fail-sync banner');
      const syncs = await numF('syncs');
      const opens = await numF('opens');
      await openMenu(f.panel, '.toolbar .break-button');
      await f.panel.keyboard.press('Enter'); // Drop
      await waitFor(async () => (await numF('opens')) > opens && (await numF('syncs')) >= syncs + 2, 'a failed sync, then a good one');
      await waitFor(async () => (await banner(f.panel)) === '', 'the banner to go');
      const ev = (await trace(f.panel)).events;
      expect(ev.filter((e) => e.type === 'http-response' && e.synthetic).map((e) => e.status)).toEqual([503]);
    });
  });
});
