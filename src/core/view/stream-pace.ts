/**
 * How fast a live capture is arriving, so the panel can step back while the page is busy
 * (docs/design.md#ring-buffer-and-streaming): while events arrive at {@link BUSY_EVENTS_PER_S}
 * or more, views re-render and the analysis re-runs less often, leaving the CPU to the page
 * being debugged. Ingest itself never waits. Times in ms (any monotonic clock).
 */

/**
 * Events per second from which a stream counts as busy. At 200 a second a re-render every
 * 250 ms still shows about 50 new rows each time; re-rendering 20 times a second instead cost
 * the panel more than ingesting the stream (measured inside DevTools at about 800 frames/s).
 */
export const BUSY_EVENTS_PER_S = 200;
/** Window over which the rate is measured, ms. */
export const PACE_WINDOW_MS = 500;

/** Rate state; mutate through {@link notePace}. */
export interface StreamPace {
  /** Start of the current window, ms. */
  windowStart: number;
  /** Events counted in the current window. */
  count: number;
  /** Events of the previous window (a full one), or 0. */
  previous: number;
  /** When the stream last counted as busy, ms (−Infinity: never). */
  busyAt: number;
}

/** A fresh, quiet pace. */
export function createStreamPace(): StreamPace {
  return { windowStart: -Infinity, count: 0, previous: 0, busyAt: -Infinity };
}

/** Counts `events` arriving at `now`. */
export function notePace(p: StreamPace, events: number, now: number): void {
  if (now - p.windowStart >= PACE_WINDOW_MS) {
    p.previous = now - p.windowStart < 2 * PACE_WINDOW_MS ? p.count : 0;
    p.windowStart = now;
    p.count = 0;
  }
  p.count += events;
  const threshold = (BUSY_EVENTS_PER_S * PACE_WINDOW_MS) / 1000;
  if (p.count >= threshold || p.previous >= threshold) p.busyAt = now;
}

/**
 * Notes that the page said at `now` that it is busy (a serve marked `busy`: a pulling panel
 * receives fewer events than the page makes, so its own count would call the stream quiet).
 */
export function noteBusy(p: StreamPace, now: number): void {
  p.busyAt = now;
}

/** True while the stream is busy: it was busy within the last window. */
export function isBusy(p: StreamPace, now: number): boolean {
  return now - p.busyAt < PACE_WINDOW_MS;
}
