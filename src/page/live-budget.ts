/**
 * The live preview budget of the hook's recorder, as pure arithmetic (no DOM, no page
 * natives): a token bucket of preview units (UTF-16 units of text, bytes of binary) that full
 * previews spend while streaming live, and the share of it that owed previews ("fills") may
 * use. See docs/design.md#live-preview-budget for why the budget exists and its defaults
 * (1 MiB/s, 1 MiB burst, 256-unit short preview).
 */

/** The bucket: units left, and when it was last refilled (monotonic ms). */
export interface LiveBudget {
  tokens: number;
  refilledAt: number;
}

/** Rates of the bucket (RecorderOptions fields of the same names). */
export interface LiveRates {
  /** Refill rate, preview units per second. */
  liveBytesPerSec: number;
  /** Bucket size, preview units. */
  liveBurstBytes: number;
}

/** Pacing of fills (RecorderOptions fields of the same names). */
export interface FillRates {
  /** Units of owed previews sent per flush while the page is quiet. */
  fillBytesPerFlush: number;
  /** Units of one batch when everything owed goes at once (export, unload). */
  batchMaxBytes: number;
}

/** A full bucket at `now` (ms). */
export function createLiveBudget(rates: LiveRates, now: number): LiveBudget {
  return { tokens: rates.liveBurstBytes, refilledAt: now };
}

/** Adds what the rate earned since the last refill, up to the bucket size. */
export function refillBudget(b: LiveBudget, rates: LiveRates, now: number): void {
  const t = b.tokens + ((now - b.refilledAt) * rates.liveBytesPerSec) / 1000;
  b.tokens = t < rates.liveBurstBytes ? t : rates.liveBurstBytes;
  b.refilledAt = now;
}

/**
 * The preview cap of a live frame of `units` preview units: `Infinity` (sent in full) when it
 * fits the short preview, when everything goes regardless of budget (`all`), or when the
 * bucket holds its units (which it then spends); else `shortCap`, and its full preview is owed.
 */
export function liveCap(b: LiveBudget, units: number, shortCap: number, all: boolean): number {
  if (units <= shortCap || all) return Infinity;
  if (b.tokens >= units) {
    b.tokens -= units;
    return Infinity;
  }
  return shortCap;
}

/**
 * Units the next fill batch may carry: a whole batch when everything goes (`all`), the quiet
 * share while the page was quiet, else what the bucket has left, at most the quiet share.
 */
export function fillAllowance(b: LiveBudget, rates: FillRates, quiet: boolean, all: boolean): number {
  if (all) return rates.batchMaxBytes;
  if (quiet) return rates.fillBytesPerFlush;
  return b.tokens < rates.fillBytesPerFlush ? b.tokens : rates.fillBytesPerFlush;
}

/** Charges a fill of `units` to the bucket, unless the page was quiet (quiet fills are free). */
export function chargeFill(b: LiveBudget, units: number, quiet: boolean): void {
  if (!quiet) b.tokens = b.tokens > units ? b.tokens - units : 0;
}
