/**
 * Cheap URL splitting for the analysis: session keys (docs/design.md#order-sessions-and-connections: scheme + host +
 * path, query ignored), request paths (sync endpoint matching, docs/design.md#profile-fields `sync.urlPath`) and
 * credentials (docs/design.md#fatal-closes-and-credentials). No `new URL()` per event: works on absolute and
 * relative URLs and never throws.
 */
import { cachedLinearRegex, type LinearRegex } from '../profile/linear-regex';
import { queryParam, redactionMark } from '../redact';

const ABSOLUTE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/;

/**
 * Session key of a WebSocket URL: `scheme://host/path` with lower-case scheme and host,
 * userinfo dropped, empty path as "/", query and fragment ignored.
 * A URL without a scheme is returned without its query and fragment.
 * With `pattern` (a profile's `session`, see {@link sessionKeyPattern}) the first part of the
 * path it matches is replaced (SockJS: server and session ids in `/echo/123/k3j2/websocket`
 * each become `*`).
 */
export function sessionKey(url: string, pattern?: SessionPattern): string {
  const m = ABSOLUTE.exec(url);
  if (!m) return keyPath(stripQuery(url), pattern);
  let host = m[2] ?? '';
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  return `${(m[1] ?? '').toLowerCase()}://${host.toLowerCase()}${keyPath(m[3] || '/', pattern)}`;
}

function keyPath(path: string, pattern: SessionPattern | undefined): string {
  if (!pattern) return path;
  const hit = pattern.re.findAt(path);
  return hit ? path.slice(0, hit.index) + pattern.replaceWith + path.slice(hit.index + hit.text.length) : path;
}

/**
 * Compiles a profile's `session` (`pathPattern`, `replaceWith` default "/*"); undefined when
 * absent or when the pattern is not a valid regular expression (an unvalidated profile).
 */
export function sessionKeyPattern(spec: { pathPattern: string; replaceWith?: string } | undefined): SessionPattern | undefined {
  if (!spec) return undefined;
  const re = cachedLinearRegex(spec.pathPattern);
  return re ? { re, replaceWith: spec.replaceWith ?? '/*' } : undefined;
}

/**
 * The session key function of a profile (its `session`, docs/design.md#order-sessions-and-connections):
 * one place for the analysis (pass-state.ts) and the panel's lanes (view/row-index.ts), so
 * both group connections the same way (SockJS: one session for all its per-connection paths).
 */
export function profileSessionKey(spec: { pathPattern: string; replaceWith?: string } | undefined): (url: string) => string {
  const pattern = sessionKeyPattern(spec);
  return (url) => sessionKey(url, pattern);
}

/** A compiled `session.pathPattern` (linear-time, docs/design.md#reading-untrusted-input) and its replacement. */
export interface SessionPattern {
  re: LinearRegex;
  replaceWith: string;
}

/**
 * Path of an absolute or relative URL ("https://h/v1/sync?since=1" → "/v1/sync",
 * "/v1/sync?x" → "/v1/sync", "v1/sync" → "/v1/sync"). Query and fragment dropped.
 */
export function urlPath(url: string): string {
  const m = ABSOLUTE.exec(url);
  if (m) return m[3] || '/';
  const p = stripQuery(url);
  return p.startsWith('/') ? p : '/' + p;
}

/** The URL without `?query` and `#fragment`. */
export function stripQuery(url: string): string {
  let end = url.length;
  const q = url.indexOf('?');
  if (q >= 0) end = q;
  const h = url.indexOf('#');
  if (h >= 0 && h < end) end = h;
  return url.slice(0, end);
}

/**
 * The credentials a URL carries (docs/design.md#fatal-closes-and-credentials): its query parameters whose
 * lower-cased name is in `keys`, as sorted `name=value` pairs joined by "&" ("" when none).
 * Values are compared as recorded, so `REDACTED~xxxx` marks compare like the secrets they hide.
 */
export function credentialsOf(url: string, keys: ReadonlySet<string>): string {
  const q = url.indexOf('?');
  if (q < 0) return '';
  const h = url.indexOf('#', q);
  const query = h < 0 ? url.slice(q + 1) : url.slice(q + 1, h);
  const pairs: string[] = [];
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (!keys.has(safeDecode(name).toLowerCase())) continue;
    const value = queryParam('?' + part, safeDecode(name));
    pairs.push(`${safeDecode(name).toLowerCase()}=${value ?? ''}`);
  }
  return pairs.sort().join('&');
}

/**
 * Credentials for a message without revealing them: every value shown as its redaction mark
 * (marks stay as they are), e.g. "token=REDACTED~1a2b".
 */
export function describeCredentials(creds: string): string {
  return creds
    .split('&')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? p : `${p.slice(0, eq)}=${redactionMark(p.slice(eq + 1))}`;
    })
    .join('&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
