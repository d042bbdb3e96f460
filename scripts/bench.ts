/**
 * `npm run bench`: prints `name: value (target)` rows for every benchmark and exits 0.
 * Not part of `npm test`. Set BENCH_ONLY=hook|analysis|panel to run one group.
 *   hook      scripts/bench/hook-overhead.ts (receive/send throughput and per-message cost, see scripts/bench/README.md)
 *   analysis  scripts/bench-analysis.ts (1,000,000 events vs JSON.parse)
 *   panel     scripts/bench-panel.ts (1,000,000 events loaded, frame times, live streaming)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchHookOverhead, parseHookBenchEnv, type HookBenchEnv } from './bench/hook-overhead';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.env.BENCH_ONLY;
let hookEnv: HookBenchEnv;
try {
  if (only !== undefined && !['hook', 'analysis', 'panel'].includes(only)) throw new Error(`BENCH_ONLY=${JSON.stringify(only)}: expected "hook", "analysis" or "panel"`);
  hookEnv = parseHookBenchEnv(process.env);
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message}\n`);
  process.exit(2);
}

/** Runs a benchmark script in its own process (own heap, own RSS) and returns its output lines. */
function script(path: string): () => Promise<string[]> {
  return async () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const lines = (r.stdout ?? '').split('\n').filter((l) => l.trim());
    if (r.status !== 0) lines.push(`error: ${path} exited ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop() ?? ''}`);
    return lines;
  };
}

const groups: [string, () => Promise<string[]>][] = [
  ['hook', () => benchHookOverhead(hookEnv)],
  ['analysis', script('scripts/bench-analysis.ts')],
  ['panel', script('scripts/bench-panel.ts')],
];
for (const [name, fn] of groups) {
  if (only && only !== name) continue;
  process.stdout.write(`# ${name}\n`);
  const t0 = Date.now();
  for (const row of await fn()) process.stdout.write(row + '\n');
  process.stdout.write(`# ${name} took ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}
