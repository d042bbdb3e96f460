/**
 * File content → validated trace.
 *
 * Rules: docs/design.md#trace-format (format, gzip) and docs/design.md#check (unreadable input → one-line reason, exit 2).
 */
import { decodeInput, type ReadOptions } from './decode-input';
import { parseJsonText } from './parse-json';
import type { Trace } from './trace-format';
import { TraceReadError } from './trace-read-error';
import { validateTrace } from './validate-trace';

/**
 * Reads a `.wavetrace.json` or `.wavetrace.json.gz` file: `input` is its text, or its bytes
 * (gzip recognised by the magic bytes 1f 8b and decompressed with fflate; otherwise UTF-8).
 * Returns the validated {@link Trace}.
 *
 * @throws {TraceReadError} and nothing else, with a one-line message:
 *   `corrupt gzip data: …`, `too large: …`, `not JSON: … at line L, column C (offset O)`,
 *   `unknown format …`, `unsupported version 2 (this Wavetrace reads version 1)`,
 *   `events[17].conn: expected string or number`,
 *   `events[17].seq: 5 is not greater than the previous seq 9 (events[16]); …`.
 *   Binary garbage and input nested 10,000+ levels deep give a TraceReadError too.
 */
export function parseTrace(input: string | Uint8Array, opts: ReadOptions = {}): Trace {
  try {
    return validateTrace(parseJsonText(decodeInput(input, opts)));
  } catch (e) {
    // Engine limits (string length, call stack) are input problems too: report them as such.
    if (e instanceof RangeError) throw new TraceReadError('too-large', `too large or too deeply nested: ${e.message}`);
    throw e;
  }
}
