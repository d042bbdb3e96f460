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

/** The input argument that means standard input (docs/design.md#command-line). */
export const STDIN_ARG = '-';

/** Standard input as {@link loadInput} reads it: the byte chunks, and whether it is a terminal. */
export type InputStream = AsyncIterable<Uint8Array | string> & { isTTY?: boolean };

/**
 * Reads and parses `file`; `-` reads standard input (a trace or HAR, gzip or not, named
 * "stdin" in messages).
 * @throws InputError `cannot read <file>: no such file`, `<file>: not JSON …`,
 *   `<file>: unknown format …`, `<file>: unsupported version 2 …`, `stdin: standard input is a
 *   terminal …`, `stdin: too large …`
 */
export async function loadInput(file: string, stdin: InputStream = process.stdin): Promise<LoadedInput> {
  const name = file === STDIN_ARG ? 'stdin' : file;
  const text = file === STDIN_ARG ? decodeText(await readStdin(stdin), name) : readText(file);
  let read: ReadResult;
  try {
    read = readTraceOrHar(text, file === STDIN_ARG ? undefined : file);
  } catch (e) {
    throw new InputError(`${name}: ${isTraceReadError(e) ? e.message : ((e as Error).message ?? String(e))}`);
  }
  return read.kind === 'har' ? { read, connEnds: read.entryEnds } : { read };
}

/**
 * All of standard input, refused past the size cap (512 MiB, docs/design.md#reading-untrusted-input)
 * as soon as it passes it, and refused at once when it is a terminal (nothing was piped in).
 */
async function readStdin(stdin: InputStream): Promise<Uint8Array> {
  if (stdin.isTTY) throw new InputError(`stdin: standard input is a terminal; pipe a trace or HAR into it (wavetrace check - < trace.wavetrace.json)`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    total += bytes.length;
    if (total > DEFAULT_MAX_BYTES) throw new InputError(`stdin: too large (more than ${DEFAULT_MAX_BYTES / 1048576} MiB; this Wavetrace reads at most ${DEFAULT_MAX_BYTES / 1048576} MiB)`);
    chunks.push(bytes);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
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
  return decodeText(bytes, file);
}

/** Bytes → text (gunzip/inflate, UTF-8/UTF-16), errors named after `name`. */
function decodeText(bytes: Uint8Array, name: string): string {
  try {
    return decodeInput(bytes);
  } catch (e) {
    throw new InputError(`${name}: ${isTraceReadError(e) ? e.message : ((e as Error).message ?? String(e))}`);
  }
}

function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return (e as Error).message ?? String(e);
}
