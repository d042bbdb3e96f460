/**
 * Decompression bombs: the size cap applies while inflating, so a small gzip that expands to
 * hundreds of MiB is refused after about `maxBytes`, not after building all of it.
 */
import { deflateSync } from 'fflate';
import { createGzip } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { decodeInput, inflateInput } from '../../../../src/core/trace/decode-input';
import { readError } from './helpers';

/** Output the gzip and zlib inflaters produced (bytes), counted by wrapping fflate's streams. */
const inflated = vi.hoisted(() => ({ bytes: 0 }));
vi.mock('fflate', async (importOriginal) => {
  const fflate = await importOriginal<typeof import('fflate')>();
  type Handler = (chunk: Uint8Array, final: boolean) => void;
  const counting = (cb: Handler): Handler => (chunk, final) => {
    inflated.bytes += chunk.length;
    cb(chunk, final);
  };
  class Gunzip extends fflate.Gunzip {
    constructor(cb: Handler) {
      super(counting(cb));
    }
  }
  class Unzlib extends fflate.Unzlib {
    constructor(cb: Handler) {
      super(counting(cb));
    }
  }
  return { ...fflate, Gunzip, Unzlib };
});

/** gzip of `mib` MiB of zero bytes (a bomb: ~1000:1). */
async function zeroGzip(mib: number): Promise<Uint8Array> {
  const gz = createGzip({ level: 1 });
  const parts: Buffer[] = [];
  gz.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise((r) => gz.on('end', r));
  const zero = Buffer.alloc(1 << 20);
  for (let i = 0; i < mib; i++) gz.write(zero);
  gz.end();
  await done;
  return new Uint8Array(Buffer.concat(parts));
}

describe('gzip bombs', () => {
  it('stop at the cap while inflating: at most the cap plus one slice of output is produced, one-line too-large', async () => {
    // 512 MiB of zeros in well under 4 MiB: the whole would be 512 MiB of output.
    const bomb = await zeroGzip(512);
    expect(bomb.length).toBeLessThan(4 << 20);
    inflated.bytes = 0;
    const err = readError(() => decodeInput(bomb, { maxBytes: 4 << 20 }));
    expect(err.kind).toBe('too-large');
    expect(err.message).toBe('too large: more than 4194304 bytes (limit 4 MiB)');
    // The inflater is fed 16 KiB of compressed input at a time, and deflate expands at most
    // 1032:1: one slice adds at most 16.5 MiB past the cap (docs/design.md#reading-untrusted-input).
    expect(inflated.bytes).toBeGreaterThan(4 << 20);
    expect(inflated.bytes).toBeLessThanOrEqual((4 << 20) + 1032 * 16 * 1024);
  }, 60_000);

  it("inflateInput (the viewer's stepwise inflation) pauses at least every 16 MiB of output and stops at the cap", async () => {
    const bomb = await zeroGzip(64);
    const seen: number[] = [];
    const err = await inflateInput(bomb, { maxBytes: 40 << 20 }, async (n) => void seen.push(n)).catch((e: unknown) => e as Error);
    expect((err as Error).message).toBe('too large: more than 41943040 bytes (limit 40 MiB)');
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]! - seen[i - 1]!).toBeLessThanOrEqual((16 << 20) + (17 << 20));
    const small = await inflateInput(await zeroGzip(3), {}, async () => {});
    expect(small.length).toBe(3 << 20);
    const plain = new TextEncoder().encode('{}');
    expect(await inflateInput(plain)).toBe(plain);
  }, 60_000);

  it('zlib (.zhar) is capped the same way', () => {
    const zlib = new Uint8Array([0x78, 0x9c, ...bytesOfDeflate()]);
    expect(readError(() => decodeInput(zlib, { maxBytes: 1024 })).kind).toBe('too-large');
  });
});

/** A raw deflate stream of 64 KiB zeros (made with fflate) followed by a dummy Adler-32. */
function bytesOfDeflate(): number[] {
  return [...deflateSync(new Uint8Array(65536), { level: 9 }), 0, 0, 0, 0];
}
