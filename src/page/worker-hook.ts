/**
 * Notices `new Worker(...)` and `new SharedWorker(...)` (docs/design.md#what-the-hook-cannot-see: sockets inside workers
 * are outside a page hook's reach; the panel says so). The constructors become Proxies whose
 * `construct` calls the native first (same exceptions, same `new.target`) and then records a
 * `worker-created` event with the script URL resolved against the document's base URL. A URL
 * argument that is neither a string nor a URL object is converted once, here.
 */
import type { HookContext } from './hook-context';
import { replaceValue, toStringOnce } from './hook-context';
import type { Natives } from './natives';
import { hrefOf, resolveUrl } from './sync-matcher';

/** Installs the worker hooks into the realm `win` (`rn`: that realm's natives). */
export function installWorkerHooks(win: Window & typeof globalThis, rn: Natives, ctx: HookContext): void {
  wrapCtor(win, rn, ctx, 'Worker', 'worker');
  wrapCtor(win, rn, ctx, 'SharedWorker', 'shared-worker');
}

function wrapCtor(win: Window & typeof globalThis, rn: Natives, ctx: HookContext, name: 'Worker' | 'SharedWorker', kind: 'worker' | 'shared-worker'): void {
  const d = ctx.n.getOwnPropertyDescriptor(win, name);
  const Native = d && 'value' in d ? (d.value as typeof Worker) : undefined;
  if (typeof Native !== 'function') return;
  const { n, rec, guard } = ctx;
  const Wrapped: typeof Worker = new n.ProxyCtor(Native, {
    construct(target, args: unknown[], newTarget: Function) {
      const t = rec.now();
      const callArgs: unknown[] = [];
      for (let i = 0; i < args.length; i++) callArgs[i] = args[i];
      const href = hrefOf(n, args[0]);
      // A TrustedScriptURL or other object: convert once (the native would call its toString).
      if (args.length > 0 && href === undefined && ((typeof args[0] === 'object' && args[0] !== null) || typeof args[0] === 'function')) {
        callArgs[0] = isTrusted(win, n, args[0]) ? args[0] : toStringOnce(args[0]);
      }
      const w = n.construct(target, callArgs, newTarget === Wrapped ? target : newTarget) as Worker;
      guard(() => {
        const raw = href ?? (typeof callArgs[0] === 'string' ? callArgs[0] : '(script URL object)');
        rec.record({ t, type: 'worker-created', kind, url: resolveUrl(n, raw, rn.documentBaseURI()) ?? raw });
      });
      return w;
    },
  });
  ctx.masks.mask(Wrapped, Native);
  const proto = Native.prototype as object;
  replaceValue(n, proto, 'constructor', Wrapped);
  replaceValue(n, win, name, Wrapped);
}

/** True for a Trusted Types TrustedScriptURL (left for the native, which unwraps it without page code). */
function isTrusted(win: Window & typeof globalThis, n: Natives, v: unknown): boolean {
  const T = (win as unknown as { TrustedScriptURL?: { prototype: object } }).TrustedScriptURL;
  if (!T) return false;
  const toJSON = n.getOwnPropertyDescriptor(T.prototype, 'toJSON')?.value as ((this: unknown) => string) | undefined;
  if (!toJSON) return false;
  try {
    n.apply(toJSON, v, []);
    return true;
  } catch {
    return false;
  }
}
