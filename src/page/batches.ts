/**
 * The two kinds of batch the recorder sends (docs/design.md#ring-buffer-and-streaming): a live
 * batch (the next unsent events of the ring buffer, each preview full or cut by the live
 * preview budget) and a fill batch (owed full previews, and owed previews reported lost).
 * Each batch's text stays under about `batchMaxChars` characters; a flush may send several.
 */
import type { RingBuffer } from '../core/ring-buffer';
import type { TraceEvent } from '../core/events';
import type { FrameTuple, WireBatch } from '../core/bridge/messages';
import type { Natives } from './natives';
import type { RawPayload } from './payload';
import { chargeFill, fillAllowance, liveCap, type LiveBudget } from './live-budget';
import type { OwedQueue } from './owed-queue';
import type { RecorderOptions } from './recorder-options';
import { previewUnits, type RawEvent } from './trace-event';
import { rawToWire } from './wire-batch';

/** Who sends: the document's `src`, its URL and whether it is the top frame. */
export interface BatchIdentity {
  src: string;
  frameUrl: string;
  top: boolean;
}

/** About how many characters an event takes in a batch's text besides its preview (a frame tuple's other fields; an object's keys). */
const EVENT_CHARS = 64;

/** About how many characters a preview of `units` preview units takes in the text (base64 for binary). */
function previewChars(p: RawPayload, units: number): number {
  return p.opcode === 1 ? units : (units * 4) / 3;
}

/** A live batch and where it ended. */
export interface LiveBatch {
  batch: WireBatch;
  /** Seq of its last event. */
  last: number;
  /** Ring-buffer index after its last event. */
  end: number;
  /** Preview units it carries. */
  units: number;
}

/**
 * The live batch starting at ring-buffer index `from` (< buffer.size): at most `maxEvents`
 * events, about `maxUnits` preview units and about `o.batchMaxChars` characters of text (at
 * least one event). A frame the budget cannot pay for goes with `livePreviewCap` units, its
 * seq in `owed`, and joins the owed queue, like a Blob frame whose bytes are still being read
 * (blob-reader.ts); with `all` every preview goes in full.
 */
export function liveBatch(n: Natives, buffer: RingBuffer<RawEvent>, from: number, maxEvents: number, maxUnits: number, o: RecorderOptions, budget: LiveBudget, owedQueue: OwedQueue<RawEvent>, all: boolean, id: BatchIdentity): LiveBatch {
  const size = buffer.size;
  const max = from + maxEvents < size ? from + maxEvents : size;
  const events: (TraceEvent | FrameTuple)[] = [];
  const owed: number[] = [];
  let units = 0;
  let chars = 0;
  let end = from;
  let last = 0;
  while (end < max && (end === from || (units < maxUnits && chars < o.batchMaxChars))) {
    const raw = buffer.at(end) as RawEvent;
    let cap = Infinity;
    chars += EVENT_CHARS;
    if (raw.payload) {
      const full = previewUnits(n, raw.payload);
      cap = liveCap(budget, full, o.livePreviewCap, all);
      if (cap !== Infinity || raw.payload.blob === 'reading') {
        owed[owed.length] = raw.seq;
        owedQueue.owe(raw);
      }
      const u = cap === Infinity ? full : o.livePreviewCap < full ? o.livePreviewCap : full;
      units += cap === Infinity ? raw.payload.weight : o.livePreviewCap;
      chars += previewChars(raw.payload, u);
    } else chars += raw.type === 'http-response' && typeof raw.body === 'string' ? raw.body.length + EVENT_CHARS : EVENT_CHARS;
    events[events.length] = rawToWire(n, raw, cap, cap !== Infinity);
    last = raw.seq;
    end++;
  }
  const batch: WireBatch = { src: id.src, frameUrl: id.frameUrl, top: id.top, events };
  if (owed.length > 0) batch.owed = owed;
  return { batch, last, end, units };
}

/** What {@link sendLiveChunk} sent. */
export interface LiveChunk {
  /** Seq of the last event sent (the previous mark when none went). */
  sentUpTo: number;
  /** Events sent. */
  events: number;
  /** Their preview weight in the ring buffer, bytes. */
  weight: number;
  /** True when unsent events remain. */
  more: boolean;
}

/**
 * Sends the next chunk of the events after seq `sentUpTo` through `send`: at most `maxEvents`
 * events and about `o.batchMaxBytes` of previews, in live batches of about `o.batchMaxChars`
 * characters ({@link liveBatch}). Events between `sentUpTo` and the oldest held one were
 * overwritten: the consumer sees the seq gap.
 */
export function sendLiveChunk(n: Natives, buffer: RingBuffer<RawEvent>, sentUpTo: number, maxEvents: number, o: RecorderOptions, budget: LiveBudget, owedQueue: OwedQueue<RawEvent>, all: boolean, id: BatchIdentity, send: (batch: WireBatch, last: number) => void): LiveChunk {
  const size = buffer.size;
  const out: LiveChunk = { sentUpTo, events: 0, weight: 0, more: false };
  if (size === 0) return out;
  let i = sentUpTo + 1 - (buffer.at(0) as RawEvent).seq;
  if (i < 0) i = 0;
  let units = 0;
  while (i < size && out.events < maxEvents && (out.events === 0 || units < o.batchMaxBytes)) {
    const b = liveBatch(n, buffer, i, maxEvents - out.events, o.batchMaxBytes - units, o, budget, owedQueue, all, id);
    out.events += b.end - i;
    units += b.units;
    for (; i < b.end; i++) out.weight += buffer.weightAt(i);
    out.sentUpTo = b.last;
    send(b.batch, b.last);
  }
  out.more = i < size;
  return out;
}

/**
 * Sends the fill batches of one flush through `send`: owed full previews, oldest first, within
 * the fill allowance (a preview larger than a whole quiet share still goes, alone), at most
 * `batchMaxEvents` of them, each batch about `batchMaxChars` of previews at most (a larger
 * preview goes alone); every loss not reported yet goes in the first batch, with its measured
 * size. Sends nothing when nothing is owed or lost. A fill's `last` is 0 (it adds no event).
 */
export function sendFillBatches(n: Natives, owedQueue: OwedQueue<RawEvent>, o: RecorderOptions, budget: LiveBudget, quiet: boolean, all: boolean, id: BatchIdentity, send: (batch: WireBatch, last: number) => void): void {
  let left = fillAllowance(budget, o, quiet, all);
  let items = 0;
  const units = (e: RawEvent): number => previewUnits(n, e.payload as RawPayload);
  const onTake = (u: number): void => {
    left -= u;
    chargeFill(budget, u, quiet);
  };
  for (let first = true; ; first = false) {
    const taken = owedQueue.take(left, o.batchMaxEvents - items, units, first && quiet, onTake, o.batchMaxChars);
    const lost = first ? owedQueue.takeLost() : undefined;
    if (taken.length === 0 && !lost) return;
    items += taken.length;
    const events: (TraceEvent | FrameTuple)[] = [];
    for (let k = 0; k < taken.length; k++) events[events.length] = rawToWire(n, taken[k] as RawEvent);
    const batch: WireBatch = { src: id.src, frameUrl: id.frameUrl, top: id.top, events, fill: true };
    if (lost) {
      batch.lost = lost.seqs;
      batch.lostSizes = lost.sizes;
    }
    send(batch, 0);
    if (taken.length === 0 || items >= o.batchMaxEvents || left <= 0) return;
  }
}
