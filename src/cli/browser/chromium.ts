/**
 * Real Chromium with the built extension (playwright-core, system Chromium: nothing is
 * downloaded). With `devtools: true`, DevTools opens for each tab and the Wavetrace panel can
 * be shown and read through CDP (see {@link openWavetracePanel}).
 */
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { findChromium, CHROMIUM_QUIET_ARGS } from './find-browsers';
import { CdpSession, listTargets } from './cdp';
import { waitFor } from './wait-for';
import { packageRoot } from '../package-root';

export { waitFor };

/** Absolute path of the built Chrome extension. */
export const CHROME_DIST = resolve(packageRoot(), 'dist/chrome');

/** A launched browser with the extension. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Remote debugging port (only with `devtools: true`). */
  debugPort: number;
  /** The temporary browser profile folder (removed by `close`). */
  profileDir: string;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (closed again before returning). */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
    s.on('error', rej);
  });
}

/**
 * Launches headless Chromium with dist/chrome loaded (and, optionally, DevTools open for every tab).
 * `handlesSignals: true` when the caller handles SIGINT/SIGTERM itself (`record` exports on
 * Ctrl-C): Playwright then does not close the browser on them.
 */
export async function launchChromium(opts: { devtools?: boolean; extension?: boolean; width?: number; height?: number; headless?: boolean; handlesSignals?: boolean } = {}): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  const debugPort = opts.devtools ? await freePort() : 0;
  const args = [...CHROMIUM_QUIET_ARGS];
  if (opts.extension !== false) args.push(`--disable-extensions-except=${CHROME_DIST}`, `--load-extension=${CHROME_DIST}`);
  if (opts.devtools) args.push('--auto-open-devtools-for-tabs', `--remote-debugging-port=${debugPort}`);
  if (opts.width) args.push(`--window-size=${opts.width},${opts.height ?? 800}`);
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-chromium-'));
  let context: BrowserContext;
  try {
    context = await launch(dir, executablePath, opts, args);
  } catch (e) {
    // A browser that did not start leaves no profile folder behind.
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let extensionId = '';
  if (opts.extension !== false) {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20000 }).catch(async (e: unknown) => {
      await context.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }));
    extensionId = new URL(sw.url()).host;
  }
  return {
    context,
    extensionId,
    debugPort,
    profileDir: dir,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function launch(dir: string, executablePath: string, opts: { width?: number; headless?: boolean; handlesSignals?: boolean }, args: string[]): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath,
    headless: opts.headless !== false,
    args,
    viewport: opts.width ? null : { width: 1280, height: 800 },
    // A caller that handles signals decides what they mean; the browser runs in its own process
    // group, so a terminal's Ctrl-C reaches only this process.
    handleSIGINT: opts.handlesSignals !== true,
    handleSIGTERM: opts.handlesSignals !== true,
  });
}

/** The DevTools frontend and the Wavetrace panel inside it, both as CDP sessions. */
export interface DevToolsPanel {
  frontend: CdpSession;
  panel: CdpSession;
  /** Docks DevTools ("bottom" gives the panel the window's full width). */
  dock(side: 'bottom' | 'right' | 'left' | 'undocked'): Promise<void>;
  /** PNG of the DevTools window as it looks now. */
  screenshot(): Promise<Buffer>;
  close(): void;
}

/**
 * Shows the Wavetrace panel in the DevTools window of the tab whose URL starts with
 * `pageUrlPrefix`, and connects to the panel's own target.
 */
export async function openWavetracePanel(b: Pick<ExtensionBrowser, 'debugPort' | 'extensionId'>, pageUrlPrefix: string): Promise<DevToolsPanel> {
  const frontTarget = await waitFor(async () => {
    const targets = await listTargets(b.debugPort);
    return targets.find((t) => t.url.startsWith('devtools://devtools/') && decodeURIComponent(t.url).includes('devtools_app'));
  }, 'the DevTools frontend target');
  void pageUrlPrefix;
  const frontend = await CdpSession.connect(frontTarget.webSocketDebuggerUrl);
  const panelId = `chrome-extension://${b.extensionId}Wavetrace`;
  // Only use the InspectorView once DevTools created it: calling instance() earlier would
  // create a second, detached one.
  await waitFor(
    () =>
      frontend.evaluate<boolean>(`(async () => {
        const L = await import('devtools://devtools/bundled/ui/legacy/legacy.js');
        const view = L.InspectorView.InspectorView.maybeGetInspectorViewInstance();
        if (!view || !view.hasPanel(${JSON.stringify(panelId)})) return false;
        await view.showPanel(${JSON.stringify(panelId)});
        return true;
      })()`),
    'the Wavetrace panel to be registered',
  );
  const panelTarget = await waitFor(async () => (await listTargets(b.debugPort)).find((t) => t.url.startsWith(`chrome-extension://${b.extensionId}/src/panel/panel.html`)), 'the panel target');
  const panel = await CdpSession.connect(panelTarget.webSocketDebuggerUrl);
  await waitFor(() => panel.evaluate<boolean>(`document.readyState === 'complete' && !!document.querySelector('.app')`), 'the panel to render');
  return {
    frontend,
    panel,
    async dock(side) {
      await frontend.evaluate(`(async () => {
        const L = await import('devtools://devtools/bundled/ui/legacy/legacy.js');
        L.DockController.DockController.instance().setDockSide(${JSON.stringify(side)});
        return true;
      })()`);
    },
    async screenshot() {
      const shot = await frontend.send<{ data: string }>('Page.captureScreenshot', { format: 'png' });
      return Buffer.from(shot.data, 'base64');
    },
    close() {
      panel.close();
      frontend.close();
    },
  };
}
