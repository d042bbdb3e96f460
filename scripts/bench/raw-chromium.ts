/**
 * Chromium for the hook benchmark, launched without Playwright: Playwright attaches to every
 * page with the Network domain enabled (it reports requests and WebSocket frames), so each
 * frame would also travel over CDP to Node, and "native" would not be native (measured here:
 * 100 B messages at about 19,000/s under Playwright against 39,000/s without it). The page is
 * driven over a raw CDP session that only sends `Runtime.evaluate`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CdpSession, listTargets, type CdpTarget } from '../../src/cli/browser/cdp';
import { CHROMIUM_QUIET_ARGS, findChromium } from '../../src/cli/browser/find-browsers';
import { CHROME_DIST, freePort, waitFor } from '../../src/cli/browser/chromium';

/** A Chromium launched for the benchmark. `debugPort` and `extensionId` fit `openWavetracePanel`. */
export interface RawChromium {
  debugPort: number;
  /** '' without the extension. */
  extensionId: string;
  proc: ChildProcess;
  /** The first tab, navigated to `url`, and a CDP session on it (Runtime only). */
  page: CdpSession;
  pageTarget: CdpTarget;
  /** Opens `url` in a new tab and returns a CDP session on it. */
  newTab(url: string): Promise<CdpSession>;
  /** Brings a tab to the front. */
  activate(target: CdpTarget): Promise<void>;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium (with dist/chrome unless `extension` is false; DevTools open for
 * every tab with `devtools`) and opens `url` in its first tab.
 * @throws when Chromium is missing or its page does not show up within 20 s
 */
export async function launchRawChromium(url: string, opts: { extension?: boolean; devtools?: boolean } = {}): Promise<RawChromium> {
  const debugPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-bench-'));
  const args = [...CHROMIUM_QUIET_ARGS, '--headless=new', `--remote-debugging-port=${debugPort}`, `--user-data-dir=${dir}`, '--window-size=1280,800'];
  if (opts.extension !== false) args.push(`--disable-extensions-except=${CHROME_DIST}`, `--load-extension=${CHROME_DIST}`);
  if (opts.devtools) args.push('--auto-open-devtools-for-tabs');
  const proc = spawn(findChromium(), [...args, 'about:blank'], { stdio: 'ignore' });
  const ready = await waitFor(async () => {
    const ts = await listTargets(debugPort);
    const page = ts.find((t) => t.type === 'page' && t.url === 'about:blank');
    const sw = ts.find((t) => t.type === 'service_worker');
    return page && (opts.extension === false || sw) ? { page, sw } : undefined;
  }, 'Chromium to start', 20000);
  const extensionId = ready.sw ? new URL(ready.sw.url).host : '';
  const page = await CdpSession.connect(ready.page.webSocketDebuggerUrl);
  await page.send('Page.navigate', { url });
  await waitFor(() => page.evaluate<boolean>(`document.readyState === 'complete' && location.href === ${JSON.stringify(url)}`), 'the bench page to load');
  return {
    debugPort,
    extensionId,
    proc,
    page,
    pageTarget: ready.page,
    async newTab(u) {
      const res = await fetch(`http://127.0.0.1:${debugPort}/json/new?${u}`, { method: 'PUT' });
      const t = (await res.json()) as CdpTarget;
      return CdpSession.connect(t.webSocketDebuggerUrl);
    },
    async activate(t) {
      await fetch(`http://127.0.0.1:${debugPort}/json/activate/${t.id}`);
    },
    async close() {
      page.close();
      proc.kill();
      await new Promise((r) => (proc.exitCode !== null ? r(undefined) : proc.once('exit', r)));
      // Child processes may still be writing the profile for a moment after the browser exits.
      // Its zygote's children can outlive it by a second or more; a profile left behind in the
      // temp directory is not worth failing a finished run for.
      for (let i = 0; i < 3; i++) {
        try {
          rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    },
  };
}
