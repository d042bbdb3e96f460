/**
 * Hook overhead benchmark (method: scripts/bench/README.md). Measures, side by side in one run in
 * headless Chromium on 127.0.0.1, page-side receive and send throughput for JSON messages of
 * 100 B, 1 KB and 64 KB and the CPU time each Chromium process spends per frame, for the
 * configurations of ./hook-configs.ts (native, panel closed, standalone panel open, DevTools
 * alone, Wavetrace panel inside DevTools). Per kind and size: a warm-up burst per browser, then
 * rounds of bursts in passes whose configuration order is shuffled anew; a configuration's
 * figure in a round is its best burst, and rows print the median ratio to the reference over
 * rounds and the range, noting when other users of the machine took a share of it
 * (scripts/bench/README.md, "How it measures throughput").
 */
import { startBenchServer } from './hook-overhead-server';
import { CONFIG_KEYS, CONFIG_NAMES, launchConfig, type Config, type ConfigKey } from './hook-configs';
import { cpuDelta, type CpuSample } from './process-cpu';
import { cpuLegend, cpuTable } from './cpu-table';
import { median, pct, range, row } from './stats';
import { machineCpu } from './machine-cpu';
import { bestOf, seededRandom, shuffled } from './schedule';
import { priorityRaiser, type PriorityRaiser } from './priority';
import { CONTENDED, foreignShare, interferenceLine, type Interference } from './interference';
import { appendFileSync } from 'node:fs';

type Kind = 'receive' | 'send';
interface RunResult { ms: number; count: number; gaps?: number[]; calls?: number[] }
/** One run: throughput and CPU ns per process over the run and its aftermath. */
/** One burst: its result, CPU per process from its start until the browser was quiet again (`cpu`) and until the burst's last frame (`burst`), ns. */
interface Run { res: RunResult; cpu: CpuSample; burst: CpuSample; n: number }

/** Frames per run. CPU time per frame is read from process counters in ns, so runs can be short. */
const SIZES: { label: string; size: number; n: number; nSend: number }[] = [
  { label: '100 B', size: 100, n: 10000, nSend: 10000 },
  { label: '1 KB', size: 1024, n: 5000, nSend: 5000 },
  { label: '64 KB', size: 65536, n: 600, nSend: 300 },
];
/** What the environment asks of the hook group. */
export interface HookBenchEnv {
  /** Rounds per row (BENCH_ROUNDS, default 3). */
  rounds: number;
  /** BENCH_KINDS: `receive`, `send` or both, comma-separated (default both). */
  kinds: Kind[];
  /** BENCH_SIZES: labels of {@link SIZES}, comma-separated (default all). */
  sizes: string[];
  /** BENCH_CONFIGS: configurations besides `native` (always run), comma-separated (default all). */
  configs: ConfigKey[];
  /** Print the throughput rows (false for BENCH_ONLY=hook-cpu: the per-process table only). */
  throughput: boolean;
  /** Bursts per configuration per round (BENCH_BURSTS, default 3, 1 for BENCH_ONLY=hook-cpu); a round's figure is the best. */
  bursts: number;
  /** A warm-up pass per kind and size before the rounds, not counted (BENCH_WARMUP=0 turns it off). */
  warmup: boolean;
  /** Seed of the shuffled order (BENCH_SEED, default 1). */
  seed: number;
  /** Nice levels to raise the bench's processes by (BENCH_NICE, -20–0, default 0: not raised). */
  nice: number;
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
  const whole = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    const v = raw === undefined ? fallback : Number(raw);
    if (raw?.trim() === '' || !Number.isInteger(v) || v < min) throw new Error(`${name}=${JSON.stringify(raw)}: expected a whole number, ${min} or more`);
    return v;
  };
  const rounds = whole('BENCH_ROUNDS', 3, 1);
  const nice = env.BENCH_NICE === undefined ? 0 : Number(env.BENCH_NICE);
  if (env.BENCH_NICE?.trim() === '' || !Number.isInteger(nice) || nice < -20 || nice > 0) throw new Error(`BENCH_NICE=${JSON.stringify(env.BENCH_NICE)}: expected a whole number from -20 to 0 (nice levels to raise the bench's processes by)`);
  if (env.BENCH_WARMUP !== undefined && env.BENCH_WARMUP !== '0' && env.BENCH_WARMUP !== '1') throw new Error(`BENCH_WARMUP=${JSON.stringify(env.BENCH_WARMUP)}: expected 0 or 1`);
  const configs = list('BENCH_CONFIGS', env.BENCH_CONFIGS, CONFIG_KEYS.slice(1)) as ConfigKey[];
  return {
    rounds,
    kinds: list('BENCH_KINDS', env.BENCH_KINDS, ['receive', 'send']) as Kind[],
    sizes: list('BENCH_SIZES', env.BENCH_SIZES, SIZES.map((x) => x.label)),
    configs: CONFIG_KEYS.filter((k) => k === 'native' || configs.includes(k)),
    throughput: !cpuOnly,
    bursts: whole('BENCH_BURSTS', cpuOnly ? 1 : 3, 1),
    warmup: env.BENCH_WARMUP !== '0',
    seed: whole('BENCH_SEED', 1, 0),
    nice,
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

/** Length of one window of {@link quietAll}, ms. */
const QUIET_WINDOW_MS = 100;

/**
 * Waits until every bench browser is quiet: each one's processes together under 5 % of one core
 * over two {@link QUIET_WINDOW_MS} windows in a row (at most `maxMs`). Each browser on its own,
 * not their sum: idle, the two with DevTools open each spend about 2 % of a core
 * (scripts/bench/idle-cpu.ts), so the sum of five would seldom stay under 5 %. Other users of
 * the machine do not delay it. Returns the wait, ms.
 */
async function quietAll(all: Config[], maxMs: number): Promise<number> {
  const totals = (): number[] => all.map((c) => c.cpu.totalNs());
  const t0 = Date.now();
  let calm = 0;
  let last = totals();
  while (Date.now() - t0 < maxMs && calm < 2) {
    await sleep(QUIET_WINDOW_MS);
    const now = totals();
    calm = now.every((ns, i) => ns - (last[i] ?? 0) < 0.05 * QUIET_WINDOW_MS * 1e6) ? calm + 1 : 0;
    last = now;
  }
  return Date.now() - t0;
}

/**
 * One burst of `n` frames in `cfg`, with its CPU time per process until every bench browser is
 * quiet again, and what else ran on the machine while it ran.
 */
async function run(cfg: Config, all: Config[], kind: Kind, wsUrl: string, size: number, n: number, raiser?: PriorityRaiser): Promise<Run & { drainMs?: number; quietMs: number; env: Interference }> {
  await cfg.browser.activate(cfg.browser.pageTarget);
  const before = cfg.panel ? (await panelState(cfg)).events : 0;
  const c0 = await cfg.cpu.sample();
  raiser?.apply([process.pid, ...all.flatMap((c) => c.cpu.pids())]);
  const fn = kind === 'receive' ? 'benchReceive' : 'benchSend';
  const ours0 = all.map((c) => c.cpu.totalNs());
  const m0 = machineCpu();
  const n0 = process.cpuUsage();
  const w0 = performance.now();
  const res = await cfg.browser.page.evaluate<RunResult>(`${fn}(${JSON.stringify(wsUrl)}, ${n}, ${size})`);
  const wallMs = performance.now() - w0;
  // CPU until the burst's last frame: what competed with the page while it ran (the rest of the
  // run's CPU, drain and after-work, did not slow the burst down).
  const burst = cpuDelta(c0, await cfg.cpu.sample());
  const m1 = machineCpu();
  const node = process.cpuUsage(n0);
  const ours = all.map((c, i) => (c.cpu.totalNs() - (ours0[i] ?? 0)) / 1e6);
  const nodeMs = (node.user + node.system) / 1000;
  const oursMs = ours.reduce((a, x) => a + x, 0);
  const env: Interference = {
    wallMs,
    // A process of an idle browser that ended during the burst makes its total go down: not below 0.
    idleMs: Math.max(0, oursMs - (ours[all.indexOf(cfg)] ?? 0)),
    nodeMs,
    foreignMs: Math.max(0, m1.busyMs - m0.busyMs - oursMs - nodeMs),
    stealMs: m1.stealMs - m0.stealMs,
  };
  const drainMs = cfg.panel ? await drainPreviews(cfg, before, n) : undefined;
  // A run leaves work behind (DevTools digesting frames, the panel's fills, garbage collection)
  // that belongs to its CPU figures and must not overlap the next run, nor may an idle browser's
  // own work: the next burst starts once every bench browser is quiet.
  const quietMs = await quietAll(all, 20000);
  const cpu = cpuDelta(c0, await cfg.cpu.sample());
  return { res, cpu, burst, n, env, quietMs, ...(drainMs !== undefined ? { drainMs } : {}) };
}

/** One configuration's bursts of one kind and size: `rounds[r]` holds round r's bursts. */
type Bursts = Map<string, Run[][]>;

/**
 * Runs the benchmark and hands each output line (rows and `#` context lines) to `emit` as soon
 * as it is known: the throughput rows of a kind and size when its rounds are done, the
 * per-process tables at the end.
 */
export async function benchHookOverhead(env: HookBenchEnv, emit: (line: string) => void): Promise<void> {
  const srv = await startBenchServer();
  const url = `${srv.httpUrl}/bench.html`;
  const configs: Config[] = [];
  const say = (...xs: string[]): void => xs.forEach((x) => emit(x));
  const random = seededRandom(env.seed);
  const raiser = env.nice < 0 ? priorityRaiser(env.nice) : undefined;
  try {
    const t0 = Date.now();
    for (const key of env.configs) configs.push(await launchConfig(key, url, srv.httpUrl));
    say(`# ${configs.length} browsers launched and their renderers identified in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    if (raiser) {
      try {
        const moved = raiser.apply([process.pid, ...configs.flatMap((c) => c.cpu.pids())]);
        say(`# BENCH_NICE=${env.nice}: ${moved} threads of the bench's processes raised ${-env.nice} nice levels above their own`);
      } catch (e) {
        throw new Error(`BENCH_NICE=${env.nice}: cannot raise the bench's priority (${(e as Error).message.split('\n')[0]}); it needs CAP_SYS_NICE`);
      }
    }
    const spent = new Map<ConfigKey, number>();
    const bursts: Bursts = new Map();
    const drains = new Map<string, number[]>();
    const envs = new Map<string, Interference[]>();
    const tables: string[] = [];
    const log = process.env.BENCH_LOG;
    for (const kind of env.kinds) {
      for (const s of SIZES.filter((x) => env.sizes.includes(x.label))) {
        const n = kind === 'receive' ? s.n : s.nSend;
        const label = `${kind} ${s.label}`;
        // Round -1 is the warm-up pass: run, not counted.
        for (let r = env.warmup ? -1 : 0; r < env.rounds; r++) {
          for (let b = 0; b < (r < 0 ? 1 : env.bursts); b++) {
            const order = shuffled(configs, random);
            for (const cfg of order) {
              const key = `${label}|${cfg.key}`;
              const r0 = Date.now();
              let x: Run & { drainMs?: number; quietMs?: number; env?: Interference };
              try {
                x = await run(cfg, configs, kind, srv.wsUrl, s.size, n, raiser);
              } catch (e) {
                say(`# error: ${key}: ${(e as Error).message.split('\n')[0]}`);
                x = { res: { ms: NaN, count: 0 }, cpu: { page: NaN, hub: NaN, panel: NaN, devtools: NaN, browser: NaN, other: NaN }, burst: { page: NaN, hub: NaN, panel: NaN, devtools: NaN, browser: NaN, other: NaN }, n };
              }
              spent.set(cfg.key, (spent.get(cfg.key) ?? 0) + Date.now() - r0);
              if (log) appendFileSync(log, JSON.stringify({ label, cfg: cfg.key, round: r, burst: b, pos: order.indexOf(cfg), ms: x.res.ms, drainMs: x.drainMs, quietMs: x.quietMs, spentMs: Date.now() - r0, ...x.env, cpu: x.cpu }) + '\n');
              if (r < 0) continue;
              const rounds = bursts.get(key) ?? [];
              (rounds[r] ??= []).push(x);
              bursts.set(key, rounds);
              if (x.drainMs !== undefined) drains.set(key, [...(drains.get(key) ?? []), x.drainMs]);
              if (x.env) envs.set(label, [...(envs.get(label) ?? []), x.env]);
            }
          }
        }
        if (env.throughput) {
          const xs = envs.get(label) ?? [];
          const busy = median(xs.map((x) => foreignShare(x)));
          const note = busy >= CONTENDED ? `other users took ${(100 * busy).toFixed(0)} % of the machine` : undefined;
          say(...throughputRows(label, n, bursts, drains, configs, note), interferenceLine(label, xs));
        }
        tables.push(...cpuTable(label, configs.map((c) => ({ name: CONFIG_NAMES[c.key], runs: (bursts.get(`${label}|${c.key}`) ?? []).flat() }))));
        tables.push(...cpuTable(`${label}, until the burst's last frame only`, configs.map((c) => ({ name: CONFIG_NAMES[c.key], runs: (bursts.get(`${label}|${c.key}`) ?? []).flat().map((r) => ({ cpu: r.burst, n: r.n })) }))));
      }
    }
    say(`# time in runs (with their drain and quiet wait) per configuration: ${configs.map((c) => `${CONFIG_NAMES[c.key]} ${((spent.get(c.key) ?? 0) / 1000).toFixed(0)} s`).join(', ')}`);
    const flat = new Map([...bursts].map(([k, rs]) => [k, rs.flat()]));
    if (env.throughput) say(...perMessageLines(flat));
    if (configs[0]!.cpu.available) say(...tables, '# columns:', ...cpuLegend());
    else say('# per-process CPU: not available here (needs Linux /proc/<pid>/task/<tid>/schedstat)');
  } finally {
    for (const c of configs) await c.close().catch(() => undefined);
    await srv.close();
  }
}

/**
 * Throughput rows of one kind and size. A configuration's figure in a round is its best
 * (shortest) burst of the round; each round's ratio pairs it with its reference's best burst of
 * the same round (their bursts ran interleaved in shuffled order): native for the hook without
 * DevTools, DevTools alone for the Wavetrace panel inside DevTools. The row is the median ratio.
 */
function throughputRows(label: string, n: number, bursts: Bursts, drains: Map<string, number[]>, configs: Config[], note?: string): string[] {
  const ms = (k: ConfigKey): number[] => (bursts.get(`${label}|${k}`) ?? []).map((rs) => bestOf(rs.map((x) => x.res.ms)));
  const has = (k: ConfigKey): boolean => configs.some((c) => c.key === k);
  const ratios = (k: ConfigKey, ref: ConfigKey): number[] => ms(k).map((m, i) => (ms(ref)[i] ?? NaN) / m);
  const out = [`# ${label} native: ${Math.round((n / median(ms('native'))) * 1000)} msg/s (reference)`];
  const ratioRow = (k: ConfigKey, ref: ConfigKey, target: number): void => {
    if (!has(k) || !has(ref)) return;
    const rs = ratios(k, ref);
    out.push(row(`${label} ${CONFIG_NAMES[k]} / ${CONFIG_NAMES[ref]}`, median(rs), '≥', target, { rounds: rs, ...(note ? { note } : {}) }));
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
