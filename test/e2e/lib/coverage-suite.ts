/**
 * The coverage suite, written once for Chromium and Firefox: sockets created in the page, in
 * same-origin, about:blank, srcdoc and nested iframes, through `iframe.contentWindow.WebSocket`
 * from the parent (also before the frame's src has loaded), and in a `window.open('about:blank')`
 * popup are all captured once, labelled with their frame, and reach the opener's panel; a
 * Worker and a SharedWorker produce `worker-created`, and the real panel (opened as a tab for
 * the page's tab) says that sockets inside workers are not captured. Page events: the
 * navigation, and online/offline where the driver can take a page offline (Chromium's CDP
 * network emulation); headless Chromium never hides a tab, so page-visibility is covered by
 * test/unit/page/page-events.test.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from './chromium';
import { startProbeServers, type ProbeServers } from './probe-server';
import { addCoverageRoutes, checkCoverage, checkPageDone } from './coverage';
import { foldBatches, openHubTap } from './hub-tap';
import { PANEL_SNAPSHOT_JS, type PanelSnapshot } from './panel-snapshot';
import type { SuiteBrowser } from './suite-browser';

/** Defines the coverage tests in the current `describe`, in the browser `launch` starts. */
export function defineCoverageSuite(launch: () => Promise<SuiteBrowser>): void {
  let srv: ProbeServers;
  let b: SuiteBrowser;

  beforeAll(async () => {
    srv = await startProbeServers();
    addCoverageRoutes(srv);
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  it('captures every frame and the popup once, notices workers, and the panel says so', async () => {
    const page = await b.newPage();
    const url = `${srv.httpUrl}/coverage.html`;
    await page.goto(url);
    const picker = await b.openExtensionTab('/src/panel/panel.html');
    const tabId = await (await openHubTap(async (e) => (await picker.evaluate(e))!)).tabIdFor(url);
    // The real panel for that tab, as a tab of its own.
    const panel = await b.openExtensionTab(`/src/panel/panel.html?tabId=${tabId}`);
    const tap = await openHubTap(async (e) => (await panel.evaluate(e))!);
    await tap.attach(tabId);
    await page.bringToFront();
    const done = await page.evaluate<string[]>(`window.runCoverage(${JSON.stringify(srv.wsUrl)})`);
    checkPageDone(done);
    // Page events: online/offline in the top document, where the driver can emulate it.
    const offline = page.emulateOffline;
    if (offline) {
      await offline(true);
      await offline(false);
    }
    await waitFor(async () => {
      const st = foldBatches(await tap.batches(), tabId);
      return st.workers.length >= 2 && st.events.filter((e) => e.type === 'ws-message').length >= 7 && (!offline || st.events.some((e) => e.type === 'page-online' && e.online));
    }, 'the coverage capture', 30000);
    await new Promise((r) => setTimeout(r, 300));
    const all = checkCoverage(await tap.batches(), tabId, srv);
    expect(all.filter((e) => e.type === 'page-navigation').map((e) => (e as { url: string }).url)).toEqual([url]);
    if (offline) expect(all.filter((e) => e.type === 'page-online').map((e) => (e as { online: boolean }).online)).toEqual([false, true]);
    // Look at the panel as a user would: its tab to the front (a hidden panel's views wait, panel/scheduler.ts).
    await panel.show();
    const snap = await waitFor(async () => {
      const s = await panel.evaluate<PanelSnapshot>(PANEL_SNAPSHOT_JS);
      return s && s.counts.startsWith('8 connections · 14 frames') ? s : undefined;
    }, 'the panel to show the 8 connections');
    expect(snap.counts).toMatch(/^8 connections · 14 frames/);
    // The note grows as the worker-created events arrive: wait for the one naming both.
    const note = await waitFor(async () => {
      const t = await panel.evaluate<string>(`document.querySelector('[data-testid=coverage-note]')?.textContent ?? ''`);
      return t?.includes('SharedWorker') ? t : undefined;
    }, 'the coverage note naming both workers');
    expect(note).toContain('1 Worker and 1 SharedWorker');
    expect(note).toContain('not captured');
  });
}
