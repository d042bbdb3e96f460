/**
 * The two kinds of batch the recorder sends (docs/design.md#ring-buffer-and-streaming): a live
 * batch (the next unsent events of the ring buffer, each preview full or cut by the live
 * preview budget) and a fill batch (owed full previews, and owed previews reported lost).
 */
import type { RingBuffer } from '../core/ring-buffer';
import type { TraceEvent } from '../core/events';
import type { EventBatch } from '../core/bridge/messages';
import type { Natives } from './natives';
import type { RawPayload } from './payload';
import { chargeFill, fillAllowance, liveCap, type LiveBudget } from './live-budget';
import type { OwedQueue } from './owed-queue';
import type { RecorderOptions } from './recorder-options';
import { previewUnits, toTraceEvent, type RawEvent } from './trace-event';

/** Who sends: the document's `src`, its URL and whether it is the top frame. */
export interface BatchIdentity {
  src: string;
  frameUrl: string;
  top: boolean;
}

/**
 * The live batch starting at ring-buffer index `from` (< buffer.size): at most
 * `batchMaxEvents` events and about `batchMaxBytes` of previews (at least one event). A frame
 * the budget cannot pay for goes with `livePreviewCap` units, its seq in `owed`, and joins
 * the owed queue, like a Blob frame whose bytes are still being read (blob-reader.ts); with
 * `all` every preview goes in full. `more`: events remain after it.
 */
export function liveBatch(n: Natives, buffer: RingBuffer<RawEvent>, from: number, o: RecorderOptions, budget: LiveBudget, owedQueue: OwedQueue<RawEvent>, all: boolean, id: BatchIdentity): { batch: EventBatch; more: boolean } {
  const size = buffer.size;
  const max = from + o.batchMaxEvents < size ? from + o.batchMaxEvents : size;
  const events: TraceEvent[] = [];
  const owed: number[] = [];
  let bytes = 0;
  let end = from;
  while (end < max && (end === from || bytes < o.batchMaxBytes)) {
    const raw = buffer.at(end) as RawEvent;
    let cap = Infinity;
    if (raw.payload) {
      cap = liveCap(budget, previewUnits(n, raw.payload), o.livePreviewCap, all);
      if (cap !== Infinity || raw.payload.blob === 'reading') {
        owed[owed.length] = raw.seq;
        owedQueue.owe(raw);
      }
      bytes += cap === Infinity ? raw.payload.weight : o.livePreviewCap;
    }
    events[events.length] = toTraceEvent(n, raw, cap, cap !== Infinity);
    end++;
  }
  const batch: EventBatch = { src: id.src, frameUrl: id.frameUrl, top: id.top, events };
  if (owed.length > 0) batch.owed = owed;
  return { batch, more: end < size };
}

/**
 * The next fill batch, or undefined when nothing is owed or lost: owed full previews, oldest
 * first, within the fill allowance (a preview larger than a whole quiet share still goes,
 * alone), and every loss not reported yet, with its measured size.
 */
export function fillBatch(n: Natives, owedQueue: OwedQueue<RawEvent>, o: RecorderOptions, budget: LiveBudget, quiet: boolean, all: boolean, id: BatchIdentity): EventBatch | undefined {
  const taken = owedQueue.take(fillAllowance(budget, o, quiet, all), o.batchMaxEvents, (e) => previewUnits(n, e.payload as RawPayload), quiet, (u) => chargeFill(budget, u, quiet));
  const lost = owedQueue.takeLost();
  if (taken.length === 0 && !lost) return undefined;
  const events: TraceEvent[] = [];
  for (let k = 0; k < taken.length; k++) events[events.length] = toTraceEvent(n, taken[k] as RawEvent);
  const batch: EventBatch = { src: id.src, frameUrl: id.frameUrl, top: id.top, events, fill: true };
  if (lost) {
    batch.lost = lost.seqs;
    batch.lostSizes = lost.sizes;
  }
  return batch;
}
