/**
 * Ad-hoc profiler of the live pipeline (not part of `npm run bench`): runs one receive or send
 * run in headless Chromium in one configuration and prints per-process CPU time per frame
 * (/proc) and, per JS target (page, panel, service worker, DevTools frontend), the CDP
 * Profiler's busy time and the functions with the most self time.
 *
 *   npx tsx scripts/bench/hot-profile.ts [devtools|standalone|closed|native] [receive|send] [size] [n] [--no-profile] [--burst-only] [--raf-sources] [--long-tasks] [--key-probe] [--count-frames] [--trace]
 *
 * `--long-tasks` reports the panel's long tasks (≥ 50 ms: input waits behind them) until the burst's end.
 * `PANEL_FRONT=1` keeps a standalone panel as the visible tab (the page then runs in a background tab).
 * `--key-probe` presses arrow keys in the frames table every 200 ms and reports how long each
 * took to be painted.
 * `--raf-sources` counts the panel's requestAnimationFrame calls by caller until the burst's end.
 * `--burst-only` stops the CPU profiles (and the trace) at the burst's last frame, so they show what competed
 * with the page rather than the catch-up after it.
 *
 * In the panel it always counts DOM mutation callbacks and the mutations by kind and target
 * (where churn comes from) and reports the document's visibility. `--count-frames` also counts
 * the panel's animation frames with a requestAnimationFrame loop of its own: that loop makes
 * the browser produce 60 frames a second even when nothing changed, which inflates the panel's
 * (and the GPU's) cost, so it is off by default. `--trace` records a Chromium trace of the run
 * (devtools.timeline, blink) and prints, per renderer main thread, the time in layout, style,
 * paint, script and the number of animation frames and commits.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { startBenchServer } from './hook-overhead-server';
import { launchRawChromium, type RawChromium } from './raw-chromium';
import { openWavetracePanel, waitFor } from '../../src/cli/browser/chromium';
import { CdpSession, listTargets } from '../../src/cli/browser/cdp';
import { startTrace, type RunningTrace } from './trace-summary';

const [cfg = 'devtools', kind = 'receive', sizeArg = '100', nArg = '20000'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const profile = !process.argv.includes('--no-profile');
const countFrames = process.argv.includes('--count-frames');
const tracing = process.argv.includes('--trace');
const burstOnly = process.argv.includes('--burst-only');
const rafSources = process.argv.includes('--raf-sources');
const longTasks = process.argv.includes('--long-tasks');
const keyProbe = process.argv.includes('--key-probe');
const size = Number(sizeArg);
const n = Number(nArg);
const TICK = 1000 / 100; // ms per clock tick (USER_HZ 100)

function children(): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(rest[1]);
      if (!m.has(ppid)) m.set(ppid, []);
      m.get(ppid)!.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return m;
}
function tree(root: number): number[] {
  const m = children();
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(m.get(out[i]!) ?? []));
  return out;
}
function cpuMs(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) * TICK;
  } catch {
    return 0;
  }
}
function label(pid: number): string {
  try {
    const c = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = c.find((x) => x.startsWith('--type='))?.slice(7) ?? 'browser';
    const ext = c.includes('--extension-process') ? ' (extension)' : '';
    const util = c.find((x) => x.startsWith('--utility-sub-type='))?.slice(19) ?? '';
    return `${type}${util ? ':' + util.split('.').pop() : ''}${ext}`;
  } catch {
    return '?';
  }
}

interface ProfNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Prof { nodes: ProfNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** Counts mutation callbacks, and mutations by type, attribute and target class (panel side). */
const MUTATION_COUNTER = `(() => {
  globalThis.__muts = 0;
  const kinds = (globalThis.__mutKinds = new Map());
  const where = (n) => { const e = n && n.nodeType === 1 ? n : n && n.parentElement; return e ? e.tagName.toLowerCase() + (e.classList && e.classList.length ? '.' + [...e.classList].slice(0, 2).join('.') : '') : '?'; };
  new MutationObserver((recs) => {
    globalThis.__muts++;
    for (const r of recs) {
      const k = r.type + (r.attributeName ? ' ' + r.attributeName : '') + ' @ ' + where(r.target);
      kinds.set(k, (kinds.get(k) || 0) + 1);
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  return 1;
})()`;

/**
 * Every 200 ms presses ArrowUp or ArrowDown (a synthetic keydown) on the frames table and
 * records, per press, the ms from when its timer was due to the first task after the next paint
 * (the timer's own lateness included: input waits behind the same tasks).
 */
const KEY_PROBE = `(() => {
  const keys = (globalThis.__keys = []);
  let n = 0;
  let due = performance.now() + 200;
  const press = () => {
    const start = due;
    const grid = document.querySelector('.frame-table');
    if (grid) grid.dispatchEvent(new KeyboardEvent('keydown', { key: n++ % 2 ? 'ArrowUp' : 'ArrowDown', bubbles: true }));
    requestAnimationFrame(() => setTimeout(() => keys.push(Math.round(performance.now() - start)), 0));
    due += 200;
    timer = setTimeout(press, Math.max(0, due - performance.now()));
  };
  let timer = setTimeout(press, 200);
  globalThis.__keyStop = () => clearTimeout(timer);
  return 1;
})()`;

function summarize(name: string, p: Prof): string[] {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  let busy = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i]!)!;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const f = node.callFrame;
    if (f.functionName === '(idle)') continue;
    busy += dt;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  // Inclusive time of named functions (once per sample even when recursive).
  const parent = new Map<number, number>();
  for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const incl = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = p.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (f.functionName === '(idle)') break;
      const k = f.functionName;
      if (!k || seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + dt);
    }
  }
  const want = (process.env.INCL ?? 'ingest,ingestBatch,parseHookBatchText,onBatch,slice,advance,step,bump,flush,flushLive,liveBatch,toTraceEvent,send,fromHookText,post,record,postMessage,dispatchEvent,stringify').split(',');
  const inclLine = '    inclusive: ' + want.filter((w) => incl.has(w)).map((w) => `${w} ${incl.get(w)!.toFixed(0)}`).join(', ');
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 18);
  return [`${name}: JS thread busy ${busy.toFixed(0)} ms (${((busy * 1000) / n).toFixed(1)} µs/frame)`, inclLine, ...top.map(([k, v]) => `    ${v.toFixed(1).padStart(8)} ms  ${k}`)];
}

async function main(): Promise<void> {
  const srv = await startBenchServer();
  const url = `${srv.httpUrl}/bench.html`;
  let b: RawChromium;
  let panel: CdpSession | undefined;
  if (cfg === 'native') b = await launchRawChromium(url, { extension: false });
  else if (cfg === 'devtools-noext') {
    b = await launchRawChromium(url, { extension: false, devtools: true });
    await waitFor(async () => (await listTargets(b.debugPort)).find((t) => t.url.startsWith('devtools://')), 'devtools');
    await new Promise((r) => setTimeout(r, 3000));
  }
  else if (cfg === 'devtools') {
    b = await launchRawChromium(url, { devtools: true });
    panel = (await openWavetracePanel(b, srv.httpUrl)).panel;
  } else {
    b = await launchRawChromium(url);
    if (cfg === 'standalone') {
      panel = await b.newTab(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
      const tabId = await waitFor(() => panel!.evaluate<string | null>(`[...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent.includes('/bench.html'))?.getAttribute('data-tab-id') ?? null`), 'tab');
      await panel.send('Page.navigate', { url: `chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}` });
      await waitFor(() => panel!.evaluate<boolean>(`!!document.querySelector('.app')`), 'panel');
    }
  }
  const targets = await listTargets(b.debugPort);
  const sessions: { name: string; s: CdpSession }[] = [{ name: 'page', s: b.page }];
  if (panel) sessions.push({ name: 'panel', s: panel });
  const sw = targets.find((t) => t.type === 'service_worker');
  if (sw) sessions.push({ name: 'hub (service worker)', s: await CdpSession.connect(sw.webSocketDebuggerUrl) });
  const front = targets.find((t) => t.url.startsWith('devtools://'));
  if (front) sessions.push({ name: 'devtools frontend', s: await CdpSession.connect(front.webSocketDebuggerUrl) });
  // Map JS targets to processes: spin each for 400 ms and see which pid gains.
  const pids = tree(b.proc.pid!);
  const names = new Map<number, string>();
  for (const { name, s } of sessions) {
    const before = new Map(pids.map((p) => [p, cpuMs(p)]));
    await s.evaluate(`(() => { const t = performance.now() + 400; while (performance.now() < t) {} return 1; })()`).catch(() => undefined);
    let best = 0;
    let bestGain = 0;
    for (const p of pids) {
      const g = cpuMs(p) - (before.get(p) ?? 0);
      if (g > bestGain) [best, bestGain] = [p, g];
    }
    if (best) names.set(best, (names.has(best) ? names.get(best) + ' + ' : '') + name);
  }
  if (!process.env.PANEL_FRONT) await b.activate(b.pageTarget); // PANEL_FRONT=1: a standalone panel stays the visible tab
  const evalRun = (count: number): Promise<unknown> => b.page.evaluate(`${kind === 'receive' ? 'benchReceive' : 'benchSend'}(${JSON.stringify(srv.wsUrl)}, ${count}, ${size})`);
  const panelEvents = (): Promise<number> => (panel ? panel.evaluate<number>('globalThis.wavetrace ? globalThis.wavetrace.eventCount() : 0') : Promise.resolve(0));
  const pending = (): Promise<number> => (panel ? panel.evaluate<number>('globalThis.wavetrace ? globalThis.wavetrace.pendingPreviews() : 0') : Promise.resolve(0));
  await evalRun(Math.min(n, 2000)); // warm-up
  await new Promise((r) => setTimeout(r, 1500));
  const ev0 = await panelEvents();
  if (profile) for (const { s } of sessions) { await s.send('Profiler.enable'); await s.send('Profiler.setSamplingInterval', { interval: Number(process.env.SAMPLE_US ?? 200) }); await s.send('Profiler.start'); }
  if (panel) await panel.evaluate(MUTATION_COUNTER);
  if (panel && longTasks) await panel.evaluate(`(() => { const l = (globalThis.__long = []); new PerformanceObserver((list) => { for (const e of list.getEntries()) l.push(Math.round(e.duration)); }).observe({ type: 'longtask' }); return 1; })()`);
  if (panel && keyProbe) await panel.evaluate(KEY_PROBE);
  if (panel && rafSources) await panel.evaluate(`(() => { const o = globalThis.requestAnimationFrame.bind(globalThis); const m = (globalThis.__rafSrc = new Map()); globalThis.requestAnimationFrame = (cb) => { const k = (new Error().stack || '').split('\\n').slice(2, 4).map((l) => l.trim().replace(/\\(.*\\//, '(')).join(' < '); m.set(k, (m.get(k) || 0) + 1); (globalThis.__rafT ||= []).push([Math.round(performance.now()), k.slice(3, 40)]); return o(cb); }; return 1; })()`);
  if (panel && countFrames) await panel.evaluate(`(() => { globalThis.__rafs = 0; const f = () => { globalThis.__rafs++; requestAnimationFrame(f); }; requestAnimationFrame(f); return 1; })()`);
  const trace: RunningTrace | undefined = tracing ? await startTrace(b.debugPort) : undefined;
  const all = tree(b.proc.pid!);
  const c0 = new Map(all.map((p) => [p, cpuMs(p)]));
  const t0 = Date.now();
  const res = (await evalRun(n)) as { ms: number };
  const runMs = res.ms;
  const cRun = new Map(all.map((p) => [p, cpuMs(p)]));
  const atBurstEnd = (await panelEvents()) - ev0;
  const profiles: { name: string; p: Prof }[] = [];
  const stopProfiles = async (): Promise<void> => {
    if (profile) for (const { name, s } of sessions) profiles.push({ name, p: (await s.send<{ profile: Prof }>('Profiler.stop')).profile });
  };
  let traceLines: string[] = [];
  const labels = (): Map<number, string> => new Map(all.map((p) => [p, `${label(p)}${names.has(p) ? ' [' + names.get(p) + ']' : ''}`]));
  if (panel && keyProbe) {
    const k = await panel.evaluate<number[]>('(globalThis.__keyStop(), globalThis.__keys)');
    const q = (p: number): number => [...k].sort((a, b) => a - b)[Math.min(k.length - 1, Math.floor(p * k.length))] ?? NaN;
    console.log(`  panel key presses until the burst's end: ${k.length}, from due to painted: median ${q(0.5)} ms, p90 ${q(0.9)}, max ${k.length ? Math.max(...k) : NaN}`);
  }
  if (panel && longTasks) {
    const l = await panel.evaluate<number[]>('globalThis.__long');
    console.log(`  panel long tasks (≥ 50 ms) until the burst's end: ${l.length}, longest ${l.length ? Math.max(...l) : 0} ms, ${l.reduce((a, b) => a + b, 0)} ms in all`);
  }
  if (panel && rafSources) {
    const src = await panel.evaluate<[string, number][]>(`[...globalThis.__rafSrc].sort((a, b) => b[1] - a[1]).slice(0, 8)`);
    console.log('  panel animation frame requests until the burst ended, by caller:');
    for (const [k, v] of src) console.log(`    ${String(v).padStart(6)}  ${k}`);
    if (process.env.RAF_TIMES) console.log(await panel.evaluate<string>(`globalThis.__rafT.map(([t, k]) => t + ' ' + k).join('\\n')`));
  }
  if (burstOnly) {
    await stopProfiles();
    if (trace) traceLines = await trace.stop(labels());
  }
  // Drain: the panel holds every frame and no preview is owed.
  const tEnd = Date.now() + 60000;
  if (panel) while (Date.now() < tEnd && ((await panelEvents()) < ev0 + n + 2 || (await pending()) > 0)) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 500));
  const c1 = new Map(all.map((p) => [p, cpuMs(p)]));
  const drainMs = Date.now() - t0 - runMs;
  console.log(`${cfg} ${kind} ${size} B × ${n}: run ${runMs.toFixed(0)} ms (${Math.round((n / runMs) * 1000)} msg/s), drain after run ${drainMs} ms, panel got ${(await panelEvents()) - ev0} (${atBurstEnd} by the burst's end)`);
  if (panel) {
    const m = await panel.evaluate<{ callbacks: number; visibility: string; nodes: number; top: [string, number][] }>(`({ callbacks: globalThis.__muts, visibility: document.visibilityState, nodes: document.getElementsByTagName('*').length, top: [...globalThis.__mutKinds].sort((a, b) => b[1] - a[1]).slice(0, 12) })`);
    console.log(`  panel (${m.visibility}, ${m.nodes} elements): mutation callbacks ${m.callbacks}${countFrames ? `, animation frames ${await panel.evaluate('globalThis.__rafs')}` : ''}`);
    for (const [k, v] of m.top) console.log(`    ${String(v).padStart(7)}  ${k}`);
  }
  let tot = 0;
  let totRun = 0;
  for (const p of all) {
    const d = (c1.get(p) ?? 0) - (c0.get(p) ?? 0);
    const dr = (cRun.get(p) ?? 0) - (c0.get(p) ?? 0);
    tot += d;
    totRun += dr;
    if (d > 0) console.log(`  pid ${p} ${label(p)}${names.has(p) ? ' [' + names.get(p) + ']' : ''}: ${d.toFixed(0)} ms (during run ${dr.toFixed(0)}) = ${((d * 1000) / n).toFixed(1)} µs/frame`);
  }
  console.log(`  all processes: ${tot.toFixed(0)} ms (during run ${totRun.toFixed(0)}) = ${((tot * 1000) / n).toFixed(1)} µs/frame`);
  if (trace && !burstOnly) traceLines = await trace.stop(labels());
  if (traceLines.length) console.log(traceLines.join('\n'));
  if (!burstOnly) await stopProfiles();
  for (const { name, p } of profiles) console.log(summarize(name, p).join('\n'));
  await b.close();
  await srv.close();
  process.exit(0);
}
void main();
