/**
 * Reading the file given to `wavetrace check` (docs/design.md#check): a Wavetrace trace (JSON or
 * gzip) or a HAR. Bytes are decoded to text first and dropped before parsing, so a large
 * trace's file buffer does not stay alive next to its parsed events (peak memory).
 */
import { readFileSync, statSync } from 'node:fs';
import type { ConnId } from '../core/events';
import { decodeInput, DEFAULT_MAX_BYTES } from '../core/trace/decode-input';
import { readTraceOrHar, type ReadResult } from '../core/trace/read-trace-or-har';
import { isTraceReadError } from '../core/trace/trace-read-error';

/**
 * What {@link loadInput} read: the trace (or imported HAR) and, for a HAR, each WebSocket
 * entry's end (conn → ms since the epoch), as the HAR importer computed it (`read.entryEnds`).
 */
export interface LoadedInput {
  read: ReadResult;
  connEnds?: Map<ConnId, number>;
}

/** The input could not be read: `message` is the one-line reason (docs/design.md#exit-codes exit 2). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * Reads and parses `file`.
 * @throws InputError `cannot read <file>: no such file`, `<file>: not JSON …`,
 *   `<file>: unknown format …`, `<file>: unsupported version 2 …`
 */
export function loadInput(file: string): LoadedInput {
  const text = readText(file);
  let read: ReadResult;
  try {
    read = readTraceOrHar(text, file);
  } catch (e) {
    throw new InputError(`${file}: ${isTraceReadError(e) ? e.message : ((e as Error).message ?? String(e))}`);
  }
  return read.kind === 'har' ? { read, connEnds: read.entryEnds } : { read };
}

/** File → text (gunzip/inflate, UTF-8/UTF-16 decoding); the bytes die with this frame. */
function readText(file: string): string {
  let bytes: Uint8Array;
  try {
    // Only regular files, and no larger than the reader accepts: a device such as /dev/zero or
    // a named pipe would otherwise be read forever.
    const st = statSync(file);
    if (!st.isFile() && !st.isDirectory()) throw new InputError(`cannot read ${file}: not a regular file`);
    if (st.size > DEFAULT_MAX_BYTES) throw new InputError(`${file}: too large (${Math.round(st.size / 1048576)} MiB; this Wavetrace reads at most ${DEFAULT_MAX_BYTES / 1048576} MiB)`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${file}: ${fsReason(e)}`);
  }
  try {
    return decodeInput(bytes);
  } catch (e) {
    throw new InputError(`${file}: ${isTraceReadError(e) ? e.message : ((e as Error).message ?? String(e))}`);
  }
}

function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message ?? String(e);
}
