/**
 * Coverage in real Firefox (docs/design.md#the-page-hook, docs/design.md#what-the-hook-cannot-see): the same coverage fixture as in Chromium — every
 * frame, the popup (routed to the opener's panel), workers noticed and announced by the real
 * panel — plus page events in the top document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxWithExtension } from './lib/firefox';
import { waitFor } from './lib/chromium';
import { startProbeServers, type ProbeServers } from './lib/probe-server';
import { addCoverageRoutes, checkCoverage, checkPageDone } from './lib/coverage';
import { foldBatches, openHubTap } from './lib/hub-tap';
import { PANEL_SNAPSHOT_JS, type PanelSnapshot } from './lib/panel-snapshot';

describe('coverage in Firefox', () => {
  let srv: ProbeServers;
  let ff: FirefoxWithExtension;

  beforeAll(async () => {
    srv = await startProbeServers();
    addCoverageRoutes(srv);
    ff = await launchFirefox();
  });
  afterAll(async () => {
    await ff?.close();
    await srv?.close();
  });

  it('captures every frame and the popup once, notices workers, and the panel says so', async () => {
    const page = await ff.browser.newPage();
    const url = `${srv.httpUrl}/coverage.html`;
    await page.goto(url);
    const picker = await ff.openExtensionTab('/src/panel/panel.html');
    const tabId = await (await openHubTap((e) => picker.evaluate(e))).tabIdFor(url);
    const panel = await ff.openExtensionTab(`/src/panel/panel.html?tabId=${tabId}`);
    const tap = await openHubTap((e) => panel.evaluate(e));
    await tap.attach(tabId);
    await page.bringToFront();
    const done = (await page.evaluate(`window.runCoverage(${JSON.stringify(srv.wsUrl)})`)) as string[];
    checkPageDone(done);
    await waitFor(async () => {
      const st = foldBatches(await tap.batches(), tabId);
      return st.workers.length >= 2 && st.events.filter((e) => e.type === 'ws-message').length >= 7;
    }, 'the coverage capture', 30000);
    await new Promise((r) => setTimeout(r, 300));
    const all = checkCoverage(await tap.batches(), tabId, srv);
    expect(all.filter((e) => e.type === 'page-navigation').map((e) => (e as { url: string }).url)).toEqual([url]);
    // Look at the panel as a user would: its tab to the front (a hidden panel's views wait, panel/scheduler.ts).
    await panel.activate();
    const snap = await waitFor(async () => {
      const s = await panel.evaluate<PanelSnapshot | null>(PANEL_SNAPSHOT_JS);
      return s && s.counts.startsWith('8 connections · 14 frames') ? s : undefined;
    }, 'the panel to show the 8 connections');
    expect(snap.counts).toMatch(/^8 connections · 14 frames/);
    // The note grows as the worker-created events arrive: wait for the one naming both.
    const note = await waitFor(async () => {
      const t = await panel.evaluate<string>(`document.querySelector('[data-testid=coverage-note]')?.textContent ?? ''`);
      return t.includes('SharedWorker') ? t : undefined;
    }, 'the coverage note naming both workers');
    expect(note).toContain('1 Worker and 1 SharedWorker');
  });
});
