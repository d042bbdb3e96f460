/**
 * {@link Natives} built from Node's globals, for running the hook's recorder and page-event
 * logic in unit tests (the browser builds them with captureNatives(window)).
 */
import type { Natives } from '../../../src/page/natives';

/** Natives for Node; `timers` lets a test run scheduled callbacks by hand. */
export function nodeNatives(timers: (() => void)[] = []): Natives {
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const ta = Object.getPrototypeOf(Uint8Array.prototype) as object;
  const g = <T>(p: object, k: string) => Object.getOwnPropertyDescriptor(p, k)?.get as T;
  return {
    apply: Reflect.apply,
    construct: Reflect.construct,
    defineProperty: Object.defineProperty,
    getOwnPropertyDescriptor: Object.getOwnPropertyDescriptor,
    getPrototypeOf: Object.getPrototypeOf,
    isArray: Array.isArray,
    ProxyCtor: Proxy,
    WeakMapCtor: WeakMap,
    weakMapGet: WeakMap.prototype.get,
    weakMapSet: WeakMap.prototype.set,
    weakMapHas: WeakMap.prototype.has,
    stringify: JSON.stringify,
    parse: JSON.parse,
    now: () => performance.now(),
    timeOrigin: performance.timeOrigin,
    setTimeout: ((fn: () => void) => {
      timers.push(fn);
      return 0;
    }) as unknown as typeof setTimeout,
    postTask: (fn) => void timers.push(fn),
    dispatchEvent: EventTarget.prototype.dispatchEvent,
    addEventListener: EventTarget.prototype.addEventListener,
    removeEventListener: EventTarget.prototype.removeEventListener,
    CustomEventCtor: CustomEvent,
    btoa: (s) => Buffer.from(s, 'latin1').toString('base64'),
    fromCharCode: String.fromCharCode,
    strSlice: String.prototype.slice,
    strIndexOf: String.prototype.indexOf,
    strToUpperCase: String.prototype.toUpperCase,
    charCodeAt: String.prototype.charCodeAt,
    Uint8ArrayCtor: Uint8Array,
    u8Slice: Uint8Array.prototype.slice,
    u8Set: (ta as { set: Uint8Array['set'] }).set,
    ArrayBufferCtor: ArrayBuffer,
    DataViewCtor: DataView,
    isView: ArrayBuffer.isView,
    abByteLength: g(ArrayBuffer.prototype, 'byteLength'),
    sabByteLength: g(SharedArrayBuffer.prototype, 'byteLength'),
    viewBuffer: g(ta, 'buffer'),
    viewByteOffset: g(ta, 'byteOffset'),
    viewByteLength: g(ta, 'byteLength'),
    blobSize: g(Blob.prototype, 'size'),
    BlobCtor: Blob,
    fnToString: Function.prototype.toString,
    random: Math.random,
    mathMin: Math.min,
    getDetail: g(CustomEvent.prototype, 'detail'),
    getRandomValues: (a) => crypto.getRandomValues(a),
    textEncode: (s) => enc.encode(s),
    textEncodeInto: (s, d) => enc.encodeInto(s, d),
    textDecode: (b, stream) => dec.decode(b, { stream }),
    dvBuffer: g(DataView.prototype, 'buffer'),
    dvByteOffset: g(DataView.prototype, 'byteOffset'),
    dvByteLength: g(DataView.prototype, 'byteLength'),
    location: { href: 'https://app.example/' } as Location,
    locationHref: function (this: Location) {
      return this.href;
    } as (this: unknown) => string,
    documentBaseURI: () => 'https://app.example/',
    URLCtor: URL,
    urlHref: g(URL.prototype, 'href'),
    urlPathname: g(URL.prototype, 'pathname'),
    PromiseCtor: Promise,
    promiseThen: Promise.prototype.then,
  };
}
