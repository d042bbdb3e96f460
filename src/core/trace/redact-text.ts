/**
 * Redaction of secrets inside free text: payload previews, bodies, error messages, URLs.
 *
 * Rule: docs/design.md#redaction — query parameters and JSON keys named in the redaction list
 * (case-insensitive) become `REDACTED~xxxx` (first 4 hex digits of SHA-256 of the value, see
 * `redactionMark` in core/redact.ts). `redactJsonText` of core/redact.ts covers a payload that is
 * exactly one JSON document; the functions here also cover what it cannot parse, so that no
 * secret survives an export:
 * - truncated previews (`{"token":"abc…` cut at the preview cap),
 * - JSON after a text prefix (Engine.IO/Socket.IO `42["auth",{"token":"…"}]`),
 * - JSON encoded inside a JSON string (`"{\"token\":\"…\"}"`),
 * - `name=value` pairs after `?`, `&`, `#` or `;` anywhere in text (URLs inside messages,
 *   OAuth fragments `#access_token=…` that `redactUrl` keeps),
 * - header-like lines `Authorization: Bearer …` (STOMP and other text protocols),
 * - `Cookie:` and `Set-Cookie:` header lines, whatever the cookies are named (our addition: a
 *   cookie header is a credential, and a HAR's request headers quoted in a frame carry them),
 * - JWT-shaped tokens (`eyJ….eyJ….…`) wherever they appear (our addition: a JWT is a credential
 *   whatever key it travels under).
 * Values are hashed the same way `redactUrl`/`redactJsonValue` hash them, so equal secrets keep
 * equal marks across URLs and payloads.
 */
import { isRedactionMark, redactionMark, redactJsonText, redactJsonValue, redactUrl } from '../redact';

/** Compiled patterns for one redaction key set. */
export interface TextRedactor {
  /** Redacts a URL: `redactUrl` plus the free-text pass (fragments, nested URLs). */
  url(url: string): string;
  /** Redacts a text payload or body (JSON, prefixed JSON, truncated JSON, free text). */
  payload(text: string): string;
  /** Redacts free text (error messages, close reasons). */
  text(text: string): string;
  /** Redacts a requested/negotiated subprotocol list (a secret after a key name, JWT-shaped entries). */
  protocols(list: readonly string[]): string[];
}

const JWT = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/**
 * Builds the text redactors for a case-insensitive key set (lower-case names, as built by
 * `redactKeySet`). Pure; the returned functions never throw.
 */
export function createTextRedactor(keys: ReadonlySet<string>): TextRedactor {
  const names = [...keys].filter((k) => k !== '').map(escapeRegExp);
  // Longest first, so "access_token" wins over "token" inside the alternation.
  names.sort((a, b) => b.length - a.length);
  const alt = names.length ? names.join('|') : '(?!)';
  const query = new RegExp(`([?&#;])(${alt})=([^&#;\\s"'<>\\\\]*)`, 'gi');
  const jsonKey = new RegExp(`(\\\\*)"(${alt})\\1"\\s*:\\s*`, 'gi');
  const headerLine = new RegExp(`^([ \\t]*)(${alt})([ \\t]*:[ \\t]*)([^\\r\\n]+)`, 'gim');
  const cookieLine = /^([ \t]*)((?:set-)?cookie)([ \t]*:[ \t]*)([^\r\n]+)/gim;

  const freeText = (s: string): string => {
    let out = s;
    if (out.includes('=')) {
      out = out.replace(query, (m, sep: string, name: string, value: string) =>
        value === '' || isRedactionMark(value) ? m : `${sep}${name}=${redactionMark(safeDecode(value.replace(/\+/g, ' ')))}`,
      );
    }
    if (out.includes(':')) {
      out = redactJsonKeysInText(out, jsonKey);
      out = out.replace(headerLine, (m, lead: string, name: string, sep: string, value: string) => {
        const v = value.trim();
        if (v.startsWith('"') || v.startsWith('{') || v.startsWith('[') || isRedactionMark(v)) return m;
        return `${lead}${name}${sep}${redactionMark(v)}`;
      });
      out = out.replace(cookieLine, (m, lead: string, name: string, sep: string, value: string) => {
        const v = value.trim();
        return isRedactionMark(v) ? m : `${lead}${name}${sep}${redactionMark(v)}`;
      });
    }
    if (out.includes('eyJ')) out = out.replace(JWT, (m) => redactionMark(m));
    return out;
  };

  const payload = (s: string): string => {
    let out = redactJsonText(s, keys);
    if (out === s) out = redactPrefixedJson(s, keys);
    return freeText(out);
  };

  const url = (u: string): string => freeText(redactUrl(u, keys));

  const protocols = (list: readonly string[]): string[] =>
    list.map((p, i) => {
      const prev = i > 0 ? list[i - 1]! : undefined;
      if (prev !== undefined && keys.has(prev.toLowerCase()) && !isRedactionMark(p)) return redactionMark(p);
      return p.includes('eyJ') ? p.replace(JWT, (m) => redactionMark(m)) : p;
    });

  return { url, payload, text: freeText, protocols };
}

/**
 * Text that starts with a short non-JSON prefix followed by JSON (`42[…]`, `a["…"]`):
 * redacts the JSON part and keeps the prefix. Returns `text` unchanged otherwise.
 */
function redactPrefixedJson(text: string, keys: ReadonlySet<string>): string {
  const m = /[[{]/.exec(text.slice(0, 64));
  if (!m || m.index === 0) return text;
  const tail = text.slice(m.index);
  let parsed: unknown;
  try {
    parsed = JSON.parse(tail);
  } catch {
    return text;
  }
  const red = JSON.stringify(redactJsonValue(parsed, keys));
  return red === JSON.stringify(parsed) ? text : text.slice(0, m.index) + red;
}

/**
 * Replaces the value after each `"key":` (also `\"key\":` inside an encoded JSON string) by
 * a mark, scanning the value by hand so that truncated strings/objects are covered to the end
 * of the text. `null` values are kept, as `redactJsonValue` keeps them.
 */
function redactJsonKeysInText(text: string, jsonKey: RegExp): string {
  let out = '';
  let last = 0;
  jsonKey.lastIndex = 0;
  for (let m = jsonKey.exec(text); m; m = jsonKey.exec(text)) {
    const slashes = m[1] ?? '';
    const start = m.index + m[0].length;
    const end = valueEnd(text, start, slashes);
    if (end <= start) continue;
    const raw = text.slice(start, end);
    const mark = markForRaw(raw, slashes);
    if (mark === undefined) continue;
    out += text.slice(last, start) + slashes + '"' + mark + slashes + '"';
    last = end;
    jsonKey.lastIndex = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** End offset (exclusive) of the JSON value starting at `i`; the text end when truncated. */
function valueEnd(text: string, i: number, slashes: string): number {
  const n = text.length;
  const c = text[i];
  if (c === undefined) return i;
  const quote = slashes + '"';
  if (text.startsWith(quote, i) && (slashes !== '' || c === '"')) {
    let j = i + quote.length;
    while (j < n) {
      if (slashes === '') {
        if (text[j] === '\\') j += 2;
        else if (text[j] === '"') return j + 1;
        else j++;
      } else if (text.startsWith(quote, j) && text[j - 1] !== '\\') {
        return j + quote.length;
      } else {
        j++;
      }
    }
    return n;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    let inStr = false;
    for (let j = i; j < n; j++) {
      const d = text[j];
      if (inStr) {
        if (d === '\\') j++;
        else if (d === '"') inStr = false;
      } else if (d === '"') inStr = true;
      else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return n;
  }
  const tok = /^[^,}\]\s\\]+/.exec(text.slice(i, i + 400));
  return tok ? i + tok[0].length : i;
}

/** The mark for a raw JSON value as `redactJsonValue` would compute it, or undefined to keep it. */
function markForRaw(raw: string, slashes: string): string | undefined {
  if (raw === 'null') return undefined;
  if (slashes === '' && raw.startsWith('"')) {
    let value: string;
    try {
      value = JSON.parse(raw) as string;
    } catch {
      value = raw.slice(1).replace(/"$/, '');
    }
    return isRedactionMark(value) ? undefined : redactionMark(value);
  }
  if (slashes !== '' && raw.startsWith(slashes + '"')) {
    const inner = raw.slice(slashes.length + 1, raw.endsWith(slashes + '"') ? raw.length - slashes.length - 1 : raw.length);
    return isRedactionMark(inner) ? undefined : redactionMark(inner);
  }
  if (raw.startsWith('{') || raw.startsWith('[')) {
    try {
      return redactionMark(JSON.stringify(JSON.parse(raw)));
    } catch {
      return redactionMark(raw);
    }
  }
  return redactionMark(raw);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
