/** Types of reconnect-policy.js (plain JS served as-is to the browser; see that file). */
export declare const BACKOFF: Readonly<{ baseMs: number; factor: number; maxMs: number; stableAfterMs: number; noBackoffMs: number }>;
export declare function backoffDelayMs(failureStreak: number, opts?: { timeScale?: number; noBackoff?: boolean }): number;
export interface ReconnectPolicy {
  readonly failureStreak: number;
  readonly stableAfterMs: number;
  connectionEnded(conn: { openedAt: number | null; closedAt: number }): number;
  attemptFailed(): number;
}
export declare function createReconnectPolicy(opts?: { timeScale?: number; noBackoff?: boolean; stableAfterMs?: number }): ReconnectPolicy;
