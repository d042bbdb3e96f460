/**
 * Small readers of HAR fields shared by the importer's parts: type guards, numbers, dates,
 * headers, URLs and ids. None of them throws.
 */

/** A JSON object (not null, not an array). */
export type Rec = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Largest time a JavaScript `Date` can hold, ms since the Unix epoch (ECMA-262 §21.4.1.1): 8.64e15. */
export const MAX_DATE_MS = 8.64e15;

/**
 * A usable event time: finite ms since the Unix epoch, from 1970 on and below
 * {@link MAX_DATE_MS} (docs/design.md#reading-untrusted-input).
 */
export const isMs = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x < MAX_DATE_MS;

/** A `conn`/`req` id: a string or a finite number. */
export const isId = (x: unknown): x is string | number => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));

/** A number, or a numeric string (Chrome's importer converts with Number()); undefined otherwise. */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && v.length < 64) {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A WebSocket close code: integer 0..65535 (RFC 6455 §5.5.1: two bytes on the wire). */
export function isCloseCode(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 65535;
}

/**
 * `v` as text: strings as they are, numbers and booleans through String(), objects and arrays
 * as JSON, anything else as "". Never throws (String() of `{"toString": []}` would).
 */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && v !== null) {
    try {
      return JSON.stringify(v);
    } catch {
      return '';
    }
  }
  return '';
}

/**
 * ms since the Unix epoch of an ISO 8601 string (any fraction length, `Z` or offset), or
 * undefined (also before 1970 and from {@link MAX_DATE_MS} on).
 */
export function parseDate(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.length > 64) return undefined;
  // Date.parse is not required to accept more than 3 fraction digits (mitmproxy writes 6).
  const norm = v.replace(/(\.\d{3})\d+/, '$1');
  const t = Date.parse(norm);
  return isMs(t) ? t : undefined;
}

/** Lower-cased header name → last value (HTTP Toolkit writes lower-case names, Chrome mixed case). */
export function headerMap(headers: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!Array.isArray(headers)) return map;
  for (const h of headers) if (isRec(h) && typeof h.name === 'string' && typeof h.value === 'string') map.set(h.name.toLowerCase(), h.value);
  return map;
}

/** A comma-separated header value as a list of trimmed, non-empty items. */
export function splitList(v: string | undefined): string[] {
  return v ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

/** `http://` → `ws://`, `https://` → `wss://` (mitmproxy writes the handshake's HTTP scheme). */
export function toWsScheme(url: string): string {
  return url.replace(/^http(s?):/i, (_m, s: string) => `ws${s.toLowerCase()}:`);
}

/** An id not in `used`: `har-<entry index>`, else `har-<entry index>-<k>` for the first free k. */
export function freshId(used: ReadonlySet<string | number>, i: number): string {
  let id = `har-${i}`;
  for (let k = 2; used.has(id); k++) id = `har-${i}-${k}`;
  return id;
}

/**
 * Time from the start of an entry to its response headers, ms: the sum of the non-negative
 * HAR timings blocked + dns + connect + send + wait (`ssl` is part of `connect`, HAR 1.2).
 * Absurd values (sum not finite or over a day) count as 0.
 */
export function waitedMs(timings: Rec): number {
  let waited = 0;
  for (const k of ['blocked', 'dns', 'connect', 'send', 'wait']) {
    const v = toNumber(timings[k]);
    if (v !== undefined && v > 0) waited += v;
  }
  return Number.isFinite(waited) && waited <= 86_400_000 ? waited : 0;
}
