/**
 * Tells whether a request URL is the active profile's sync endpoint (docs/design.md#profile-fields
 * `sync.urlPath`: exact match of the URL's pathname), whose response body the hook captures.
 * The path list starts with the compiled-in default (scaiwave: `/v1/sync`) and is replaced by
 * a `relay-config` message.
 */
import type { Natives } from './natives';
import { DEFAULT_CAPTURE_CONFIG } from '../core/store/capture-config';

/** Mutable matcher. */
export interface SyncMatcher {
  /** True when `url` (absolute) has one of the configured paths as its pathname. */
  matches(url: string): boolean;
  /** Replaces the configured paths. */
  setPaths(paths: readonly string[]): void;
}

/** Creates a matcher with the default paths. */
export function createSyncMatcher(n: Natives): SyncMatcher {
  let paths: string[] = [];
  const set = (p: readonly string[]): void => {
    const next: string[] = [];
    for (let i = 0; i < p.length; i++) if (typeof p[i] === 'string') next[next.length] = p[i] as string;
    paths = next;
  };
  set(DEFAULT_CAPTURE_CONFIG.syncPaths);
  return {
    matches(url) {
      if (paths.length === 0) return false;
      let pathname: string;
      try {
        pathname = n.apply(n.urlPathname, n.construct(n.URLCtor, [url]), []) as string;
      } catch {
        return false;
      }
      for (let i = 0; i < paths.length; i++) if (paths[i] === pathname) return true;
      return false;
    },
    setPaths: set,
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
