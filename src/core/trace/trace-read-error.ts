/**
 * The one error type of every trace/HAR reader.
 *
 * Rule: docs/design.md#exit-codes — `wavetrace check` exits 2 when "the input could not be read (with a
 * one-line reason: not JSON, unknown format, unsupported version, …)". Every reader in
 * `core/trace` and `core/har` throws only this class for bad input, with a single-line
 * `message`, so the CLI can print it and exit 2, and the viewer can show it as is.
 */

/**
 * Why an input could not be read:
 * - `not-json`: not JSON text (bad syntax, empty, not UTF-8) — the message gives line/column/offset;
 * - `corrupt-compression`: gzip/zlib data that does not decompress;
 * - `too-large`: input (or its decompressed form) exceeds the size limit;
 * - `unknown-format`: JSON, but neither a Wavetrace trace nor a HAR file;
 * - `unsupported-version`: a Wavetrace trace of another `version`;
 * - `schema`: a field has the wrong type or value — the message names it (`events[17].conn: …`);
 * - `order`: `seq` not strictly increasing, or a connection created twice — the message names the index;
 * - `har`: a HAR file whose structure is broken (missing `log.entries`, bad `startedDateTime`, …).
 */
export type TraceReadErrorKind =
  | 'not-json'
  | 'corrupt-compression'
  | 'too-large'
  | 'unknown-format'
  | 'unsupported-version'
  | 'schema'
  | 'order'
  | 'har';

/**
 * Thrown by `parseTrace`, `validateTrace`, `importHar` and `readTraceOrHar` when the input
 * cannot be read. `message` is one line (newlines are replaced by spaces, length capped at
 * 300 characters); `kind` says which rule failed; `path` names the offending field when there
 * is one (e.g. `events[17].conn`).
 */
export class TraceReadError extends Error {
  readonly kind: TraceReadErrorKind;
  readonly path: string | undefined;

  constructor(kind: TraceReadErrorKind, message: string, path?: string) {
    super(oneLine(message));
    this.name = 'TraceReadError';
    this.kind = kind;
    this.path = path;
  }
}

/** True when `e` is a {@link TraceReadError} (also across bundle copies of this module). */
export function isTraceReadError(e: unknown): e is TraceReadError {
  return e instanceof TraceReadError || (e instanceof Error && e.name === 'TraceReadError' && 'kind' in e);
}

function oneLine(s: string): string {
  const flat = s.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return flat.length > 300 ? flat.slice(0, 299) + '\u2026' : flat;
}
