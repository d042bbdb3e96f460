import { platform } from 'node:os';
import { describe, expect, it } from 'vitest';
import { machineCpu } from '../../../../scripts/bench/machine-cpu';

describe.runIf(platform() === 'linux')('machine CPU from /proc/stat', () => {
  it('counts a busy loop of this process in the machine\'s busy time, in ms', () => {
    const a = machineCpu();
    const t0 = process.cpuUsage();
    while (process.cpuUsage(t0).user < 100_000); // 100 ms of CPU
    const b = machineCpu();
    expect(Number.isFinite(a.busyMs) && Number.isFinite(a.stealMs)).toBe(true);
    // The kernel counts in 10 ms ticks; other processes only add to it.
    expect(b.busyMs - a.busyMs).toBeGreaterThanOrEqual(80);
    expect(b.stealMs).toBeGreaterThanOrEqual(a.stealMs);
  });
});
