// @ts-check
/**
 * Reconnect timing of the reference client — the ScaiWave troubleshooting page's "Reconnect strategy":
 *   1. First disconnect → reconnect immediately.
 *   2. Successive failures → exponential backoff (1s, 2s, 4s, 8s, max 30s).
 * and the `scaiwave` profile's `backoff` (docs/design.md#reconnects-and-backoff): a connection is *established* when
 * it opened and stayed open ≥ `stableAfterMs` (10 s); the failure streak k counts the
 * consecutive connections (or failed token/sync attempts) that were not established, the very
 * first connection included, and is reset to 0 by an established one. The delay before the next
 * attempt is 0 for k = 0, else min(1000 · 2^(k−1), 30 000) ms, all multiplied by `timeScale`
 * (0.1 → 100 ms, 200 ms, …). No jitter: tests expect exact delays.
 * `noBackoff` (a failure mode of that page, for `reconnect-storm`) reconnects every 50 ms, unscaled.
 */

/** Backoff constants in milliseconds, before `timeScale`. */
export const BACKOFF = Object.freeze({ baseMs: 1000, factor: 2, maxMs: 30000, stableAfterMs: 10000, noBackoffMs: 50 });

/**
 * Delay in milliseconds before the next attempt after `failureStreak` consecutive failures.
 * @param {number} failureStreak k ≥ 0
 * @param {{ timeScale?: number, noBackoff?: boolean }} [opts]
 * @returns {number}
 */
export function backoffDelayMs(failureStreak, opts = {}) {
  if (opts.noBackoff) return BACKOFF.noBackoffMs;
  const timeScale = opts.timeScale ?? 1;
  if (failureStreak <= 0) return 0;
  const unscaled = Math.min(BACKOFF.baseMs * BACKOFF.factor ** (failureStreak - 1), BACKOFF.maxMs);
  return unscaled * timeScale;
}

/**
 * Tracks the failure streak over a session's connections.
 * @param {{ timeScale?: number, noBackoff?: boolean, stableAfterMs?: number }} [opts]
 *   `stableAfterMs` defaults to 10 000 · timeScale.
 */
export function createReconnectPolicy(opts = {}) {
  const timeScale = opts.timeScale ?? 1;
  const stableAfterMs = opts.stableAfterMs ?? BACKOFF.stableAfterMs * timeScale;
  let failureStreak = 0;
  return {
    /** Consecutive attempts that did not give an established connection. */
    get failureStreak() {
      return failureStreak;
    },
    /** Milliseconds a connection must stay open to count as established. */
    stableAfterMs,
    /**
     * A connection ended. `openedAt` (null if it never opened) and `closedAt` are in the same
     * millisecond clock. Returns the delay before the next attempt, in milliseconds.
     * @param {{ openedAt: number | null, closedAt: number }} conn
     * @returns {number}
     */
    connectionEnded(conn) {
      const established = conn.openedAt !== null && conn.closedAt - conn.openedAt >= stableAfterMs;
      failureStreak = established ? 0 : failureStreak + 1;
      return backoffDelayMs(failureStreak, opts);
    },
    /**
     * An attempt failed before a connection was made (token or sync request failed).
     * Returns the delay before the next attempt, in milliseconds.
     * @returns {number}
     */
    attemptFailed() {
      failureStreak += 1;
      return backoffDelayMs(failureStreak, opts);
    },
  };
}
