/**
 * Raw input → JSON text: gzip/zlib detection and decompression (fflate), UTF-8 decoding.
 *
 * Rules: docs/design.md#trace-format — a trace is UTF-8 JSON, optionally gzip (`.wavetrace.json.gz`).
 * Gzip is recognised by its magic bytes 1f 8b (RFC 1952 §2.3.1); zlib (RFC 1950: CMF 0x78,
 * (CMF·256 + FLG) mod 31 = 0) is accepted too, for mitmproxy's `.zhar` HAR dumps. Text with a
 * UTF-16 byte-order mark is decoded as UTF-16 (HAR files saved by some Windows tools).
 */
import { Gunzip, Unzlib } from 'fflate';
import { TraceReadError } from './trace-read-error';

/** Default cap on input size after decompression: 512 MiB (≈ V8's maximum string length). */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/** Compressed bytes handed to the inflater at a time (see `inflate`). */
const INFLATE_SLICE = 16 * 1024;

/** Options of the readers. */
export interface ReadOptions {
  /** Maximum input size in bytes, after decompression. Default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
}

/** True when `bytes` start with the gzip magic number 1f 8b (RFC 1952). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** True when `bytes` start with a zlib header using deflate (RFC 1950 §2.2). */
export function isZlib(bytes: Uint8Array): boolean {
  const a = bytes[0];
  const b = bytes[1];
  return a !== undefined && b !== undefined && (a & 0x0f) === 8 && a >> 4 <= 7 && ((a << 8) | b) % 31 === 0;
}

/**
 * Turns a file's content into text: strings are returned as they are; bytes are decompressed
 * when gzip/zlib with fflate's streaming inflater, fed 16 KiB at a time so that `maxBytes`
 * stops a decompression bomb while it inflates (docs/design.md#reading-untrusted-input; a
 * forged size field cannot trigger a huge allocation either), and decoded as UTF-8 (or UTF-16 with BOM). A leading BOM is removed.
 * @throws {TraceReadError} `corrupt-compression` (`corrupt gzip data: invalid distance`),
 *   `too-large` (more than `maxBytes` bytes), `not-json` (`not JSON: not UTF-8 text (invalid
 *   byte 0xff at offset 12)`).
 */
export function decodeInput(input: string | Uint8Array, opts: ReadOptions = {}): string {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (typeof input === 'string') {
    if (input.length > max) throw tooLarge(max);
    return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  }
  let bytes = input;
  if (isGzip(bytes)) bytes = inflate(bytes, 'gzip', max);
  else if (isZlib(bytes)) bytes = inflate(bytes, 'zlib', max);
  if (bytes.length > max) throw tooLarge(max);
  return decodeText(bytes);
}

/** An inflater fed slice by slice, with the cap checked on every piece of output. */
class CappedInflater {
  private readonly chunks: Uint8Array[] = [];
  private readonly stream: Gunzip | Unzlib;
  private at = 0;
  /** Decompressed bytes so far. */
  total = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly kind: 'gzip' | 'zlib',
    private readonly max: number,
  ) {
    const onData = (chunk: Uint8Array): void => {
      this.total += chunk.length;
      if (this.total > max) throw tooLarge(max);
      this.chunks.push(chunk);
    };
    this.stream = kind === 'gzip' ? new Gunzip(onData) : new Unzlib(onData);
  }

  /**
   * Feeds up to `slices` more slices, stopping early once `outputBudget` more bytes came out;
   * true when all input was fed. fflate inflates everything it
   * is given before handing the output over, so one push of a whole 1 MB bomb would build ~1 GB
   * before the cap is checked; deflate expands at most ~1032×, so a 16 KiB slice yields at most
   * ~16.5 MiB.
   */
  feed(slices: number, outputBudget = Infinity): boolean {
    const stopAt = this.total + outputBudget;
    try {
      for (let k = 0; k < slices && this.at < this.bytes.length && this.total < stopAt; k++) {
        const end = Math.min(this.at + INFLATE_SLICE, this.bytes.length);
        this.stream.push(this.bytes.subarray(this.at, end), end === this.bytes.length);
        this.at = end;
      }
    } catch (e) {
      if (e instanceof TraceReadError) throw e;
      throw new TraceReadError('corrupt-compression', `corrupt ${this.kind} data: ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.at >= this.bytes.length;
  }

  /** The whole output, once all input was fed. */
  result(): Uint8Array {
    if (this.total === 0) throw new TraceReadError('corrupt-compression', `corrupt ${this.kind} data: no content`);
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function inflate(bytes: Uint8Array, kind: 'gzip' | 'zlib', max: number): Uint8Array {
  const z = new CappedInflater(bytes, kind, max);
  z.feed(Infinity);
  return z.result();
}

/**
 * Like {@link decodeInput}'s decompression, but in steps: after every 1 MiB of compressed
 * input or 16 MiB of output, whichever comes first, it awaits `pause(decompressedBytes)`, so a page can stay responsive and
 * show progress while a large (or hostile) gzip inflates. Bytes that are not gzip/zlib are
 * returned as they are. Same cap and errors as {@link decodeInput}.
 */
export async function inflateInput(input: Uint8Array, opts: ReadOptions = {}, pause: (decompressedBytes: number) => Promise<void> = async () => {}): Promise<Uint8Array> {
  const kind = isGzip(input) ? 'gzip' : isZlib(input) ? 'zlib' : undefined;
  if (!kind) return input;
  const z = new CappedInflater(input, kind, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  while (!z.feed(64, 16 * 1024 * 1024)) await pause(z.total);
  return z.result();
}

function decodeText(bytes: Uint8Array): string {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof RangeError) throw new TraceReadError('too-large', `too large to decode: ${e.message}`);
    if (encoding !== 'utf-8') throw new TraceReadError('not-json', `not JSON: invalid ${encoding} text`);
    const at = firstInvalidUtf8(bytes);
    const byte = bytes[at] ?? 0;
    throw new TraceReadError('not-json', `not JSON: not UTF-8 text (invalid byte 0x${byte.toString(16).padStart(2, '0')} at offset ${at})`);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629 §4). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return b.length;
}

function tooLarge(max: number): TraceReadError {
  return new TraceReadError('too-large', `too large: more than ${max} bytes (limit ${Math.round(max / 1048576)} MiB)`);
}
