/**
 * Ctrl-C (SIGINT) and SIGTERM during `wavetrace record` (docs/design.md#record): the first
 * signal stops the recording, which then exports and writes what it captured through the
 * normal path; a second one quits at once, removing the temporary browser profile folders it
 * can. The exit status is 128 + the signal's number, as POSIX shells report a process a signal
 * ended: 130 for SIGINT, 143 for SIGTERM.
 */
import { rmSync } from 'node:fs';

/** The signals `record` handles. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Exit status after `sig` stopped the run: 128 + its number (SIGINT 2 → 130, SIGTERM 15 → 143). */
export function signalExitCode(sig: StopSignal): number {
  return sig === 'SIGINT' ? 130 : 143;
}

/** The part of `process` this module uses (a fake in unit tests). */
export interface SignalSource {
  on(event: StopSignal, listener: () => void): unknown;
  off(event: StopSignal, listener: () => void): unknown;
  once(event: 'exit', listener: () => void): unknown;
  exit(code: number): never;
}

/** A watch over SIGINT/SIGTERM for one recording. */
export interface Interrupt {
  /** Aborted by the first signal. */
  readonly signal: AbortSignal;
  /** The first signal received, or undefined. */
  stoppedBy(): StopSignal | undefined;
  /** Registers a temporary folder to remove if a second signal quits at once. */
  removeOnQuit(dir: string): void;
  /** Stops watching (the signals get their default meaning back). */
  dispose(): void;
}

/**
 * Watches SIGINT and SIGTERM until `dispose`. The first aborts `signal` and logs one line; the
 * second exits at once with {@link signalExitCode}, removing the registered folders (best effort)
 * as the process exits.
 */
export function watchInterrupts(log: (line: string) => void, proc: SignalSource = process): Interrupt {
  const controller = new AbortController();
  const dirs = new Set<string>();
  let first: StopSignal | undefined;
  const handler = (sig: StopSignal) => () => {
    if (first === undefined) {
      first = sig;
      log(`${sig}: stopping the recording and writing what it captured (again to quit at once)`);
      controller.abort();
      return;
    }
    // Removed on 'exit', after the browser drivers' own exit handlers (registered when the
    // browser started, so they run first) killed the browser, which would otherwise go on
    // writing into its profile.
    proc.once('exit', () => {
      for (const dir of dirs) {
        try {
          rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
        } catch {
          // Best effort: quitting at once matters more.
        }
      }
    });
    proc.exit(signalExitCode(first));
  };
  const onInt = handler('SIGINT');
  const onTerm = handler('SIGTERM');
  proc.on('SIGINT', onInt);
  proc.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    stoppedBy: () => first,
    removeOnQuit: (dir) => void dirs.add(dir),
    dispose() {
      proc.off('SIGINT', onInt);
      proc.off('SIGTERM', onTerm);
    },
  };
}

/** Resolves after `ms`, or at once when `signal` is (or becomes) aborted. */
export function sleepUnlessStopped(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
