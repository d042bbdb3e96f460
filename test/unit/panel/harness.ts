/**
 * Helpers for panel component tests (happy-dom): a store with a manual scheduler (work runs
 * when the test calls `store.flush()`), loaded with the skip-sync scenario.
 */
import { PanelStore } from '../../../src/panel/store';
import type { PanelScheduler } from '../../../src/panel/scheduler';
import type { TraceEvent } from '../../../src/core/events';
import { skipSyncEvents } from '../core/view/fixtures';

/**
 * A scheduler whose tasks run only when `run()` is called; rAF runs at once, or with
 * `{ frames: true }` only when `frame()` is called (a test that needs to be inside one frame).
 */
export function manualScheduler(opts: { frames?: boolean } = {}): PanelScheduler & { run(): void; now: () => number; advance(ms: number): void; frame(): void } {
  let now = 0;
  const tasks: Array<() => void> = [];
  const timers: Array<{ at: number; cb: () => void }> = [];
  let frames: Array<() => void> = [];
  return {
    raf: (cb) => (opts.frames ? void frames.push(cb) : cb()),
    post: (cb) => void tasks.push(cb),
    timeout: (cb, ms) => void timers.push({ at: now + ms, cb }),
    now: () => now,
    advance(ms) {
      now += ms;
      for (const t of timers.splice(0)) {
        if (t.at <= now) t.cb();
        else timers.push(t);
      }
    },
    run() {
      for (let i = 0; i < 1000 && tasks.length; i++) tasks.shift()!();
    },
    frame() {
      const f = frames;
      frames = [];
      for (const cb of f) cb();
    },
  };
}

/** A store with `events` loaded and every derived view computed. */
export function loadedStore(events: TraceEvent[] = skipSyncEvents()): PanelStore {
  const store = new PanelStore(manualScheduler(), () => 1_700_000_100_000);
  store.load(events, { profile: 'auto', page: 'https://app.example.com/' });
  store.flush();
  return store;
}
