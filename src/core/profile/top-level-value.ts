/**
 * Reading one top-level key of a small JSON object without building the object: the stream
 * position of a data frame (`position.path` = one key, e.g. `stream_position`,
 * docs/design.md#positions-and-resumes) is read from almost every inbound frame, and a full
 * `JSON.parse` of each frame (objects, strings, garbage to collect) was the largest cost of
 * analysing a 1,000,000-event trace (docs/design.md#analysis).
 *
 * The reader checks the whole text against the JSON grammar (RFC 8259 §2–§7) while it looks
 * for the key, so its answer is exactly `JSON.parse(text)[key]` (own property, last duplicate
 * wins); whenever it cannot be sure cheaply — a backslash escape, a container value, a top
 * level that is not an object, nesting deeper than {@link TOP_LEVEL_MAX_DEPTH}, invalid JSON —
 * it answers {@link UNSURE} and the caller parses the text as before.
 */

/** Answer of {@link readTopLevelValue} when the caller must parse the text itself. */
export const UNSURE: unique symbol = Symbol('unsure');

/**
 * Text frames up to this many characters have a one-key position read by
 * {@link readTopLevelValue} (classify.ts); longer ones are parsed, as their JSON may be handed
 * on to profile learning (class-cache.ts).
 */
export const TOP_KEY_MAX_CHARS = 4096;

/** Nesting (objects and arrays) beyond which {@link readTopLevelValue} gives up: deeper texts are parsed. */
export const TOP_LEVEL_MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** Open containers, innermost last: true = object, false = array. Reused (single-threaded). */
const open: boolean[] = [];

/** Index of the first character at or after `i` that is not JSON whitespace (RFC 8259 §2). */
function skipBlanks(t: string, i: number, n: number): number {
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
  return n;
}

/**
 * `t[i]` is a quote: the index after the closing quote of a string without escapes or
 * control characters (RFC 8259 §7), else -1.
 */
function skipString(t: string, i: number, n: number): number {
  for (i++; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c < 0x20 || c === BACKSLASH) return -1;
  }
  return -1;
}

function skipDigits(t: string, i: number, n: number): number {
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c < ZERO || c > NINE) return i;
    i++;
  }
  return n;
}

/** `t[i]` starts a number: the index after it (RFC 8259 §6 grammar), else -1. */
function skipNumber(t: string, i: number, n: number): number {
  if (t.charCodeAt(i) === MINUS) i++;
  const first = t.charCodeAt(i);
  if (first === ZERO) i++;
  else if (first > ZERO && first <= NINE) i = skipDigits(t, i + 1, n);
  else return -1;
  if (t.charCodeAt(i) === DOT) {
    const j = skipDigits(t, i + 1, n);
    if (j === i + 1) return -1;
    i = j;
  }
  const e = t.charCodeAt(i);
  if (e === LOWER_E || e === UPPER_E) {
    i++;
    const s = t.charCodeAt(i);
    if (s === PLUS || s === MINUS) i++;
    const j = skipDigits(t, i, n);
    if (j === i) return -1;
    i = j;
  }
  return i;
}

/**
 * The value of `key` in the JSON object that `text` holds from character `from` on (JSON
 * whitespace allowed around it), when that value is a string, number, `true`, `false` or
 * `null`: exactly what `JSON.parse(text.slice(from))` would hold as its own property `key`
 * (the last one when repeated); `undefined` when the object has no such key. {@link UNSURE}
 * when the answer needs a real parse: the text is not a JSON object, is not valid JSON, has a
 * backslash escape or control character inside a string, nests deeper than
 * {@link TOP_LEVEL_MAX_DEPTH}, or `key`'s value is an object or array.
 *
 * @param quotedKey the key as a JSON string literal with its quotes (`"stream_position"`), without escapes.
 * Cost: one pass over the text, no allocation but the value read. Never throws.
 */
export function readTopLevelValue(text: string, from: number, quotedKey: string): unknown {
  const t = text;
  const n = t.length;
  let i = skipBlanks(t, from, n);
  if (t.charCodeAt(i) !== LBRACE) return UNSURE;
  let found: unknown = undefined;
  open.length = 0;
  open.push(true);
  i = skipBlanks(t, i + 1, n);
  // `closing`: at a point where a container may end (after a value, or just after its opening).
  let closing = t.charCodeAt(i) === RBRACE;
  while (open.length > 0) {
    if (!closing) {
      let capture = false;
      if (open[open.length - 1]) {
        if (t.charCodeAt(i) !== QUOTE) return UNSURE;
        if (open.length === 1 && t.startsWith(quotedKey, i)) {
          capture = true;
          i += quotedKey.length;
        } else {
          i = skipString(t, i, n);
          if (i < 0) return UNSURE;
        }
        i = skipBlanks(t, i, n);
        if (t.charCodeAt(i) !== COLON) return UNSURE;
        i = skipBlanks(t, i + 1, n);
      }
      const c = t.charCodeAt(i);
      if (c === LBRACE || c === LBRACKET) {
        if (capture || open.length >= TOP_LEVEL_MAX_DEPTH) return UNSURE;
        open.push(c === LBRACE);
        i = skipBlanks(t, i + 1, n);
        const d = t.charCodeAt(i);
        closing = d === (c === LBRACE ? RBRACE : RBRACKET);
        continue;
      }
      let end: number;
      if (c === QUOTE) {
        end = skipString(t, i, n);
        if (end < 0) return UNSURE;
        if (capture) found = t.slice(i + 1, end - 1);
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        end = skipNumber(t, i, n);
        if (end < 0) return UNSURE;
        if (capture) found = Number(t.slice(i, end));
      } else if (t.startsWith('true', i)) {
        end = i + 4;
        if (capture) found = true;
      } else if (t.startsWith('false', i)) {
        end = i + 5;
        if (capture) found = false;
      } else if (t.startsWith('null', i)) {
        end = i + 4;
        if (capture) found = null;
      } else return UNSURE;
      i = skipBlanks(t, end, n);
    }
    // After a value (or at an empty container's end): a comma, or the innermost container ends.
    const d = t.charCodeAt(i);
    if (d === COMMA && !closing) {
      i = skipBlanks(t, i + 1, n);
      continue;
    }
    if (d !== (open[open.length - 1] ? RBRACE : RBRACKET)) return UNSURE;
    open.pop();
    i = skipBlanks(t, i + 1, n);
    closing = true;
    if (open.length > 0 && t.charCodeAt(i) === COMMA) {
      i = skipBlanks(t, i + 1, n);
      closing = false;
    }
  }
  return i === n ? found : UNSURE;
}
