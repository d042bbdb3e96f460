/**
 * Issue 3, items 1 and 3 in real Firefox: the same conformance probe as in Chromium gives
 * identical results with and without Wavetrace (Firefox's own behaviour, compared with
 * itself), with no new global, no `message` event, no console output and no CSP violation;
 * a panel listening through the real hub received every socket, HTTP event and worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox } from './lib/firefox';
import { waitFor } from './lib/chromium';
import { startProbeServers, syncBody, type ProbeServers } from './lib/probe-server';
import { addConformanceRoutes, diffRuns, probeUrl, RUN_PROBE_JS, type ProbeRun } from './lib/conformance';
import { foldBatches, openHubTap } from './lib/hub-tap';
import { checkCapture } from './lib/conformance-capture';
import type { TraceEvent } from '../../src/core/events';

interface FirefoxRun {
  run: ProbeRun;
  console: string[];
  events: TraceEvent[];
  cspReports: number;
  controlReports: number;
}

describe('conformance probe in Firefox, with and without Wavetrace', () => {
  let srv: ProbeServers;
  let plain: FirefoxRun;
  let hooked: FirefoxRun;

  async function runOnce(extension: boolean): Promise<FirefoxRun> {
    const ff = await launchFirefox({ extension });
    try {
      const consoleLines: string[] = [];
      const page = await ff.browser.newPage();
      page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => consoleLines.push(`pageerror: ${String((e as Error).message ?? e)}`));
      const reportsBefore = srv.cspReports.length;
      const url = probeUrl(srv);
      await page.goto(url);
      let tabId = -1;
      let tap;
      if (extension) {
        const panelTab = await ff.openExtensionTab('/src/panel/panel.html');
        tap = await openHubTap((e) => panelTab.evaluate(e));
        tabId = await tap.tabIdFor(url);
        await tap.attach(tabId);
      }
      await page.bringToFront();
      const run = JSON.parse((await page.evaluate(RUN_PROBE_JS)) as string) as ProbeRun;
      await new Promise((r) => setTimeout(r, 500));
      let events: TraceEvent[] = [];
      if (tap) {
        const t = tap;
        await waitFor(async () => foldBatches(await t.batches(), tabId).events.some((e) => e.type === 'http-response' && e.bodyTruncated), 'the hooked run to reach the panel');
        await new Promise((r) => setTimeout(r, 500));
        events = foldBatches(await t.batches(), tabId).events;
      }
      const cspReports = srv.cspReports.length - reportsBefore;
      const control = await ff.browser.newPage();
      await control.goto(`${srv.httpUrl}/csp-control.html`);
      await waitFor(() => srv.cspReports.length > reportsBefore + cspReports, 'a CSP report from the control page');
      return { run, console: consoleLines, events, cspReports, controlReports: srv.cspReports.length - reportsBefore - cspReports };
    } finally {
      await ff.close();
    }
  }

  beforeAll(async () => {
    srv = await startProbeServers();
    addConformanceRoutes(srv);
    plain = await runOnce(false);
    hooked = await runOnce(true);
  }, 180000);
  afterAll(async () => {
    await srv?.close();
  });

  it('observes the same thing with and without the extension (100+ probes)', () => {
    expect(plain.run.order.length).toBeGreaterThanOrEqual(60);
    expect(hooked.run.order).toEqual(plain.run.order);
    const broken = Object.entries(plain.run.results).filter(([, v]) => v === 'PROBE TIMEOUT' || (v as { probeThrew?: string })?.probeThrew);
    expect(broken).toEqual([]);
    expect(diffRuns(plain.run, hooked.run)).toEqual([]);
  });

  it('adds no global, posts no message, logs nothing, violates no CSP', () => {
    expect(hooked.run.results['page.messages']).toBe(0);
    expect(hooked.run.results['page.cspViolations']).toEqual([]);
    expect(hooked.cspReports).toBe(0);
    expect(hooked.controlReports).toBeGreaterThan(0);
    expect(plain.controlReports).toBeGreaterThan(0);
    expect(hooked.console).toEqual(plain.console);
    expect(hooked.console.filter((l) => /^(log|info|debug|trace|dir|table|count|timeEnd|assert)\b/.test(l))).toEqual([]);
  });

  it('captured every socket, request and worker of the probe through the real hub', () => {
    checkCapture(hooked.events, { syncSmall: syncBody(7, 3), browser: 'firefox', probe: hooked.run.results });
  });
});
