/**
 * Reads the bytes of Blob payloads (a `message` with the default `binaryType` "blob", or
 * `send(blob)`) off the hot path (docs/design.md#previews-and-binary-data). On the hot path a
 * Blob frame is recorded at once with its true size, an empty preview and the mark
 * `blob: "reading"`; a task after the page's event dispatch slices the Blob to the preview
 * cap and reads the slice with a private FileReader, then puts the bytes into the recorded
 * payload in place (the event keeps its seq: order is kept). Until then the recorder sends the
 * frame as owed and its fill waits for the bytes (owed-queue.ts `ready`); a read that fails or
 * takes longer than {@link BLOB_READ_TIMEOUT_MS} leaves the mark `"unread"`, which the trace
 * says as `blobUnread: true`.
 *
 * Invisible to the page: only natives captured at install run (`Blob.prototype.slice`, the
 * FileReader constructor, `readAsArrayBuffer`, the `result` getter, `addEventListener`), on a
 * FileReader the page never sees, so replacing `Blob.prototype.arrayBuffer`, `FileReader` or
 * `Response` later changes nothing and no event reaches a page object. No promise is used, so
 * no `then` the page defines is ever looked up. Errors never leave this module.
 */
import type { Natives } from './natives';
import type { RawPayload } from './payload';

/** Reads running at once, per realm. */
export const BLOB_READ_CONCURRENCY = 4;
/** Blob frames waiting or being read, per realm, beyond which new ones are marked unread at once. */
export const BLOB_MAX_PENDING = 4096;
/** A read not done after this long (ms) is given up: its frame is marked unread. */
export const BLOB_READ_TIMEOUT_MS = 5000;

interface Job {
  blob: Blob;
  p: RawPayload;
  take: number;
}

/** The read queue of one realm's natives. */
class BlobReader {
  private queue: (Job | undefined)[] = [];
  private head = 0;
  private active = 0;
  private scheduled = false;

  constructor(private readonly n: Natives) {}

  /** Jobs waiting or being read. */
  get pending(): number {
    return this.queue.length - this.head + this.active;
  }

  add(job: Job): void {
    if (this.pending >= BLOB_MAX_PENDING) {
      job.p.blob = 'unread';
      return;
    }
    this.queue[this.queue.length] = job;
    this.schedule();
  }

  /** Starts reads in a new task: never inside the page's event dispatch or `send()` call. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.n.postTask(() => {
      this.scheduled = false;
      try {
        this.pump();
      } catch {
        // never into the page
      }
    });
  }

  private pump(): void {
    while (this.active < BLOB_READ_CONCURRENCY && this.head < this.queue.length) {
      const job = this.queue[this.head] as Job;
      this.queue[this.head++] = undefined;
      this.active++;
      this.start(job);
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    }
  }

  private start(job: Job): void {
    const n = this.n;
    const r = n.blobRead;
    let settled = false;
    const finish = (bytes: Uint8Array | undefined): void => {
      if (settled) return;
      settled = true;
      this.active--;
      settle(n, job, bytes);
      if (this.head < this.queue.length) this.schedule();
    };
    try {
      if (!r) return finish(undefined);
      const part = n.apply(r.slice, job.blob, [0, job.take]) as Blob; // only the preview's bytes are read
      const reader = n.construct(r.FileReaderCtor, []) as FileReader;
      const onEnd = (): void => {
        try {
          finish(bytesOf(n, n.apply(r.result, reader, [])));
        } catch {
          finish(undefined);
        }
      };
      n.apply(n.addEventListener, reader, ['loadend', onEnd]);
      n.apply(r.readAsArrayBuffer, reader, [part]);
      n.setTimeout(() => {
        try {
          finish(undefined);
        } catch {
          // never into the page
        }
      }, BLOB_READ_TIMEOUT_MS);
    } catch {
      finish(undefined);
    }
  }
}

/** Puts the bytes read into the recorded payload, or marks it unread. */
function settle(n: Natives, job: Job, bytes: Uint8Array | undefined): void {
  const p = job.p;
  const len = bytes ? (n.apply(n.viewByteLength, bytes, []) as number) : -1;
  if (!bytes || len !== job.take) {
    p.blob = 'unread';
    return;
  }
  p.bytes = bytes;
  p.truncated = len < p.size;
  p.blob = undefined;
}

/** A private view of a FileReader result, or undefined when it is not an ArrayBuffer. */
function bytesOf(n: Natives, result: unknown): Uint8Array | undefined {
  if (result === null || typeof result !== 'object') return undefined;
  try {
    n.apply(n.abByteLength, result, []); // brand check: an ArrayBuffer
  } catch {
    return undefined;
  }
  return n.construct(n.Uint8ArrayCtor, [result]) as Uint8Array;
}

let readers: WeakMap<Natives, BlobReader> | undefined;

function readerOf(n: Natives): BlobReader {
  readers ??= new n.WeakMapCtor<Natives, BlobReader>();
  let r = n.apply(n.weakMapGet, readers, [n]) as BlobReader | undefined;
  if (!r) {
    r = new BlobReader(n);
    n.apply(n.weakMapSet, readers, [n, r]);
  }
  return r;
}

/**
 * The payload of a Blob frame of `size` bytes (from the captured `size` getter), taken on the
 * hot path: empty bytes now, its first `min(size, cap)` bytes read later in place (see the
 * module comment). `weight` is what the preview will hold, so the ring buffer and the owed
 * queue count it from the start. An empty Blob, or a cap of 0, needs no read.
 * @param cap preview cap, bytes
 */
export function blobPayload(n: Natives, blob: Blob, size: number, cap: number): RawPayload {
  const take = size < cap ? size : cap;
  const p: RawPayload = { opcode: 2, bytes: new n.Uint8ArrayCtor(0), size, truncated: size > 0, weight: take };
  if (take <= 0) return p;
  p.blob = 'reading';
  readerOf(n).add({ blob, p, take });
  return p;
}

/** Blob frames of this realm waiting or being read (for tests and diagnostics). */
export function pendingBlobReads(n: Natives): number {
  return readers ? (n.apply(n.weakMapGet, readers, [n]) as BlobReader | undefined)?.pending ?? 0 : 0;
}
