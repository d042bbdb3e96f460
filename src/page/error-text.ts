/**
 * Describes an exception for a trace (`"<name>: <message>"`) without running page code: a
 * DOMException is read through its captured getters, anything else through own data
 * properties found with `Object.getOwnPropertyDescriptor` (a page-defined getter or a Proxy's
 * `get` trap never runs). Used for `ws-create-failed`, `ws-close-call` and `http-error`.
 */
import type { Natives } from './natives';

/** Captured DOMException getters (one realm's). */
export interface ErrorNatives {
  domName?: (this: unknown) => string;
  domMessage?: (this: unknown) => string;
}

/** Captures the DOMException getters of `win`. */
export function captureErrorNatives(win: Window & typeof globalThis): ErrorNatives {
  const p = win.DOMException?.prototype;
  if (!p) return {};
  return {
    domName: Object.getOwnPropertyDescriptor(p, 'name')?.get as ErrorNatives['domName'],
    domMessage: Object.getOwnPropertyDescriptor(p, 'message')?.get as ErrorNatives['domMessage'],
  };
}

function dataProp(n: Natives, o: unknown, key: string, depth: number): unknown {
  let cur: unknown = o;
  for (let i = 0; i < depth && cur !== null && (typeof cur === 'object' || typeof cur === 'function'); i++) {
    const d = n.getOwnPropertyDescriptor(cur as object, key);
    if (d) return 'value' in d ? d.value : undefined;
    cur = n.getPrototypeOf(cur as object);
  }
  return undefined;
}

/** `"<name>: <message>"` of a thrown value; never throws. */
export function errorText(n: Natives, en: ErrorNatives, err: unknown): string {
  try {
    if (en.domName && en.domMessage) {
      try {
        const name = n.apply(en.domName, err, []) as string;
        const message = n.apply(en.domMessage, err, []) as string;
        return name + ': ' + message;
      } catch {
        // not a DOMException
      }
    }
    if (err === null || (typeof err !== 'object' && typeof err !== 'function')) return 'Error: ' + (typeof err === 'string' ? err : typeof err);
    const name = dataProp(n, err, 'name', 4);
    const message = dataProp(n, err, 'message', 1);
    return (typeof name === 'string' ? name : 'Error') + ': ' + (typeof message === 'string' ? message : '');
  } catch {
    return 'Error: (unreadable)';
  }
}
