/**
 * Hook overhead benchmark (method: scripts/bench/README.md). Measures, side by side in one run in
 * headless Chromium on 127.0.0.1, page-side receive and send throughput for JSON messages of
 * 100 B, 1 KB and 64 KB and the CPU time each Chromium process spends per frame, for the
 * configurations of ./hook-configs.ts (native, panel closed, standalone panel open, DevTools
 * alone, Wavetrace panel inside DevTools). Rounds are interleaved across configurations; rows
 * print the median over rounds and the range.
 */
import { startBenchServer } from './hook-overhead-server';
import { CONFIG_KEYS, CONFIG_NAMES, launchConfig, type Config, type ConfigKey } from './hook-configs';
import { cpuDelta, type CpuSample } from './process-cpu';
import { cpuLegend, cpuTable } from './cpu-table';
import { median, pct, range, row } from './stats';

type Kind = 'receive' | 'send';
interface RunResult { ms: number; count: number; gaps?: number[]; calls?: number[] }
/** One run: throughput and CPU ns per process over the run and its aftermath. */
interface Run { res: RunResult; cpu: CpuSample; n: number }

/** Frames per run. CPU time per frame is read from process counters in ns, so runs can be short. */
const SIZES: { label: string; size: number; n: number; nSend: number }[] = [
  { label: '100 B', size: 100, n: 10000, nSend: 10000 },
  { label: '1 KB', size: 1024, n: 5000, nSend: 5000 },
  { label: '64 KB', size: 65536, n: 600, nSend: 300 },
];
/** What the environment asks of the hook group. */
export interface HookBenchEnv {
  /** Rounds per row (BENCH_ROUNDS, default 5). */
  rounds: number;
  /** BENCH_KINDS: `receive`, `send` or both, comma-separated (default both). */
  kinds: Kind[];
  /** BENCH_SIZES: labels of {@link SIZES}, comma-separated (default all). */
  sizes: string[];
  /** BENCH_CONFIGS: configurations besides `native` (always run), comma-separated (default all). */
  configs: ConfigKey[];
  /** Print the throughput rows (false for BENCH_ONLY=hook-cpu: the per-process table only). */
  throughput: boolean;
}

/**
 * Reads BENCH_ROUNDS, BENCH_KINDS, BENCH_SIZES and BENCH_CONFIGS (and BENCH_ONLY=hook-cpu).
 * @throws Error with a one-line message naming the variable and the values it accepts
 */
export function parseHookBenchEnv(env: NodeJS.ProcessEnv): HookBenchEnv {
  const list = (name: string, raw: string | undefined, allowed: readonly string[]): string[] => {
    if (raw === undefined) return [...allowed];
    const xs = raw.split(',').map((x) => x.trim());
    const bad = xs.find((x) => !allowed.includes(x));
    if (bad !== undefined || xs.length === 0) throw new Error(`${name}=${JSON.stringify(raw)}: expected some of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, comma-separated`);
    return xs;
  };
  const cpuOnly = env.BENCH_ONLY === 'hook-cpu';
  const rounds = env.BENCH_ROUNDS === undefined ? (cpuOnly ? 3 : 5) : Number(env.BENCH_ROUNDS);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_ROUNDS=${JSON.stringify(env.BENCH_ROUNDS)}: expected a whole number of rounds, 1 or more`);
  const configs = list('BENCH_CONFIGS', env.BENCH_CONFIGS, CONFIG_KEYS.slice(1)) as ConfigKey[];
  return {
    rounds,
    kinds: list('BENCH_KINDS', env.BENCH_KINDS, ['receive', 'send']) as Kind[],
    sizes: list('BENCH_SIZES', env.BENCH_SIZES, SIZES.map((x) => x.label)),
    configs: CONFIG_KEYS.filter((k) => k === 'native' || configs.includes(k)),
    throughput: !cpuOnly,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The panel's event count and frames waiting for their full preview. */
const panelState = (cfg: Config): Promise<{ events: number; pending: number }> =>
  cfg.panel!.evaluate('globalThis.wavetrace ? { events: globalThis.wavetrace.eventCount(), pending: globalThis.wavetrace.pendingPreviews() } : { events: 0, pending: 0 }');

/** Waits until the panel holds `before + frames` events and owes no full preview; returns the wait, ms (≤ 60 s). */
async function drainPreviews(cfg: Config, before: number, frames: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < 60000) {
    const s = await panelState(cfg);
    if (s.events >= before + frames && s.pending === 0) return Date.now() - t0;
    await sleep(100);
  }
  return Date.now() - t0;
}

/** One run of `n` frames in `cfg`, with its CPU time per process until the browser is quiet again. */
async function run(cfg: Config, kind: Kind, wsUrl: string, size: number, n: number): Promise<Run & { drainMs?: number }> {
  await cfg.browser.activate(cfg.browser.pageTarget);
  const before = cfg.panel ? (await panelState(cfg)).events : 0;
  const c0 = await cfg.cpu.sample();
  const fn = kind === 'receive' ? 'benchReceive' : 'benchSend';
  const res = await cfg.browser.page.evaluate<RunResult>(`${fn}(${JSON.stringify(wsUrl)}, ${n}, ${size})`);
  const drainMs = cfg.panel ? await drainPreviews(cfg, before, n) : undefined;
  // A run leaves work behind (DevTools digesting frames, the panel's fills, garbage collection)
  // that belongs to its CPU figures and must not overlap the next run.
  await cfg.cpu.quiet(20000);
  const cpu = cpuDelta(c0, await cfg.cpu.sample());
  return { res, cpu, n, ...(drainMs !== undefined ? { drainMs } : {}) };
}

/** Runs the benchmark and returns its output lines (rows and `#` context lines). */
export async function benchHookOverhead(env: HookBenchEnv = parseHookBenchEnv(process.env)): Promise<string[]> {
  const srv = await startBenchServer();
  const url = `${srv.httpUrl}/bench.html`;
  const configs: Config[] = [];
  const lines: string[] = [];
  try {
    for (const key of env.configs) configs.push(await launchConfig(key, url, srv.httpUrl));
    const runs = new Map<string, Run[]>();
    const drains = new Map<string, number[]>();
    const tables: string[] = [];
    for (const kind of env.kinds) {
      for (const s of SIZES.filter((x) => env.sizes.includes(x.label))) {
        const n = kind === 'receive' ? s.n : s.nSend;
        const label = `${kind} ${s.label}`;
        for (let r = 0; r < env.rounds; r++) {
          for (const cfg of configs) {
            const key = `${label}|${cfg.key}`;
            try {
              const x = await run(cfg, kind, srv.wsUrl, s.size, n);
              runs.set(key, [...(runs.get(key) ?? []), x]);
              if (x.drainMs !== undefined) drains.set(key, [...(drains.get(key) ?? []), x.drainMs]);
            } catch (e) {
              lines.push(`# error: ${key}: ${(e as Error).message.split('\n')[0]}`);
              runs.set(key, [...(runs.get(key) ?? []), { res: { ms: NaN, count: 0 }, cpu: { page: NaN, hub: NaN, panel: NaN, devtools: NaN, browser: NaN, other: NaN }, n }]);
            }
          }
        }
        if (env.throughput) lines.push(...throughputRows(label, n, runs, drains, configs));
        tables.push(...cpuTable(label, configs.map((c) => ({ name: CONFIG_NAMES[c.key], runs: runs.get(`${label}|${c.key}`) ?? [] }))));
      }
    }
    if (env.throughput) lines.push(...perMessageLines(runs));
    if (configs[0]!.cpu.available) lines.push(...tables, '# columns:', ...cpuLegend());
    else lines.push('# per-process CPU: not available here (needs Linux /proc/<pid>/task/<tid>/schedstat)');
    return lines;
  } finally {
    for (const c of configs) await c.close().catch(() => undefined);
    await srv.close();
  }
}

/**
 * Throughput rows of one kind and size. Each round's ratio pairs a configuration's run with its
 * reference's run of the same round (they ran back to back): native for the hook without
 * DevTools, DevTools alone for the Wavetrace panel inside DevTools.
 */
function throughputRows(label: string, n: number, runs: Map<string, Run[]>, drains: Map<string, number[]>, configs: Config[]): string[] {
  const ms = (k: ConfigKey): number[] => (runs.get(`${label}|${k}`) ?? []).map((x) => x.res.ms);
  const has = (k: ConfigKey): boolean => configs.some((c) => c.key === k);
  const ratios = (k: ConfigKey, ref: ConfigKey): number[] => ms(k).map((m, i) => (ms(ref)[i] ?? NaN) / m);
  const out = [`# ${label} native: ${Math.round((n / median(ms('native'))) * 1000)} msg/s (reference)`];
  const ratioRow = (k: ConfigKey, ref: ConfigKey, target: number): void => {
    if (!has(k) || !has(ref)) return;
    const rs = ratios(k, ref);
    out.push(row(`${label} ${CONFIG_NAMES[k]} / ${CONFIG_NAMES[ref]}`, median(rs), '≥', target, { rounds: rs }));
  };
  ratioRow('closed', 'native', 0.95);
  ratioRow('panel', 'native', 0.9);
  if (has('devtools')) {
    const rs = ratios('devtools', 'native');
    out.push(`# ${label} DevTools alone / native: ${median(rs).toFixed(2)} (peer reference; rounds ${range(rs, 2)})`);
  }
  ratioRow('devtools-panel', 'devtools', 0.9);
  for (const k of ['panel', 'devtools-panel'] as const) {
    const d = drains.get(`${label}|${k}`);
    if (d && median(d) > 0) out.push(`# ${label} ${CONFIG_NAMES[k]}: all frames and full previews in the panel ${(median(d) / 1000).toFixed(1)} s after the run`);
  }
  return out;
}

/**
 * Main-thread time per message (µs), 100 B, as `#` lines. The page's clock has 5 µs steps (with
 * jitter), so medians and p99 are coarse; the means are finer. A receive gap under 50 µs is a
 * back-to-back dispatch: event dispatch + the hook's listener + the page's handler.
 */
function perMessageLines(runs: Map<string, Run[]>): string[] {
  const out: string[] = [];
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;
  const base = { gap: NaN, call: NaN };
  for (const k of ['native', 'closed', 'panel'] as const) {
    const rx = runs.get(`receive 100 B|${k}`);
    const tx = runs.get(`send 100 B|${k}`);
    if (!rx || !tx) continue;
    const gaps = rx.flatMap((x) => x.res.gaps ?? []);
    const calls = tx.flatMap((x) => x.res.calls ?? []);
    const gap = mean(gaps.filter((g) => g < 0.05));
    const call = mean(calls);
    if (k === 'native') Object.assign(base, { gap, call });
    const added = (v: number, b: number): string => (k === 'native' ? 'reference' : `adds ${us(v - b)}`);
    out.push(`# receive 100 B ${CONFIG_NAMES[k]} per message: mean ${us(gap)} back to back, gap median ${us(median(gaps))}, p99 ${us(pct(gaps, 0.99))} (${added(gap, base.gap)})`);
    out.push(`# send() 100 B ${CONFIG_NAMES[k]} per call: mean ${us(call)}, median ${us(median(calls))}, p99 ${us(pct(calls, 0.99))} (${added(call, base.call)})`);
  }
  return out;
}
