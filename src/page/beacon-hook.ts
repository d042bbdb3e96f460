/**
 * Wraps `navigator.sendBeacon` (docs/design.md#event-types `http-request` with initiator `beacon`). A beacon
 * has no response the page can see: a refused beacon (the native returned false) is recorded
 * as `http-error`; a call that throws started nothing and is not recorded. The URL argument is
 * converted once, here, when it is an object.
 */
import type { HookContext } from './hook-context';
import { replaceValue, toStringOnce, wrapApply } from './hook-context';
import type { Natives } from './natives';
import { hrefOf, resolveUrl } from './sync-matcher';

/** Installs the sendBeacon hook into the realm whose natives are `rn`. */
export function installBeaconHook(rn: Natives, ctx: HookContext): void {
  const b = rn.sendBeacon;
  if (!b) return;
  const { n, rec, guard } = ctx;
  const wrapped = wrapApply(ctx, b.fn, (target, thisArg, args) => {
    if (args.length === 0) return n.apply(target, thisArg, args);
    const t = rec.now();
    const callArgs: unknown[] = [];
    for (let i = 0; i < args.length; i++) callArgs[i] = args[i];
    const href = hrefOf(n, args[0]);
    if (href === undefined && ((typeof args[0] === 'object' && args[0] !== null) || typeof args[0] === 'function')) callArgs[0] = toStringOnce(args[0]);
    // A call that throws (bad URL, wrong `this`, bad data) started no request: nothing is recorded.
    const result = n.apply(target, thisArg, callArgs);
    guard(() => {
      const id = ctx.nextReq();
      const raw = href ?? (typeof callArgs[0] === 'string' ? callArgs[0] : toStringOnce(callArgs[0]));
      rec.record({ t, type: 'http-request', req: id, method: 'POST', url: resolveUrl(n, raw, rn.documentBaseURI()) ?? raw, initiator: 'beacon' });
      if (result === false) rec.record({ t: rec.now(), type: 'http-error', req: id, error: 'NotQueued: the browser refused to queue the beacon' });
    });
    return result;
  });
  replaceValue(n, b.proto, 'sendBeacon', wrapped);
}
