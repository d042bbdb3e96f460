/**
 * {@link Natives} for running the hook's recorder and page-event logic in unit tests: the
 * browser's own capture (captureNatives) run over Node's globals, with what Node lacks or a
 * test must drive by hand put in: timers and tasks queue into `timers`, a fixed page URL, and
 * a minimal FileReader (Node has none) for Blob reads.
 */
import { captureNatives, type Natives } from '../../../src/page/natives';

const nativeArrayBuffer = Blob.prototype.arrayBuffer;

/** Test switches of {@link NodeFileReader}. */
export const fileReaderControl = {
  /** Sizes of the Blobs read, in order. */
  reads: [] as number[],
  /** Reads end with no result. */
  fail: false,
  /** Reads never end. */
  hang: false,
  reset(): void {
    this.reads = [];
    this.fail = false;
    this.hang = false;
  },
};

/** A FileReader with only what blob-reader.ts uses: `readAsArrayBuffer`, `result`, a `loadend` event. */
export class NodeFileReader extends EventTarget {
  private res: ArrayBuffer | null = null;
  get result(): ArrayBuffer | null {
    return this.res;
  }
  readAsArrayBuffer(b: Blob): void {
    fileReaderControl.reads.push(b.size);
    if (fileReaderControl.hang) return;
    void (Reflect.apply(nativeArrayBuffer, b, []) as Promise<ArrayBuffer>).then((buf) => {
      this.res = fileReaderControl.fail ? null : buf;
      this.dispatchEvent(new Event('loadend'));
    });
  }
}

/** Natives for Node; `timers` lets a test run scheduled callbacks (timers and tasks alike) by hand. */
export function nodeNatives(timers: (() => void)[] = []): Natives {
  const over: Record<string, unknown> = {
    MessageChannel: undefined, // tasks go through `timers`
    location: { href: 'https://app.example/' },
    FileReader: NodeFileReader,
  };
  const win = new Proxy(globalThis, { get: (t, k) => (typeof k === 'string' && k in over ? over[k] : Reflect.get(t, k)) }) as Window & typeof globalThis;
  const n = captureNatives(win);
  n.setTimeout = ((fn: () => void) => {
    timers.push(fn);
    return 0;
  }) as unknown as typeof setTimeout;
  n.postTask = (fn) => void timers.push(fn);
  n.locationHref = function (this: Location) {
    return this.href;
  } as (this: unknown) => string;
  n.documentBaseURI = () => 'https://app.example/';
  return n;
}
