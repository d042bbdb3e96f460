/**
 * The conformance suite shared by Chromium and Firefox (docs/design.md#invisibility-rules): each browser
 * file only says how to launch its browser and open pages; the run of the probe, the wait for
 * the panel's capture, the CSP control page and every assertion live here once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from './chromium';
import { startProbeServers, syncBody, type ProbeServers } from './probe-server';
import { addConformanceRoutes, diffRuns, probeUrl, RUN_PROBE_JS, type ProbeRun } from './conformance';
import { foldBatches, openHubTap, type ExtensionEval } from './hub-tap';
import { checkCapture } from './conformance-capture';
import type { TraceEvent } from '../../../src/core/events';

/** What one run of the probe observed. */
export interface ConformanceRun {
  run: ProbeRun;
  console: string[];
  events: TraceEvent[];
  cspReports: number;
  controlReports: number;
}

/** A page of the browser under test, as the suite needs it. */
export interface SuitePage {
  goto(url: string): Promise<unknown>;
  evaluate(js: string): Promise<unknown>;
  bringToFront(): Promise<void>;
}

/** One launched browser, with or without the extension. */
export interface SuiteBrowser {
  /** A new tab whose console lines (`type: text`, and `pageerror: …`) go to `lines`. */
  newPage(lines: string[]): Promise<SuitePage>;
  /** Evaluates in a page of the extension (for the hub tap); only with the extension. */
  openExtensionEval(): Promise<ExtensionEval>;
  /** Opens an empty tab in the run without the extension, where the hooked run has its panel tab (keeps the two runs alike). */
  openBlankTab?(): Promise<void>;
  close(): Promise<void>;
}

async function runOnce(srv: ProbeServers, b: SuiteBrowser, extension: boolean): Promise<ConformanceRun> {
  try {
    const consoleLines: string[] = [];
    const page = await b.newPage(consoleLines);
    const reportsBefore = srv.cspReports.length;
    const url = probeUrl(srv);
    await page.goto(url);
    let tap;
    let tabId = -1;
    if (extension) {
      tap = await openHubTap(await b.openExtensionEval());
      tabId = await tap.tabIdFor(url);
      await tap.attach(tabId);
    } else {
      await b.openBlankTab?.();
    }
    await page.bringToFront();
    const run = JSON.parse((await page.evaluate(RUN_PROBE_JS)) as string) as ProbeRun;
    await new Promise((r) => setTimeout(r, 500));
    let events: TraceEvent[] = [];
    if (tap) {
      const t = tap;
      await waitFor(
        async () => foldBatches(await t.batches(), tabId).events.some((e) => e.type === 'http-response' && e.body !== undefined && e.bodyTruncated),
        'the hooked run to reach the panel',
      );
      await new Promise((r) => setTimeout(r, 500));
      events = foldBatches(await t.batches(), tabId).events;
    }
    const cspReports = srv.cspReports.length - reportsBefore;
    // Control: an inline script under the same CSP must produce a report, or zero means nothing.
    const control = await b.newPage([]);
    await control.goto(`${srv.httpUrl}/csp-control.html`);
    await waitFor(() => srv.cspReports.length > reportsBefore + cspReports, 'a CSP report from the control page');
    return { run, console: consoleLines, events, cspReports, controlReports: srv.cspReports.length - reportsBefore - cspReports };
  } finally {
    await b.close();
  }
}

/** Defines the suite's hooks and tests inside the caller's `describe`. */
export function defineConformanceSuite(browser: 'chromium' | 'firefox', launch: (extension: boolean) => Promise<SuiteBrowser>): void {
  let srv: ProbeServers;
  let plain: ConformanceRun;
  let hooked: ConformanceRun;

  beforeAll(async () => {
    srv = await startProbeServers();
    addConformanceRoutes(srv);
    plain = await runOnce(srv, await launch(false), false);
    // The run without the extension is the control: when a probe broke there (a socket to
    // 127.0.0.1 that failed to open in plain Chromium, seen once in CI), the control is re-taken
    // once. The run with the extension, which the assertions judge, is never re-taken.
    if (brokenProbes(plain).length > 0) plain = await runOnce(srv, await launch(false), false);
    hooked = await runOnce(srv, await launch(true), true);
  }, 180000);
  afterAll(async () => {
    await srv?.close();
  });

  it('observes the same thing with and without the extension (100+ probes)', () => {
    expect(plain.run.order.length).toBeGreaterThanOrEqual(60);
    expect(hooked.run.order).toEqual(plain.run.order);
    expect(brokenProbes(plain)).toEqual([]);
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
    checkCapture(hooked.events, { syncSmall: syncBody(7, 3), browser, probe: hooked.run.results });
  });
}

/** Probes of a run that timed out or threw (they observed nothing). */
function brokenProbes(r: ConformanceRun): [string, unknown][] {
  return Object.entries(r.run.results).filter(([, v]) => v === 'PROBE TIMEOUT' || (v as { probeThrew?: string })?.probeThrew);
}
