/**
 * Real Firefox (the system firefox-esr) with the built extension, over WebDriver BiDi with
 * puppeteer-core. The add-on gets a fixed moz-extension UUID so tests can open its pages.
 *
 * WebDriver BiDi does not expose extension pages, so the panel page is opened and read from
 * Firefox's privileged (chrome) scope: `--remote-allow-system-access` lets BiDi evaluate in the
 * browser window, and `extensions.webextensions.remote = false` (a Firefox test pref) keeps
 * extension pages in the parent process so their DOM is reachable from there. Content scripts,
 * ports and the background page are the real ones.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { join, resolve } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { findFirefox } from './find-browsers';
import { geckoId as GECKO_ID } from '../../gecko-id.json';
import { packageRoot } from '../package-root';

/** Absolute path of the built Firefox extension. */
export const FIREFOX_DIST = resolve(packageRoot(), 'dist/firefox');

/** The fixed internal UUID given to the add-on in tests. */
export const FIREFOX_EXTENSION_UUID = '6f1d2a4e-3b7c-4c1e-9a55-7a1f0c2d9e11';

interface BidiSend {
  send(method: string, params: Record<string, unknown>): Promise<unknown>;
}

/** A tab showing one of the extension's own pages. */
export interface ExtensionTab {
  /** Evaluates an expression in the page (awaiting promises); the value must be JSON-serializable. Null until loaded. */
  evaluate<T>(expr: string): Promise<T>;
  /** Selects the tab (brings it to the front), as a user's click on it would. */
  activate(): Promise<void>;
}

/** A launched Firefox with the extension installed. */
export interface FirefoxWithExtension {
  browser: Browser;
  /** Opens an extension page (path like "/src/panel/panel.html") in a new tab. */
  openExtensionTab(path: string): Promise<ExtensionTab>;
  /** Base URL of the extension's pages: moz-extension://<uuid> */
  extensionBase: string;
  /** The temporary browser profile folder (removed by `close`). */
  profileDir: string;
  close(): Promise<void>;
}

/**
 * Launches headless Firefox and installs dist/firefox as a temporary add-on (unless `extension: false`).
 * `handlesSignals: true` when the caller handles SIGINT/SIGTERM itself (`record` exports on
 * Ctrl-C): puppeteer then does not close the browser on them.
 */
export async function launchFirefox(opts: { extension?: boolean; headless?: boolean; handlesSignals?: boolean } = {}): Promise<FirefoxWithExtension> {
  // Our own profile folder (not puppeteer's), so a caller can name it and remove it on a hard quit.
  const profileDir = mkdtempSync(join(tmpdir(), 'wavetrace-firefox-'));
  let browser: Browser;
  try {
    browser = await launch(profileDir, opts.headless !== false, opts.handlesSignals === true);
  } catch (e) {
    rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }
  try {
    return await withExtension(browser, profileDir, opts.extension !== false);
  } catch (e) {
    await browser.close().catch(() => undefined);
    rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }
}

function launch(profileDir: string, headless: boolean, handlesSignals: boolean): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    userDataDir: profileDir,
    // A caller that handles signals decides what they mean; Firefox runs in its own process
    // group, so a terminal's Ctrl-C reaches only this process.
    handleSIGINT: !handlesSignals,
    handleSIGTERM: !handlesSignals,
    executablePath: findFirefox(),
    headless,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.remote': false,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.shell.checkDefaultBrowser': false,
    },
  });
}

async function withExtension(browser: Browser, profileDir: string, extension: boolean): Promise<FirefoxWithExtension> {
  if (extension) await browser.installExtension(FIREFOX_DIST);
  const connection = (browser as unknown as { connection: BidiSend }).connection;
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { result: { contexts: { context: string }[] } };
  const chromeContext = tree.result.contexts[0]?.context;
  if (!chromeContext) throw new Error('no Firefox chrome window found over BiDi');
  const chromeEval = async <T>(expression: string): Promise<T> => {
    const r = (await connection.send('script.evaluate', { expression, target: { context: chromeContext }, awaitPromise: true, resultOwnership: 'none' })) as {
      result: { type: string; result?: { value?: unknown }; exceptionDetails?: { text: string } };
    };
    if (r.result.type !== 'success') throw new Error(`chrome evaluate failed: ${r.result.exceptionDetails?.text ?? 'unknown'}`);
    const v = r.result.result?.value;
    return (typeof v === 'string' ? JSON.parse(v) : undefined) as T;
  };
  return {
    browser,
    extensionBase: `moz-extension://${FIREFOX_EXTENSION_UUID}`,
    profileDir,
    async openExtensionTab(path: string): Promise<ExtensionTab> {
      const url = `moz-extension://${FIREFOX_EXTENSION_UUID}${path}`;
      const index = await chromeEval<number>(`(() => {
        const tab = gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        gBrowser.selectedTab = tab;
        window.__wavetraceTabs = window.__wavetraceTabs || [];
        window.__wavetraceTabs.push(tab);
        return JSON.stringify(window.__wavetraceTabs.length - 1);
      })()`);
      return {
        evaluate: <T>(expr: string) =>
          chromeEval<T>(`(async () => {
            const w = window.__wavetraceTabs[${index}].linkedBrowser.contentWindow;
            if (!w || w.document.readyState !== 'complete') return JSON.stringify(null);
            const v = await w.wrappedJSObject.eval(${JSON.stringify(expr)});
            return JSON.stringify(v === undefined ? null : v);
          })()`),
        activate: async () => {
          await chromeEval(`(gBrowser.selectedTab = window.__wavetraceTabs[${index}], 'true')`);
        },
      };
    },
    async close() {
      try {
        await browser.close();
      } finally {
        rmSync(profileDir, { recursive: true, force: true });
      }
    },
  };
}
