/**
 * Locating a JSON syntax error: line, column and offset, independent of the JS engine.
 *
 * `JSON.parse` messages differ between engines (V8 often quotes the input instead of giving a
 * position, Firefox gives line/column), so on failure the text is rescanned with this small
 * iterative checker (RFC 8259 grammar). It uses an explicit stack: input nested 10,000+
 * levels deep cannot exhaust the call stack. Only run after `JSON.parse` failed.
 */

/** Where and why a text is not JSON. `offset` counts UTF-16 code units from 0; `line`/`column` count from 1. */
export interface JsonErrorLocation {
  reason: string;
  offset: number;
  line: number;
  column: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const OBJ = 1;
const ARR = 2;

/**
 * Returns the first syntax error of `text` as JSON (RFC 8259), or `undefined` when it is valid
 * JSON. Linear time, constant call-stack depth.
 */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  const n = text.length;
  const stack: number[] = [];
  let i = 0;
  let mode: 'value' | 'key' | 'after' = 'value';
  const fail = (reason: string, at: number): JsonErrorLocation => position(text, reason, at);
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const scanString = (): JsonErrorLocation | undefined => {
    const start = i;
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return fail(`control character ${describe(text[i]!)} in string`, i);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) break;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail('bad \\u escape in string', i);
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          return fail(`bad escape \\${e} in string`, i);
        }
        continue;
      }
      i++;
    }
    return fail('unterminated string', start);
  };

  for (;;) {
    ws();
    if (mode === 'value') {
      if (i >= n) return fail('unexpected end of input', i);
      const c = text[i]!;
      if (c === '{') {
        i++;
        ws();
        if (text[i] === '}') {
          i++;
          mode = 'after';
        } else {
          stack.push(OBJ);
          mode = 'key';
        }
      } else if (c === '[') {
        i++;
        ws();
        if (text[i] === ']') {
          i++;
          mode = 'after';
        } else {
          stack.push(ARR);
        }
      } else if (c === '"') {
        const err = scanString();
        if (err) return err;
        mode = 'after';
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m) return fail(`bad number`, i);
        i += m[0].length;
        mode = 'after';
      } else if (text.startsWith('true', i)) {
        i += 4;
        mode = 'after';
      } else if (text.startsWith('false', i)) {
        i += 5;
        mode = 'after';
      } else if (text.startsWith('null', i)) {
        i += 4;
        mode = 'after';
      } else {
        return fail(`unexpected ${describe(c)}`, i);
      }
    } else if (mode === 'key') {
      if (i >= n) return fail('unexpected end of input', i);
      if (text[i] !== '"') return fail(`expected a string key, found ${describe(text[i]!)}`, i);
      const err = scanString();
      if (err) return err;
      ws();
      if (i >= n) return fail('unexpected end of input', i);
      if (text[i] !== ':') return fail(`expected ":" after key, found ${describe(text[i]!)}`, i);
      i++;
      mode = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (i < n) return fail(`unexpected ${describe(text[i]!)} after the JSON value`, i);
        return undefined;
      }
      if (i >= n) return fail('unexpected end of input', i);
      const c = text[i]!;
      const close = top === OBJ ? '}' : ']';
      if (c === ',') {
        i++;
        mode = top === OBJ ? 'key' : 'value';
      } else if (c === close) {
        i++;
        stack.pop();
      } else {
        return fail(`expected "," or "${close}", found ${describe(c)}`, i);
      }
    }
  }
}

/** Shows one character for a message: `"}"`, `"\u0001"`. */
function describe(c: string): string {
  return JSON.stringify(c);
}

function position(text: string, reason: string, offset: number): JsonErrorLocation {
  let line = 1;
  let lineStart = 0;
  for (let j = text.indexOf('\n'); j >= 0 && j < offset; j = text.indexOf('\n', j + 1)) {
    line++;
    lineStart = j + 1;
  }
  return { reason, offset, line, column: offset - lineStart + 1 };
}
