/**
 * The whole machine's CPU time, for telling the hook benchmark's own work from other users of a
 * shared machine (method: scripts/bench/README.md, "How it measures throughput"). Read from the
 * first line of Linux's `/proc/stat` (cumulative clock ticks over all cores, `proc(5)`); off
 * Linux every figure is NaN.
 */
import { readFileSync } from 'node:fs';

/** Cumulative CPU time over all cores since boot, in ms. */
export interface MachineCpu {
  /** Time spent running anything (user, nice, system, irq, softirq), ms. */
  busyMs: number;
  /** Time the hypervisor ran something else while this VM had work (`steal`), ms. */
  stealMs: number;
}

/** Clock ticks per second of `/proc/stat` (USER_HZ, 100 on every Linux build that matters). */
const TICK_MS = 10;

/** Reads `/proc/stat` now; NaN figures when it is not there. */
export function machineCpu(): MachineCpu {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return { busyMs: (user + nice + system + irq + softirq) * TICK_MS, stealMs: steal * TICK_MS };
  } catch {
    return { busyMs: NaN, stealMs: NaN };
  }
}
