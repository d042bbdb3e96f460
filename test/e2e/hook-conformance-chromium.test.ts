/**
 * Issue 3, items 1 and 3 in real Chromium: the conformance probe
 * (test/fixtures/pages/conformance/probe.js, 100+ observations of WebSocket, fetch, XHR,
 * sendBeacon, workers, frames and the global object) gives identical results with and without
 * Wavetrace; the page sees no new global, no `message` event, no console output and no CSP
 * violation under `script-src 'self'`. In the hooked run, a panel listens through the real hub
 * the whole time, and what it received proves the hook was active: every socket, HTTP event
 * (with the sync endpoint's body, capped) and worker of the probe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor } from './lib/chromium';
import { startProbeServers, syncBody, type ProbeServers } from './lib/probe-server';
import { addConformanceRoutes, diffRuns, probeUrl, RUN_PROBE_JS, type ProbeRun } from './lib/conformance';
import { foldBatches, openHubTap } from './lib/hub-tap';
import { checkCapture } from './lib/conformance-capture';
import type { TraceEvent } from '../../src/core/events';

interface ChromiumRun {
  run: ProbeRun;
  console: string[];
  events: TraceEvent[];
  cspReports: number;
  controlReports: number;
}

describe('conformance probe in Chromium, with and without Wavetrace', () => {
  let srv: ProbeServers;
  let plain: ChromiumRun;
  let hooked: ChromiumRun;

  async function runOnce(extension: boolean): Promise<ChromiumRun> {
    const b = await launchChromium({ extension });
    try {
      const consoleLines: string[] = [];
      const page = await b.context.newPage();
      page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
      const reportsBefore = srv.cspReports.length;
      const url = probeUrl(srv);
      await page.goto(url);
      // A second tab, as the hooked run has one for the panel.
      const other = await b.context.newPage();
      let tap;
      let tabId = -1;
      if (extension) {
        await other.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
        tap = await openHubTap((e) => other.evaluate(e));
        tabId = await tap.tabIdFor(url);
        await tap.attach(tabId);
      }
      await page.bringToFront();
      const run = JSON.parse(await page.evaluate(RUN_PROBE_JS)) as ProbeRun;
      await new Promise((r) => setTimeout(r, 500));
      let events: TraceEvent[] = [];
      if (tap) {
        const t = tap;
        const state = await waitFor(async () => {
          const s = foldBatches(await t.batches(), tabId);
          return s.events.some((e) => e.type === 'http-response' && e.body !== undefined && e.bodyTruncated) ? s : undefined;
        }, 'the hooked run to reach the panel');
        await new Promise((r) => setTimeout(r, 500));
        events = foldBatches(await t.batches(), tabId).events;
        void state;
      }
      const cspReports = srv.cspReports.length - reportsBefore;
      // Control: an inline script under the same CSP must produce a report, or zero means nothing.
      const control = await b.context.newPage();
      await control.goto(`${srv.httpUrl}/csp-control.html`);
      await waitFor(() => srv.cspReports.length > reportsBefore + cspReports, 'a CSP report from the control page');
      return { run, console: consoleLines, events, cspReports, controlReports: srv.cspReports.length - reportsBefore - cspReports };
    } finally {
      await b.close();
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
    const timeouts = Object.entries(plain.run.results).filter(([, v]) => v === 'PROBE TIMEOUT' || (v as { probeThrew?: string })?.probeThrew);
    expect(timeouts).toEqual([]);
    expect(diffRuns(plain.run, hooked.run)).toEqual([]);
  });

  it('adds no global, posts no message, logs nothing, violates no CSP', () => {
    expect(hooked.run.results['page.messages']).toBe(0);
    expect(hooked.run.results['page.cspViolations']).toEqual([]);
    expect(hooked.cspReports).toBe(0);
    expect(hooked.console).toEqual(plain.console);
    // Only the browser's own network warnings (the same without the extension), no console API call.
    expect(hooked.console.filter((l) => /^(log|info|debug|trace|dir|dirxml|table|count|timeEnd|assert|startGroup|endGroup|clear|profile|profileEnd)\b/.test(l))).toEqual([]);
  });

  it('the CSP report sink works (control page with an inline script, same browser)', () => {
    expect(hooked.controlReports).toBeGreaterThan(0);
    expect(plain.controlReports).toBeGreaterThan(0);
  });

  it('captured every socket, request and worker of the probe through the real hub', () => {
    checkCapture(hooked.events, { syncSmall: syncBody(7, 3), browser: 'chromium', probe: hooked.run.results });
  });
});
