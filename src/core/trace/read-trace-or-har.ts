/**
 * One entry point for "open a file": a Wavetrace trace or a HAR.
 *
 * Rules: docs/design.md#har-import-and-export (HAR import: "`wavetrace check some.har` works on a HAR saved from plain
 * Chrome DevTools") and docs/design.md#check (exit 2 with a one-line reason when the input cannot be read).
 */
import type { ConnId } from '../events';
import { importHar } from '../har/import-har';
import { createTrace } from './create-trace';
import { decodeInput, type ReadOptions } from './decode-input';
import { parseJsonText } from './parse-json';
import type { Trace } from './trace-format';
import { TRACE_FORMAT } from './trace-format';
import { TraceReadError } from './trace-read-error';
import { isIsoDateTime } from './trace-schema';
import { validateEvents, validateTrace } from './validate-trace';

/** What {@link readTraceOrHar} read. */
export interface ReadResult {
  /** `wavetrace` for a trace file, `har` for an imported HAR. */
  kind: 'wavetrace' | 'har';
  trace: Trace;
  /** HAR only: WebSocket messages skipped (lacking time/type/opcode/data); 0 for traces. */
  skipped: number;
  /** HAR only: one-line notes on what was dropped or guessed; empty for traces. */
  warnings: string[];
  /** HAR only: conn → end of its HAR entry (`startedDateTime + time`, ms), see `importHar`; empty for traces. */
  entryEnds: Map<ConnId, number>;
  /** HAR only: WebSocket entries imported and data frames among the events (0 frames: nothing to analyse, see docs/design.md#har-input). */
  har?: { sockets: number; frames: number };
}

/**
 * Reads a file's content (text, or bytes: gzip/zlib and UTF-8 handled as in `parseTrace`)
 * and sniffs it: an object with `"format": "wavetrace"` → `validateTrace`; an object with
 * `log` (HAR, `log.entries`) → `importHar`, wrapped by `createTrace` (source.tool =
 * `"<creator> <version> (HAR import)"`, `redacted: false`, profile `"auto"`, `createdAt` =
 * now; a HAR written by `exportHar` restores its trace header). `fileName` only sharpens the
 * error for a file named `.har`/`.zhar` that is not a HAR.
 *
 * @throws {TraceReadError} one line; besides the `parseTrace` errors:
 *   `unknown format: expected a .wavetrace.json trace or a HAR file`, `this is a Wavetrace
 *   profile, not a trace or a HAR …` (an object with `name` and `backoff`), and the `importHar` errors.
 */
export function readTraceOrHar(input: string | Uint8Array, fileName?: string, opts: ReadOptions = {}): ReadResult {
  try {
    const value = parseJsonText(decodeInput(input, opts));
    const obj = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    if (obj && obj.format === TRACE_FORMAT) return { kind: 'wavetrace', trace: validateTrace(obj), skipped: 0, warnings: [], entryEnds: new Map() };
    if (obj && 'format' in obj && !('log' in obj)) {
      // Some other tool's (or a future) format: name it rather than guess.
      const shown = typeof obj.format === 'string' || typeof obj.format === 'number' ? JSON.stringify(String(obj.format)).slice(0, 60) : `(${obj.format === null ? 'null' : Array.isArray(obj.format) ? 'array' : typeof obj.format})`;
      throw new TraceReadError('unknown-format', `unknown format ${shown}: expected a .wavetrace.json trace ("format": "wavetrace") or a HAR file`);
    }
    if (obj && typeof obj.log === 'object' && obj.log !== null) {
      const har = importHar(obj);
      const h = har.meta.header;
      const trace = createTrace(har.events, {
        createdAt: typeof h?.createdAt === 'string' && isIsoDateTime(h.createdAt) ? h.createdAt : Date.now(),
        source: {
          // A header from `exportHar` (log._wavetrace.header) wins over the HAR's own facts.
          tool: typeof h?.source?.tool === 'string' ? h.source.tool : har.meta.tool,
          browser: typeof h?.source?.browser === 'string' ? h.source.browser : har.meta.browser,
          page: typeof h?.source?.page === 'string' ? h.source.page : har.meta.page,
        },
        redacted: h?.redacted === true,
        ...(typeof h?.profile === 'string' || isNamedObject(h?.profile) ? { profile: h.profile } : {}),
        ...(typeof h?.dropped === 'number' && Number.isSafeInteger(h.dropped) && h.dropped >= 0 ? { dropped: h.dropped } : {}),
      });
      // Imported events are built to be valid; checking them keeps that a guarantee.
      validateEvents(trace.events);
      return { kind: 'har', trace, skipped: har.skipped, warnings: har.warnings, entryEnds: har.entryEnds, har: { sockets: har.sockets, frames: har.frames } };
    }
    if (obj && typeof obj.name === 'string' && typeof obj.backoff === 'object' && obj.backoff !== null) {
      // A profile (docs/design.md#profile-fields: `name` and `backoff` are required) given where a capture belongs.
      throw new TraceReadError('unknown-format', 'this is a Wavetrace profile, not a trace or a HAR (give it with --profile)');
    }
    if (fileName && /\.z?har$/i.test(fileName)) {
      throw new TraceReadError('unknown-format', `unknown format: ${baseName(fileName)} has no "log.entries" (expected a HAR file)`);
    }
    throw new TraceReadError('unknown-format', 'unknown format: expected a .wavetrace.json trace or a HAR file');
  } catch (e) {
    if (e instanceof RangeError) throw new TraceReadError('too-large', `too large or too deeply nested: ${e.message}`);
    throw e;
  }
}

function isNamedObject(x: unknown): x is { name: string } {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as { name?: unknown }).name === 'string';
}

function baseName(p: string): string {
  return p.replace(/^.*[\\/]/, '');
}
