/**
 * `fail-sync` for XMLHttpRequest (docs/design.md#fault-commands): the sync request never
 * leaves the page, and the page's XHR fails the way a real failing server or network makes it
 * fail, because the browser itself runs the request — only aimed elsewhere. The XHR is
 * re-opened natively (the page's `open()` already made it OPENED, so no extra
 * `readystatechange` fires) towards a data URL and sent natively:
 *
 * - "network": `data:` (no comma) is no valid data URL, a network error: `readyState` 4,
 *   `status` 0, `error` then `loadend` (a synchronous XHR throws NetworkError), as the browser
 *   does it; Gecko (its XHR has `mozAnon`) keeps the request's URL as `responseURL` after a
 *   network error on the wire, so there `responseURL` reads as the sync request's URL;
 * - an HTTP status: `data:,` is an empty 200 response; the browser fires its own
 *   `readystatechange`, `progress`, `load` and `loadend`, and this XHR's `status`,
 *   `statusText`, `responseURL` and response headers read as the made-up response's from
 *   HEADERS_RECEIVED on (the request's URL, no headers).
 *
 * Those four accessors of `XMLHttpRequest.prototype` are wrapped (masked like every hooked
 * function) the first time a status is made up, never before: nothing changes while no fault
 * is used. What a page can still tell: a Content-Security-Policy without `data:` in
 * `connect-src` turns the made-up status into a network error (and reports a violation).
 */
import type { HookContext } from './hook-context';
import { replaceValue, wrapApply } from './hook-context';
import type { Natives } from './natives';

/** Reason phrases a server sends with the statuses the panel offers (RFC 9110 §15). */
const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 408: 'Request Timeout', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** A made-up response: status and statusText (absent for a network error) and responseURL. */
interface Fake {
  status?: number;
  statusText?: string;
  url: string;
}

/** What the XHR hook calls: `fail` makes a sent XHR fail, `forget` drops a made-up response when the page re-opens the XHR. */
export interface XhrFault {
  fail(xhr: XMLHttpRequest, failure: number | 'network', url: string, async: boolean, args: unknown[]): unknown;
  forget(xhr: XMLHttpRequest): void;
}

/** The XHR fail-sync of one realm (`rn`: its natives); see the module comment. */
export function createXhrFault(rn: Natives, ctx: HookContext): XhrFault {
  const x = rn.xhr!;
  const { n } = ctx;
  const fakes = new n.WeakMapCtor<object, Fake>();
  let patched = false;
  /** The made-up response of `xhr` once its headers "arrived" (readyState ≥ 2), else undefined. */
  const fakeOf = (xhr: unknown): Fake | undefined => {
    const f = n.apply(n.weakMapGet, fakes, [xhr]) as Fake | undefined;
    return f && (n.apply(x.readyState, xhr, []) as number) >= 2 ? f : undefined;
  };
  const patch = (): void => {
    patched = true;
    const proto = x.proto;
    const getters: [string, (f: Fake) => unknown][] = [['status', (f) => f.status], ['statusText', (f) => f.statusText], ['responseURL', (f) => f.url]];
    for (const [key, value] of getters) {
      const d = n.getOwnPropertyDescriptor(proto, key);
      if (!d?.get) continue;
      const get = wrapApply(ctx, d.get as (this: unknown) => unknown, (target, thisArg, args) => {
        const f = fakeOf(thisArg);
        const v = f ? value(f) : undefined;
        return v !== undefined ? v : n.apply(target, thisArg, args);
      });
      n.defineProperty(proto, key, { configurable: d.configurable, enumerable: d.enumerable, get, set: d.set });
    }
    const one = n.getOwnPropertyDescriptor(proto, 'getResponseHeader')?.value as ((this: XMLHttpRequest, name: string) => string | null) | undefined;
    if (one) replaceValue(n, proto, 'getResponseHeader', wrapApply(ctx, one, (target, thisArg, args) => (fakeOf(thisArg)?.status !== undefined && args.length ? null : n.apply(target, thisArg, args))));
    const all = n.getOwnPropertyDescriptor(proto, 'getAllResponseHeaders')?.value as ((this: XMLHttpRequest) => string) | undefined;
    if (all) replaceValue(n, proto, 'getAllResponseHeaders', wrapApply(ctx, all, (target, thisArg, args) => (fakeOf(thisArg)?.status !== undefined ? '' : n.apply(target, thisArg, args))));
  };
  const geckoKeepsUrl = n.getOwnPropertyDescriptor(x.proto, 'mozAnon') !== undefined;
  return {
    fail(xhr, failure, url, async, args) {
      if (failure !== 'network' || geckoKeepsUrl) {
        if (!patched) patch();
        n.apply(n.weakMapSet, fakes, [xhr, failure === 'network' ? { url } : { status: failure, statusText: REASONS[failure] ?? '', url }]);
      }
      n.apply(x.open, xhr, ['GET', failure === 'network' ? 'data:' : 'data:,', async]);
      // The page's own arguments: converted by the native as usual; a GET sends no body.
      return n.apply(x.send, xhr, args);
    },
    forget(xhr) {
      if (patched) n.apply(n.weakMapSet, fakes, [xhr, undefined]);
    },
  };
}
