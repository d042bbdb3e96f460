/**
 * Wraps the page's WebSocket so every connection is recorded while the page observes no
 * difference (DESIGN.md §2). The constructor becomes a Proxy of the native one (same
 * `name`, `length`, statics and `prototype`; `new.target` and subclassing kept through
 * `Reflect.construct`); `send` and `close` on the prototype become Proxies of the natives.
 * Events are observed with a listener added at construction, before any page listener, so
 * the page's listeners see the same events in the same order. Recording never throws into
 * the page; the native call always happens and its exceptions reach the page unchanged.
 */
import type { ConnId, ReadyState } from '../core/events';
import type { Masks } from './masks';
import type { Natives } from './natives';
import type { Recorder } from './recorder';
import { takePayload } from './payload';

/** Installs the WebSocket hook into `win`. `src` prefixes connection ids (unique per trace). */
export function installWebSocketHook(win: Window & typeof globalThis, n: Natives, masks: Masks, rec: Recorder, src: string): void {
  const NativeWS = win.WebSocket;
  if (typeof NativeWS !== 'function') return;
  const proto = NativeWS.prototype;
  const ids = new n.WeakMapCtor<object, ConnId>();
  const urlGetter = n.getOwnPropertyDescriptor(proto, 'url')?.get as (this: WebSocket) => string;
  const protocolGetter = n.getOwnPropertyDescriptor(proto, 'protocol')?.get as (this: WebSocket) => string;
  const extensionsGetter = n.getOwnPropertyDescriptor(proto, 'extensions')?.get as (this: WebSocket) => string;
  const readyStateGetter = n.getOwnPropertyDescriptor(proto, 'readyState')?.get as (this: WebSocket) => number;
  let counter = 0;
  const cap = rec.options.previewCap;

  const guard = (fn: () => void): void => {
    try {
      fn();
    } catch {
      // Recording must never break the page (DESIGN.md §2).
    }
  };

  const listen = (ws: WebSocket, conn: ConnId): void => {
    const on = (type: string, handler: (ev: Event) => void): void => {
      n.apply(n.addEventListener, ws, [type, (ev: Event) => guard(() => handler(ev))]);
    };
    on('open', () => {
      rec.record({ t: rec.now(), type: 'ws-open', conn, protocol: n.apply(protocolGetter, ws, []) as string, extensions: n.apply(extensionsGetter, ws, []) as string });
    });
    on('message', (ev) => {
      const payload = takePayload(n, (ev as MessageEvent).data, cap);
      if (payload) rec.record({ t: rec.now(), type: 'ws-message', conn, payload });
    });
    on('error', () => rec.record({ t: rec.now(), type: 'ws-error', conn }));
    on('close', (ev) => {
      const ce = ev as CloseEvent;
      rec.record({ t: rec.now(), type: 'ws-close', conn, code: ce.code, reason: ce.reason, wasClean: ce.wasClean });
    });
  };

  const frameUrl = (): string => {
    try {
      return n.location.href;
    } catch {
      return '';
    }
  };

  const WrappedWS = new n.ProxyCtor(NativeWS, {
    construct(target, args: unknown[], newTarget: Function) {
      const t = rec.now();
      let ws: WebSocket;
      try {
        ws = n.construct(target, args, newTarget === WrappedWS ? target : newTarget) as WebSocket;
      } catch (err) {
        guard(() => {
          const e = err as { name?: string; message?: string };
          rec.record({ t, type: 'ws-create-failed', url: describeUrlArg(win, n, args[0]), error: `${e?.name ?? 'Error'}: ${e?.message ?? ''}` });
        });
        throw err;
      }
      guard(() => {
        const conn = `${src}.${++counter}`;
        n.apply(n.weakMapSet, ids, [ws, conn]);
        const p = args[1];
        const protocols = copyProtocols(p);
        rec.record({ t, type: 'ws-create', conn, url: n.apply(urlGetter, ws, []) as string, protocols, frameUrl: frameUrl() });
        listen(ws, conn);
      });
      return ws;
    },
  });

  const nativeSend = proto.send;
  const wrappedSend = new n.ProxyCtor(nativeSend, {
    apply(target, thisArg: WebSocket, args: unknown[]) {
      guard(() => {
        const conn = n.apply(n.weakMapGet, ids, [thisArg]) as ConnId | undefined;
        if (conn === undefined || args.length === 0) return;
        const payload = takePayload(n, args[0], cap);
        if (!payload) return;
        const readyState = n.apply(readyStateGetter, thisArg, []) as ReadyState;
        rec.record({ t: rec.now(), type: 'ws-send', conn, readyState, payload });
      });
      return n.apply(target, thisArg, args);
    },
  });

  const nativeClose = proto.close;
  const wrappedClose = new n.ProxyCtor(nativeClose, {
    apply(target, thisArg: WebSocket, args: unknown[]) {
      const conn = n.apply(n.weakMapGet, ids, [thisArg]) as ConnId | undefined;
      const t = rec.now();
      const base = (): { code?: number; reason?: string } => {
        const out: { code?: number; reason?: string } = {};
        if (args.length > 0 && args[0] !== undefined) out.code = Number(args[0]);
        if (args.length > 1 && args[1] !== undefined) out.reason = String(args[1]);
        return out;
      };
      try {
        const r = n.apply(target, thisArg, args);
        if (conn !== undefined) guard(() => rec.record({ t, type: 'ws-close-call', conn, ...base() }));
        return r;
      } catch (err) {
        if (conn !== undefined) {
          guard(() => {
            const e = err as { name?: string; message?: string };
            rec.record({ t, type: 'ws-close-call', conn, ...base(), error: `${e?.name ?? 'Error'}: ${e?.message ?? ''}` });
          });
        }
        throw err;
      }
    },
  });

  masks.mask(WrappedWS, NativeWS);
  masks.mask(wrappedSend, nativeSend);
  masks.mask(wrappedClose, nativeClose);
  replaceValue(n, proto, 'send', wrappedSend);
  replaceValue(n, proto, 'close', wrappedClose);
  replaceValue(n, proto, 'constructor', WrappedWS);
  replaceValue(n, win, 'WebSocket', WrappedWS);
}

/** Replaces a data property's value, keeping its attributes (writable, enumerable, configurable). */
function replaceValue(n: Natives, obj: object, key: string, value: unknown): void {
  const d = n.getOwnPropertyDescriptor(obj, key);
  if (!d || !('value' in d)) return;
  n.defineProperty(obj, key, { ...d, value });
}

/**
 * The URL argument as text without running page code twice: strings as is, URL objects
 * through the captured `href` getter, anything else as a placeholder.
 */
function describeUrlArg(win: Window & typeof globalThis, n: Natives, arg: unknown): string {
  if (typeof arg === 'string') return arg;
  const href = n.getOwnPropertyDescriptor(win.URL.prototype, 'href')?.get;
  if (href && arg instanceof win.URL) return n.apply(href, arg, []) as string;
  return '(URL given as ' + typeof arg + ')';
}

/**
 * Requested subprotocols copied without invoking page code (no iterator, no toString):
 * only string entries of a plain array are copied; anything else is shown as "?".
 */
function copyProtocols(p: unknown): string[] {
  if (p === undefined) return [];
  if (typeof p === 'string') return [p];
  if (!Array.isArray(p)) return ['?'];
  const out: string[] = [];
  for (let i = 0; i < p.length; i++) {
    const v: unknown = p[i];
    out[out.length] = typeof v === 'string' ? v : '?';
  }
  return out;
}
