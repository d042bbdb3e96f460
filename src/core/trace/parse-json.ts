/**
 * JSON text → value, with a one-line positioned error.
 *
 * Rule: docs/design.md#check — unreadable input is reported with a one-line reason ("not JSON, …").
 */
import { locateJsonError } from './json-error';
import { TraceReadError } from './trace-read-error';

/**
 * Parses `text` as JSON (a leading U+FEFF byte-order mark is ignored).
 * @throws {TraceReadError} kind `not-json`, e.g.
 *   `not JSON: expected "," or "}", found "]" at line 3, column 7 (offset 41)`;
 *   offsets count UTF-16 code units of the decoded text; `not JSON: empty input` for blank text.
 */
export function parseJsonText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new TraceReadError('too-large', `too large to parse: ${e.message}`);
    }
    if (body.trim() === '') throw new TraceReadError('not-json', 'not JSON: empty input');
    const loc = locateJsonError(body);
    if (loc) {
      throw new TraceReadError('not-json', `not JSON: ${loc.reason} at line ${loc.line}, column ${loc.column} (offset ${loc.offset})`);
    }
    throw new TraceReadError('not-json', `not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
