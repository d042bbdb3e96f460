/**
 * Text from a file, made safe to show: characters that control a terminal or reorder,
 * hide or fake text are replaced by visible escapes (docs/design.md#reading-untrusted-input).
 *
 * A URL, close reason, HTTP method or profile name comes from whoever wrote the file. Printed
 * raw, an ESC sequence clears the screen or retitles the window, a newline starts a fake
 * "Findings: 0 errors" line, U+202E makes a close reason read backwards, and zero-width
 * characters make two different ids look the same. Escaped, each shows what it is.
 */

/**
 * C0 controls (also tab, CR, LF), DEL and C1 controls; soft hyphen; Arabic letter mark;
 * Mongolian vowel separator; zero-width and directional marks U+200B–U+200F; line and
 * paragraph separators U+2028/9; bidi embeddings and overrides U+202A–U+202E; word joiner,
 * invisible operators and bidi isolates U+2060–U+206F; BOM / zero-width no-break space;
 * interlinear annotation U+FFF9–U+FFFB; lone UTF-16 surrogates.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The same set without tab, LF and CR, which `JSON.stringify` escapes in strings and uses raw only as whitespace. */
const UNSAFE_IN_JSON = new RegExp(UNSAFE.source.replace('\\u0000-\\u001f', '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f'), 'g');

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One unsafe character as its escape: `\n`, `\r`, `\t`, `\x1b` (up to U+00FF), else `\u202e`. */
function escapeOne(c: string): string {
  const short = SHORT[c];
  if (short) return short;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `s` with every control, bidi, invisible or lone-surrogate character replaced by its escape
 * (e.g. ESC → `\x1b`, U+202E → `\u202e`, LF → `\n`). Other text, emoji and non-Latin scripts
 * stay as they are. Use for one-line fields: the result never holds a line break.
 */
export function visibleText(s: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(s) ? s.replace(UNSAFE, escapeOne) : s;
}

/**
 * A JSON document with the same characters escaped as `\uXXXX` inside its strings (JSON
 * stays equivalent: `JSON.parse` gives the same value). `JSON.stringify` already escapes
 * U+0000–U+001F and lone surrogates, but not DEL, C1, bidi or zero-width characters.
 */
export function visibleJson(json: string): string {
  UNSAFE_IN_JSON.lastIndex = 0;
  return UNSAFE_IN_JSON.test(json) ? json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
