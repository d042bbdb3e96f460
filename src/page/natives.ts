/**
 * Natives captured before any page script runs (uBlock Origin style). The hook calls only
 * these, so a page that later replaces `JSON.stringify`, `WeakMap.prototype.get`,
 * `EventTarget.prototype.dispatchEvent`, `Promise.prototype.then` … cannot redirect or break
 * recording (docs/design.md#invisibility-rules: "Natives are captured before any page script runs").
 *
 * Getters are taken from prototypes with `Object.getOwnPropertyDescriptor` and called with
 * {@link Natives.apply}: WebIDL brand checks make them work on any object of the interface, and
 * no page-defined accessor can run. Entries for APIs a context lacks (e.g. SharedWorker on
 * Android) are `undefined`, and the hook parts that need them do not install.
 */

type Getter<T = unknown> = (this: unknown) => T;

/** The captured natives; call methods through {@link Natives.apply}. */
export interface Natives {
  apply: typeof Reflect.apply;
  construct: typeof Reflect.construct;
  defineProperty: typeof Object.defineProperty;
  getOwnPropertyDescriptor: typeof Object.getOwnPropertyDescriptor;
  getPrototypeOf: typeof Object.getPrototypeOf;
  isArray: typeof Array.isArray;
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
  /**
   * Runs `fn` in a new task soon, through a private MessageChannel (not a timer: background
   * tabs throttle timers to once a second, not channel messages). Falls back to setTimeout 0.
   */
  postTask: (fn: () => void) => void;
  dispatchEvent: EventTarget['dispatchEvent'];
  addEventListener: EventTarget['addEventListener'];
  removeEventListener: EventTarget['removeEventListener'];
  CustomEventCtor: typeof CustomEvent;
  btoa: typeof btoa;
  fromCharCode: typeof String.fromCharCode;
  strSlice: string['slice'];
  strIndexOf: string['indexOf'];
  strToUpperCase: string['toUpperCase'];
  charCodeAt: string['charCodeAt'];
  Uint8ArrayCtor: Uint8ArrayConstructor;
  u8Slice: Uint8Array['slice'];
  u8Set: Uint8Array['set'];
  ArrayBufferCtor: ArrayBufferConstructor;
  DataViewCtor: DataViewConstructor;
  isView: typeof ArrayBuffer.isView;
  abByteLength: (this: ArrayBuffer) => number;
  /** SharedArrayBuffer's byteLength getter (undefined where SharedArrayBuffer does not exist). */
  sabByteLength: ((this: SharedArrayBuffer) => number) | undefined;
  viewBuffer: (this: ArrayBufferView) => ArrayBufferLike;
  viewByteOffset: (this: ArrayBufferView) => number;
  viewByteLength: (this: ArrayBufferView) => number;
  blobSize: ((this: Blob) => number) | undefined;
  BlobCtor: typeof Blob | undefined;
  /** Reading a Blob's bytes off the hot path (blob-reader.ts); undefined where Blob or FileReader is missing. */
  blobRead?: BlobReadNatives;
  fnToString: typeof Function.prototype.toString;
  random: typeof Math.random;
  mathMin: typeof Math.min;
  getDetail: (this: CustomEvent) => unknown;
  getRandomValues: (array: Uint32Array) => Uint32Array;
  textEncode: (input: string) => Uint8Array;
  /** `TextEncoder.prototype.encodeInto` bound to a private encoder: UTF-8 bytes written into `dest`. */
  textEncodeInto: (input: string, dest: Uint8Array) => { read: number; written: number };
  /** Decodes UTF-8 (streaming when `stream` is true); U+FFFD for invalid bytes. */
  textDecode: (input: Uint8Array, stream: boolean) => string;
  dvBuffer: (this: DataView) => ArrayBufferLike;
  dvByteOffset: (this: DataView) => number;
  dvByteLength: (this: DataView) => number;
  location: Location;
  locationHref: Getter<string>;
  documentBaseURI: () => string;
  URLCtor: typeof URL;
  urlHref: Getter<string>;
  urlPathname: Getter<string>;
  PromiseCtor: PromiseConstructor;
  promiseThen: Promise<unknown>['then'];
  /** Present when the context has fetch. */
  fetch?: {
    fetch: typeof fetch;
    RequestCtor: typeof Request;
    requestUrl: Getter<string>;
    requestMethod: Getter<string>;
    responseStatus: Getter<number>;
    responseClone: (this: Response) => Response;
    responseBody: Getter<ReadableStream<Uint8Array> | null>;
    responseHeaders: Getter<Headers>;
    headersGet: (this: Headers, name: string) => string | null;
    streamGetReader: (this: ReadableStream<Uint8Array>) => ReadableStreamDefaultReader<Uint8Array>;
    readerRead: (this: ReadableStreamDefaultReader<Uint8Array>) => Promise<ReadableStreamReadResult<Uint8Array>>;
    readerCancel: (this: ReadableStreamDefaultReader<Uint8Array>) => Promise<void>;
  };
  /** Present when the context has XMLHttpRequest. */
  xhr?: {
    proto: XMLHttpRequest;
    open: XMLHttpRequest['open'];
    send: XMLHttpRequest['send'];
    readyState: Getter<number>;
    status: Getter<number>;
    responseType: Getter<string>;
    responseText: Getter<string>;
    responseURL: Getter<string>;
    getResponseHeader: (this: XMLHttpRequest, name: string) => string | null;
  };
  /** Present when the context has navigator.sendBeacon. */
  sendBeacon?: { proto: Navigator; fn: Navigator['sendBeacon'] };
  visibilityState?: Getter<DocumentVisibilityState>;
  onLine?: Getter<boolean>;
}

/** What blob-reader.ts needs: `Blob.prototype.slice` and a private FileReader's parts, captured at install. */
export interface BlobReadNatives {
  slice: Blob['slice'];
  FileReaderCtor: typeof FileReader;
  readAsArrayBuffer: FileReader['readAsArrayBuffer'];
  result: Getter<string | ArrayBuffer | null>;
}

function getter<T>(proto: object | undefined, name: string): T {
  const d = proto ? Object.getOwnPropertyDescriptor(proto, name) : undefined;
  return d?.get as T;
}

function value<T>(proto: object | undefined, name: string): T {
  const d = proto ? Object.getOwnPropertyDescriptor(proto, name) : undefined;
  return d?.value as T;
}

/** Captures the natives of `win`. Must run synchronously at hook start. Throws on a context without the basics (performance, crypto). */
export function captureNatives(win: Window & typeof globalThis): Natives {
  const perf = win.performance;
  const now = perf.now.bind(perf);
  const encoder = new win.TextEncoder();
  const decoder = new win.TextDecoder();
  const decode = decoder.decode.bind(decoder);
  const typedArrayProto = Object.getPrototypeOf(win.Uint8Array.prototype) as object;
  const docProto = win.Document?.prototype;
  const baseURIGetter = getter<Getter<string> | undefined>(win.Node?.prototype, 'baseURI');
  const apply = Reflect.apply;
  const doc = win.document;
  const timeout = win.setTimeout.bind(win);
  let postTask: (fn: () => void) => void = (fn) => void timeout(fn, 0);
  if (typeof win.MessageChannel === 'function') {
    // The channel's ports are private objects: the page cannot see its messages.
    const ch = new win.MessageChannel();
    // Indexed slots only: no Array.prototype method the page could replace.
    let queue: (() => void)[] = [];
    let head = 0;
    const portPost = ch.port2.postMessage.bind(ch.port2);
    ch.port1.addEventListener('message', () => {
      const fn = queue[head];
      queue[head++] = undefined as unknown as () => void;
      if (head === queue.length) {
        queue = [];
        head = 0;
      }
      if (fn) fn();
    });
    ch.port1.start();
    postTask = (fn) => {
      queue[queue.length] = fn;
      portPost(null);
    };
  }
  const n: Natives = {
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
    now,
    timeOrigin: perf.timeOrigin,
    setTimeout: timeout,
    postTask,
    dispatchEvent: win.EventTarget.prototype.dispatchEvent,
    addEventListener: win.EventTarget.prototype.addEventListener,
    removeEventListener: win.EventTarget.prototype.removeEventListener,
    CustomEventCtor: win.CustomEvent,
    btoa: win.btoa.bind(win),
    fromCharCode: String.fromCharCode,
    strSlice: String.prototype.slice,
    strIndexOf: String.prototype.indexOf,
    strToUpperCase: String.prototype.toUpperCase,
    charCodeAt: String.prototype.charCodeAt,
    Uint8ArrayCtor: win.Uint8Array,
    u8Slice: win.Uint8Array.prototype.slice,
    u8Set: value(typedArrayProto, 'set'),
    ArrayBufferCtor: win.ArrayBuffer,
    DataViewCtor: win.DataView,
    isView: win.ArrayBuffer.isView,
    abByteLength: getter(win.ArrayBuffer.prototype, 'byteLength'),
    sabByteLength: typeof win.SharedArrayBuffer === 'function' ? getter(win.SharedArrayBuffer.prototype, 'byteLength') : undefined,
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
    textEncodeInto: encoder.encodeInto.bind(encoder),
    textDecode: (input, stream) => decode(input, { stream }),
    dvBuffer: getter(win.DataView.prototype, 'buffer'),
    dvByteOffset: getter(win.DataView.prototype, 'byteOffset'),
    dvByteLength: getter(win.DataView.prototype, 'byteLength'),
    location: win.location,
    locationHref: getter<Getter<string> | undefined>(win.Location?.prototype, 'href') ?? (() => ''),
    documentBaseURI: () => {
      try {
        return baseURIGetter && doc ? (apply(baseURIGetter, doc, []) as string) : '';
      } catch {
        return '';
      }
    },
    URLCtor: win.URL,
    urlHref: getter(win.URL.prototype, 'href'),
    urlPathname: getter(win.URL.prototype, 'pathname'),
    PromiseCtor: win.Promise,
    promiseThen: win.Promise.prototype.then,
  };
  // Location's href is an own accessor of each Location object in Chrome and Firefox.
  const locHref = getter<Getter<string> | undefined>(win.location, 'href');
  if (locHref) n.locationHref = locHref;
  if (typeof win.fetch === 'function' && win.Request && win.Response && win.Headers && win.ReadableStream) {
    const readerProto = Object.getPrototypeOf(new win.ReadableStream().getReader()) as ReadableStreamDefaultReader<Uint8Array>;
    n.fetch = {
      fetch: win.fetch,
      RequestCtor: win.Request,
      requestUrl: getter(win.Request.prototype, 'url'),
      requestMethod: getter(win.Request.prototype, 'method'),
      responseStatus: getter(win.Response.prototype, 'status'),
      responseClone: value(win.Response.prototype, 'clone'),
      responseBody: getter(win.Response.prototype, 'body'),
      responseHeaders: getter(win.Response.prototype, 'headers'),
      headersGet: value(win.Headers.prototype, 'get'),
      streamGetReader: value(win.ReadableStream.prototype, 'getReader'),
      readerRead: value(readerProto, 'read'),
      readerCancel: value(readerProto, 'cancel'),
    };
  }
  if (typeof win.XMLHttpRequest === 'function') {
    const p = win.XMLHttpRequest.prototype;
    n.xhr = {
      proto: p,
      open: value(p, 'open'),
      send: value(p, 'send'),
      readyState: getter(p, 'readyState'),
      status: getter(p, 'status'),
      responseType: getter(p, 'responseType'),
      responseText: getter(p, 'responseText'),
      responseURL: getter(p, 'responseURL'),
      getResponseHeader: value(p, 'getResponseHeader'),
    };
  }
  if (win.Blob && typeof win.FileReader === 'function') {
    const fr = win.FileReader.prototype;
    n.blobRead = { slice: value(win.Blob.prototype, 'slice'), FileReaderCtor: win.FileReader, readAsArrayBuffer: value(fr, 'readAsArrayBuffer'), result: getter(fr, 'result') };
  }
  const navProto = win.Navigator?.prototype;
  const beacon = value<Navigator['sendBeacon'] | undefined>(navProto, 'sendBeacon');
  if (navProto && typeof beacon === 'function') n.sendBeacon = { proto: navProto, fn: beacon };
  n.visibilityState = getter(docProto, 'visibilityState');
  n.onLine = getter(navProto, 'onLine');
  return n;
}
