/**
 * Panel intake benchmark (Node, not a test): CPU per received frame the panel spends OUTSIDE
 * drawing — parsing batch texts, ingest into the store, indexing, fills, auto-profile
 * learning and the throttled analysis — and the garbage collection it causes.
 *
 * The batch texts are made by the real hook code path: the page recorder (src/page/recorder.ts)
 * records `size`-byte JSON messages (like scripts/bench/hook-overhead-server.ts sends) at about
 * the rate the standalone bench receives them, on a simulated clock, so the live preview budget
 * sends most frames of 1 KB and 64 KB with a short preview and fills them once the page is quiet.
 * Each text is `{"kind":"hook-batch",…}` as the hook posts it. The panel side is the real
 * intake: `panelBatch` (core/bridge/validate-batch.ts) → `PanelStore.ingest` → the store's
 * background slices (index, filter, auto-profile learning, analysis), on a scheduler whose
 * clock is real time spent working plus simulated idle time between batches (animation frames
 * every 16.7 ms), so throttles and slices behave as in the browser. Nothing is drawn.
 *
 * Run: `npx tsx --expose-gc scripts/bench/panel-ingest.ts [--sizes 100,1024,65536] [--rounds 3] [--min]
 * [--runs N] [--shared]`: `--runs` feeds N runs (each a new connection) into one panel, like the
 * browser bench's rounds; `--shared` feeds every size into the same panel, in order.
 * Prints per size: CPU µs per frame (process user+system, median of rounds), of which GC
 * (perf_hooks 'gc' entries), parse and ingest (wall time: on a loaded machine more than their
 * CPU), the rest (background slices), and the live and fill phases (CPU).
 */
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { Recorder, type RawEvent } from '../../src/page/recorder';
import { takePayload } from '../../src/page/payload';
import type { WireBatch } from '../../src/core/bridge/messages';
import { panelBatch } from '../../src/core/bridge/validate-batch';
import { PanelStore } from '../../src/panel/store';
import type { PanelScheduler } from '../../src/panel/scheduler';
import { nodeNatives } from '../../test/unit/page/node-natives';
import { jsonOfSize } from './hook-overhead-server';

/** One batch text as the panel receives it, with the simulated time the hook sent it (ms). */
interface Sent {
  at: number;
  text: string;
  fill: boolean;
}

/** Frames and receive rate per size, as the standalone hook bench (hook-configs.ts SIZES, native rates). */
const SIZES: Record<number, { n: number; perSec: number }> = {
  100: { n: 10000, perSec: 20000 },
  1024: { n: 5000, perSec: 11000 },
  65536: { n: 600, perSec: 1200 },
};

const SRC = 'bench-src';
const T0 = 1_700_000_000_000;

/** The batch texts a page hook sends for one receive run of `n` messages of `size` bytes. */
export function hookTexts(size: number, n: number, perSec: number, src = SRC): Sent[] {
  const timers: (() => void)[] = [];
  const nat = nodeNatives(timers);
  let clock = 0;
  nat.now = () => clock;
  nat.timeOrigin = T0;
  const out: Sent[] = [];
  const rec = new Recorder(nat, (b: WireBatch, last: number) => out.push({ at: clock, text: JSON.stringify({ kind: 'hook-batch', last, batch: b }), fill: b.fill === true }), { src, frameUrl: 'http://127.0.0.1:8080/', top: true });
  rec.start(0);
  const conn = `${src}.1`;
  rec.record({ t: rec.now(), type: 'ws-create', conn, url: 'ws://127.0.0.1:8080/', protocols: [], frameUrl: 'http://127.0.0.1:8080/' } as unknown as RawEvent);
  rec.record({ t: rec.now(), type: 'ws-open', conn, protocol: '', extensions: '' } as unknown as RawEvent);
  // Timers run in order of their due time; the simulated clock jumps to it (frames recorded in between).
  const due: { at: number; fn: () => void }[] = [];
  const pump = (until: number): void => {
    for (;;) {
      while (timers.length) due.push({ at: clock, fn: timers.shift()! });
      due.sort((a, b) => a.at - b.at);
      const next = due[0];
      if (!next || next.at > until) return;
      due.shift();
      next.fn();
    }
  };
  // setTimeout delays: the recorder asks for 16 or 100 ms; nodeNatives queues without a time.
  nat.setTimeout = ((fn: () => void, ms = 0) => void due.push({ at: clock + ms, fn })) as unknown as typeof setTimeout;
  const gap = 1000 / perSec;
  for (let i = 0; i < n; i++) {
    clock = i * gap;
    pump(clock);
    const payload = takePayload(nat, jsonOfSize(size, i), rec.options.previewCap)!;
    rec.record({ t: rec.now(), type: 'ws-message', conn, payload } as unknown as RawEvent);
  }
  clock = n * gap;
  rec.record({ t: rec.now(), type: 'ws-close-call', conn, code: 1000, reason: '' } as unknown as RawEvent);
  rec.record({ t: rec.now(), type: 'ws-close', conn, code: 1005, reason: '', wasClean: true } as unknown as RawEvent);
  for (let k = 0; k < 100000 && (due.length || timers.length); k++) {
    while (timers.length) due.push({ at: clock, fn: timers.shift()! });
    due.sort((a, b) => a.at - b.at);
    const next = due.shift()!;
    clock = Math.max(clock, next.at);
    next.fn();
  }
  if (rec.owedCount > 0) throw new Error(`${rec.owedCount} previews still owed`);
  return out;
}

/** A scheduler on a clock of real time spent plus simulated idle time; see module comment. */
function benchScheduler() {
  let skew = 0;
  const now = (): number => performance.now() + skew;
  let tasks: (() => void)[] = [];
  let rafs: (() => void)[] = [];
  const timers: { at: number; cb: () => void }[] = [];
  let nextFrame = 0;
  const sched: PanelScheduler = {
    raf: (cb) => void rafs.push(cb),
    post: (cb) => void tasks.push(cb),
    timeout: (cb, ms) => void timers.push({ at: now() + ms, cb }),
    now,
  };
  /** Runs what is due: tasks, timers, and an animation frame every 16.7 ms. */
  const runDue = (): boolean => {
    let ran = false;
    for (let guard = 0; guard < 100000; guard++) {
      if (tasks.length) {
        const t = tasks;
        tasks = [];
        for (const f of t) f();
        ran = true;
        continue;
      }
      const t = now();
      const ti = timers.findIndex((x) => x.at <= t);
      if (ti >= 0) {
        timers.splice(ti, 1)[0]!.cb();
        ran = true;
        continue;
      }
      if (t >= nextFrame && rafs.length) {
        nextFrame = t + 1000 / 60;
        const r = rafs;
        rafs = [];
        for (const f of r) f();
        ran = true;
        continue;
      }
      return ran;
    }
    return ran;
  };
  /** Runs due work until simulated time `until`, idling (jumping the clock) when nothing is due. */
  const runUntil = (until: number): void => {
    for (;;) {
      runDue();
      const t = now();
      if (t >= until) return;
      const wake = Math.min(until, rafs.length ? nextFrame : Infinity, ...timers.map((x) => x.at));
      skew += Math.max(0, wake - t);
    }
  };
  /** True when nothing at all is pending. */
  const idle = (): boolean => tasks.length === 0 && rafs.length === 0 && timers.length === 0;
  return { sched, runUntil, idle, now, start: () => (skew = -performance.now()) };
}

interface Result {
  frames: number;
  cpuUs: number;
  gcUs: number;
  parseUs: number;
  ingestUs: number;
  liveCpuUs: number;
  fillCpuUs: number;
  batches: number;
  fills: number;
  chars: number;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

let gcTotal = 0;
const gcObs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcTotal += e.duration * 1000;
});

/** A panel store on the bench scheduler: runs after the first go into the same capture (`--runs`). */
function benchPanel() {
  const s = benchScheduler();
  const store = new PanelStore(s.sched, () => T0 + s.now());
  s.start();
  return { s, store };
}

/**
 * Feeds `sent` (one run of `frames` frames from source `src`) through the panel's real intake,
 * `panel` holding earlier runs or nothing; returns CPU µs (totals, not per frame).
 */
export function replay(sent: Sent[], frames: number, src = SRC, panel = benchPanel()): Result {
  const { s, store } = panel;
  (globalThis as { gc?: () => void }).gc?.();
  const base = s.now() + 1000;
  s.runUntil(base);
  const c0 = cpuNow();
  let parseUs = 0;
  let ingestUs = 0;
  let liveEnd = 0;
  let chars = 0;
  let fills = 0;
  for (const b of sent) {
    s.runUntil(base + b.at);
    if (b.fill && !liveEnd) liveEnd = cpuNow();
    const a = performance.now();
    const batch = panelBatch(b.text, src, false);
    const m = performance.now();
    if (!batch) throw new Error('batch refused');
    store.ingest(batch);
    ingestUs += (performance.now() - m) * 1000;
    parseUs += (m - a) * 1000;
    chars += b.text.length;
    if (b.fill) fills++;
  }
  // The bench's window ends when the browser is quiet: run on until nothing is pending.
  const last = base + sent.at(-1)!.at;
  for (let t = last + 100; t < last + 10000 && !(s.idle() && !store.analysisStatus.value.running); t += 100) s.runUntil(t);
  s.runUntil(s.now() + 600); // a throttled analysis run still due
  const c1 = cpuNow();
  // Everything arrived: every frame, in order, full previews in place.
  const frameEvents = store.state.events.filter((e) => e.type === 'ws-message' && e.conn === `${src}.1`);
  if (frameEvents.length !== frames) throw new Error(`panel holds ${frameEvents.length} frames, not ${frames}`);
  if (store.state.pendingPreviews.size) throw new Error(`${store.state.pendingPreviews.size} previews pending`);
  if (frameEvents.some((e) => e.type === 'ws-message' && e.truncated)) throw new Error('a short preview was never filled');
  return {
    frames,
    cpuUs: c1 - c0,
    gcUs: 0, // filled in by the caller once the 'gc' entries arrived (they come asynchronously)
    parseUs,
    ingestUs,
    liveCpuUs: (liveEnd || c1) - c0,
    fillCpuUs: liveEnd ? c1 - liveEnd : 0,
    batches: sent.length,
    fills,
    chars,
  };
}

/** The median of the rounds; `--min` takes the least (steadier on a loaded machine). */
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return process.argv.includes('--min') ? s[0]! : s[Math.floor(s.length / 2)]!;
};

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, def: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1]! : def;
  };
  const sizes = opt('--sizes', '100,1024,65536').split(',').map(Number);
  const rounds = Number(opt('--rounds', '3'));
  if (!(globalThis as { gc?: unknown }).gc) console.log('# (run with --expose-gc for a clean heap before each round)');
  gcObs.observe({ entryTypes: ['gc'] });
  void perfConstants;
  const runs = Number(opt('--runs', '1'));
  const shared = args.includes('--shared');
  console.log('size | run | frames | batches (fills) | CPU µs/frame | GC | parse | ingest | slices | live phase | fill phase');
  const texts = new Map<string, Sent[]>();
  for (const size of sizes) {
    const cfg = SIZES[size];
    if (!cfg) throw new Error(`no such size ${size} (${Object.keys(SIZES).join(', ')})`);
    for (let k = 1; k <= runs; k++) texts.set(`${size} ${k}`, hookTexts(size, cfg.n, cfg.perSec, `${SRC}-${size}-${k}`));
  }
  // Per size and run: the results of each measured round.
  const results = new Map<string, Result[]>();
  for (let r = 0; r < rounds + 1; r++) {
    let panel = benchPanel();
    for (const size of sizes) {
      const cfg = SIZES[size]!;
      if (!shared) panel = benchPanel();
      for (let k = 1; k <= runs; k++) {
        await tick();
        const gc0 = gcTotal;
        const res = replay(texts.get(`${size} ${k}`)!, cfg.n, `${SRC}-${size}-${k}`, panel);
        await tick();
        res.gcUs = gcTotal - gc0;
        if (r === 0) continue; // the first round warms the JIT
        const key = `${size} ${k}`;
        results.set(key, [...(results.get(key) ?? []), res]);
      }
    }
  }
  for (const size of sizes) {
    const n = SIZES[size]!.n;
    for (let k = 1; k <= runs; k++) {
      const rs = results.get(`${size} ${k}`) ?? [];
      const r0 = rs[0];
      if (!r0) continue;
      const per = (f: (r: Result) => number): string => (median(rs.map(f)) / n).toFixed(1);
      console.log(
        `${size} B | ${k} | ${n} | ${r0.batches} (${r0.fills}) | ${per((r) => r.cpuUs)} | ${per((r) => r.gcUs)} | ${per((r) => r.parseUs)} | ${per((r) => r.ingestUs)} | ${per((r) => r.cpuUs - r.parseUs - r.ingestUs)} | ${per((r) => r.liveCpuUs)} | ${per((r) => r.fillCpuUs)}`,
      );
    }
  }
  gcObs.disconnect();
}

void main();
