/**
 * Keeps wrapped natives looking native: `Function.prototype.toString` of a wrapper returns
 * the original's text (e.g. "function WebSocket() { [native code] }"), and the wrapped
 * `toString` answers for itself the same way (DESIGN.md §2: "native-looking toString()").
 */
import type { Natives } from './natives';

/** Registry of wrapper → text its toString must return. */
export interface Masks {
  /** Makes `wrapper` print as `original` does. */
  mask(wrapper: object, original: object): void;
}

/** Installs the toString mask once per realm and returns the registry. */
export function installMasks(n: Natives, fnProto: { toString: typeof Function.prototype.toString }): Masks {
  const texts = new n.WeakMapCtor<object, string>();
  const nativeToString = n.fnToString;
  const textOf = (fn: object): string => n.apply(nativeToString, fn, []) as string;
  const wrapped = new n.ProxyCtor(nativeToString, {
    apply(target, thisArg: unknown, args: unknown[]) {
      if ((typeof thisArg === 'function' || (typeof thisArg === 'object' && thisArg !== null)) && n.apply(n.weakMapHas, texts, [thisArg])) {
        return n.apply(n.weakMapGet, texts, [thisArg]);
      }
      return n.apply(target, thisArg, args);
    },
  });
  n.apply(n.weakMapSet, texts, [wrapped, textOf(nativeToString)]);
  const d = n.getOwnPropertyDescriptor(fnProto, 'toString');
  n.defineProperty(fnProto, 'toString', { ...d, value: wrapped });
  return {
    mask(wrapper, original) {
      n.apply(n.weakMapSet, texts, [wrapper, textOf(original)]);
    },
  };
}
