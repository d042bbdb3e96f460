/**
 * The configurations the hook benchmark runs side by side, each in its own headless Chromium
 * (method: scripts/bench/README.md, "hook"):
 *   native          no extension
 *   closed          the extension, no panel attached (ring buffer only)
 *   panel           the extension, the standalone Wavetrace panel tab attached to the bench tab
 *   devtools        no extension, DevTools open on the bench tab (its network recording)
 *   devtools-panel  the extension, DevTools open on the bench tab showing the Wavetrace panel
 */
import { listTargets, CdpSession } from '../../src/cli/browser/cdp';
import { openWavetracePanel, waitFor } from '../../src/cli/browser/chromium';
import { launchRawChromium, type RawChromium } from './raw-chromium';
import { processCpu, type ProcessCpu } from './process-cpu';

/** Keys of the configurations, in the order they run within a round. */
export const CONFIG_KEYS = ['native', 'closed', 'panel', 'devtools', 'devtools-panel'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];
/** Printed names. */
export const CONFIG_NAMES: Record<ConfigKey, string> = {
  native: 'native',
  closed: 'hook, panel closed',
  panel: 'hook, standalone panel open',
  devtools: 'DevTools alone',
  'devtools-panel': 'hook, Wavetrace panel in DevTools',
};

/** One launched configuration. */
export interface Config {
  key: ConfigKey;
  browser: RawChromium;
  cpu: ProcessCpu;
  /** The Wavetrace panel, when open: the bench waits for its full previews after each run. */
  panel?: CdpSession;
  close(): Promise<void>;
}

/** Opens the standalone Wavetrace panel for the bench tab (picked by URL in the tab picker). */
async function openStandalonePanel(b: RawChromium): Promise<CdpSession> {
  const panel = await b.newTab(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
  const tabId = await waitFor(
    () => panel.evaluate<string | null>(`[...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent.includes('/bench.html'))?.getAttribute('data-tab-id') ?? null`),
    'the bench tab in the panel picker',
  );
  await panel.send('Page.navigate', { url: `chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}` });
  await waitFor(() => panel.evaluate<boolean>(`!!document.querySelector('.app')`), 'the panel to render');
  return panel;
}

/** The DevTools frontend of the browser's (only) inspected tab. */
async function devtoolsFrontend(b: RawChromium): Promise<CdpSession> {
  const t = await waitFor(async () => (await listTargets(b.debugPort)).find((x) => x.url.startsWith('devtools://devtools/') && decodeURIComponent(x.url).includes('devtools_app')), 'the DevTools frontend target');
  return CdpSession.connect(t.webSocketDebuggerUrl);
}

/**
 * Launches one configuration on the bench page `url` (served from `httpUrl`) and files its
 * renderers for the per-process table.
 * @throws when Chromium, the panel or DevTools does not come up
 */
export async function launchConfig(key: ConfigKey, url: string, httpUrl: string): Promise<Config> {
  const extension = key === 'closed' || key === 'panel' || key === 'devtools-panel';
  const browser = await launchRawChromium(url, { extension, devtools: key === 'devtools' || key === 'devtools-panel' });
  const sessions: CdpSession[] = [];
  let cpu: ProcessCpu | undefined;
  try {
    cpu = await processCpu(browser.debugPort);
    let panel: CdpSession | undefined;
    if (key === 'panel') {
      panel = await openStandalonePanel(browser);
      sessions.push(panel);
      await cpu.identify('panel', panel);
    } else if (key === 'devtools') {
      const frontend = await devtoolsFrontend(browser);
      sessions.push(frontend);
      await cpu.identify('devtools', frontend);
    } else if (key === 'devtools-panel') {
      const dt = await openWavetracePanel(browser, httpUrl);
      panel = dt.panel;
      sessions.push(dt.panel, dt.frontend);
      await cpu.identify('devtools', dt.frontend);
      await cpu.identify('panel', dt.panel);
    }
    await browser.activate(browser.pageTarget);
    await cpu.identify('page', browser.page);
    const c = cpu;
    return {
      key,
      browser,
      cpu: c,
      ...(panel ? { panel } : {}),
      async close() {
        for (const s of sessions) s.close();
        c.close();
        await browser.close();
      },
    };
  } catch (e) {
    for (const s of sessions) s.close();
    cpu?.close();
    await browser.close();
    throw e;
  }
}
