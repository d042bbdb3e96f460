/** Types of params.js (plain JS served as-is to the browser; see that file). */
export interface ClientParams {
  timeScale: number;
  stableAfterMs: number | null;
  skipSync: boolean;
  staleCursor: boolean;
  cursorAhead: boolean;
  noBackoff: boolean;
  reuseToken: boolean;
  noPong: boolean;
  token: string | null;
  tokenTtlMs: number | null;
  tenant: string;
  wsUrl: string;
  httpBase: string;
  watchdogMs: number;
  resetCursor: boolean;
  giveUpAfterFailure: boolean;
}
export declare function readParams(search: string, loc: { protocol: string; host: string; origin: string }): ClientParams;
