/**
 * Labels of the timeline gutter's rows, for narrow columns: what tells rows apart goes first.
 *
 * - A session row (its key is scheme://host/path, docs/design.md#order-sessions-and-connections)
 *   shows the path before the origin: sessions of one page usually share the origin and differ
 *   by path, so a cut label must keep the path.
 * - A connection lane shows only the query parameters that differ between the connections of its
 *   session. A parameter every connection carries with the same value (a redacted token reused,
 *   `?v=2`) repeats on every lane and says nothing there; one that changes (a refreshed token,
 *   a resume cursor) is the point. The full URL stays in the row's tooltip and the header.
 */

/** A session key split for display: `path` (with a leading "/") and `origin` ("ws://host:port"). */
export interface SessionLabel {
  path: string;
  origin: string;
}

/** Splits a session key "scheme://host/path" into path and origin; a key that is not a URL is all path. */
export function sessionLabel(key: string): SessionLabel {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(key);
  if (!m) return { path: key, origin: '' };
  return { path: m[2] || '/', origin: m[1]! };
}

/**
 * For each URL of one session (in lane order), the "?a=1&b=2" of the query parameters whose
 * value is not the same on every URL of the list ("" when none differ). Parameter order follows
 * each URL; a parameter missing from some URLs counts as differing. Fragments are ignored.
 * Input URLs are already redacted (docs/design.md#redaction); nothing is decoded or re-encoded.
 */
export function distinctQueries(urls: readonly string[]): string[] {
  const parsed = urls.map(queryPairs);
  const same = new Map<string, string | undefined | null>();
  parsed.forEach((pairs, i) => {
    const seen = new Map(pairs);
    if (i === 0) for (const [k, v] of seen) same.set(k, v);
    for (const [k, v] of same) if (v !== null && (!seen.has(k) || seen.get(k) !== v)) same.set(k, null);
    for (const k of seen.keys()) if (!same.has(k)) same.set(k, null);
  });
  if (urls.length < 2) return urls.map(() => '');
  return parsed.map((pairs) => {
    const kept = pairs.filter(([k]) => same.get(k) === null);
    return kept.length ? `?${kept.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&')}` : '';
  });
}

/**
 * {@link distinctQueries} per session: for lanes given as (key, session key, redacted URL), in
 * lane order, the map key → "?…" of what differs between the connections of its session.
 */
export function laneQueries<K>(lanes: Iterable<{ key: K; session: string; url: string }>): Map<K, string> {
  const bySession = new Map<string, { key: K; url: string }[]>();
  for (const l of lanes) {
    let list = bySession.get(l.session);
    if (!list) bySession.set(l.session, (list = []));
    list.push(l);
  }
  const out = new Map<K, string>();
  for (const list of bySession.values()) {
    const q = distinctQueries(list.map((x) => x.url));
    list.forEach((x, i) => out.set(x.key, q[i]!));
  }
  return out;
}

/** The raw `key=value` pairs of a URL's query, in order (value undefined for a bare `key`). */
function queryPairs(url: string): [string, string | undefined][] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const h = url.indexOf('#', q);
  const query = url.slice(q + 1, h < 0 ? undefined : h);
  if (!query) return [];
  return query.split('&').filter(Boolean).map((p) => {
    const eq = p.indexOf('=');
    return eq < 0 ? [p, undefined] : [p.slice(0, eq), p.slice(eq + 1)];
  });
}
