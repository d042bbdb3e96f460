/**
 * Which HTTP response bodies the hook keeps (docs/design.md#the-page-hook, "What the learning
 * needs, the capture keeps"), each bounded and charged to the live preview budget:
 * 1. declared — the URL's pathname is one the active profile declares (`sync.urlPath`,
 *    `hello.http.urlPath`; the compiled-in default is scaiwave's `/v1/sync`, replaced by a
 *    `relay-config` message), or a built-in preset's handshake (`PRESET_HANDSHAKES`: Engine.IO's
 *    `/socket.io/` open request, before it carries `sid`), kept up to `bodyCap`;
 * 2. catch-up candidates — same site as the document, within `CATCH_UP_WINDOW_MS` after a
 *    WebSocket of the page closed, and a JSON response (`application/json`, `+json`,
 *    `application/x-ndjson` content type), kept up to `CATCH_UP_BODY_CAP`.
 * Redaction applies to kept bodies on export like to any other (JSON keys).
 */
import type { Natives } from './natives';
import { CATCH_UP_BODY_CAP, CATCH_UP_WINDOW_MS, DEFAULT_CAPTURE_CONFIG, PRESET_HANDSHAKES } from '../core/store/capture-config';

/** Mutable body policy. */
export interface SyncMatcher {
  /** True when `url` (absolute) is declared: a configured path or a preset's handshake. */
  matches(url: string): boolean;
  /** Replaces the configured paths. */
  setPaths(paths: readonly string[]): void;
  /** A WebSocket of the page closed at `t` (ms since the epoch). */
  noteClose(t: number): void;
  /** True when a response to `url` at `t` may be a catch-up (same site, near a reconnect); its content type decides. */
  catchUpCandidate(url: string, t: number): boolean;
}

/** The body cap of a catch-up candidate, bytes. */
export const CATCH_UP_CAP = CATCH_UP_BODY_CAP;

/**
 * True for JSON content types: `application/json`, `…+json`, `application/x-ndjson`
 * (parameters ignored). Uses only captured string natives (docs/design.md#invisibility-rules).
 */
export function isJsonType(n: Natives, contentType: string | null | undefined): boolean {
  if (typeof contentType !== 'string' || contentType.length === 0) return false;
  const semi = n.apply(n.strIndexOf, contentType, [';']) as number;
  let t = n.apply(n.strToUpperCase, semi < 0 ? contentType : (n.apply(n.strSlice, contentType, [0, semi]) as string), []) as string;
  let a = 0;
  let b = t.length;
  while (a < b && t[a] === ' ') a++;
  while (b > a && t[b - 1] === ' ') b--;
  t = n.apply(n.strSlice, t, [a, b]) as string;
  if (t === 'APPLICATION/JSON' || t === 'APPLICATION/X-NDJSON') return true;
  return t.length > 5 && (n.apply(n.strSlice, t, [t.length - 5]) as string) === '+JSON';
}

/**
 * The site of an absolute URL, approximated without the Public Suffix List: the host's last
 * two labels (`api.example.com` → `example.com`), or the whole host for IP addresses,
 * bracketed IPv6 and single labels; '' when the URL has no host. Upper-cased (comparison only).
 */
export function siteOf(n: Natives, url: string): string {
  const scheme = n.apply(n.strIndexOf, url, ['://']) as number;
  if (scheme <= 0) return '';
  let a = scheme + 3;
  let b = a;
  while (b < url.length && url[b] !== '/' && url[b] !== '?' && url[b] !== '#') b++;
  for (let i = b - 1; i >= a; i--) {
    if (url[i] === '@') {
      a = i + 1;
      break;
    }
  }
  let host = n.apply(n.strSlice, url, [a, b]) as string;
  if (host[0] === '[') return n.apply(n.strToUpperCase, host, []) as string;
  const colon = n.apply(n.strIndexOf, host, [':']) as number;
  if (colon >= 0) host = n.apply(n.strSlice, host, [0, colon]) as string;
  let dots = 0;
  let numeric = true;
  let cut = 0;
  for (let i = host.length - 1; i >= 0; i--) {
    const ch = host[i]!;
    if (ch === '.') {
      dots++;
      if (dots === 2 && cut === 0) cut = i + 1;
    } else if (ch < '0' || ch > '9') numeric = false;
  }
  if (numeric && dots === 3) return host;
  return n.apply(n.strToUpperCase, cut > 0 ? (n.apply(n.strSlice, host, [cut]) as string) : host, []) as string;
}

function hasParam(n: Natives, url: string, name: string): boolean {
  const q = n.apply(n.strIndexOf, url, ['?']) as number;
  if (q < 0) return false;
  const h = n.apply(n.strIndexOf, url, ['#', q]) as number;
  const query = '&' + (n.apply(n.strSlice, url, [q + 1, h < 0 ? url.length : h]) as string) + '&';
  return (n.apply(n.strIndexOf, query, ['&' + name + '=']) as number) >= 0 || (n.apply(n.strIndexOf, query, ['&' + name + '&']) as number) >= 0;
}

/** Creates a policy with the default paths. */
export function createSyncMatcher(n: Natives): SyncMatcher {
  let paths: string[] = [];
  let lastClose = -Infinity;
  const set = (p: readonly string[]): void => {
    const next: string[] = [];
    for (let i = 0; i < p.length; i++) if (typeof p[i] === 'string') next[next.length] = p[i] as string;
    paths = next;
  };
  set(DEFAULT_CAPTURE_CONFIG.syncPaths);
  return {
    matches(url) {
      let pathname: string;
      try {
        pathname = n.apply(n.urlPathname, n.construct(n.URLCtor, [url]), []) as string;
      } catch {
        return false;
      }
      for (let i = 0; i < paths.length; i++) if (paths[i] === pathname) return true;
      for (let i = 0; i < PRESET_HANDSHAKES.length; i++) {
        const h = PRESET_HANDSHAKES[i]!;
        if (h.path === pathname && !hasParam(n, url, h.unlessParam)) return true;
      }
      return false;
    },
    setPaths: set,
    noteClose(t) {
      lastClose = t;
    },
    catchUpCandidate(url, t) {
      if (t - lastClose > CATCH_UP_WINDOW_MS) return false;
      let doc = '';
      try {
        doc = n.apply(n.locationHref, n.location, []) as string;
      } catch {
        return false;
      }
      const site = siteOf(n, url);
      return site !== '' && site === siteOf(n, doc);
    },
  };
}

/** Resolves `url` against `base` with the captured URL constructor; undefined when invalid. */
export function resolveUrl(n: Natives, url: string, base: string): string | undefined {
  try {
    return n.apply(n.urlHref, base ? n.construct(n.URLCtor, [url, base]) : n.construct(n.URLCtor, [url]), []) as string;
  } catch {
    return undefined;
  }
}

/** The href of a native URL object (brand-checked getter), or undefined for anything else. */
export function hrefOf(n: Natives, v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  try {
    return n.apply(n.urlHref, v, []) as string;
  } catch {
    return undefined;
  }
}
