/**
 * How much CPU each hook-bench configuration's browser spends while nothing runs in it
 * (method: scripts/bench/README.md, "Where the noise came from"): launches the configurations
 * of ./hook-configs.ts as the hook group does, lets them settle, then samples each browser's
 * processes every 200 ms for `seconds` and prints, per configuration, its mean CPU in % of one
 * core and the share of 200 ms windows in which it was above 5 % of a core.
 * Run: `npx tsx scripts/bench/idle-cpu.ts [seconds]` (default 20). Linux only.
 */
import { startBenchServer } from './hook-overhead-server';
import { CONFIG_KEYS, CONFIG_NAMES, launchConfig, type Config } from './hook-configs';

const seconds = Number(process.argv[2] ?? 20);
if (!(seconds > 0)) {
  process.stderr.write(`idle-cpu: expected a number of seconds above 0, got ${JSON.stringify(process.argv[2])}\n`);
  process.exit(2);
}
const srv = await startBenchServer();
const configs: Config[] = [];
try {
  for (const key of CONFIG_KEYS) configs.push(await launchConfig(key, `${srv.httpUrl}/bench.html`, srv.httpUrl));
  await new Promise((r) => setTimeout(r, 3000));
  for (const c of configs) await c.cpu.sample(); // refreshes each browser's process list
  const busy = configs.map(() => ({ ns: 0, windows: 0, over: 0 }));
  let last = configs.map((c) => c.cpu.totalNs());
  for (let t = 0; t < seconds * 5; t++) {
    await new Promise((r) => setTimeout(r, 200));
    const now = configs.map((c) => c.cpu.totalNs());
    now.forEach((v, i) => {
      const d = v - (last[i] ?? 0);
      busy[i]!.ns += d;
      busy[i]!.windows++;
      if (d > 0.05 * 200e6) busy[i]!.over++;
    });
    last = now;
  }
  process.stdout.write(`# idle browsers over ${seconds} s, nothing running in them:\n`);
  configs.forEach((c, i) => {
    const b = busy[i]!;
    process.stdout.write(`#   ${CONFIG_NAMES[c.key].padEnd(36)} ${((100 * b.ns) / (seconds * 1e9)).toFixed(1)} % of a core; above 5 % in ${b.over} of ${b.windows} windows of 200 ms\n`);
  });
} finally {
  for (const c of configs) await c.close().catch(() => undefined);
  await srv.close();
}
