/**
 * Coverage in real Chromium (docs/design.md#the-page-hook, docs/design.md#what-the-hook-cannot-see): sockets created in the page, in same-origin,
 * about:blank, srcdoc and nested iframes, through `iframe.contentWindow.WebSocket` from the
 * parent (also before the frame's src has loaded), and in a `window.open('about:blank')` popup
 * are all captured once, labelled with their frame, and reach the opener's panel; a Worker and
 * a SharedWorker produce `worker-created`, and the real panel (opened as a tab for the page's
 * tab) says that sockets inside workers are not captured. Page events (navigation and
 * online/offline through CDP network emulation) are recorded in the top document; headless
 * Chromium never hides a tab, so page-visibility is covered by test/unit/hook/page-events.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { startProbeServers, type ProbeServers } from './lib/probe-server';
import { addCoverageRoutes, checkCoverage, checkPageDone } from './lib/coverage';
import { foldBatches, openHubTap } from './lib/hub-tap';
import { PANEL_SNAPSHOT_JS, type PanelSnapshot } from './lib/panel-snapshot';

describe('coverage in Chromium', () => {
  let srv: ProbeServers;
  let b: ExtensionBrowser;

  beforeAll(async () => {
    srv = await startProbeServers();
    addCoverageRoutes(srv);
    b = await launchChromium();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  it('captures every frame and the popup once, notices workers, and the panel says so', async () => {
    const page = await b.context.newPage();
    const url = `${srv.httpUrl}/coverage.html`;
    await page.goto(url);
    const panelPage = await b.context.newPage();
    await panelPage.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
    const tap = await openHubTap((e) => panelPage.evaluate(e));
    const tabId = await tap.tabIdFor(url);
    // The real panel for that tab, as a tab of its own.
    await panelPage.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}`);
    const tap2 = await openHubTap((e) => panelPage.evaluate(e));
    await tap2.attach(tabId);
    await page.bringToFront();
    const done = await page.evaluate(`window.runCoverage(${JSON.stringify(srv.wsUrl)})`);
    checkPageDone(done as string[]);
    // Page events: visibility and online/offline in the top document.
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const events = await waitFor(async () => {
      const bs = await tap2.batches();
      const st = foldBatches(bs, tabId);
      const ok = st.workers.length >= 2 && st.events.filter((e) => e.type === 'ws-message').length >= 7 && st.events.some((e) => e.type === 'page-online' && e.online);
      return ok ? bs : undefined;
    }, 'the coverage capture', 30000);
    await new Promise((r) => setTimeout(r, 300));
    const all = checkCoverage(await tap2.batches(), tabId, srv);
    expect(all.filter((e) => e.type === 'page-navigation').map((e) => (e as { url: string }).url)).toEqual([url]);
    expect(all.filter((e) => e.type === 'page-online').map((e) => (e as { online: boolean }).online)).toEqual([false, true]);
    void events;
    const snap = await waitFor(async () => {
      const s = await panelPage.evaluate(PANEL_SNAPSHOT_JS) as PanelSnapshot;
      return s.counts.startsWith('8 connections · 14 frames') ? s : undefined;
    }, 'the panel to show the 8 connections');
    expect(snap.counts).toMatch(/^8 connections · 14 frames/);
    // The note grows as the worker-created events arrive: wait for the one naming both.
    const note = await waitFor(async () => {
      const t = await panelPage.evaluate<string>(`document.querySelector('[data-testid=coverage-note]')?.textContent ?? ''`);
      return t.includes('SharedWorker') ? t : undefined;
    }, 'the coverage note naming both workers');
    expect(note).toContain('1 Worker and 1 SharedWorker');
    expect(note).toContain('not captured');
  });
});
