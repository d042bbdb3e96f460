/**
 * The few globals src/core may use: they exist in every host Wavetrace runs in (a page, a
 * worker, the extension's pages and service worker, Node 20), unlike the DOM. Only
 * `tsconfig.core.json` includes this file; everything else gets these from lib.dom.
 * See docs/design.md#layering-rules.
 */

interface TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };

interface TextDecoder {
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};

interface URL {
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  username: string;
  toString(): string;
}
declare var URL: { prototype: URL; new (url: string | URL, base?: string | URL): URL };

declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;
