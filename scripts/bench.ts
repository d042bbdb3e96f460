/**
 * `npm run bench`: prints every benchmark's rows and exits 0 (method and settings:
 * scripts/bench/README.md). Not part of `npm test`. A row with a target prints as
 * `name: value (≥ target; rounds lo–hi)` or `(≤ target …)`; every other line starts with `#`.
 *   hook      scripts/bench/hook-overhead.ts (throughput and per-process CPU per frame)
 *   hook-cpu  the hook group's per-process CPU table only (3 rounds of one burst unless
 *             BENCH_ROUNDS and BENCH_BURSTS say)
 *   analysis  scripts/bench-analysis.ts (1,000,000 events vs JSON.parse; profile learning)
 *   panel     scripts/bench-panel.ts (1,000,000 events loaded, frame times, live streaming)
 * BENCH_ONLY picks one group.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchHookOverhead, parseHookBenchEnv, type HookBenchEnv } from './bench/hook-overhead';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.env.BENCH_ONLY;
const GROUPS = ['hook', 'hook-cpu', 'analysis', 'panel'];
let hookEnv: HookBenchEnv;
try {
  if (only !== undefined && !GROUPS.includes(only)) throw new Error(`BENCH_ONLY=${JSON.stringify(only)}: expected one of ${GROUPS.map((g) => JSON.stringify(g)).join(', ')}`);
  hookEnv = parseHookBenchEnv(process.env);
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exit(2);
}

/** Runs a benchmark script in its own process (own heap, own RSS) and passes on its output lines. */
function script(path: string): (emit: (line: string) => void) => Promise<void> {
  return async (emit) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    for (const l of (r.stdout ?? '').split('\n')) if (l.trim()) emit(l);
    if (r.status !== 0) emit(`# error: ${path} exited ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop() ?? ''}`);
  };
}

const load = (): string => loadavg().map((x) => x.toFixed(1)).join(' ');
const groups: [string, (emit: (line: string) => void) => Promise<void>][] = [
  ['hook', (emit) => benchHookOverhead(hookEnv, emit)],
  ['analysis', script('scripts/bench-analysis.ts')],
  ['panel', script('scripts/bench-panel.ts')],
];
const start = Date.now();
for (const [name, fn] of groups) {
  if (only && only !== name && !(name === 'hook' && only === 'hook-cpu')) continue;
  process.stdout.write(`# ${name} (load average ${load()})\n`);
  const t0 = Date.now();
  await fn((line) => process.stdout.write(line + '\n'));
  process.stdout.write(`# ${name} took ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}
process.stdout.write(`# total ${((Date.now() - start) / 1000).toFixed(0)} s (load average ${load()})\n`);
