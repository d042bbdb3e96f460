/**
 * Decompression bombs: the size cap applies while inflating, so a small gzip that expands to
 * hundreds of MiB is refused after about `maxBytes`, not after building all of it.
 */
import { deflateSync, gunzipSync } from 'fflate';
import { createGzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeInput, inflateInput } from '../../../../src/core/trace/decode-input';
import { readError } from './helpers';

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

/** CPU time of this process in ms (user + system): unlike wall time, other load on the machine does not stretch it. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

describe('gzip bombs', () => {
  it('stop at the cap while inflating: far faster than inflating the whole bomb, one-line too-large', async () => {
    // 512 MiB of zeros: big enough that the fixed cost of the capped path is small beside it.
    const bomb = await zeroGzip(512);
    expect(bomb.length).toBeLessThan(4 << 20);
    let t = cpuMs();
    const whole = gunzipSync(bomb).length;
    const fullMs = cpuMs() - t;
    expect(whole).toBe(512 << 20);

    t = cpuMs();
    const err = readError(() => decodeInput(bomb, { maxBytes: 4 << 20 }));
    const cappedMs = cpuMs() - t;
    expect(err.kind).toBe('too-large');
    expect(err.message).toBe('too large: more than 4194304 bytes (limit 4 MiB)');
    // Inflating stops within ~one 16 KiB slice (≤ ~16.5 MiB) past the cap: well under a quarter of the whole.
    expect(cappedMs).toBeLessThan(fullMs / 4);
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
