/**
 * Redaction of credentials in URLs and JSON payloads.
 *
 * Rule: docs/design.md#redaction — query parameters and JSON keys whose name is in the redaction list
 * (case-insensitive) become `REDACTED~xxxx`, where `xxxx` is the first 4 hex digits of the
 * SHA-256 of the UTF-8 value. Equal secrets keep equal marks, so "the same token was reused"
 * (`auth-retry-same-token`, docs/design.md#fatal-closes-and-credentials) stays detectable in a redacted trace.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Default names of secret-bearing query parameters and JSON keys (docs/design.md#redaction). */
export const DEFAULT_REDACT_KEYS: readonly string[] = [
  'token', 'access_token', 'id_token', 'auth', 'authorization', 'key', 'apikey', 'api_key',
  'password', 'secret', 'session', 'sig', 'signature', 'jwt',
];

/** Prefix of every redaction mark. */
export const REDACTED_PREFIX = 'REDACTED~';

/**
 * The redaction mark of a value: `REDACTED~` + first 4 hex digits of SHA-256(UTF-8 value).
 * A value that already is a mark is returned unchanged (redaction is idempotent).
 */
export function redactionMark(value: string): string {
  if (isRedactionMark(value)) return value;
  return REDACTED_PREFIX + bytesToHex(sha256(utf8ToBytes(value))).slice(0, 4);
}

/** True when `value` has the shape of a redaction mark (`REDACTED~` + 4 hex digits). */
export function isRedactionMark(value: string): boolean {
  return /^REDACTED~[0-9a-f]{4}$/.test(value);
}

/** A case-insensitive key set built from a redaction list. */
export function redactKeySet(keys: readonly string[] = DEFAULT_REDACT_KEYS): Set<string> {
  return new Set(keys.map((k) => k.toLowerCase()));
}

/**
 * Redacts secret query parameters of a URL. Works on absolute and relative URLs and keeps
 * everything else byte for byte (no re-encoding of other parameters, fragment kept).
 * A string that is not a URL is returned unchanged.
 */
export function redactUrl(url: string, keys: ReadonlySet<string> = redactKeySet()): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
  const rest = hash < 0 ? '' : url.slice(hash);
  const parts = query.split('&').map((part) => {
    const eq = part.indexOf('=');
    if (eq < 0) return part;
    const name = safeDecode(part.slice(0, eq));
    if (!keys.has(name.toLowerCase())) return part;
    const value = safeDecode(part.slice(eq + 1).replace(/\+/g, ' '));
    return part.slice(0, eq + 1) + redactionMark(value);
  });
  return url.slice(0, q + 1) + parts.join('&') + rest;
}

/**
 * Returns the value of query parameter `name` of `url` (first occurrence, decoded), or
 * undefined. Relative URLs are accepted.
 */
export function queryParam(url: string, name: string): string | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  const hash = url.indexOf('#', q);
  const query = hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const k = safeDecode(eq < 0 ? part : part.slice(0, eq));
    if (k === name) return eq < 0 ? '' : safeDecode(part.slice(eq + 1).replace(/\+/g, ' '));
  }
  return undefined;
}

/**
 * Redacts secret keys anywhere in a parsed JSON value (objects and arrays, any depth up to
 * `maxDepth`). Values of secret keys that are strings or numbers become marks; other shapes
 * under a secret key become a mark of their JSON text. Returns a new value; input untouched.
 */
export function redactJsonValue(value: unknown, keys: ReadonlySet<string> = redactKeySet(), maxDepth = 200): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > maxDepth || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (keys.has(k.toLowerCase()) && x !== null && x !== undefined) {
        out[k] = redactionMark(typeof x === 'string' ? x : JSON.stringify(x));
      } else {
        out[k] = walk(x, depth + 1);
      }
    }
    return out;
  };
  return walk(value, 0);
}

/**
 * Redacts a text payload: when it parses as JSON (object or array), secret keys are replaced
 * and the text re-serialized; otherwise the text is returned unchanged.
 */
export function redactJsonText(text: string, keys: ReadonlySet<string> = redactKeySet()): string {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const red = redactJsonValue(parsed, keys);
  const out = JSON.stringify(red);
  return out === JSON.stringify(parsed) ? text : out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
