/**
 * Regular expressions of profiles, matched in linear time (docs/design.md#matchers,
 * docs/design.md#reading-untrusted-input).
 *
 * A profile can arrive inside a trace written by anyone, so its patterns are hostile input:
 * with JavaScript's backtracking engine `(a+)+$` against 41 characters runs for ever, and a
 * built-in URL pattern took 30 s on a 480 KB URL. Patterns are therefore run by re2js (a pure
 * JavaScript port of RE2, whose automaton matches in time linear in the text), on at most the
 * first {@link REGEX_INPUT_LIMIT} characters of a text.
 *
 * The language is JavaScript's syntax without what needs backtracking: lookahead and
 * lookbehind `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)` and backreferences `\1` are refused with a
 * one-line reason naming the construct, and so are repeat counts above 1000 (RE2's limit, also
 * for nested repeats multiplied together). Profiles use no flags; the panel's filter box may give `i`, `m`, `s` and
 * `u`. Differences that remain: `.` also matches `\r`,
 * U+2028 and U+2029 (JavaScript's does not).
 */
import { RE2JS } from 're2js';

/** A regex sees at most this many UTF-16 code units of a text (URL or payload): 65,536. */
export const REGEX_INPUT_LIMIT = 65_536;
/** Longest accepted pattern source, characters. */
export const REGEX_SOURCE_LIMIT = 2_000;

/** A compiled profile pattern. Its methods never throw and run in time linear in the text. */
export interface LinearRegex {
  readonly source: string;
  /** The flags it was compiled with ("" for profiles). */
  readonly flags: string;
  /** True when the pattern matches somewhere in the first {@link REGEX_INPUT_LIMIT} characters of `text`. */
  test(text: string): boolean;
  /** The first match's text, or undefined when none (same bound). */
  find(text: string): string | undefined;
  /** The first match's start (UTF-16 index) and text, or undefined when none (same bound). */
  findAt(text: string): { index: number; text: string } | undefined;
}

/** Flags the linear-time engine has, as its option bits. */
const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, u: 0 };
/** A named backreference `\k<name>` not itself escaped (re2js would read it as a literal). */
const NAMED_BACKREF = /(?:^|[^\\])(?:\\\\)*\\k</;

/**
 * Compiles `source` (JavaScript regex syntax) with `flags` (any of `i`, `m`, `s`, `u`).
 * @throws Error with a one-line message: V8's own for invalid JavaScript syntax (`Invalid
 *   regular expression: /(/: Unterminated group`), or `not supported by the linear-time matcher: …` naming what the
 *   linear-time engine refuses ({@link unsupportedReason}: lookahead, lookbehind,
 *   backreferences, repeat counts above {@link MAX_REPEAT}), or `flag "g" not supported`, or
 *   `pattern longer than 2000 characters`.
 */
export function compileLinearRegex(source: string, flags = ''): LinearRegex {
  if (source.length > REGEX_SOURCE_LIMIT) throw new Error(`pattern longer than ${REGEX_SOURCE_LIMIT} characters`);
  let bits = 0;
  for (const f of flags) {
    const b = FLAG_BITS[f];
    if (b === undefined) throw new Error(`flag "${f}" not supported (only i, m, s and u)`);
    bits |= b;
  }
  new RegExp(source, flags); // JavaScript's own syntax check and message (compiling does not backtrack)
  if (NAMED_BACKREF.test(source)) throw new Error('not supported by the linear-time matcher: the named backreference `\\k<…>` needs backtracking');
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (e) {
    throw new Error(unsupportedReason(e instanceof Error ? e.message : String(e)));
  }
  const clip = (text: string): string => (text.length > REGEX_INPUT_LIMIT ? text.slice(0, REGEX_INPUT_LIMIT) : text);
  return {
    source,
    flags,
    test: (text) => {
      try {
        return re.test(clip(text));
      } catch {
        return false;
      }
    },
    find: (text) => {
      try {
        const m = re.exec(clip(text));
        return m ? String(m[0] ?? '') : undefined;
      } catch {
        return undefined;
      }
    },
    findAt: (text) => {
      try {
        const m = re.exec(clip(text));
        return m ? { index: (m as unknown as { index: number }).index, text: String(m[0] ?? '') } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Largest repeat count RE2 takes, also for nested repeats multiplied together (`(a{100}){100}` is 10,000). */
export const MAX_REPEAT = 1000;

/**
 * What the linear-time engine refused, in one line that names the construct: re2js reports
 * `error parsing regexp: <kind>: \`<text>\``, which for a lookbehind says "invalid named
 * capture" and for a large repeat count says nothing about the limit.
 */
export function unsupportedReason(re2Message: string): string {
  const m = /^error parsing regexp: ([^:]+): `([^`]*)`?/.exec(re2Message);
  const kind = m?.[1] ?? '';
  const text = m?.[2] ?? '';
  if (kind === 'invalid repeat count') {
    const over = (text.match(/\d+/g) ?? []).some((n) => Number(n) > MAX_REPEAT);
    return over
      ? `not supported by the linear-time matcher: the repeat count \`${text}\` is above ${MAX_REPEAT}`
      : `not supported by the linear-time matcher: the repeat count \`${text}\` around another repeat makes more than ${MAX_REPEAT} in all`;
  }
  if (text.startsWith('(?<=')) return 'not supported by the linear-time matcher: the lookbehind `(?<=…)` needs backtracking';
  if (text.startsWith('(?<!')) return 'not supported by the linear-time matcher: the negative lookbehind `(?<!…)` needs backtracking';
  if (text.startsWith('(?=')) return 'not supported by the linear-time matcher: the lookahead `(?=…)` needs backtracking';
  if (text.startsWith('(?!')) return 'not supported by the linear-time matcher: the negative lookahead `(?!…)` needs backtracking';
  if (kind === 'invalid escape sequence' && /^\\\d/.test(text)) {
    return `not supported by the linear-time matcher: the backreference \`${text}\` needs backtracking (for a character by its code write \\xHH)`;
  }
  const why = re2Message.replace(/^error parsing regexp: /, '').replace(/[\r\n]+/g, ' ');
  return `not supported by the linear-time matcher: ${why}`;
}

/** The one-line reason `source` cannot be compiled, or undefined when it can. */
export function linearRegexError(source: string): string | undefined {
  try {
    compileLinearRegex(source);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const compiledCache = new Map<string, LinearRegex | null>();

/** {@link compileLinearRegex} with a bounded cache; null for a pattern that cannot be compiled. */
export function cachedLinearRegex(source: string): LinearRegex | null {
  let re = compiledCache.get(source);
  if (re === undefined) {
    try {
      re = compileLinearRegex(source);
    } catch {
      re = null;
    }
    if (compiledCache.size >= 256) compiledCache.clear();
    compiledCache.set(source, re);
  }
  return re;
}

const escapeChar = (c: string): string => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);

/**
 * A pattern (no anchors) matching exactly the texts that do not contain `word` — what a
 * negative lookahead `(?![^]*word)` says, in the linear-time language. Append it after a
 * prefix and end with `$`, e.g. `^0\{"sid":` + this + `$`.
 * Holds for words whose first character occurs again at most as their last character
 * (such as `"maxPayload"`); other words throw.
 */
export function regexNotContaining(word: string): string {
  const q = word[0];
  const u = word.slice(1);
  if (q === undefined || u === '' || u.slice(0, -1).includes(q)) throw new Error(`regexNotContaining: unsupported word ${JSON.stringify(word)}`);
  const Q = escapeChar(q);
  const cls = (c: string): string => (c === q ? `[^${Q}]` : `[^${escapeChar(c)}${Q}]`);
  // After q and u[0..k-1]: a character that neither continues the word nor starts a new one ends the run.
  let rest = cls(u[u.length - 1]!);
  for (let k = u.length - 2; k >= 0; k--) rest = `(?:${cls(u[k]!)}|${escapeChar(u[k]!)}${rest})`;
  // Prefixes of u of lengths 0..n, as nested optionals.
  const prefixes = (n: number): string => {
    let p = '';
    for (let k = n - 1; k >= 0; k--) p = `(?:${escapeChar(u[k]!)}${p})?`;
    return p;
  };
  // Runs cut short by the next q (only where that q does not itself continue the word).
  const open = `(?:${Q}${prefixes(u[u.length - 1] === q ? u.length - 2 : u.length - 1)})*`;
  return `(?:[^${Q}]|${open}${Q}${rest})*(?:${open}${Q}${prefixes(u.length - 1)})?`;
}
