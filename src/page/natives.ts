/**
 * Natives captured before any page script runs (uBlock Origin style). The hook calls only
 * these, so a page that later replaces `JSON.stringify`, `WeakMap.prototype.get`,
 * `EventTarget.prototype.dispatchEvent` … cannot redirect or break recording
 * (DESIGN.md §2: "Natives are captured before any page script runs").
 */

/** The captured natives; call methods through {@link Natives.apply}. */
export interface Natives {
  apply: typeof Reflect.apply;
  construct: typeof Reflect.construct;
  defineProperty: typeof Object.defineProperty;
  getOwnPropertyDescriptor: typeof Object.getOwnPropertyDescriptor;
  ProxyCtor: ProxyConstructor;
  WeakMapCtor: WeakMapConstructor;
  weakMapGet: WeakMap<object, unknown>['get'];
  weakMapSet: WeakMap<object, unknown>['set'];
  weakMapHas: WeakMap<object, unknown>['has'];
  stringify: typeof JSON.stringify;
  parse: typeof JSON.parse;
  now: () => number;
  timeOrigin: number;
  setTimeout: typeof setTimeout;
  dispatchEvent: EventTarget['dispatchEvent'];
  addEventListener: EventTarget['addEventListener'];
  removeEventListener: EventTarget['removeEventListener'];
  CustomEventCtor: typeof CustomEvent;
  btoa: typeof btoa;
  fromCharCode: typeof String.fromCharCode;
  strSlice: string['slice'];
  charCodeAt: string['charCodeAt'];
  Uint8ArrayCtor: Uint8ArrayConstructor;
  u8Slice: Uint8Array['slice'];
  ArrayBufferCtor: ArrayBufferConstructor;
  DataViewCtor: DataViewConstructor;
  isView: typeof ArrayBuffer.isView;
  abByteLength: (this: ArrayBuffer) => number;
  viewBuffer: (this: ArrayBufferView) => ArrayBufferLike;
  viewByteOffset: (this: ArrayBufferView) => number;
  viewByteLength: (this: ArrayBufferView) => number;
  blobSize: ((this: Blob) => number) | undefined;
  BlobCtor: typeof Blob | undefined;
  fnToString: typeof Function.prototype.toString;
  random: typeof Math.random;
  mathMin: typeof Math.min;
  getDetail: (this: CustomEvent) => unknown;
  getRandomValues: (array: Uint32Array) => Uint32Array;
  textEncode: (input: string) => Uint8Array;
  dvBuffer: (this: DataView) => ArrayBufferLike;
  dvByteOffset: (this: DataView) => number;
  dvByteLength: (this: DataView) => number;
  location: Location;
}

function getter<T>(proto: object, name: string): T {
  const d = Object.getOwnPropertyDescriptor(proto, name);
  return d?.get as T;
}

/** Captures the natives of `win`. Must run synchronously at hook start. */
export function captureNatives(win: Window & typeof globalThis): Natives {
  const perf = win.performance;
  const now = perf.now.bind(perf);
  const encoder = new win.TextEncoder();
  const typedArrayProto = Object.getPrototypeOf(win.Uint8Array.prototype) as object;
  return {
    apply: Reflect.apply,
    construct: Reflect.construct,
    defineProperty: Object.defineProperty,
    getOwnPropertyDescriptor: Object.getOwnPropertyDescriptor,
    ProxyCtor: Proxy,
    WeakMapCtor: WeakMap,
    weakMapGet: WeakMap.prototype.get,
    weakMapSet: WeakMap.prototype.set,
    weakMapHas: WeakMap.prototype.has,
    stringify: JSON.stringify,
    parse: JSON.parse,
    now,
    timeOrigin: perf.timeOrigin,
    setTimeout: win.setTimeout.bind(win),
    dispatchEvent: win.EventTarget.prototype.dispatchEvent,
    addEventListener: win.EventTarget.prototype.addEventListener,
    removeEventListener: win.EventTarget.prototype.removeEventListener,
    CustomEventCtor: win.CustomEvent,
    btoa: win.btoa.bind(win),
    fromCharCode: String.fromCharCode,
    strSlice: String.prototype.slice,
    charCodeAt: String.prototype.charCodeAt,
    Uint8ArrayCtor: win.Uint8Array,
    u8Slice: win.Uint8Array.prototype.slice,
    ArrayBufferCtor: win.ArrayBuffer,
    DataViewCtor: win.DataView,
    isView: win.ArrayBuffer.isView,
    abByteLength: getter(win.ArrayBuffer.prototype, 'byteLength'),
    viewBuffer: getter(typedArrayProto, 'buffer'),
    viewByteOffset: getter(typedArrayProto, 'byteOffset'),
    viewByteLength: getter(typedArrayProto, 'byteLength'),
    blobSize: win.Blob ? getter(win.Blob.prototype, 'size') : undefined,
    BlobCtor: win.Blob,
    fnToString: Function.prototype.toString,
    random: Math.random,
    mathMin: Math.min,
    getDetail: getter(win.CustomEvent.prototype, 'detail'),
    getRandomValues: win.crypto.getRandomValues.bind(win.crypto) as (a: Uint32Array) => Uint32Array,
    textEncode: encoder.encode.bind(encoder),
    dvBuffer: getter(win.DataView.prototype, 'buffer'),
    dvByteOffset: getter(win.DataView.prototype, 'byteOffset'),
    dvByteLength: getter(win.DataView.prototype, 'byteLength'),
    location: win.location,
  };
}
