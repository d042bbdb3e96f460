/** Types of sync-cursor.js (plain JS served as-is to the browser; see that file). */
export declare const CURSOR_SKEW: number;
export declare function syncCursor(last: number | null, opts?: { staleCursor?: boolean; cursorAhead?: boolean }): number | null;
