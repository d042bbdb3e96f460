/**
 * Blob payloads (page/blob-reader.ts, docs/design.md#previews-and-binary-data): recorded at
 * once with their true size and an empty preview marked "reading"; their bytes (at most the
 * preview cap, read from a slice) put in later, in a task after the page's dispatch, through
 * natives captured at install — a page that replaces `Blob.prototype.slice`/`arrayBuffer`
 * afterwards is never called. Node has no FileReader: node-natives.ts brings a minimal one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { blobPayload, pendingBlobReads, BLOB_READ_TIMEOUT_MS } from '../../../src/page/blob-reader';
import { takePayload } from '../../../src/page/payload';
import type { Natives } from '../../../src/page/natives';
import { fileReaderControl, nodeNatives } from './node-natives';

const nativeArrayBuffer = Blob.prototype.arrayBuffer;
const nativeSlice = Blob.prototype.slice;
const fr = fileReaderControl;

/** Runs the queued tasks and timers, then lets the reads' promises settle, until nothing is pending. */
async function drain(n: Natives, timers: (() => void)[]): Promise<void> {
  for (let i = 0; i < 50 && (timers.length > 0 || pendingBlobReads(n) > 0); i++) {
    for (const fn of timers.splice(0)) fn();
    await new Promise((r) => setTimeout(r, 1));
  }
}

afterEach(() => {
  fr.reset();
  Blob.prototype.arrayBuffer = nativeArrayBuffer;
  Blob.prototype.slice = nativeSlice;
});

describe('blob payloads', () => {
  it('records an 8-byte Blob at once with its size, and reads its bytes only after the current task', async () => {
    const timers: (() => void)[] = [];
    const n = nodeNatives(timers);
    const bytes = new Uint8Array([0, 1, 2, 0xfe, 0xff, 42, 7, 8]);
    const p = takePayload(n, new Blob([bytes]), 64 * 1024)!;
    expect(p).toMatchObject({ opcode: 2, size: 8, truncated: true, weight: 8, blob: 'reading' });
    expect(p.bytes).toHaveLength(0);
    expect(fr.reads).toEqual([]); // nothing read inside the page's dispatch
    await drain(n, timers);
    expect(fr.reads).toEqual([8]);
    expect([...p.bytes!]).toEqual([...bytes]);
    expect(p).toMatchObject({ size: 8, truncated: false });
    expect(p.blob).toBeUndefined();
  });

  it('reads only the preview cap of a 5 MB Blob (a slice), and keeps the true size', async () => {
    const timers: (() => void)[] = [];
    const n = nodeNatives(timers);
    const big = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    const p = blobPayload(n, new Blob([big]), big.length, 65536);
    expect(p.weight).toBe(65536);
    await drain(n, timers);
    expect(fr.reads).toEqual([65536]);
    expect(p.size).toBe(5 * 1024 * 1024);
    expect(p.truncated).toBe(true);
    expect([...p.bytes!]).toEqual([...big.subarray(0, 65536)]);
  });

  it('calls nothing the page replaced after install', async () => {
    const timers: (() => void)[] = [];
    const n = nodeNatives(timers);
    let calls = 0;
    Blob.prototype.arrayBuffer = function () {
      calls++;
      return Promise.resolve(new ArrayBuffer(0));
    };
    Blob.prototype.slice = function () {
      calls++;
      return new Blob([]);
    };
    const p = takePayload(n, new Blob(['abcdefgh']), 4)!;
    await drain(n, timers);
    expect(calls).toBe(0);
    expect(new TextDecoder().decode(p.bytes)).toBe('abcd');
    expect(p).toMatchObject({ size: 8, truncated: true });
  });

  it('marks a Blob unread when the read fails or never ends', async () => {
    const timers: (() => void)[] = [];
    const n = nodeNatives(timers);
    fr.fail = true;
    const a = blobPayload(n, new Blob(['abc']), 3, 100);
    await drain(n, timers);
    expect(a.blob).toBe('unread');
    expect(a.bytes).toHaveLength(0);
    fr.fail = false;
    fr.hang = true;
    // The stand-in setTimeout queues every timer: the read's deadline runs with the tasks.
    const b = blobPayload(n, new Blob(['abc']), 3, 100);
    for (const fn of timers.splice(0)) fn(); // starts the read, queues the deadline
    expect(b.blob).toBe('reading');
    expect(BLOB_READ_TIMEOUT_MS).toBeGreaterThan(0);
    for (const fn of timers.splice(0)) fn(); // the deadline passes
    expect(b.blob).toBe('unread');
    expect(pendingBlobReads(n)).toBe(0);
  });

  it('needs no read for an empty Blob or a cap of 0', () => {
    const n = nodeNatives([]);
    expect(blobPayload(n, new Blob([]), 0, 100)).toMatchObject({ size: 0, truncated: false, weight: 0 });
    expect(blobPayload(n, new Blob(['x']), 1, 0)).toMatchObject({ size: 1, truncated: true, weight: 0 });
    expect(blobPayload(n, new Blob(['x']), 1, 0).blob).toBeUndefined();
    expect(pendingBlobReads(n)).toBe(0);
  });

  it('reads many Blobs, each into its own payload, a few at a time', async () => {
    const timers: (() => void)[] = [];
    const n = nodeNatives(timers);
    const ps = Array.from({ length: 30 }, (_, i) => blobPayload(n, new Blob([new Uint8Array([i, i + 1])]), 2, 100));
    expect(pendingBlobReads(n)).toBe(30);
    await drain(n, timers);
    expect(ps.map((p) => [...p.bytes!])).toEqual(Array.from({ length: 30 }, (_, i) => [i, i + 1]));
    expect(ps.every((p) => p.blob === undefined && !p.truncated)).toBe(true);
  });
});
