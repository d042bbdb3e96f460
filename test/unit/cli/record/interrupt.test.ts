/**
 * Signals during `wavetrace record` (docs/design.md#record): the first stops the recording,
 * the second quits at once with 128 + the signal number, removing the temporary profile folders.
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signalExitCode, sleepUnlessStopped, watchInterrupts, type SignalSource } from '../../../../src/cli/record/interrupt';

class FakeProcess extends EventEmitter {
  exits: number[] = [];
  exit(code: number): never {
    this.exits.push(code);
    this.emit('exit', code);
    return undefined as never;
  }
}

describe('record interrupts', () => {
  it('exit statuses are 128 + the signal number, as shells report them', () => {
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('SIGTERM')).toBe(143);
  });

  it('the first signal aborts the recording and says so in one line; it does not exit', () => {
    const proc = new FakeProcess();
    const lines: string[] = [];
    const w = watchInterrupts((l) => lines.push(l), proc as unknown as SignalSource);
    expect(w.signal.aborted).toBe(false);
    proc.emit('SIGTERM');
    expect(w.signal.aborted).toBe(true);
    expect(w.stoppedBy()).toBe('SIGTERM');
    expect(lines).toEqual(['SIGTERM: stopping the recording and writing what it captured (again to quit at once)']);
    expect(proc.exits).toEqual([]);
    w.dispose();
  });

  it('a second signal exits at once with the first one\'s status and removes the registered folders', () => {
    const proc = new FakeProcess();
    const w = watchInterrupts(() => undefined, proc as unknown as SignalSource);
    const dir = mkdtempSync(join(tmpdir(), 'wavetrace-interrupt-unit-'));
    writeFileSync(join(dir, 'Preferences'), '{}');
    w.removeOnQuit(dir);
    proc.emit('SIGINT');
    expect(existsSync(dir)).toBe(true);
    proc.emit('SIGTERM');
    expect(proc.exits).toEqual([130]);
    expect(existsSync(dir)).toBe(false);
  });

  it('dispose gives the signals back', () => {
    const proc = new FakeProcess();
    const w = watchInterrupts(() => undefined, proc as unknown as SignalSource);
    w.dispose();
    expect(proc.listenerCount('SIGINT') + proc.listenerCount('SIGTERM')).toBe(0);
  });

  it('sleepUnlessStopped ends when the signal aborts, or at once when it already was', async () => {
    const c = new AbortController();
    const slept = sleepUnlessStopped(3_600_000, c.signal);
    c.abort();
    await slept;
    await sleepUnlessStopped(3_600_000, c.signal);
  });
});
