/**
 * Reads at most `cap` bytes of a response body from a clone (`Response.prototype.clone`
 * tees the stream: the page's own body stays unread and intact), then cancels the clone's
 * branch. Only captured natives are used (getReader, read, cancel, Promise.prototype.then),
 * so a page that patches streams or promises sees nothing. Errors end the read quietly.
 */
import type { Natives } from './natives';

/** Result of a capped read: UTF-8 text of the first bytes and whether more followed. */
export interface CappedBody {
  text: string;
  truncated: boolean;
}

/**
 * Starts reading `stream` and calls `done` once (with undefined if reading failed).
 * @param cap most bytes kept (UTF-8 is decoded from them; a cut multi-byte character becomes U+FFFD)
 */
export function readCapped(n: Natives, stream: ReadableStream<Uint8Array>, cap: number, done: (b: CappedBody | undefined) => void): void {
  const f = n.fetch;
  if (!f) {
    done(undefined);
    return;
  }
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = n.apply(f.streamGetReader, stream, []) as ReadableStreamDefaultReader<Uint8Array>;
  } catch {
    done(undefined);
    return;
  }
  const kept = new n.Uint8ArrayCtor(cap > 0 ? cap : 0);
  let used = 0;
  let finished = false;
  const finish = (truncated: boolean, ok: boolean): void => {
    if (finished) return;
    finished = true;
    if (!ok) {
      done(undefined);
      return;
    }
    let text = '';
    try {
      text = n.textDecode(n.apply(n.u8Slice, kept, [0, used]) as Uint8Array, false);
    } catch {
      text = '';
    }
    done({ text, truncated });
  };
  const cancel = (): void => {
    try {
      n.apply(n.promiseThen, n.apply(f.readerCancel, reader, []), [undefined, () => undefined]);
    } catch {
      // already released
    }
  };
  const onRead = (r: ReadableStreamReadResult<Uint8Array>): void => {
    try {
      if (r.done) {
        finish(false, true);
        return;
      }
      const chunk = r.value;
      const len = n.apply(n.viewByteLength, chunk, []) as number;
      const room = cap - used;
      if (len > room) {
        if (room > 0) n.apply(n.u8Set, kept, [n.apply(n.u8Slice, chunk, [0, room]), used]);
        used = cap;
        finish(true, true);
        cancel();
        return;
      }
      n.apply(n.u8Set, kept, [chunk, used]);
      used += len;
      next();
    } catch {
      finish(false, false);
      cancel();
    }
  };
  const next = (): void => {
    n.apply(n.promiseThen, n.apply(f.readerRead, reader, []), [onRead, () => finish(false, false)]);
  };
  try {
    next();
  } catch {
    finish(false, false);
  }
}
