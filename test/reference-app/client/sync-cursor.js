// @ts-check
/**
 * Which `since` the client sends to `/v1/sync` — the ScaiWave troubleshooting page's "Stream-position tracking":
 * "On reconnect, query `/v1/sync?since=<that>` first" where that = the highest stream_position
 * processed. The switches reproduce the mistakes Wavetrace flags:
 * - `staleCursor` → last − 5 (never below 0): already-processed events replay (`sync-cursor-stale`).
 * - `cursorAhead` → last + 5: the events in between are never fetched (`sync-cursor-ahead`).
 */

/** How far the faulty cursors are off, in stream positions. */
export const CURSOR_SKEW = 5;

/**
 * @param {number | null} last highest stream_position processed, or null if none yet
 * @param {{ staleCursor?: boolean, cursorAhead?: boolean }} [opts]
 * @returns {number | null} the `since` to send, or null when there is nothing to sync from
 */
export function syncCursor(last, opts = {}) {
  if (last === null) return null;
  if (opts.staleCursor) return Math.max(0, last - CURSOR_SKEW);
  if (opts.cursorAhead) return last + CURSOR_SKEW;
  return last;
}
