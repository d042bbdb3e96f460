/**
 * What every part of one hook instance shares: the recorder, the id counters (connection and
 * request ids are `<src>.<n>` and `<src>.r<n>`, unique in a trace because `src` is random per
 * hook instance), the toString mask registry, the sync-path matcher and a `guard` that
 * swallows recording errors (docs/design.md#invisibility-rules: "recording errors are swallowed, the native call
 * always happens").
 */
import type { ConnId, ReqId } from '../core/events';
import type { Masks } from './masks';
import type { Natives } from './natives';
import type { Recorder } from './recorder';
import type { SyncMatcher } from './sync-matcher';
import type { ErrorNatives } from './error-text';
import { FaultInjector } from './fault-injector';

/** Shared state of one hook instance. */
export interface HookContext {
  /** Natives of the hook's own realm (JSON, timers, random …). */
  n: Natives;
  rec: Recorder;
  src: string;
  masks: Masks;
  sync: SyncMatcher;
  errors: ErrorNatives;
  /** Injected faults (docs/design.md#fault-injection); idle unless a command armed one. */
  faults: FaultInjector;
  nextConn(): ConnId;
  nextReq(): ReqId;
  /** Runs `fn`, swallowing anything it throws. */
  guard(fn: () => void): void;
}

/** Creates the context of a hook instance. */
export function createHookContext(n: Natives, rec: Recorder, src: string, masks: Masks, sync: SyncMatcher, errors: ErrorNatives): HookContext {
  let conns = 0;
  let reqs = 0;
  return {
    n,
    rec,
    src,
    masks,
    sync,
    errors,
    faults: new FaultInjector(n, rec),
    nextConn: () => src + '.' + ++conns,
    nextReq: () => src + '.r' + ++reqs,
    guard(fn) {
      try {
        fn();
      } catch {
        // Recording must never break the page (docs/design.md#invisibility-rules).
      }
    },
  };
}

/**
 * An empty argument list for {@link Natives.apply} on hot paths (a getter called once per
 * frame): `Reflect.apply` copies the list, so one shared empty array serves every call instead
 * of a new `[]` each time.
 */
export const NO_ARGS: readonly unknown[] = [];

/** Replaces a data property's value, keeping its attributes (writable, enumerable, configurable). */
export function replaceValue(n: Natives, obj: object, key: string, value: unknown): void {
  const d = n.getOwnPropertyDescriptor(obj, key);
  if (!d || !('value' in d)) return;
  n.defineProperty(obj, key, { configurable: d.configurable, enumerable: d.enumerable, writable: d.writable, value });
}

/**
 * Wraps a native function in a Proxy whose `apply` is `trap`, masks it, and returns it. The
 * target's own properties are not touched: SpiderMonkey creates a native function's `length`
 * and `name` lazily, in the order they are first read, and that order must stay the page's.
 */
export function wrapApply<F extends (...a: never[]) => unknown>(ctx: HookContext, native: F, trap: (target: F, thisArg: unknown, args: unknown[]) => unknown): F {
  const p = new ctx.n.ProxyCtor(native, { apply: trap as ProxyHandler<F>['apply'] });
  ctx.masks.mask(p, native);
  return p;
}

/**
 * ECMAScript ToString of a value, exactly once, as WebIDL's DOMString/USVString conversion
 * starts (a page `toString` runs once, here instead of in the native). Symbols throw TypeError
 * as the native would.
 */
export function toStringOnce(v: unknown): string {
  return `${v as string}`;
}
