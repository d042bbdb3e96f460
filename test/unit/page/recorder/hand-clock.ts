/**
 * Page natives on a hand-driven clock for recorder tests: `setTimeout` and `postTask` queue
 * timers that run only when `advance(ms)` moves the clock past them, in time order.
 */
import { nodeNatives } from '../node-natives';

/** Natives whose clock starts at `start` (ms) and moves only with `advance`. */
export function handClock(start = 1000) {
  let clock = start;
  const timers: { at: number; fn: () => void }[] = [];
  const n = nodeNatives();
  n.now = () => clock;
  n.setTimeout = ((fn: () => void, ms?: number) => {
    timers.push({ at: clock + (ms ?? 0), fn });
    return 0;
  }) as unknown as typeof setTimeout;
  n.postTask = (fn) => void timers.push({ at: clock, fn });
  /** Runs due timers in time order while moving the clock `ms` ahead (at most a million, against a timer loop). */
  const advance = (ms: number): void => {
    const end = clock + ms;
    for (let guard = 0; guard < 1_000_000; guard++) {
      let k = -1;
      for (let j = 0; j < timers.length; j++) if (timers[j]!.at <= end && (k < 0 || timers[j]!.at < timers[k]!.at)) k = j;
      if (k < 0) break;
      const [t] = timers.splice(k, 1);
      if (t!.at > clock) clock = t!.at;
      t!.fn();
    }
    clock = end;
  };
  return { n, timers, advance, now: (): number => clock };
}
