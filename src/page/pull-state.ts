/**
 * The hook's side of pulling (docs/design.md#ring-buffer-and-streaming). While every reader
 * of the relay pulls, the recorder holds events in its ring buffer, unserialised, and sends
 * live events only when a reader asked (one credit, never more). A serve while the page is
 * busy waits until `gapMs` after the previous one and carries at most `max` live events; a
 * serve while the page is quiet goes after the usual flush interval with the usual chunk.
 * Pure state and arithmetic: no page natives, no timers.
 */
import type { PullPace } from '../core/bridge/messages';
import type { RingBuffer } from '../core/ring-buffer';

/**
 * Events per second from which the page counts as busy, over {@link BUSY_WINDOW_MS}: the same
 * rule as the panel's (core/view/stream-pace.ts `BUSY_EVENTS_PER_S`, `PACE_WINDOW_MS`; the
 * hook may not import it, a unit test checks they agree).
 */
export const BUSY_EVENTS_PER_S = 200;
/** Window of the busy rate, ms. */
export const BUSY_WINDOW_MS = 500;
/** Pace a credit carries before a reader named one: the panel's default (core/bridge/pull-pace.ts). */
export const DEFAULT_PULL_PACE: PullPace = { max: 200, gapMs: 250 };

/** One recorder's pull state. */
export class PullState {
  /** Every active reader pulls: hold events until a credit (false: push, the default). */
  on = false;
  /** A reader asked for a serve that has not happened yet (at most one). */
  credit = false;
  /** The latest pace a reader named. */
  pace: PullPace = { ...DEFAULT_PULL_PACE };
  /** When the last serve that sent live events went (`n.now()`, ms); −Infinity: none yet. */
  lastServeAt = -Infinity;

  /** A reader's pull: one credit (credits do not add up), and its pace from now on. */
  grant(pace?: PullPace): void {
    this.credit = true;
    if (pace) this.pace = { max: Math.max(1, Math.floor(pace.max)), gapMs: pace.gapMs };
  }

  /** Ms to wait before serving at `now` (ms): while the page is busy, until `gapMs` after the last serve; else 0. */
  wait(busy: boolean, now: number): number {
    if (!busy) return 0;
    const at = this.lastServeAt + this.pace.gapMs;
    return at > now ? at - now : 0;
  }

  /** A serve sent live events at `now` (ms): the credit is spent. */
  served(now: number): void {
    this.credit = false;
    this.lastServeAt = now;
  }
}

/**
 * Number of held events whose time `t` is at or after `since` (same clock as `t`), by binary
 * search from the newest (events are held in time order): O(log n), no cost per record.
 */
export function countSince<T extends { t: number }>(buffer: RingBuffer<T>, since: number): number {
  let lo = 0;
  let hi = buffer.size; // first index with t ≥ since lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((buffer.at(mid) as T).t >= since) hi = mid;
    else lo = mid + 1;
  }
  return buffer.size - lo;
}

/** True when the page recorded at least {@link BUSY_EVENTS_PER_S} events a second over the last {@link BUSY_WINDOW_MS} before `now` (clock of `t`, ms). */
export function pageBusyAt<T extends { t: number }>(buffer: RingBuffer<T>, now: number): boolean {
  return countSince(buffer, now - BUSY_WINDOW_MS) >= (BUSY_EVENTS_PER_S * BUSY_WINDOW_MS) / 1000;
}
