/**
 * Wraps a realm's `XMLHttpRequest.prototype.open` and `send` (docs/design.md#event-types http events,
 * initiator `xhr`). `open` remembers method and URL (arguments the native would convert with
 * page code are converted once, here, and passed on as strings); `send` records the request
 * and, once per object, adds listeners on the XHR itself (never on `xhr.upload`, whose
 * listeners would force a CORS preflight). Headers received → `http-response`; for a declared
 * path or a catch-up candidate with a JSON content type (sync-matcher.ts) the response is
 * recorded at `load` with the text body (responseType "" / "text",
 * or "arraybuffer" decoded as UTF-8), capped. `error`, `abort`, `timeout` → `http-error`.
 * An armed `fail-sync` fails a sync request in xhr-fault.ts (recorded `synthetic`).
 */
import type { HookContext } from './hook-context';
import { replaceValue, toStringOnce, wrapApply } from './hook-context';
import type { Natives } from './natives';
import { errorText } from './error-text';
import { CATCH_UP_CAP, hrefOf, isJsonType, resolveUrl } from './sync-matcher';
import { createXhrFault } from './xhr-fault';

interface XhrState {
  method: string;
  url: string;
  /** The `async` argument of the last `open()` (default true). */
  async: boolean;
  /** Request id of the current send, or undefined between sends. */
  req?: string | number;
  sync: boolean;
  /** A catch-up candidate (sync-matcher.ts): its body is kept if the response is JSON. */
  candidate: boolean;
  /** Body cap of this request, bytes. */
  cap: number;
  responded: boolean;
  listening: boolean;
}

const STANDARD_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

/** Installs the XHR hook into the realm `win` (`rn`: that realm's natives). */
export function installXhrHook(win: Window & typeof globalThis, rn: Natives, ctx: HookContext): void {
  const x = rn.xhr;
  if (!x) return;
  const { n, rec, guard } = ctx;
  const states = new n.WeakMapCtor<object, XhrState>();
  const faults = createXhrFault(rn, ctx);
  const isObj = (v: unknown): boolean => (typeof v === 'object' && v !== null) || typeof v === 'function';
  const abGetter = rn.abByteLength;

  const normalizeMethod = (m: string): string => {
    const up = n.apply(n.strToUpperCase, m, []) as string;
    for (let i = 0; i < STANDARD_METHODS.length; i++) if (STANDARD_METHODS[i] === up) return up;
    return m;
  };

  const finish = (xhr: XMLHttpRequest, st: XhrState, withBody: boolean): void => {
    if (st.req === undefined || st.responded) return;
    st.responded = true;
    const status = n.apply(x.status, xhr, []) as number;
    if (!withBody) {
      rec.record({ t: rec.now(), type: 'http-response', req: st.req, status });
      return;
    }
    const cap = st.cap;
    let body: string | undefined;
    let truncated = false;
    const rt = n.apply(x.responseType, xhr, []) as string;
    if (rt === '' || rt === 'text') {
      const text = n.apply(x.responseText, xhr, []) as string;
      truncated = text.length > cap;
      body = truncated ? (n.parse(n.stringify(n.apply(n.strSlice, text, [0, cap]))) as string) : text;
    } else if (rt === 'arraybuffer') {
      const respGetter = n.getOwnPropertyDescriptor(x.proto, 'response')?.get;
      const buf = respGetter ? (n.apply(respGetter, xhr, []) as ArrayBuffer | null) : null;
      if (buf) {
        const len = n.apply(abGetter, buf, []) as number;
        truncated = len > cap;
        body = n.textDecode(n.construct(n.Uint8ArrayCtor, [buf, 0, truncated ? cap : len]) as Uint8Array, false);
      }
    }
    if (body === undefined) rec.record({ t: rec.now(), type: 'http-response', req: st.req, status });
    else rec.record({ t: rec.now(), type: 'http-response', req: st.req, status, body, bodyTruncated: truncated }, body.length * 2);
  };

  const fail = (st: XhrState, error: string): void => {
    if (st.req === undefined || st.responded) return;
    st.responded = true;
    rec.record({ t: rec.now(), type: 'http-error', req: st.req, error });
  };

  const listen = (xhr: XMLHttpRequest, st: XhrState): void => {
    const on = (type: string, fn: () => void): void => {
      n.apply(rn.addEventListener, xhr, [type, () => guard(fn)]);
    };
    on('readystatechange', () => {
      const rs = n.apply(x.readyState, xhr, []) as number;
      if (rs === 2 && st.candidate) {
        st.candidate = false;
        if (isJsonType(n, n.apply(x.getResponseHeader, xhr, ['content-type']) as string | null)) {
          st.sync = true;
          st.cap = rec.options.bodyCap < CATCH_UP_CAP ? rec.options.bodyCap : CATCH_UP_CAP;
        }
      }
      if (rs === 2 && !st.sync) finish(xhr, st, false);
      else if (rs === 4 && !st.sync && (n.apply(x.status, xhr, []) as number) !== 0) finish(xhr, st, false);
    });
    on('load', () => finish(xhr, st, st.sync));
    on('error', () => fail(st, 'NetworkError: network error'));
    on('abort', () => fail(st, 'AbortError: aborted'));
    on('timeout', () => fail(st, 'TimeoutError: timed out'));
  };

  const wrappedOpen = wrapApply(ctx, x.open, (target, thisArg, args) => {
    const callArgs: unknown[] = [];
    for (let i = 0; i < args.length; i++) callArgs[i] = args[i];
    let method = '';
    let url = '';
    if (args.length >= 2) {
      // ByteString / USVString conversions, once, in the native's order.
      if (isObj(args[0])) callArgs[0] = toStringOnce(args[0]);
      const href = hrefOf(n, args[1]);
      if (href === undefined && isObj(args[1])) callArgs[1] = toStringOnce(args[1]);
      guard(() => {
        method = typeof callArgs[0] === 'string' ? normalizeMethod(callArgs[0]) : toStringOnce(callArgs[0]);
        const raw = href ?? (typeof callArgs[1] === 'string' ? callArgs[1] : toStringOnce(callArgs[1]));
        url = resolveUrl(n, raw, rn.documentBaseURI()) ?? raw;
      });
    }
    const result = n.apply(target, thisArg, callArgs);
    guard(() => {
      let st = n.apply(n.weakMapGet, states, [thisArg]) as XhrState | undefined;
      if (!st) {
        st = { method, url, async: true, sync: false, candidate: false, cap: 0, responded: false, listening: false };
        n.apply(n.weakMapSet, states, [thisArg, st]);
      }
      st.method = method;
      st.url = url;
      st.async = args.length < 3 || !!args[2];
      st.req = undefined;
      faults.forget(thisArg as XMLHttpRequest);
    });
    return result;
  });

  const wrappedSend = wrapApply(ctx, x.send, (target, thisArg, args) => {
    const st = n.apply(n.weakMapGet, states, [thisArg]) as XhrState | undefined;
    if (!st) return n.apply(target, thisArg, args);
    const t = rec.now();
    guard(() => {
      if (!st.listening) {
        st.listening = true;
        listen(thisArg as XMLHttpRequest, st);
      }
      if ((n.apply(x.readyState, thisArg, []) as number) !== 1) return; // not OPENED: the native throws
      st.req = ctx.nextReq();
      st.sync = ctx.sync.matches(st.url);
      st.candidate = !st.sync && ctx.sync.catchUpCandidate(st.url, t);
      st.cap = rec.options.bodyCap;
      st.responded = false;
      rec.record({ t, type: 'http-request', req: st.req, method: st.method, url: st.url, initiator: 'xhr' });
    });
    // fail-sync (docs/design.md#fault-commands): the sync request never leaves; xhr-fault.ts makes the browser fail it.
    const failure = st.sync && st.req !== undefined && !st.responded && ctx.faults.armed ? ctx.faults.failSync() : undefined;
    if (failure !== undefined) {
      guard(() => {
        st.responded = true;
        if (failure === 'network') rec.record({ t: rec.now(), type: 'http-error', req: st.req!, error: 'NetworkError: network error', synthetic: true });
        else rec.record({ t: rec.now(), type: 'http-response', req: st.req!, status: failure, synthetic: true });
      });
      return faults.fail(thisArg as XMLHttpRequest, failure, st.url, st.async, args);
    }
    try {
      return n.apply(target, thisArg, args);
    } catch (err) {
      guard(() => fail(st, errorText(n, ctx.errors, err)));
      throw err;
    }
  });

  replaceValue(n, x.proto, 'open', wrappedOpen);
  replaceValue(n, x.proto, 'send', wrappedSend);
}
