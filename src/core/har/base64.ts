/**
 * Base64 (RFC 4648 §4) without Buffer/atob, for all of core (HAR bodies and messages, binary
 * frame previews, profile matchers), which runs in Node and browsers. One decoder, two
 * contracts: {@link base64ToBytes} validates (undefined on bad input), {@link base64Prefix}
 * shows what decodes (never fails, stops early).
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  t['-'.charCodeAt(0)] = 62; // base64url, tolerated on input
  t['_'.charCodeAt(0)] = 63;
  return t;
})();

/** Encodes bytes as padded base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

/** Whitespace skipped inside base64 text: space, tab, LF, VT, FF, CR. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * The decoder: decodes `text` from its start, skipping whitespace, until the first character
 * that is not in the alphabet (padding `=` included) or until `maxBytes` bytes are out.
 * `stop`: index of the character it stopped at (text.length when it read all); `symbols`:
 * alphabet characters consumed.
 */
function decode(text: string, maxBytes: number): { bytes: Uint8Array; stop: number; symbols: number } {
  const out = new Uint8Array(Math.min(maxBytes, Math.floor((text.length * 3) / 4)));
  let buf = 0;
  let bits = 0;
  let o = 0;
  let symbols = 0;
  let i = 0;
  for (; i < text.length && o < out.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    const v = c < 128 ? LOOKUP[c]! : -1;
    if (v < 0) break;
    symbols++;
    buf = ((buf << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buf >> bits) & 0xff;
    }
  }
  return { bytes: out.subarray(0, o), stop: i, symbols };
}

/**
 * Decodes base64 (padding optional, whitespace and base64url characters tolerated).
 * Returns undefined when `text` holds other characters (padding only at the end) or has an
 * impossible length (4n + 1 symbols).
 */
export function base64ToBytes(text: string): Uint8Array | undefined {
  const r = decode(text, Number.POSITIVE_INFINITY);
  for (let i = r.stop; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 61 && !isSpace(c)) return undefined; // only '=' and whitespace may follow
  }
  return r.symbols % 4 === 1 ? undefined : r.bytes;
}

/**
 * The first bytes of base64 `text`, at most `maxBytes` (default all), for display and
 * matching: decodes only as far as that needs, and stops at padding or at the first character
 * that is not base64 (so bad input yields the prefix that decodes). Never throws.
 */
export function base64Prefix(text: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  return decode(text, maxBytes).bytes;
}

/** Number of bytes a base64 text decodes to (no decoding; padding and whitespace ignored). */
export function base64ByteLength(text: string): number {
  const clean = text.replace(/[\s=]+/g, '');
  return Math.floor((clean.length * 3) / 4);
}

/** UTF-8 byte length of a string (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder does). */
export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
