/**
 * Session key of a WebSocket URL.
 *
 * Rule: docs/design.md#order-sessions-and-connections — "Session: connections of one tab to the same endpoint (scheme + host +
 * path; query ignored)".
 */

/**
 * `scheme://host[:port]/path` of `url`, lower-casing scheme and host; query and fragment
 * dropped. A string that is not an absolute URL is returned without its query/fragment.
 * Example: `wss://API.example.com/v1/stream?token=x` → `wss://api.example.com/v1/stream`.
 */
export function sessionKey(url: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/.exec(url);
  if (!m) return url.replace(/[?#].*$/s, '');
  const host = (m[2] ?? '').replace(/^[^@]*@/, '').toLowerCase();
  return `${m[1]!.toLowerCase()}://${host}${m[3] || '/'}`;
}
