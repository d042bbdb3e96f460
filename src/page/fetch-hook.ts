/**
 * Wraps a realm's `fetch` (docs/design.md#event-types: `http-request`, `http-response`, `http-error`).
 *
 * The wrapper builds the Request exactly as fetch's first step does (`new Request(input,
 * init)` with the realm's original constructor, so the page's getters and `toString` run once)
 * and passes it to the native fetch. The page receives a promise of its own realm that settles
 * with the native result (same Response object, same rejection reason); the native promise is
 * observed with captured `then`, so a rejection the page does not handle still reports as
 * unhandled. For a declared path (sync endpoint, handshake) or a catch-up candidate with a JSON
 * content type (sync-matcher.ts) the body is read from a clone, capped, before the page can
 * touch the response, so the page's own reading is undisturbed.
 */
import type { HookContext } from './hook-context';
import { replaceValue, wrapApply } from './hook-context';
import type { Natives } from './natives';
import { errorText } from './error-text';
import { readCapped } from './body-reader';
import { CATCH_UP_CAP, isJsonType } from './sync-matcher';

/** Installs the fetch hook into the realm `win` (`rn`: that realm's natives). */
export function installFetchHook(win: Window & typeof globalThis, rn: Natives, ctx: HookContext): void {
  const f = rn.fetch;
  if (!f) return;
  const { n, rec, guard } = ctx;
  const ResponseCtor = win.Response;
  const TypeErrorCtor = win.TypeError;
  const wrapped = wrapApply(ctx, f.fetch, (target, thisArg, args) => {
    if ((thisArg !== undefined && thisArg !== null && thisArg !== win) || args.length === 0) return n.apply(target, thisArg, args);
    const t = rec.now();
    let req: Request;
    try {
      req = n.construct(f.RequestCtor, args.length > 1 ? [args[0], args[1]] : [args[0]]) as Request;
    } catch {
      // The native reports this error with its own message: let it (the arguments are converted again).
      return n.apply(target, thisArg, args);
    }
    const id = ctx.nextReq();
    let url = '';
    let sync = false;
    let candidate = false;
    guard(() => {
      url = n.apply(f.requestUrl, req, []) as string;
      sync = ctx.sync.matches(url);
      candidate = !sync && ctx.sync.catchUpCandidate(url, t);
      rec.record({ t, type: 'http-request', req: id, method: n.apply(f.requestMethod, req, []) as string, url, initiator: 'fetch' });
    });
    // fail-sync (docs/design.md#fault-commands): the sync request never leaves; the page gets the failure.
    const failure = sync && ctx.faults.armed ? ctx.faults.failSync() : undefined;
    if (failure === 'network') {
      guard(() => rec.record({ t: rec.now(), type: 'http-error', req: id, error: 'TypeError: Failed to fetch', synthetic: true }));
      return n.construct(rn.PromiseCtor, [(_res: unknown, rej: (e: unknown) => void) => rej(n.construct(TypeErrorCtor, ['Failed to fetch']))]);
    }
    if (failure !== undefined) {
      guard(() => rec.record({ t: rec.now(), type: 'http-response', req: id, status: failure, synthetic: true }));
      const resp = n.construct(ResponseCtor, [null, { status: failure }]) as Response;
      return n.construct(rn.PromiseCtor, [(res: (v: Response) => void) => res(resp)]);
    }
    const p = n.apply(target, thisArg, [req]) as Promise<Response>;
    let resolve!: (v: Response) => void;
    let reject!: (e: unknown) => void;
    const q = n.construct(rn.PromiseCtor, [
      (res: (v: Response) => void, rej: (e: unknown) => void) => {
        resolve = res;
        reject = rej;
      },
    ]) as Promise<Response>;
    n.apply(n.promiseThen, p, [
      (resp: Response) => {
        guard(() => onResponse(rn, ctx, id, resp, sync ? rec.options.bodyCap : candidate ? catchUpCap(rn, ctx, resp) : -1));
        resolve(resp);
      },
      (err: unknown) => {
        guard(() => rec.record({ t: rec.now(), type: 'http-error', req: id, error: errorText(n, ctx.errors, err) }));
        reject(err);
      },
    ]);
    return q;
  });
  replaceValue(n, win, 'fetch', wrapped);
}

/** The body cap of a catch-up candidate: `CATCH_UP_CAP` (within `bodyCap`) for a JSON response, else −1 (not kept). */
function catchUpCap(rn: Natives, ctx: HookContext, resp: Response): number {
  const f = rn.fetch as NonNullable<Natives['fetch']>;
  const { n, rec } = ctx;
  const type = n.apply(f.headersGet, n.apply(f.responseHeaders, resp, []), ['content-type']) as string | null;
  if (!isJsonType(n, type)) return -1;
  return rec.options.bodyCap < CATCH_UP_CAP ? rec.options.bodyCap : CATCH_UP_CAP;
}

/** Records the response; its body, read from a clone, up to `cap` bytes (−1: no body). */
function onResponse(rn: Natives, ctx: HookContext, id: string | number, resp: Response, cap: number): void {
  const f = rn.fetch as NonNullable<Natives['fetch']>;
  const { n, rec } = ctx;
  const status = n.apply(f.responseStatus, resp, []) as number;
  if (cap < 0) {
    rec.record({ t: rec.now(), type: 'http-response', req: id, status });
    return;
  }
  let body: ReadableStream<Uint8Array> | null = null;
  try {
    const clone = n.apply(f.responseClone, resp, []) as Response;
    body = n.apply(f.responseBody, clone, []) as ReadableStream<Uint8Array> | null;
  } catch {
    body = null;
  }
  if (!body) {
    rec.record({ t: rec.now(), type: 'http-response', req: id, status });
    return;
  }
  readCapped(rn, body, cap, (b) => {
    ctx.guard(() => {
      if (!b) rec.record({ t: rec.now(), type: 'http-response', req: id, status });
      else rec.record({ t: rec.now(), type: 'http-response', req: id, status, body: b.text, bodyTruncated: b.truncated }, b.text.length * 2);
    });
  });
}
