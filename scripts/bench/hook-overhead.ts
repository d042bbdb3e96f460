/**
 * Hook overhead benchmark (issue 8, items 1 and 2). Measures, side by side in one run in
 * headless Chromium on 127.0.0.1, page-side receive and send throughput for JSON messages of
 * 100 B, 1 KB and 64 KB, and per-message main-thread cost, for these configurations:
 *   native             no extension
 *   hook, panel closed extension loaded, no panel attached (ring buffer only)
 *   hook, panel open   extension loaded, the Wavetrace panel attached (standalone panel tab)
 *   devtools, no ext   DevTools' own network recording (a CDP session with Network.enable)
 *   hook, devtools     extension loaded, DevTools open on the Wavetrace panel
 * Rounds are interleaved across configurations and the median is taken.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { startBenchServer } from './hook-overhead-server';
import { launchChromium, openWavetracePanel, waitFor, type ExtensionBrowser } from '../../test/e2e/lib/chromium';

type Kind = 'receive' | 'send';
interface RunResult { ms: number; count: number; gaps?: number[]; calls?: number[] }
interface Config { name: string; page: Page; browser: ExtensionBrowser; cleanup?: () => Promise<void> }

const SIZES: { label: string; size: number; n: number; nSend: number }[] = [
  { label: '100 B', size: 100, n: 20000, nSend: 20000 },
  { label: '1 KB', size: 1024, n: 10000, nSend: 10000 },
  { label: '64 KB', size: 65536, n: 2000, nSend: 500 },
];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : NaN;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(p * s.length))] as number) : NaN;
};

async function openPage(ctx: BrowserContext, url: string): Promise<Page> {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(url);
  return page;
}

async function run(cfg: Config, kind: Kind, wsUrl: string, size: number, n: number): Promise<RunResult> {
  await cfg.page.bringToFront();
  const fn = kind === 'receive' ? 'benchReceive' : 'benchSend';
  return cfg.page.evaluate(([f, u, nn, s]) => (window as unknown as Record<string, (u: string, n: number, s: number) => Promise<RunResult>>)[f as string]!(u as string, nn as number, s as number), [fn, wsUrl, n, size] as const);
}

/** Runs the benchmark and returns printable rows `name: value (target)`. */
export async function benchHookOverhead(): Promise<string[]> {
  const srv = await startBenchServer();
  const url = `${srv.httpUrl}/bench.html`;
  const configs: Config[] = [];
  try {
    const native = await launchChromium({ extension: false });
    configs.push({ name: 'native', browser: native, page: await openPage(native.context, url) });

    const closed = await launchChromium();
    configs.push({ name: 'hook, panel closed', browser: closed, page: await openPage(closed.context, url) });

    const open = await launchChromium();
    const openPageTab = await openPage(open.context, url);
    const panel = await open.context.newPage();
    await panel.goto(`chrome-extension://${open.extensionId}/src/panel/panel.html`);
    const tabId = await waitFor(
      () => panel.evaluate(() => [...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent?.includes('/bench.html'))?.getAttribute('data-tab-id') ?? null),
      'the bench tab in the panel picker',
    );
    await panel.goto(`chrome-extension://${open.extensionId}/src/panel/panel.html?tabId=${tabId}`);
    configs.push({ name: 'hook, panel open', browser: open, page: openPageTab });

    const cdp = await launchChromium({ extension: false });
    const cdpPage = await openPage(cdp.context, url);
    const session = await cdp.context.newCDPSession(cdpPage);
    await session.send('Network.enable');
    configs.push({ name: 'devtools network, no ext', browser: cdp, page: cdpPage });

    const dev = await launchChromium({ devtools: true });
    const devPage = await openPage(dev.context, url);
    const dt = await openWavetracePanel(dev, srv.httpUrl);
    configs.push({ name: 'hook, panel in devtools', browser: dev, page: devPage, cleanup: async () => dt.close() });

    const rows: string[] = [];
    const results = new Map<string, RunResult[]>();
    for (const kind of ['receive', 'send'] as Kind[]) {
      for (const s of SIZES) {
        const n = kind === 'receive' ? s.n : s.nSend;
        for (let r = 0; r < ROUNDS; r++) {
          for (const cfg of configs) {
            const key = `${kind}|${s.label}|${cfg.name}`;
            let res: RunResult;
            try {
              res = await run(cfg, kind, srv.wsUrl, s.size, n);
            } catch (e) {
              res = { ms: NaN, count: 0 };
              rows.push(`error: ${key}: ${(e as Error).message.split('\n')[0]}`);
            }
            if (!results.has(key)) results.set(key, []);
            results.get(key)!.push(res);
          }
        }
        const nativeMs = median(results.get(`${kind}|${s.label}|native`)!.map((x) => x.ms));
        const devNoExtMs = median(results.get(`${kind}|${s.label}|devtools network, no ext`)!.map((x) => x.ms));
        rows.push(`${kind} ${s.label} native: ${Math.round((n / nativeMs) * 1000)} msg/s (reference)`);
        for (const cfg of configs.slice(1)) {
          const ms = median(results.get(`${kind}|${s.label}|${cfg.name}`)!.map((x) => x.ms));
          const ratio = nativeMs / ms;
          const target = cfg.name === 'hook, panel closed' ? '≥ 0.95' : cfg.name === 'hook, panel open' ? '≥ 0.90' : cfg.name === 'hook, panel in devtools' ? `DevTools alone: ${(nativeMs / devNoExtMs).toFixed(2)}` : 'peer reference';
          rows.push(`${kind} ${s.label} ${cfg.name} / native: ${ratio.toFixed(2)} (${target})`);
        }
      }
    }
    // Item 2: added main-thread latency per message (µs), 100 B.
    for (const name of ['native', 'hook, panel closed', 'hook, panel open']) {
      const gaps = results.get(`receive|100 B|${name}`)!.flatMap((x) => x.gaps ?? []);
      const calls = results.get(`send|100 B|${name}`)!.flatMap((x) => x.calls ?? []);
      rows.push(`receive 100 B ${name} inter-message gap: median ${(median(gaps) * 1000).toFixed(1)} µs, p99 ${(pct(gaps, 0.99) * 1000).toFixed(1)} µs (hook adds ≤ a few µs)`);
      rows.push(`send() 100 B ${name} call: median ${(median(calls) * 1000).toFixed(1)} µs, p99 ${(pct(calls, 0.99) * 1000).toFixed(1)} µs (hook adds ≤ a few µs)`);
    }
    return rows;
  } finally {
    for (const c of configs) {
      await c.cleanup?.().catch(() => undefined);
      await c.browser.close().catch(() => undefined);
    }
    await srv.close();
  }
}
