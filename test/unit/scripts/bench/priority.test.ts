import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { describe, expect, it } from 'vitest';
import { priorityRaiser } from '../../../../scripts/bench/priority';

const nice = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);

describe.runIf(platform() === 'linux')('bench priority shift', () => {
  // Lowering (a positive shift) needs no privilege, so the test can run anywhere on Linux.
  it('moves every thread once by the shift from its own value, and again only if it was moved back', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      const pid = child.pid!;
      const start = nice(pid);
      const raiser = priorityRaiser(3);
      expect(raiser.apply([pid])).toBeGreaterThan(0);
      expect(nice(pid)).toBe(Math.min(19, start + 3));
      expect(raiser.apply([pid])).toBe(0);
      expect(raiser.apply([999999999])).toBe(0); // no such process: nothing to move
    } finally {
      child.kill();
    }
  });
});
