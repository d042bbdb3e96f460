/**
 * Keeps wrapped natives looking native: `Function.prototype.toString` of a wrapper returns
 * the original's text (e.g. "function WebSocket() { [native code] }"), and the wrapped
 * `toString` answers for itself the same way (docs/design.md#invisibility-rules: "native-looking toString()").
 *
 * One registry serves every realm a hook instance installs into, so `toString` of one realm
 * applied to a wrapper of another answers correctly. A wrapper made by a different hook
 * instance (e.g. the one of a same-origin iframe, checked with the top page's `toString`, the
 * classic "clean iframe" test) is answered by asking that function's own realm's `toString`,
 * which is that instance's mask: this is only tried when the native text is the anonymous form
 * every Proxy prints (`function () { [native code] }`), so ordinary functions never take it.
 */
import type { Natives } from './natives';

/** Registry of wrapper → text its toString must return. */
export interface Masks {
  /** Makes `wrapper` print as `original` does. */
  mask(wrapper: object, original: object): void;
  /**
   * Installs the mask into one realm: replaces that realm's `Function.prototype.toString`
   * (`nativeToString` is its original) with a wrapper that consults the registry.
   */
  installInto(fnProto: object, nativeToString: typeof Function.prototype.toString): void;
}

/** Text V8 / SpiderMonkey print for any Proxy of a function (compute once and keep it). */
export function anonymousText(n: Natives): string {
  try {
    return n.apply(n.fnToString, new n.ProxyCtor(function () {}, {}), []) as string;
  } catch {
    return '';
  }
}

/**
 * True when the realm of `fnProto` already has a wrapped `toString` (its native text is the
 * anonymous Proxy form): another hook instance owns that realm, so it must not be wrapped twice.
 */
export function realmIsMasked(n: Natives, fnProto: object, anon: string = anonymousText(n)): boolean {
  const d = n.getOwnPropertyDescriptor(fnProto, 'toString');
  if (!d || typeof d.value !== 'function') return false;
  return (n.apply(n.fnToString, d.value, []) as string) === anon;
}

/** Creates the registry and installs the mask into the hook's own realm. */
export function installMasks(n: Natives, fnProto: object): Masks {
  const texts = new n.WeakMapCtor<object, string>();
  const anon = anonymousText(n);
  const isObj = (v: unknown): v is object => typeof v === 'function' || (typeof v === 'object' && v !== null);
  const masks: Masks = {
    mask(wrapper, original) {
      const known = n.apply(n.weakMapGet, texts, [original]) as string | undefined;
      n.apply(n.weakMapSet, texts, [wrapper, known ?? (n.apply(n.fnToString, original, []) as string)]);
    },
    installInto(realmFnProto, nativeToString) {
      const wrapped = new n.ProxyCtor(nativeToString, {
        apply(target, thisArg: unknown, args: unknown[]) {
          if (isObj(thisArg) && n.apply(n.weakMapHas, texts, [thisArg])) return n.apply(n.weakMapGet, texts, [thisArg]);
          const text = n.apply(target, thisArg, args) as string;
          if (text !== anon || typeof thisArg !== 'function') return text;
          try {
            // A wrapper of another hook instance: let its own realm's mask answer.
            // Its realm's Function.prototype is up its prototype chain (a constructor's parent
            // is e.g. EventTarget): the first own `toString` found there.
            let proto = n.getPrototypeOf(thisArg) as object | null;
            let other: unknown;
            for (let depth = 0; proto && depth < 6; depth++) {
              if (proto === realmFnProto) return text;
              const d = n.getOwnPropertyDescriptor(proto, 'toString');
              if (d) {
                other = 'value' in d ? d.value : undefined;
                break;
              }
              proto = n.getPrototypeOf(proto) as object | null;
            }
            if (typeof other !== 'function' || other === wrapped || (n.apply(n.fnToString, other, []) as string) !== anon) return text;
            const answer = n.apply(other as typeof nativeToString, thisArg, []);
            return typeof answer === 'string' ? answer : text;
          } catch {
            return text;
          }
        },
      });
      n.apply(n.weakMapSet, texts, [wrapped, n.apply(nativeToString, nativeToString, []) as string]);
      const d = n.getOwnPropertyDescriptor(realmFnProto, 'toString');
      n.defineProperty(realmFnProto, 'toString', { configurable: d?.configurable ?? true, enumerable: d?.enumerable ?? false, writable: d?.writable ?? true, value: wrapped });
    },
  };
  masks.installInto(fnProto, n.fnToString);
  return masks;
}
