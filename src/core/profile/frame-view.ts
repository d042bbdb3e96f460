/**
 * A lazily decoded view of one WebSocket frame, so that matching a frame against every
 * matcher of a profile parses its JSON at most once and decodes binary data only as far as a
 * hex prefix needs. Built for traces of 1,000,000 frames: creating a view costs one small
 * object; nothing is parsed until a matcher asks.
 *
 * Frames come from the event model (docs/design.md#previews-and-binary-data, src/core/events.ts): `data` is UTF-8 text
 * for opcode 1 (`encoding: 'text'`) or base64 of the binary preview (`encoding: 'base64'`);
 * `truncated` means `data` is only a prefix of the payload.
 */
import { base64Prefix } from '../har/base64';
import type { Direction } from './types';

/** The part of a frame event a matcher needs. `dir`: `in` = ws-message, `out` = ws-send. */
export interface FrameLike {
  dir: Direction;
  /** 1 text, 2 binary (RFC 6455 §5.2). */
  opcode: number;
  data: string;
  encoding: 'text' | 'base64';
  /** True when `data` is only a prefix of the payload; absent = false. */
  truncated?: boolean;
}

const HEX = '0123456789abcdef';

/**
 * Lower-case hex of the first `bytes` bytes of base64 `data` (fewer when the data is shorter
 * or hits a character that is not base64). Decodes only ⌈bytes/3⌉·4 characters. Never throws.
 */
export function base64PrefixHex(data: string, bytes: number): string {
  let out = '';
  for (const byte of base64Prefix(data, bytes)) out += HEX[byte >> 4]! + HEX[byte & 15]!;
  return out;
}

/** Character codes JSON allows as insignificant whitespace (RFC 8259 §2). */
function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The view. `text` is the payload of a text frame ('' for a binary frame, whose text
 * conditions never match). `json(prefix)` and `hex(n)` are computed on first use and cached.
 */
export class FrameView {
  readonly dir: Direction;
  readonly binary: boolean;
  readonly text: string;
  readonly truncated: boolean;
  /** base64 data of a binary frame ('' for text frames). */
  private readonly b64: string;
  private jsonKey: string | undefined = undefined;
  private jsonVal: unknown = undefined;
  private jsonMore: Map<string, unknown> | undefined = undefined;
  private hexVal = '';
  private hexBytes = 0;
  private backslash = -1;

  constructor(dir: Direction, binary: boolean, data: string, truncated: boolean) {
    this.dir = dir;
    this.binary = binary;
    this.text = binary ? '' : data;
    this.b64 = binary ? data : '';
    this.truncated = truncated;
  }

  /**
   * The JSON value that follows `prefix` in the text (objects and arrays only: a matcher or
   * path needs a container), or `undefined` when the text does not start with `prefix`, is
   * binary, cannot be JSON (first and last non-blank characters are not `{…}` / `[…]`), or does
   * not parse. Parsed at most once per prefix; never throws.
   */
  json(prefix = ''): unknown {
    if (this.jsonKey === prefix) return this.jsonVal;
    if (this.jsonKey !== undefined) {
      if (this.jsonMore?.has(prefix)) return this.jsonMore.get(prefix);
    }
    const v = this.parse(prefix);
    if (this.jsonKey === undefined) {
      this.jsonKey = prefix;
      this.jsonVal = v;
    } else {
      (this.jsonMore ??= new Map()).set(prefix, v);
    }
    return v;
  }

  /** True when {@link json} was already computed for `prefix` (a matcher's literal pre-check then saves nothing). */
  hasJson(prefix: string): boolean {
    return this.jsonKey === prefix || (this.jsonMore !== undefined && this.jsonMore.has(prefix));
  }

  private parse(prefix: string): unknown {
    const t = this.text;
    if (this.binary || !t.startsWith(prefix)) return undefined;
    let a = prefix.length;
    let b = t.length - 1;
    while (a <= b && isJsonSpace(t.charCodeAt(a))) a++;
    while (b >= a && isJsonSpace(t.charCodeAt(b))) b--;
    if (a >= b) return undefined;
    const first = t.charCodeAt(a);
    const last = t.charCodeAt(b);
    // '{' … '}' or '[' … ']': anything else cannot be a JSON container (skips JSON.parse).
    if (!((first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d))) return undefined;
    try {
      return JSON.parse(a === 0 && b === t.length - 1 ? t : t.slice(a, b + 1));
    } catch {
      return undefined;
    }
  }

  /** Lower-case hex of the first `bytes` bytes of a binary frame ('' for text frames). */
  hex(bytes: number): string {
    if (!this.binary) return '';
    if (bytes > this.hexBytes) {
      this.hexVal = base64PrefixHex(this.b64, bytes);
      this.hexBytes = bytes;
    }
    return this.hexVal.length > bytes * 2 ? this.hexVal.slice(0, bytes * 2) : this.hexVal;
  }

  /** True when the text contains a backslash (JSON escapes: literal pre-checks are then unsafe). */
  hasBackslash(): boolean {
    if (this.backslash < 0) this.backslash = this.text.indexOf('\\') >= 0 ? 1 : 0;
    return this.backslash === 1;
  }
}

/**
 * Wraps a frame in a {@link FrameView}. Binary = `encoding === 'base64'` (opcode 2); text
 * otherwise. O(1): nothing is decoded yet.
 */
export function prepareFrame(frame: FrameLike): FrameView {
  return new FrameView(frame.dir, frame.encoding === 'base64', frame.data, frame.truncated === true);
}

/**
 * Splits a text view into one view per record for protocols that put several messages in a
 * frame (`Profile.recordSeparator`: SignalR "\u001e", Centrifugo "\n"). Empty records are
 * dropped; a frame without the separator (or a binary frame) yields `[view]` itself. Only the
 * last record of a truncated frame is marked truncated.
 */
export function splitRecords(view: FrameView, separator: string | undefined): FrameView[] {
  if (!separator || view.binary) return [view];
  const t = view.text;
  const first = t.indexOf(separator);
  if (first < 0) return [view];
  // Common case: one record with a trailing terminator (SignalR "{…}\u001e").
  if (first === t.length - separator.length) {
    return first === 0 ? [] : [new FrameView(view.dir, false, t.slice(0, first), false)];
  }
  const parts = t.split(separator);
  const out: FrameView[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.length === 0 || (p.length === 1 && isJsonSpace(p.charCodeAt(0)))) continue;
    out.push(new FrameView(view.dir, false, p, view.truncated && i === parts.length - 1));
  }
  return out;
}
