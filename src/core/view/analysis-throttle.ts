/**
 * When to re-run the analysis of a live capture: never more often than every `minIntervalMs`
 * (500 ms) and never spending more than about a third of the time analysing (the pause after a
 * run is at least twice its duration), so ingest and rendering always win. While the page
 * streams fast (`busy`, core/view/stream-pace.ts) the analysis steps back further: at most
 * every {@link BUSY_MIN_INTERVAL_MS} and about a tenth of the time (the pause is at least nine
 * times the run), leaving the CPU to the page being debugged. A loaded trace is analysed once,
 * right away. Times in ms (any monotonic clock).
 */

/** While the page streams fast, the live analysis re-runs at most this often, ms. */
export const BUSY_MIN_INTERVAL_MS = 2000;

/** Throttle state; mutate through the functions below. */
export interface AnalysisThrottle {
  /** Events not covered by the last (or running) analysis exist. */
  dirty: boolean;
  running: boolean;
  /** End of the last run (−Infinity before the first). */
  lastEnd: number;
  /** Duration of the last run, ms (slices included: wall time from start to result). */
  lastDurationMs: number;
  minIntervalMs: number;
  /** The page streams fast: longer pauses (see module comment). */
  busy: boolean;
}

/** A fresh throttle (dirty: nothing analysed yet). */
export function createAnalysisThrottle(minIntervalMs = 500): AnalysisThrottle {
  return { dirty: true, running: false, lastEnd: -Infinity, lastDurationMs: 0, minIntervalMs, busy: false };
}

/** Earliest time the next run may start. */
export function nextRunAt(s: AnalysisThrottle): number {
  return s.busy ? s.lastEnd + Math.max(BUSY_MIN_INTERVAL_MS, 9 * s.lastDurationMs) : s.lastEnd + Math.max(s.minIntervalMs, 2 * s.lastDurationMs);
}

/** True when a run should start at `now`: dirty, idle, and the pause has passed (`immediate` skips the pause). */
export function shouldRun(s: AnalysisThrottle, now: number, immediate = false): boolean {
  return s.dirty && !s.running && (immediate || now >= nextRunAt(s));
}

/** Records the start of a run covering everything known now. */
export function runStarted(s: AnalysisThrottle): void {
  s.running = true;
  s.dirty = false;
}

/** Records the end of a run that took `durationMs`. */
export function runFinished(s: AnalysisThrottle, now: number, durationMs: number): void {
  s.running = false;
  s.lastEnd = now;
  s.lastDurationMs = durationMs;
}
