/**
 * Runs the reference client (test/reference-app) in real Chromium with Wavetrace loaded, with
 * the panel attached from the start (a standalone panel tab on the client's tab, so preserve log
 * keeps navigations), then exports the panel's capture and analyses it. The analysis profile is
 * the scaiwave profile with the reference server's intervals and the client's time scale, since
 * a test cannot wait 30 s per ping.
 */
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './chromium';
import { waitFor } from './chromium';
import { parseTrace } from '../../../src/core/trace';
import { redactUrl } from '../../../src/core/redact';
import { analyze, type Analysis } from '../../../src/core/analysis';
import { SCAIWAVE_PROFILE } from '../../../src/core/profile/scaiwave';
import type { Profile } from '../../../src/core/profile/types';

/** The scaiwave profile scaled to a test run. Times in ms. */
export function scaledProfile(o: { timeScale: number; pingIntervalMs: number; idleTimeoutsMs?: number[] }): Profile {
  const s = o.timeScale;
  return {
    ...SCAIWAVE_PROFILE,
    heartbeat: { ...SCAIWAVE_PROFILE.heartbeat!, intervalMs: o.pingIntervalMs, pongTimeoutMs: Math.round(o.pingIntervalMs * 0.8) },
    backoff: { immediateMs: 1000 * s, baseMs: 1000 * s, factor: 2, maxMs: 30000 * s, jitter: 0.5, stableAfterMs: 10000 * s },
    idleTimeoutsMs: o.idleTimeoutsMs ?? [],
  };
}

/** A client tab with a panel attached to it. */
export interface ScenarioTabs {
  page: Page;
  panel: Page;
  /** Navigates the client tab (the panel stays attached: preserve log). */
  goto(url: string): Promise<void>;
  /** Reads a `<body data-*>` attribute of the client page. */
  data(name: string): Promise<string | undefined>;
  /** Exports the panel's capture (unredacted) and analyses it with `profile`. */
  analyze(profile: Profile): Promise<Analysis>;
  close(): Promise<void>;
}

let windows = 0;

/**
 * Opens `url` in a tab of a new window, as the only tab there. A tab opened in an existing
 * window gets that window's active tab as its `openerTabId`, and the hub routes an opened
 * tab's sockets to its opener's panel too (popups show in their page's panel): scenarios
 * running side by side would each record the other's client.
 */
export async function openInNewWindow(b: ExtensionBrowser, url: string): Promise<Page> {
  const browser = b.context.browser();
  if (!browser) throw new Error('no browser behind the context: cannot open a window');
  const cdp = await browser.newBrowserCDPSession();
  const blank = `about:blank#wavetrace-window-${++windows}`;
  try {
    await cdp.send('Target.createTarget', { url: blank, newWindow: true });
  } finally {
    await cdp.detach();
  }
  const page = await waitFor(async () => b.context.pages().find((p) => p.url() === blank), `the new window (${blank})`);
  await page.goto(url);
  return page;
}

/** Opens `url` in a new window and attaches a standalone Wavetrace panel tab to it (found in the panel's tab picker by the tab's URL). */
export async function openClientWithPanel(b: ExtensionBrowser, url: string): Promise<ScenarioTabs> {
  const page = await openInNewWindow(b, url);
  const panel = await b.context.newPage();
  await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
  // The picker shows each tab's URL as redactUrl gives it: matching the whole of it picks this
  // tab even while other scenarios (tests run two at a time) show pages of the same origin.
  const shown = redactUrl(page.url());
  const tabId = await waitFor(
    () => panel.evaluate((u) => [...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent === u)?.getAttribute('data-tab-id') ?? null, shown),
    `the client tab (${shown}) in the panel picker`,
  );
  await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}`);
  await waitFor(() => panel.evaluate(() => (globalThis as unknown as { wavetrace?: { eventCount(): number } }).wavetrace?.eventCount() ?? 0), 'the panel to receive the backlog');
  return {
    page,
    panel,
    async goto(u) {
      await page.goto(u);
    },
    data: (name) => page.evaluate((n) => document.body.dataset[n], name),
    async analyze(profile) {
      // Let the last batches reach the panel (the hook flushes every 16 ms; the hub adds a hop).
      await new Promise((r) => setTimeout(r, 500));
      const text = await panel.evaluate(() => (globalThis as unknown as { wavetrace: { exportTrace(o: object): Promise<string> } }).wavetrace.exportTrace({ redact: false }));
      const trace = parseTrace(text);
      return analyze(trace.events, profile, trace.endedAt ? { endT: Date.parse(trace.endedAt) } : {});
    },
    async close() {
      await panel.close();
      await page.close();
    },
  };
}
