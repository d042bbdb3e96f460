/**
 * One face for the two browsers the e2e suites run in, so each suite (capture, coverage,
 * panel, skeleton) is written once and its two `*-chromium` / `*-firefox` files only pick a
 * browser. Chromium is driven by playwright-core (the panel inside real DevTools over CDP),
 * Firefox by puppeteer-core over WebDriver BiDi (the panel page opened as a tab: Firefox
 * DevTools panels cannot be driven headless). Where the browsers differ on purpose, the
 * difference is a field here (`hidesBackgroundTabs`, `background`, `emulateOffline`).
 */
import { expect } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { launchChromium, openWavetracePanel, waitFor, type DevToolsPanel } from './chromium';
import { launchFirefox } from './firefox';
import { terminateBackground } from './firefox-background';

/** A tab showing a test page. */
export interface SuitePage {
  goto(url: string): Promise<unknown>;
  /** Evaluates a JS expression in the page (awaiting a promise it returns). */
  evaluate<T>(js: string): Promise<T>;
  bringToFront(): Promise<void>;
  reload(): Promise<unknown>;
  close(): Promise<void>;
  /** Takes the page's network offline or back online (Chromium: CDP network emulation); absent where the driver cannot. */
  emulateOffline?(offline: boolean): Promise<void>;
}

/** A tab showing one of the extension's pages (the panel, or the panel's tab picker). */
export interface ExtensionPage {
  /** Evaluates a JS expression in the page; null while the page is still loading. */
  evaluate<T>(js: string): Promise<T | null>;
  /** Selects the tab, as a user's click on it would. */
  show(): Promise<void>;
  /** Closes the tab (Chromium; Firefox's extension tabs stay open until the browser closes). */
  close(): Promise<void>;
}

/** The Wavetrace panel for one page, as a user opens it in this browser. */
export interface PanelForPage extends ExtensionPage {
  /** Writes a PNG of what the user sees to `artifacts/<name>-<browser>.png`. */
  screenshot(name: string): Promise<void>;
  /** Chromium only: the DevTools window around the panel (docking, themes, window screenshots). */
  devtools?: DevToolsPanel;
}

/** Stops and restarts the extension's background mid-test, and checks that it did. */
export interface BackgroundControl {
  /** Times the suite stops the background in one stream (Chromium's worker once, Firefox's event page four times). */
  stops: number;
  /** Stream pace for the restart test, ms between chunks of 300 frames (Firefox's restarts take longer). */
  tickMs: number;
  stop(): Promise<void>;
  /** Asserts the background really went away and came back. */
  checkRestarted(): void;
}

/** A launched browser with the extension installed. */
export interface SuiteBrowser {
  name: 'chromium' | 'firefox';
  newPage(): Promise<SuitePage>;
  /** Opens an extension page, e.g. "/src/panel/panel.html?tabId=3", in a new tab (and selects it). */
  openExtensionTab(path: string): Promise<ExtensionPage>;
  /**
   * Opens the panel for the tab showing `pageUrl`: Chromium's DevTools panel of that tab
   * (DevTools is open for every tab), or Firefox's panel page, picking the tab in its tab picker.
   */
  openPanelFor(pageUrl: string): Promise<PanelForPage>;
  /**
   * The panel can be opened before its page loads (Chromium: DevTools is bound to the tab, not to
   * a document); in Firefox it is picked from the tabs the hub knows, so only after.
   */
  panelBeforePage: boolean;
  /** A tab in the background is `hidden` to its page (Firefox); headless Chromium never hides one. */
  hidesBackgroundTabs: boolean;
  /** Starts watching the extension's background so a test can stop it (see {@link BackgroundControl}). */
  watchBackground(): Promise<BackgroundControl>;
  close(): Promise<void>;
}

/** Options of a launch: DevTools open for every tab (Chromium's panel suites), window size. */
export interface LaunchOptions {
  devtools?: boolean;
  width?: number;
  height?: number;
}

function savePng(name: string, png: Buffer): void {
  mkdirSync('artifacts', { recursive: true });
  writeFileSync(`artifacts/${name}`, png);
}

/** A playwright or puppeteer page as a {@link SuitePage} (both drivers name these calls alike). */
function wrapPage(page: PwPage | PpPage, offline?: (o: boolean) => Promise<void>): SuitePage {
  const p = page as PwPage;
  return {
    goto: (u) => p.goto(u),
    evaluate: <T>(js: string) => p.evaluate(js) as Promise<T>,
    bringToFront: () => p.bringToFront(),
    reload: () => p.reload(),
    close: () => p.close(),
    ...(offline ? { emulateOffline: offline } : {}),
  };
}

/** Chromium (playwright-core, system /usr/bin/chromium) with dist/chrome. */
export async function openChromium(opts: LaunchOptions = {}): Promise<SuiteBrowser> {
  const b = await launchChromium({ devtools: opts.devtools === true, ...(opts.width ? { width: opts.width, height: opts.height ?? 800 } : {}) });
  let initial: PwPage | undefined = b.context.pages()[0];
  const newRawPage = async (): Promise<PwPage> => {
    const p = initial ?? (await b.context.newPage());
    initial = undefined;
    return p;
  };
  const extensionPage = (page: PwPage): ExtensionPage => ({
    evaluate: <T>(js: string) => page.evaluate(js) as Promise<T>,
    show: () => page.bringToFront(),
    close: () => page.close(),
  });
  const panels: DevToolsPanel[] = [];
  return {
    name: 'chromium',
    hidesBackgroundTabs: false,
    panelBeforePage: true,
    async newPage() {
      const page = await newRawPage();
      return wrapPage(page, async (offline) => {
        const cdp = await b.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      });
    },
    async openExtensionTab(path) {
      const page = await b.context.newPage();
      await page.goto(`chrome-extension://${b.extensionId}${path}`);
      return extensionPage(page);
    },
    async openPanelFor(pageUrl) {
      const dt = await openWavetracePanel(b, pageUrl);
      panels.push(dt);
      return {
        devtools: dt,
        evaluate: <T>(js: string) => dt.panel.evaluate<T>(js),
        show: async () => undefined, // the DevTools window of the tab shows it
        close: async () => undefined, // closes with its tab
        async screenshot(name) {
          savePng(`${name}-chromium.png`, await dt.screenshot());
        },
      };
    },
    async watchBackground() {
      // The worker's versions are reported to a page of the extension's own origin.
      const page = await b.context.newPage();
      await page.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
      const cdp = await b.context.newCDPSession(page);
      const statuses: string[] = [];
      cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
        for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${b.extensionId}/`)) statuses.push(v.runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      return {
        stops: 1,
        tickMs: 10,
        stop: async () => {
          await cdp.send('ServiceWorker.stopAllWorkers');
        },
        checkRestarted() {
          expect(statuses).toContain('stopped');
          expect(statuses.lastIndexOf('running')).toBeGreaterThan(statuses.indexOf('stopped'));
        },
      };
    },
    async close() {
      for (const p of panels) p.close();
      await b.close();
    },
  };
}

/** Firefox ESR (puppeteer-core over WebDriver BiDi, system /usr/bin/firefox-esr) with dist/firefox. */
export async function openFirefox(opts: LaunchOptions = {}): Promise<SuiteBrowser> {
  const ff = await launchFirefox();
  const connection = (ff.browser as unknown as { connection: { send(m: string, p: object): Promise<unknown> } }).connection;
  return {
    name: 'firefox',
    hidesBackgroundTabs: true,
    panelBeforePage: false,
    async newPage() {
      const page = await ff.browser.newPage();
      if (opts.width) await page.setViewport({ width: opts.width, height: opts.height ?? 800 });
      return wrapPage(page);
    },
    async openExtensionTab(path) {
      const tab = await ff.openExtensionTab(path);
      return { evaluate: <T>(js: string) => tab.evaluate<T>(js), show: () => tab.activate(), close: async () => undefined };
    },
    async openPanelFor(pageUrl) {
      const panel = await ff.openExtensionTab('/src/panel/panel.html');
      const pick = await waitFor(
        () => panel.evaluate<{ id: string; text: string } | null>(`(() => { const a = [...document.querySelectorAll('a[data-tab-id]')].find((x) => x.textContent.startsWith(${JSON.stringify(pageUrl)})); return a ? { id: a.dataset.tabId, text: a.textContent } : null; })()`),
        'the page in the panel\'s tab picker',
      );
      expect(pick.text).toContain(pageUrl);
      await panel.evaluate(`(document.querySelector('a[data-tab-id="${pick.id}"]').click(), true)`);
      await waitFor(() => panel.evaluate<boolean>(`!!document.querySelector('.app')`), 'the panel to render');
      return {
        evaluate: <T>(js: string) => panel.evaluate<T>(js),
        show: () => panel.activate(),
        close: async () => undefined,
        async screenshot(name) {
          // Drawn from Firefox's parent process: BiDi cannot screenshot extension pages.
          const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { result: { contexts: { context: string }[] } };
          const r = (await connection.send('script.evaluate', {
            target: { context: tree.result.contexts[0]!.context },
            awaitPromise: true,
            resultOwnership: 'none',
            expression: `(async () => {
              window.resizeTo(1280, 900);
              await new Promise((res) => setTimeout(res, 500));
              const tabs = window.__wavetraceTabs;
              const browser = tabs[tabs.length - 1].linkedBrowser;
              const w = Math.min(1280, browser.clientWidth), h = Math.min(800, browser.clientHeight);
              const bmp = await browser.browsingContext.currentWindowGlobal.drawSnapshot(new DOMRect(0, 0, w, h), 1, 'white');
              const c = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
              c.width = w; c.height = h;
              c.getContext('2d').drawImage(bmp, 0, 0);
              return c.toDataURL('image/png');
            })()`,
          })) as { result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } } };
          expect(r.result.type, r.result.exceptionDetails?.text).toBe('success');
          savePng(`${name}-firefox.png`, Buffer.from(r.result.result!.value!.split(',')[1]!, 'base64'));
        },
      };
    },
    async watchBackground() {
      return {
        stops: 4,
        // 30,000 frames over 4 s or more: the four stops, 250 ms apart, land mid-stream even
        // when the panel is slow to show the first 3,000 (a loaded machine).
        tickMs: 40,
        async stop() {
          // As about:debugging's "Terminate background script" does.
          expect(await terminateBackground(ff)).toBe(true);
        },
        checkRestarted: () => undefined, // each stop() asserted its termination; catching up proves the restart
      };
    },
    close: () => ff.close(),
  };
}
