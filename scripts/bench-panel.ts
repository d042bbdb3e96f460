/**
 * Panel benchmark (docs/design.md#panel-and-viewer) — a script, not a test:
 *
 *   npx tsx scripts/bench-panel.ts [--events 1000000] [--rate 10000] [--seconds 20] [--profile]
 *
 * Builds scripts/bench-panel/ (the real panel UI: App over a PanelStore, with the panel's
 * styles) with vite into a temporary directory, serves it on 127.0.0.1 and drives it in the
 * system Chromium (headless, 1280×800):
 * 1. loads 1,000,000 synthetic scaiwave events as a trace (the viewer's path) and waits until
 *    the rows are indexed and the analysis is done (both run in slices off the render path);
 *    then measures memory after a GC — the page's JS heap (target < 500 MB) and, for
 *    information, the resident memory of the renderer processes;
 * 2. scrolls the frames table and zooms and pans the timeline once per animation frame and
 *    reports per-frame work times measured with requestAnimationFrame (from the rAF callback
 *    to the first task after that frame's rendering; target p95 < 16 ms);
 * 3. streams 10,000 events per second for 20 s through `store.ingest` (the live panel's path)
 *    and reports whether ingest, indexing and the throttled analysis keep up.
 * Prints rows `name: value (target)`. `--profile` adds the functions with the most self time
 * (CPU profiler) for each interaction, for whoever optimises next. `--showcase` only renders
 * a small hand-made capture with every kind of timeline mark and writes
 * artifacts/panel-showcase-{light,dark}.png (1280×800) to look at.
 */
import { build } from 'vite';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { findChromium, CHROMIUM_QUIET_ARGS } from '../src/cli/browser/find-browsers';
import type { BenchApi, StreamResult } from './bench-panel/entry';
import { row } from './bench/stats';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : dflt;
};
const EVENTS = arg('events', 1_000_000);
const RATE = arg('rate', 10_000);
const SECONDS = arg('seconds', 20);
const PROFILE = args.includes('--profile');
const LIVE_ONLY = args.includes('--live-only');
const SHOWCASE = args.includes('--showcase');

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Top `n` functions by self time of a CPU profile, as "name (file:line) 12.3 ms". */
function topSelf(p: CpuProfile, n = 12): string[] {
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const node of p.nodes) {
    const us = self.get(node.id) ?? 0;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} (${f.url.split('/').pop()}:${f.lineNumber + 1})`;
    byName.set(key, (byName.get(key) ?? 0) + us);
  }
  return [...byName].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${k} ${(us / 1000).toFixed(1)} ms`);
}

/** A context line (`#`, no target). */
const out = (name: string, value: string, note = ''): void => {
  process.stdout.write(`# ${name}: ${value}${note ? ` (${note})` : ''}\n`);
};
/** A row with a target (scripts/bench/stats.ts). */
const target = (...args: Parameters<typeof row>): void => {
  process.stdout.write(row(...args) + '\n');
};
const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function buildPage(dir: string): Promise<void> {
  const root = resolve(import.meta.dirname, 'bench-panel');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    base: './',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { outDir: dir, emptyOutDir: true, target: 'chrome120', minify: !PROFILE, rollupOptions: { input: join(root, 'index.html') } },
  });
}

function serve(dir: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/').replace(/^\/+/, '') || 'index.html');
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`, server })));
}

/** Resident set size (bytes) of every renderer process, from /proc (Linux). */
async function rendererRss(browserCdp: CDPSession): Promise<number[]> {
  try {
    const info = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
    return info.processInfo
      .filter((p) => p.type === 'renderer')
      .map((p) => {
        try {
          const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'));
          return m ? Number(m[1]) * 1024 : 0;
        } catch {
          return 0;
        }
      });
  } catch {
    return [];
  }
}

async function waitSettled(page: Page, timeoutMs = 180_000): Promise<ReturnType<BenchApi['settled']>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await page.evaluate(() => window.bench.settled());
    if (s.indexed === s.events && s.analysed === s.events && !s.running && s.rows > 0) return s;
    if (Date.now() > end) throw new Error(`not settled: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-bench-panel-'));
  await buildPage(dir);
  const { url, server } = await serve(dir);
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_QUIET_ARGS, '--enable-precise-memory-info'] });
  try {
    const browserCdp = await browser.newBrowserCDPSession();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    out('machine', `${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    let page = await context.newPage();
    if (SHOWCASE) {
      mkdirSync('artifacts', { recursive: true });
      for (const theme of ['light', 'dark']) {
        await page.goto(`${url}?showcase&theme=${theme}`);
        await page.waitForSelector('.finding');
        await page.click('.finding[data-code="sync-skipped"]');
        await page.waitForTimeout(500);
        await page.screenshot({ path: `artifacts/panel-showcase-${theme}.png` });
        out('screenshot', `artifacts/panel-showcase-${theme}.png`);
      }
      return;
    }
    await page.goto(url);
    // 1–2. Load 1,000,000 events, then scroll, zoom and pan.
    if (!LIVE_ONLY) {
      out('events', EVENTS.toLocaleString('en-US'));
      await loadAndInteract(page, context, browserCdp);
    }
    // 3. Live streaming.
    page = await context.newPage();
    await page.goto(url);
    await stream(page, context);
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function loadAndInteract(page: Page, context: BrowserContext, browserCdp: CDPSession): Promise<void> {
  {
    const t0 = Date.now();
    const load = await page.evaluate((n) => window.bench.load(n), EVENTS);
    const settled = await waitSettled(page);
    const settleMs = Date.now() - t0;
    out('generate events (bench only)', ms(load.generateMs));
    out('load into the store (trace path)', ms(load.loadMs));
    out('rows indexed + analysis done after load', ms(settleMs - load.generateMs), 'in background slices of ≤ 5 ms, ≤ 7 ms per frame');
    out('analysis run (sliced, wall time)', ms(settled.lastMs));
    out('table rows', settled.rows.toLocaleString('en-US'));
    out('findings', String(settled.findings));
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await new Promise((r) => setTimeout(r, 300));
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    target('JS heap used with 1M events loaded', heap.usedSize / 1048576, '≤', 500, { digits: 0, unit: 'MB' });
    const rss = await rendererRss(browserCdp);
    if (rss.length) out('renderer resident memory (largest renderer)', mb(Math.max(...rss)), 'information');

    // 2. Scroll and zoom.
    for (const [kind, dur] of [['scroll', 4000], ['zoom', 4000], ['pan', 3000]] as const) {
      if (PROFILE) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      const f = await page.evaluate(([k, d]) => window.bench.frames(k, d), [kind, dur] as const);
      if (PROFILE) {
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
        for (const line of topSelf(profile)) out(`  ${kind} self time`, line);
      }
      target(`${kind} frame work p95`, pct(f.work, 95), '≤', 16, { digits: 1, unit: 'ms', note: `${f.work.length} frames` });
      out(`${kind} frame work p50 / max`, `${ms(pct(f.work, 50))} / ${ms(Math.max(...f.work))}`);
      out(`${kind} rAF interval p95 (${f.intervals.length} frames)`, ms(pct(f.intervals, 95)), '≈ 16.7 ms at 60 Hz');
    }
    const heapAfter = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    target('JS heap used after scrolling and zooming', heapAfter.usedSize / 1048576, '≤', 500, { digits: 0, unit: 'MB' });
    await page.close();
  }
}

async function stream(page: Page, context: BrowserContext): Promise<void> {
  {
    const cdp2 = await context.newCDPSession(page);
    if (PROFILE) {
      await cdp2.send('Profiler.enable');
      await cdp2.send('Profiler.start');
    }
    const s: StreamResult = await page.evaluate(([r, sec]) => window.bench.stream(r, sec), [RATE, SECONDS] as const);
    if (PROFILE) {
      const { profile } = (await cdp2.send('Profiler.stop')) as { profile: CpuProfile };
      for (const line of topSelf(profile, 25)) out('  live self time', line);
    }
    target(`live: share of the events generated at ${RATE.toLocaleString('en-US')}/s for ${SECONDS} s ingested`, s.generated ? s.ingested / s.generated : NaN, '≥', 1, { note: `${s.ingested.toLocaleString('en-US')} of ${s.generated.toLocaleString('en-US')} in ${s.seconds.toFixed(1)} s` });
    out('live: rows not yet indexed, worst / at end', `${s.maxIndexLag} / ${s.endIndexLag} events`, 'a frame\'s worth');
    out('live: analysis runs / worst age of the shown analysis', `${s.analysisRuns} / ${(s.maxAnalysisAgeMs / 1000).toFixed(1)} s`, 'throttled: ≥ 500 ms apart, ≤ 1/3 of the time');
    out('live: worst feed timer delay (event-loop latency)', ms(s.maxTimerDelayMs));
    target('live: frame work p95 while streaming', pct(s.work, 95), '≤', 16, { digits: 1, unit: 'ms' });
    out('live: rAF interval p95 while streaming', ms(pct(s.intervals, 95)));
    await cdp2.send('HeapProfiler.collectGarbage');
    const heap2 = (await cdp2.send('Runtime.getHeapUsage')) as { usedSize: number };
    target(`live: JS heap after ${(RATE * SECONDS).toLocaleString('en-US')} events`, heap2.usedSize / 1048576, '≤', 500, { digits: 0, unit: 'MB' });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench-panel failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
