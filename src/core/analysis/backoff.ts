/**
 * Reconnect backoff rules of docs/design.md#reconnects-and-backoff, following the ScaiWave
 * troubleshooting page's "Reconnect strategy" (first disconnect → reconnect immediately; successive failures →
 * exponential backoff 1, 2, 4, 8 … max 30 s). All durations in milliseconds.
 */
import type { BackoffSpec } from '../profile/types';
import type { AttemptVerdict } from './types';

/**
 * Expected delay E (ms) before an attempt with failure streak `k`:
 * k = 0 → `immediateMs` (the window 0 … immediateMs); k ≥ 1 → min(baseMs·factor^(k−1), maxMs).
 * Scaiwave defaults: k = 0 → 1000; k = 1…6 → 1000, 2000, 4000, 8000, 16000, 30000; then 30000.
 */
export function expectedDelayMs(k: number, b: BackoffSpec): number {
  if (k <= 0) return b.immediateMs;
  return Math.min(b.baseMs * Math.pow(b.factor, k - 1), b.maxMs);
}

/**
 * Lower bound (ms) of an acceptable delay: (1 − jitter)·E for k ≥ 1, 0 for k = 0 (an
 * immediate retry is always allowed after an established connection).
 */
export function minDelayMs(k: number, b: BackoffSpec): number {
  return k <= 0 ? 0 : (1 - b.jitter) * expectedDelayMs(k, b);
}

/** Upper bound (ms) of an acceptable delay: 1.5·E + 1000 ms. */
export function maxDelayMs(k: number, b: BackoffSpec): number {
  return 1.5 * expectedDelayMs(k, b) + 1000;
}

/**
 * Judges a reconnect delay (ms) after failure streak `k` (docs/design.md#reconnects-and-backoff): `too-fast` when
 * k ≥ 1 and delay < (1 − jitter)·E; `too-slow` when delay > 1.5·E + 1 s; else `ok`;
 * `unknown` when there is no delay (no close event, HAR). Bounds are exclusive: a delay
 * exactly at (1 − jitter)·E or at 1.5·E + 1 s is ok.
 */
export function judgeDelay(delayMs: number | undefined, k: number, b: BackoffSpec): AttemptVerdict {
  if (delayMs === undefined) return 'unknown';
  if (k >= 1 && delayMs < minDelayMs(k, b)) return 'too-fast';
  if (delayMs > maxDelayMs(k, b)) return 'too-slow';
  return 'ok';
}
