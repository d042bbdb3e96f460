/**
 * Trace → file content (`.wavetrace.json` text or `.wavetrace.json.gz` bytes).
 *
 * Rule: docs/design.md#trace-format — UTF-8 JSON, optionally gzip. Layout: the header fields in contract order
 * (format, version, createdAt, source, redacted, profile, dropped, then any extra fields), then
 * `events` with one event per line, so traces diff and grep well.
 */
import { gzipSync } from 'fflate';
import type { Trace } from './trace-format';

/** Options of {@link serializeTrace}. */
export interface SerializeOptions {
  /** Gzip the UTF-8 JSON (RFC 1952, mtime 0 for reproducible output). Default false. */
  gzip?: boolean;
}

/**
 * Serializes a trace. Returns the JSON text, or gzip bytes when `opts.gzip` is true.
 * Does not redact: call `redactTrace` first (the export path does, docs/design.md#redaction).
 * @throws {Error} `trace is too deeply nested to serialize` when an (unknown, extra) field is
 *   nested deeper than JSON.stringify's recursion allows.
 */
export function serializeTrace(trace: Trace, opts?: { gzip?: false }): string;
export function serializeTrace(trace: Trace, opts: { gzip: true }): Uint8Array;
export function serializeTrace(trace: Trace, opts?: SerializeOptions): string | Uint8Array;
export function serializeTrace(trace: Trace, opts: SerializeOptions = {}): string | Uint8Array {
  const text = traceToJson(trace);
  if (!opts.gzip) return text;
  return gzipSync(new TextEncoder().encode(text), { level: 6, mtime: 0 });
}

function traceToJson(trace: Trace): string {
  const { format, version, createdAt, source, redacted, profile, dropped, events, ...extra } = trace;
  const header = { format, version, createdAt, source, redacted, profile, dropped, ...extra };
  try {
    const head = JSON.stringify(header);
    if (events.length === 0) return head.slice(0, -1) + ',"events":[]}\n';
    const parts: string[] = new Array(events.length);
    for (let i = 0; i < events.length; i++) parts[i] = JSON.stringify(events[i]);
    return head.slice(0, -1) + ',"events":[\n' + parts.join(',\n') + '\n]}\n';
  } catch (e) {
    if (e instanceof RangeError) throw new Error(`trace is too deeply nested to serialize (${e.message})`);
    throw e;
  }
}
