/**
 * How fast a pulling panel asks for live events (docs/design.md#ring-buffer-and-streaming):
 * the pace it names in each `panel-pull`. While the page is busy the hook serves at most
 * `max` live events per serve, at least `gapMs` apart; `max` follows what the panel measured
 * its own parse and ingest to cost per event, so that, while the page is busy, Wavetrace as a
 * whole (the hook's flush, the relay, the panel's parse, ingest, index, analysis and render)
 * takes about {@link PULL_CPU_SHARE} of one core. Pure: times come in as numbers (ms).
 */
import type { PullPace } from './messages';

/** Least time between serves while the page is busy, ms. */
export const PULL_GAP_MS = 250;
/** Fewest live events a busy serve may carry (the stream always moves). */
export const PULL_MIN_EVENTS = 16;
/** Most live events a busy serve may carry (the hook's `batchMaxEvents`). */
export const PULL_MAX_EVENTS = 2000;
/** `max` before the panel has measured anything. */
export const PULL_DEFAULT_EVENTS = 200;
/** Share of one core Wavetrace may take while the page is busy. */
export const PULL_CPU_SHARE = 0.1;
/**
 * Wavetrace's whole cost per event over the part the panel measures (its parse and ingest):
 * the hook's flush, the relay's port, the panel's index, analysis and render come on top.
 * In the bench's per-process table (1 KB receive, panel in DevTools) they made about 4 × the
 * panel's parse and ingest.
 */
export const PULL_COST_FACTOR = 4;
/** Weight of the newest measurement in the moving average. */
const EWMA_WEIGHT = 0.2;

/** The panel's measured cost; mutate through {@link notePullCost}. */
export interface PullMeter {
  /** Moving average of parse + ingest time per live event, ms; −1 before the first measurement. */
  perEventMs: number;
}

/** A meter with nothing measured yet. */
export function createPullMeter(): PullMeter {
  return { perEventMs: -1 };
}

/**
 * Notes that the panel parsed and ingested a live batch of `events` events in `ms` ms. A batch
 * with no events, or a clock that did not move (coarse timers), changes nothing.
 */
export function notePullCost(m: PullMeter, events: number, ms: number): void {
  if (!(events > 0) || !(ms > 0)) return;
  const per = ms / events;
  m.perEventMs = m.perEventMs < 0 ? per : m.perEventMs + EWMA_WEIGHT * (per - m.perEventMs);
}

/**
 * The pace to name in the next `panel-pull`: `gapMs` {@link PULL_GAP_MS}; `max` the events
 * whose whole cost (measured cost × {@link PULL_COST_FACTOR}) fits {@link PULL_CPU_SHARE} of
 * `gapMs`, clamped to {@link PULL_MIN_EVENTS}…{@link PULL_MAX_EVENTS}
 * ({@link PULL_DEFAULT_EVENTS} before any measurement).
 */
export function nextPull(m: PullMeter): PullPace {
  if (m.perEventMs < 0) return { max: PULL_DEFAULT_EVENTS, gapMs: PULL_GAP_MS };
  const fit = Math.floor((PULL_GAP_MS * PULL_CPU_SHARE) / (m.perEventMs * PULL_COST_FACTOR));
  return { max: fit < PULL_MIN_EVENTS ? PULL_MIN_EVENTS : fit > PULL_MAX_EVENTS ? PULL_MAX_EVENTS : fit, gapMs: PULL_GAP_MS };
}
