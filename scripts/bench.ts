/**
 * `npm run bench`: prints `name: value (target)` rows for every benchmark and exits 0.
 * Not part of `npm test`. Set BENCH_ONLY=hook|analysis|panel to run one group.
 */
import { benchHookOverhead } from './bench/hook-overhead';

const only = process.env.BENCH_ONLY;
const groups: [string, () => Promise<string[]>][] = [['hook', benchHookOverhead]];
for (const [name, fn] of groups) {
  if (only && only !== name) continue;
  process.stdout.write(`# ${name}\n`);
  const t0 = Date.now();
  for (const row of await fn()) process.stdout.write(row + '\n');
  process.stdout.write(`# ${name} took ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}
