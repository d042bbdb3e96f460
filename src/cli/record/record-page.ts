/**
 * `wavetrace record` engine (docs/design.md#record): launches a real browser with the built extension,
 * attaches a Wavetrace panel (a standalone panel tab) to a tab, loads the URL in that tab,
 * waits, and exports the panel's capture — the real pipeline hook → relay → hub → panel store
 * → export, the same code path as the panel's Export button.
 */
import { visibleText } from '../../core/visible-text';
import type { Profile } from '../../core/profile/types';
import type { FaultSpec } from '../../core/fault/fault-spec';
import { recordWithFaults, type PanelEval } from './fault-schedule';
import { runResilience, type ResilienceResult } from './resilience-run';
import type { ExtensionBrowser } from '../browser/chromium';
import type { FirefoxWithExtension } from '../browser/firefox';
import { ensureBuilt } from '../browser/ensure-built';
import { DriverMissingError, loadChromium, loadFirefox } from '../browser/load-driver';
import { waitFor } from '../browser/wait-for';
import { tabLinkPrefix } from './record-url';
import { browserErrorText, navigationFailure } from './browser-error';

/** Options of {@link recordPage}. */
export interface RecordOptions {
  url: string;
  /** How long to record after the page loaded, seconds. */
  durationS: number;
  browser: 'chromium' | 'firefox';
  headed: boolean;
  /** Redact secrets in the exported trace (docs/design.md#redaction; default on). */
  redact: boolean;
  /** `--profile`: a built-in name or an inline profile the panel analyses with (default: auto). */
  profile?: string | Profile;
  /** Progress lines (to stderr in the CLI). */
  log: (line: string) => void;
  /** Faults to apply while recording (`--fault`), default none. */
  faults?: readonly FaultSpec[];
  /**
   * `--resilience`: run the panel's resilience check instead of waiting `durationS`; called with
   * its result (or the one-line reason it could not start) before the trace is exported.
   */
  resilience?: (result: ResilienceResult | string) => void;
  /**
   * Aborted on Ctrl-C (docs/design.md#record): the recording (or the page load) ends early and
   * what was captured is exported as on a normal stop.
   */
  stop?: AbortSignal;
  /** Called with the browser's temporary profile folder once it exists (removed on a hard quit). */
  onProfileDir?: (dir: string) => void;
}

/** Thrown with a one-line message for the CLI (browser missing, page not loadable…). */
export class RecordError extends Error {}

const PANEL_PATH = '/src/panel/panel.html';
/** Longest wait for the page's `load`, ms. */
const LOAD_TIMEOUT_MS = 30000;
/** Longest wait for the panel to list the loaded tab, ms. */
const HOOK_WAIT_MS = 15000;

/** The one line when the panel never listed the loaded page's tab: the extension did not reach it. */
function notHooked(pageUrl: string): string {
  return `the extension did not reach ${visibleText(pageUrl)}: the Wavetrace panel listed no tab for it within ${HOOK_WAIT_MS / 1000} s`;
}
const EXPORT_JS = (redact: boolean, page: string, profile?: string | Profile) => `globalThis.wavetrace.exportTrace(${JSON.stringify(profile === undefined ? { redact, page } : { redact, page, profile })})`;

/**
 * Records `opts.url` and returns the trace as JSON text.
 * @throws RecordError when the browser cannot be started or the page cannot be loaded
 */
export async function recordPage(opts: RecordOptions): Promise<string> {
  try {
    ensureBuilt(opts.log);
  } catch (e) {
    throw new RecordError(firstLine(e));
  }
  return opts.browser === 'firefox' ? recordFirefox(opts) : recordChromium(opts);
}

async function recordChromium(opts: RecordOptions): Promise<string> {
  const { launchChromium } = await driver(loadChromium);
  let b: ExtensionBrowser;
  try {
    b = await launchChromium({ headless: !opts.headed, handlesSignals: opts.stop !== undefined });
  } catch (e) {
    throw new RecordError(`cannot start Chromium: ${browserErrorText(e)}`);
  }
  opts.onProfileDir?.(b.profileDir);
  try {
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    opts.log(`recording ${visibleText(opts.url)} ${opts.resilience ? 'with the resilience check' : `for ${opts.durationS} s`} in Chromium`);
    try {
      await untilStopped(page.goto(opts.url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS }), opts.stop);
    } catch (e) {
      throw new RecordError(navigationFailure(visibleText(opts.url), e, LOAD_TIMEOUT_MS));
    }
    // The hook has been recording since document_start; the panel gets that backlog, then live events.
    const panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}${PANEL_PATH}`);
    // The tab is found by the origin it ended on (after redirects), as the picker lists it.
    const prefix = tabLinkPrefix(page.url(), opts.url);
    const tabId = await waitFor(() => panel.evaluate((o) => [...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent?.startsWith(o))?.getAttribute('data-tab-id') ?? null, prefix), 'the tab to record', HOOK_WAIT_MS).catch(() => {
      throw new RecordError(notHooked(page.url()));
    });
    await panel.goto(`chrome-extension://${b.extensionId}${PANEL_PATH}?tabId=${tabId}`);
    await page.bringToFront();
    await record((e) => panel.evaluate(e), opts);
    return await panel.evaluate(EXPORT_JS(opts.redact, opts.url, opts.profile));
  } finally {
    await b.close().catch(() => undefined);
  }
}

async function recordFirefox(opts: RecordOptions): Promise<string> {
  const { launchFirefox } = await driver(loadFirefox);
  let ff: FirefoxWithExtension;
  try {
    ff = await launchFirefox({ headless: !opts.headed, handlesSignals: opts.stop !== undefined });
  } catch (e) {
    throw new RecordError(`cannot start Firefox: ${browserErrorText(e)}`);
  }
  opts.onProfileDir?.(ff.profileDir);
  try {
    const page = (await ff.browser.pages())[0] ?? (await ff.browser.newPage());
    opts.log(`recording ${visibleText(opts.url)} ${opts.resilience ? 'with the resilience check' : `for ${opts.durationS} s`} in Firefox`);
    try {
      await untilStopped(page.goto(opts.url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS }), opts.stop);
    } catch (e) {
      throw new RecordError(navigationFailure(visibleText(opts.url), e, LOAD_TIMEOUT_MS));
    }
    const panel = await ff.openExtensionTab(PANEL_PATH);
    const prefix = tabLinkPrefix(page.url(), opts.url);
    const tabId = await waitFor(
      () => panel.evaluate<string | null>(`[...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent.startsWith(${JSON.stringify(prefix)}))?.getAttribute('data-tab-id') ?? null`),
      'the tab to record',
      HOOK_WAIT_MS,
    ).catch(() => {
      throw new RecordError(notHooked(page.url()));
    });
    await panel.evaluate(`(location.search = '?tabId=${tabId}', true)`);
    await waitFor(() => panel.evaluate<boolean>(`!!globalThis.wavetrace`), 'the panel to attach', 15000);
    // The page records in the front tab, as in Chromium: a background tab's timers are
    // throttled (1 s or more), which would change the heartbeats and backoff being recorded.
    await page.bringToFront();
    await record((e) => panel.evaluate(e), opts);
    return await panel.evaluate<string>(EXPORT_JS(opts.redact, opts.url, opts.profile));
  } finally {
    await ff.close().catch(() => undefined);
  }
}

/** The recording itself: the resilience check, or `durationS` seconds with the scheduled faults. */
async function record(evaluate: PanelEval, opts: RecordOptions): Promise<void> {
  if (opts.resilience) opts.resilience(await runResilience(evaluate, opts.profile, opts.log, opts.stop));
  else await recordWithFaults(evaluate, opts.faults ?? [], opts.durationS, opts.log, opts.stop);
}

/**
 * `load`, or nothing once `stop` is aborted: Ctrl-C during a slow load goes on to export what the
 * hook captured since document_start. A load that fails before the stop still throws.
 */
async function untilStopped(load: Promise<unknown>, stop: AbortSignal | undefined): Promise<void> {
  if (!stop) return void (await load);
  if (stop.aborted) return void load.catch(() => undefined);
  let onAbort = () => {};
  const stopped = new Promise<void>((resolve) => (onAbort = resolve));
  stop.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.race([load, stopped]);
  } finally {
    stop.removeEventListener('abort', onAbort);
    load.catch(() => undefined);
  }
}

/** The driver module, or a RecordError with the one line saying which package to install. */
async function driver<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof DriverMissingError) throw new RecordError(e.message);
    throw e;
  }
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0] ?? '';
}
