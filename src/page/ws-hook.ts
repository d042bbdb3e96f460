/**
 * Wraps a realm's WebSocket so every connection is recorded while the page observes no
 * difference (docs/design.md#invisibility-rules). The constructor becomes a Proxy of the native one (same `name`,
 * `length`, statics and `prototype`; `new.target` and subclassing kept through
 * `Reflect.construct`); `send` and `close` on the prototype become Proxies of the natives.
 * Events are observed with listeners added at construction, before any page listener, so the
 * page's listeners see the same events in the same order. Event fields are read through
 * captured getters, and arguments the native would convert with page code (an object passed
 * to `send`, a `close` code with `valueOf`) are converted exactly once, here, and handed to
 * the native as primitives. Recording never throws into the page; the native call always
 * happens and its exceptions reach the page unchanged.
 */
import type { ReadyState } from '../core/events';
import type { HookContext } from './hook-context';
import { NO_ARGS, replaceValue, toStringOnce, wrapApply } from './hook-context';
import type { Natives } from './natives';
import { isBinaryLike, takePayload, type RawPayload } from './payload';
import { errorText } from './error-text';
import { hrefOf } from './sync-matcher';
import type { SocketControl } from './fault-injector';

type Get<T> = (this: unknown) => T;

function getterOf<T>(n: Natives, proto: object | undefined, name: string): Get<T> | undefined {
  const d = proto ? n.getOwnPropertyDescriptor(proto, name) : undefined;
  return d?.get as Get<T> | undefined;
}

/**
 * Installs the WebSocket hook into the realm `win` (`rn`: that realm's natives).
 * `frameUrl` labels the sockets created there (docs/design.md#event-types `ws-create.frameUrl`).
 */
export function installWebSocketHook(win: Window & typeof globalThis, rn: Natives, ctx: HookContext, frameUrl: () => string): void {
  const NativeWS = win.WebSocket;
  if (typeof NativeWS !== 'function') return;
  const { rec, guard } = ctx;
  const n = ctx.n;
  const proto = NativeWS.prototype;
  const ids = new n.WeakMapCtor<object, string | number>();
  const urlGetter = getterOf<string>(n, proto, 'url') as Get<string>;
  const protocolGetter = getterOf<string>(n, proto, 'protocol') as Get<string>;
  const extensionsGetter = getterOf<string>(n, proto, 'extensions') as Get<string>;
  const readyStateGetter = getterOf<number>(n, proto, 'readyState') as Get<number>;
  const bufferedGetter = getterOf<number>(n, proto, 'bufferedAmount');
  // The socket that sent last: while its bufferedAmount is not 0 the page is still sending,
  // and the recorder holds back its fills (they would compete for the same thread).
  let lastSender: WebSocket | undefined;
  if (bufferedGetter) {
    const before = rec.pageBusy;
    rec.pageBusy = () => {
      if (before()) return true;
      if (!lastSender) return false;
      try {
        if ((n.apply(bufferedGetter, lastSender, []) as number) > 0) return true;
      } catch {
        // not a socket any more: nothing to wait for
      }
      lastSender = undefined;
      return false;
    };
  }
  const msgData = getterOf<unknown>(n, win.MessageEvent?.prototype, 'data');
  const closeCode = getterOf<number>(n, win.CloseEvent?.prototype, 'code');
  const closeReason = getterOf<string>(n, win.CloseEvent?.prototype, 'reason');
  const closeClean = getterOf<boolean>(n, win.CloseEvent?.prototype, 'wasClean');
  const addListener = rn.addEventListener;
  const { faults } = ctx;
  const stopImmediate = win.Event?.prototype.stopImmediatePropagation;
  const EventCtor = win.Event;
  const CloseEventCtor = win.CloseEvent;

  /**
   * The hook's own listener of each event (added before any page listener). While a fault is
   * armed: a made-up event passes, recorded as synthetic; a real one the fault keeps from the
   * page is stopped here, before every page listener (a kept frame is recorded as faulted).
   */
  const listen = (ws: WebSocket, conn: string | number): void => {
    const on = (type: string, handler: (ev: Event, mark?: 'synthetic' | 'faulted') => void): void => {
      n.apply(addListener, ws, [
        type,
        (ev: Event) => {
          // No `guard(() => …)` here: a closure per event is measurable on a busy socket.
          try {
            if (faults.armed) {
              if (faults.isSynthetic(ev)) return handler(ev, 'synthetic');
              if (faults.intercept(conn, type)) {
                n.apply(stopImmediate as () => void, ev, NO_ARGS);
                if (type === 'message') handler(ev, 'faulted');
                return;
              }
            }
            handler(ev);
          } catch {
            // Recording must never break the page (docs/design.md#invisibility-rules).
          }
        },
      ]);
    };
    on('open', () => {
      rec.record({ t: rec.now(), type: 'ws-open', conn, protocol: n.apply(protocolGetter, ws, []) as string, extensions: n.apply(extensionsGetter, ws, []) as string });
    });
    on('message', (ev, mark) => {
      const t = rec.now();
      const payload = takePayload(rn, msgData ? n.apply(msgData, ev, NO_ARGS) : undefined, rec.options.previewCap);
      if (payload) rec.record(mark === 'faulted' ? { t, type: 'ws-message', conn, payload, faulted: true } : { t, type: 'ws-message', conn, payload });
    });
    on('error', (_ev, mark) => rec.record(mark === 'synthetic' ? { t: rec.now(), type: 'ws-error', conn, synthetic: true } : { t: rec.now(), type: 'ws-error', conn }));
    on('close', (ev, mark) => {
      const t = rec.now();
      ctx.sync.noteClose(t); // responses in the next minute may be catch-ups (sync-matcher.ts)
      const e = {
        t,
        type: 'ws-close' as const,
        conn,
        code: closeCode ? (n.apply(closeCode, ev, []) as number) : 1005,
        reason: closeReason ? (n.apply(closeReason, ev, []) as string) : '',
        wasClean: closeClean ? (n.apply(closeClean, ev, []) as boolean) : false,
      };
      rec.record(mark === 'synthetic' ? { ...e, synthetic: true } : e);
      if (mark !== 'synthetic') faults.unregister(conn);
    });
  };

  /** What fault commands can do to socket `ws` (fault-injector.ts), built with this realm's natives. */
  const control = (ws: WebSocket, conn: string | number): SocketControl => ({
    conn,
    frozen: false,
    skip: 0,
    closing: undefined,
    thawTimer: 0,
    active: false,
    closeNative: () => n.apply(nativeClose, ws, []),
    dispatch: (type, init) => {
      const ev = (type === 'close' ? n.construct(CloseEventCtor, ['close', init]) : n.construct(EventCtor, ['error'])) as Event;
      faults.markSynthetic(ev);
      n.apply(n.dispatchEvent, ws, [ev]);
    },
  });

  const WrappedWS: typeof WebSocket = new n.ProxyCtor(NativeWS, {
    construct(target, args: unknown[], newTarget: Function) {
      const t = rec.now();
      let ws: WebSocket;
      try {
        ws = n.construct(target, args, newTarget === WrappedWS ? target : newTarget) as WebSocket;
      } catch (err) {
        guard(() => {
          rec.record({ t, type: 'ws-create-failed', url: describeUrlArg(rn, args[0]), error: errorText(n, ctx.errors, err) });
        });
        throw err;
      }
      guard(() => {
        const conn = ctx.nextConn();
        n.apply(n.weakMapSet, ids, [ws, conn]);
        const url = n.apply(urlGetter, ws, []) as string;
        rec.record({ t, type: 'ws-create', conn, url, protocols: copyProtocols(n, args[1]), frameUrl: frameUrl() });
        listen(ws, conn);
        faults.register(control(ws, conn));
        const refused = faults.armed ? faults.refusal(url) : undefined;
        if (refused) {
          // Refused: closed before it opens; the page hears the browser's own error and close 1006.
          faults.record({ kind: 'refuse', endpoint: refused.endpoint, origin: refused.origin }, conn);
          n.apply(nativeClose, ws, []);
        }
      });
      return ws;
    },
  });

  // The send() path runs once per frame the page sends: its helpers are made once here, so a
  // call allocates no closure (and the WeakMap key goes through one reused argument list).
  const connKey: unknown[] = [undefined];
  const connOf = (ws: unknown): string | number | undefined => {
    connKey[0] = ws;
    const conn = n.apply(n.weakMapGet, ids, connKey) as string | number | undefined;
    connKey[0] = undefined;
    return conn;
  };
  const payloadOf = (data: unknown): RawPayload | undefined => {
    try {
      return takePayload(rn, data, rec.options.previewCap);
    } catch {
      return undefined;
    }
  };
  const readyStateOf = (ws: unknown): ReadyState | undefined => {
    try {
      return n.apply(readyStateGetter, ws, NO_ARGS) as ReadyState;
    } catch {
      return undefined;
    }
  };
  const recordSend = (t: number, conn: string | number, readyState: ReadyState | undefined, payload: RawPayload | undefined): void => {
    if (!payload || readyState === undefined) return;
    try {
      rec.record({ t, type: 'ws-send', conn, readyState, payload });
    } catch {
      // Recording must never break the page (docs/design.md#invisibility-rules).
    }
  };

  const nativeSend = proto.send;
  const wrappedSend = wrapApply(ctx, nativeSend, (target, thisArg, args) => {
    const conn = connOf(thisArg);
    if (conn === undefined || args.length === 0) return n.apply(target, thisArg, args);
    let data = args[0];
    let payload = payloadOf(data);
    const binary = !payload && isBinaryLike(rn, data);
    if (!payload && !binary && ((typeof data === 'object' && data !== null) || typeof data === 'function')) {
      // Not a string/Blob/buffer: send() would convert it to a string itself (running page
      // code). Convert it once here and hand the native the same string.
      data = toStringOnce(data);
      payload = payloadOf(data);
    } else if (!payload && !binary && typeof data !== 'symbol') {
      payload = payloadOf(`${data as string}`); // a primitive (not a symbol): converting it runs no page code and cannot throw
    }
    const t = rec.now();
    const readyState = readyStateOf(thisArg);
    if (faults.armed && readyState === 1 && faults.holdsSend(conn)) {
      // A frozen link accepts the frame but never transmits it.
      guard(() => {
        if (payload) rec.record({ t, type: 'ws-send', conn, readyState, payload, faulted: true });
      });
      return undefined;
    }
    let result: unknown;
    try {
      result = n.apply(target, thisArg, data === args[0] ? args : [data]);
    } catch (err) {
      // A send() while CONNECTING throws but is what send-while-not-open is about: record it.
      // Any other throw (a type error) sent nothing.
      if (readyState === 0) recordSend(t, conn, readyState, payload);
      throw err;
    }
    recordSend(t, conn, readyState, payload);
    lastSender = thisArg as WebSocket;
    return result;
  });

  const nativeClose = proto.close;
  const wrappedClose = wrapApply(ctx, nativeClose, (target, thisArg, args) => {
    const conn = n.apply(n.weakMapGet, ids, [thisArg]) as string | number | undefined;
    if (conn === undefined) return n.apply(target, thisArg, args);
    const t = rec.now();
    if (faults.armed) guard(() => faults.pageCloses(conn));
    // WebIDL converts `code` ([Clamp] unsigned short) then `reason` (USVString) before the
    // method runs; doing the same conversions once here lets us record what was passed.
    const isObj = (v: unknown): boolean => (typeof v === 'object' && v !== null) || typeof v === 'function';
    const callArgs: unknown[] = [];
    for (let i = 0; i < args.length; i++) callArgs[i] = args[i];
    const out: { code?: number; reason?: string } = {};
    if (args.length > 0 && args[0] !== undefined) {
      if (isObj(args[0])) callArgs[0] = +(args[0] as number); // runs the page's valueOf once
      guard(() => {
        out.code = +(callArgs[0] as number);
      });
    }
    if (args.length > 1 && args[1] !== undefined) {
      if (isObj(args[1])) callArgs[1] = toStringOnce(args[1]); // runs the page's toString once
      guard(() => {
        out.reason = toStringOnce(callArgs[1]);
      });
    }
    try {
      const result = n.apply(target, thisArg, callArgs);
      guard(() => rec.record({ t, type: 'ws-close-call', conn, ...out }));
      return result;
    } catch (err) {
      guard(() => rec.record({ t, type: 'ws-close-call', conn, ...out, error: errorText(n, ctx.errors, err) }));
      throw err;
    }
  });

  ctx.masks.mask(WrappedWS, NativeWS);
  replaceValue(n, proto, 'send', wrappedSend);
  replaceValue(n, proto, 'close', wrappedClose);
  replaceValue(n, proto, 'constructor', WrappedWS);
  replaceValue(n, win, 'WebSocket', WrappedWS);
}

/**
 * The URL argument as text without running page code twice: strings as is, URL objects
 * through the captured `href` getter, anything else as a placeholder.
 */
function describeUrlArg(n: Natives, arg: unknown): string {
  if (typeof arg === 'string') return arg;
  const href = hrefOf(n, arg);
  if (href !== undefined) return href;
  return '(URL given as ' + typeof arg + ')';
}

/**
 * Requested subprotocols copied without invoking page code (no iterator, no getter): only
 * own data properties holding strings are copied; anything else is shown as "?".
 */
function copyProtocols(n: Natives, p: unknown): string[] {
  if (p === undefined) return [];
  if (typeof p === 'string') return [p];
  if (!n.isArray(p)) return ['?'];
  const out: string[] = [];
  const lenD = n.getOwnPropertyDescriptor(p, 'length');
  const len = lenD && typeof lenD.value === 'number' ? lenD.value : 0;
  for (let i = 0; i < len && i < 64; i++) {
    const d = n.getOwnPropertyDescriptor(p, i as unknown as string);
    out[out.length] = d && typeof d.value === 'string' ? d.value : '?';
  }
  return out;
}
