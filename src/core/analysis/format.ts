/**
 * Number formatting shared by finding messages and the CLI text output (docs/design.md#analysis: a
 * one-line message "with the numbers", e.g. "reconnected 1.0 s after 1006 …"). Durations are
 * core/format.ts's `formatDuration`, the one duration format.
 */
import { formatDuration } from '../format';

/**
 * Formats a measured duration next to the limit it broke, so the two never print alike:
 * at 0.1 s precision when that tells them apart, else both in ms (e.g. "4001 ms" vs "4000 ms").
 * Returns `[measured, limit]`.
 */
export function fmtAgainst(ms: number, limitMs: number): [string, string] {
  const a = formatDuration(ms);
  const b = formatDuration(limitMs);
  if (a !== b) return [a, b];
  return [`${Math.round(ms)} ms`, `${Math.round(limitMs)} ms`];
}

/** Formats a percentage of a fraction 0..1 ("10 %"). */
export function fmtPercent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}

/** Formats an arbitrary JSON-ish value for a message: strings quoted, others as JSON. */
export function fmtValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Name of a WebSocket readyState (HTML Living Standard): 0 CONNECTING, 1 OPEN, 2 CLOSING, 3 CLOSED. */
export function readyStateName(rs: number): string {
  return rs === 0 ? 'CONNECTING' : rs === 1 ? 'OPEN' : rs === 2 ? 'CLOSING' : rs === 3 ? 'CLOSED' : `readyState ${rs}`;
}
