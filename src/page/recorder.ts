/**
 * The hook's recorder: numbers events, keeps them in a bounded ring buffer, and streams
 * batches to the relay only while a panel listens (docs/design.md#the-page-hook: O(1) record while no panel
 * listens; batches at most once per flush interval while one does).
 *
 * Hook-local `seq` values are contiguous (1, 2, 3 …), so a consumer that sees a jump knows
 * exactly how many events the ring buffer overwrote before it could send them.
 *
 * While streaming, the unsent tail never grows past `syncFlushEvents`: once it reaches that
 * size a batch is sent at once (synchronously, inside the page's own event dispatch), so a
 * burst faster than the flush timer cannot push unsent events out of the ring buffer.
 *
 * Live preview budget: shipping previews to the panel costs CPU in every process on the way
 * (measured: about 40 ms of CPU per MB, over the page, the browser and the extension), and
 * a page receiving 64 KB frames at native speed moves over 200 MB/s. So full previews are
 * streamed live within a byte budget (a token bucket: `liveBurstBytes`, refilled at
 * `liveBytesPerSec`); a frame over budget goes out with its first `livePreviewCap` units and
 * its seq listed in the batch's `owed`, and the recorder keeps its full preview in an owed
 * queue (bounded by `owedMaxBytes`, 4 × the ring buffer's preview budget by default).
 * Measuring the UTF-8 size of a text costs about 1 µs per KB in Chromium (TextEncoder), a
 * good part of the frame's own delivery, so an owed text frame whose size is not known yet
 * goes out with `size` -1 ("measured later"). "Fill" batches send owed previews, with their
 * size, later: while the page is quiet (no new event since the last flush, no socket still
 * sending) up to `fillBytesPerFlush` per flush, otherwise from what the budget has left, and
 * all at once on {@link Recorder.fillAll} (before an export). An owed preview pushed out of
 * the full queue is listed in a fill batch's `lost` (with its measured size in `lostSizes`):
 * that frame keeps its short preview, marked truncated, never silently.
 */
import { RingBuffer } from '../core/ring-buffer';
import type { TraceEvent } from '../core/events';
import type { EventBatch } from '../core/bridge/messages';
import { DEFAULT_CAPTURE_CONFIG, type CaptureConfig } from '../core/store/capture-config';
import type { Natives } from './natives';
import { toBase64, utf8Length, type RawPayload } from './payload';

/** Omit distributed over a union. */
export type DistOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as recorded on the hot path: a trace event, except frames keep a raw payload. */
export type RawEvent =
  | (Exclude<TraceEvent, { type: 'ws-send' | 'ws-message' }> & { payload?: undefined })
  | (DistOmit<Extract<TraceEvent, { type: 'ws-send' | 'ws-message' }>, 'opcode' | 'size' | 'data' | 'encoding' | 'truncated'> & { payload: RawPayload });

/** Recorder limits. Defaults: docs/design.md#trace-format and issue 3 (50,000 events, 64 MiB, 64 KiB). */
export interface RecorderOptions {
  /** Ring buffer capacity in events. */
  maxEvents: number;
  /** Ring buffer budget for previews, bytes. */
  maxPreviewBytes: number;
  /** Preview cap per frame: bytes for binary, UTF-16 code units for text. */
  previewCap: number;
  /** Cap of a captured HTTP response body, bytes. */
  bodyCap: number;
  /** Delay between flushes while streaming, ms. */
  flushIntervalMs: number;
  /** Most events per batch; also the unsent backlog that triggers an immediate flush. */
  batchMaxEvents: number;
  /** Most preview bytes per batch (a batch holds at least one event), so one message never carries hundreds of MB. */
  batchMaxBytes: number;
  /** Unsent backlog, events, that makes `record` send a batch synchronously (keeps the ring from overwriting unsent events). */
  syncFlushEvents: number;
  /** Live budget for full previews: refill rate, preview units (chars or bytes) per second. */
  liveBytesPerSec: number;
  /** Live budget for full previews: bucket size, preview units. */
  liveBurstBytes: number;
  /** Preview kept for a frame over the live budget until its fill: UTF-16 units for text, bytes for binary. */
  livePreviewCap: number;
  /** Owed previews sent per flush while the page is quiet, preview units. */
  fillBytesPerFlush: number;
  /**
   * Memory bound of the owed queue, bytes of preview weight (most of it shared with the ring
   * buffer, which holds the same strings while they are recent). Beyond it the oldest owed
   * frames are measured and reported lost.
   */
  owedMaxBytes: number;
}

/** Default limits. */
export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  maxEvents: DEFAULT_CAPTURE_CONFIG.maxEvents,
  maxPreviewBytes: DEFAULT_CAPTURE_CONFIG.maxPreviewBytes,
  previewCap: DEFAULT_CAPTURE_CONFIG.previewCap,
  bodyCap: DEFAULT_CAPTURE_CONFIG.bodyCap,
  flushIntervalMs: 16,
  batchMaxEvents: 2000,
  batchMaxBytes: 4 * 1024 * 1024,
  syncFlushEvents: DEFAULT_CAPTURE_CONFIG.maxEvents / 2,
  liveBytesPerSec: 1024 * 1024,
  liveBurstBytes: 1024 * 1024,
  livePreviewCap: 256,
  fillBytesPerFlush: 256 * 1024,
  owedMaxBytes: 4 * DEFAULT_CAPTURE_CONFIG.maxPreviewBytes,
};

/** Records events and streams them as {@link EventBatch}es through `send`. */
export class Recorder {
  private seq = 0;
  private buffer: RingBuffer<RawEvent>;
  private streaming = false;
  private sentUpTo = 0;
  private flushScheduled = false;
  /** Events overwritten by buffers replaced in {@link Recorder.configure}. */
  private droppedBefore = 0;
  /** Live budget left, preview units (token bucket). */
  private tokens: number;
  private refilledAt: number;
  /** Frames sent with a cut preview whose full preview is still owed, in seq order, from `owedHead`. */
  private owed: RawEvent[] = [];
  private owedHead = 0;
  /** Preview weight held by the owed queue, bytes (bounded by `maxPreviewBytes`). */
  private owedWeight = 0;
  /** Owed frames pushed out of the queue, not yet reported: seq and measured size. */
  private lostSeqs: number[] = [];
  private lostSizes: number[] = [];
  /**
   * True while the page is still moving data it already handed over (e.g. a socket's
   * `bufferedAmount` is not 0 after a burst of `send()` calls): fills wait then, like for new
   * events. Set by the WebSocket hook.
   */
  pageBusy: () => boolean = () => false;
  /** Since when flushes wait for a sending socket (`n.now()`, ms), −1 when not waiting. */
  private busySince = -1;
  /** When streaming last stopped (`n.now()`, ms), −1 while streaming. */
  private stoppedAt = -1;
  /** Set by {@link Recorder.fillAll}: the next flushes send owed previews regardless of budget. */
  private fillingAll = false;
  /** `seq` at the previous flush (equal now = the page was quiet since). */
  private seqAtFlush = 0;
  readonly options: RecorderOptions;

  /**
   * @param send delivers one batch to the relay; errors are swallowed by the caller
   * @param identity `src` (random per document), `frameUrl`, `top`
   */
  constructor(
    private readonly n: Natives,
    private readonly send: (batch: EventBatch) => void,
    private readonly identity: { src: string; frameUrl: string; top: boolean },
    options: Partial<RecorderOptions> = {},
  ) {
    this.options = { ...DEFAULT_RECORDER_OPTIONS, ...options };
    this.buffer = new RingBuffer<RawEvent>(this.options.maxEvents, this.options.maxPreviewBytes);
    this.tokens = this.options.liveBurstBytes;
    this.refilledAt = n.now();
  }

  /** Milliseconds since the Unix epoch, sub-millisecond precision (docs/design.md#trace-format). */
  now(): number {
    return this.n.timeOrigin + this.n.now();
  }

  /** Highest seq assigned so far (= number of events recorded by this hook instance). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Records an event (its `seq` is assigned here) and returns the seq. O(1) amortised. */
  record(e: DistOmit<RawEvent, 'seq'>, weight = 0): number {
    const ev = e as RawEvent;
    ev.seq = ++this.seq;
    this.buffer.push(ev, ev.payload ? ev.payload.weight : weight);
    if (this.streaming) {
      if (this.seq - this.sentUpTo >= this.options.syncFlushEvents) this.flush();
      else this.scheduleFlush();
    }
    return ev.seq;
  }

  /**
   * Applies new limits from a `relay-config` (caps apply to later frames). A different
   * capacity or budget moves the newest events into a new buffer; any that do not fit are
   * counted as dropped.
   */
  configure(c: Partial<CaptureConfig>): void {
    const o = this.options;
    if (typeof c.previewCap === 'number') o.previewCap = c.previewCap;
    if (typeof c.bodyCap === 'number') o.bodyCap = c.bodyCap;
    const maxEvents = typeof c.maxEvents === 'number' ? c.maxEvents : o.maxEvents;
    const maxBytes = typeof c.maxPreviewBytes === 'number' ? c.maxPreviewBytes : o.maxPreviewBytes;
    if (maxEvents === o.maxEvents && maxBytes === o.maxPreviewBytes) return;
    o.maxEvents = maxEvents;
    o.syncFlushEvents = Math.max(1, Math.floor(maxEvents / 2));
    o.owedMaxBytes = 4 * maxBytes;
    o.maxPreviewBytes = maxBytes;
    const old = this.buffer;
    const next = new RingBuffer<RawEvent>(maxEvents, maxBytes);
    for (let i = 0; i < old.size; i++) {
      const e = old.at(i) as RawEvent;
      next.push(e, e.payload ? e.payload.weight : weightOf(e));
    }
    this.droppedBefore += old.dropped;
    this.buffer = next;
  }

  /**
   * Starts streaming: every held event with seq > `after`, then live events. `pending`: seqs
   * the attaching panel already holds with a short preview (e.g. after a service worker
   * restart, when a fill may have been lost on the way): the owed queue is rebuilt from them,
   * from the ring buffer where it still holds the frame, else they are reported lost.
   */
  start(after: number, pending: readonly number[] = []): void {
    this.streaming = true;
    this.stoppedAt = -1;
    this.sentUpTo = after > this.seq || after < 0 ? 0 : after; // a mark from an older document means "from the start"
    this.clearOwed();
    const size = this.buffer.size;
    const oldest = size > 0 ? (this.buffer.at(0) as RawEvent).seq : this.seq + 1;
    for (let i = 0; i < pending.length; i++) {
      const seq = pending[i] as number;
      if (typeof seq !== 'number' || seq > this.sentUpTo) continue; // not sent yet: the replay covers it
      const raw = seq >= oldest ? (this.buffer.at(seq - oldest) as RawEvent | undefined) : undefined;
      if (raw && raw.payload) this.owe(raw);
      else {
        this.lostSeqs[this.lostSeqs.length] = seq;
        this.lostSizes[this.lostSizes.length] = -1; // gone from the ring buffer: size unknown
      }
    }
    this.scheduleFlush();
  }

  /**
   * Stops streaming; recording into the ring buffer goes on. Owed previews are kept for a
   * while (a paused panel may still export, see {@link Recorder.fillAll}), then released.
   */
  stop(): void {
    this.streaming = false;
    const at = (this.stoppedAt = this.n.now());
    this.n.setTimeout(() => {
      if (!this.streaming && this.stoppedAt === at && !this.fillingAll) this.clearOwed();
    }, OWED_KEEP_AFTER_STOP_MS);
  }

  /** Drops every owed preview and unreported loss (the next panel says what it still needs). */
  private clearOwed(): void {
    this.owed = [];
    this.owedHead = 0;
    this.owedWeight = 0;
    this.lostSeqs = [];
    this.lostSizes = [];
  }

  /** True while a panel listens. */
  get isStreaming(): boolean {
    return this.streaming;
  }

  /** Events overwritten in the ring buffer since the document started. */
  get dropped(): number {
    return this.droppedBefore + this.buffer.dropped;
  }

  /** Number of events held in the ring buffer. */
  get held(): number {
    return this.buffer.size;
  }

  /**
   * Schedules the next flush: after `flushIntervalMs` for live traffic, or as the next task
   * while a backlog of more than one batch is waiting (e.g. the whole ring buffer when a panel
   * attaches), so a background tab's timer throttling cannot hold it back.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    const run = (): void => {
      this.flushScheduled = false;
      this.flush();
    };
    if (this.seq - this.sentUpTo > this.options.batchMaxEvents || this.fillingAll) this.n.postTask(run);
    else this.n.setTimeout(run, this.options.flushIntervalMs);
  }

  /** Tries the flush again after `flushIntervalMs` (a timer, never a queued task: the page goes first). */
  private deferFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.n.setTimeout(() => {
      this.flushScheduled = false;
      this.flush();
    }, this.options.flushIntervalMs);
  }

  /**
   * Sends every unsent event now, in batches, then every owed preview: up to
   * `batchMaxBytes` × 16 of them in full, the rest as lost with their measured size (used when
   * the document is being unloaded: nothing could send them later).
   */
  flushAll(): void {
    if (!this.streaming) return;
    for (let guard = 0; guard < 10000 && this.sentUpTo < this.seq; guard++) {
      const before = this.sentUpTo;
      this.flushLive();
      if (this.sentUpTo === before) break;
    }
    for (let k = 0; k < 16 && (this.owedHead < this.owed.length || this.lostSeqs.length > 0); k++) this.flushFill(true, true);
    while (this.owedHead < this.owed.length) this.loseOldestOwed();
    if (this.lostSeqs.length > 0) this.flushFill(true, true);
  }

  /** Number of frames whose full preview is still owed to the panel. */
  get owedCount(): number {
    return this.owed.length - this.owedHead;
  }

  /** Sends every owed preview now (in batches, regardless of budget): a panel is about to export. */
  fillAll(): void {
    this.fillingAll = true;
    if (this.streaming) {
      this.flush();
      return;
    }
    // Paused panel: no live events, but owed previews still go (the hub routes fills to it).
    const step = (): void => {
      this.flushFill(true, true);
      if (this.owedHead < this.owed.length || this.lostSeqs.length > 0) this.n.postTask(step);
      else this.fillingAll = false;
    };
    step();
  }

  /** Queues a frame sent with a cut preview; pushes the oldest out (as lost) beyond the memory bound. */
  private owe(raw: RawEvent): void {
    this.owed[this.owed.length] = raw;
    this.owedWeight += (raw.payload as RawPayload).weight;
    while (this.owedWeight > this.options.owedMaxBytes && this.owedHead < this.owed.length) this.loseOldestOwed();
  }

  /** Drops the oldest owed preview and queues it as lost, with its measured size. */
  private loseOldestOwed(): void {
    const old = this.owed[this.owedHead] as RawEvent;
    this.owed[this.owedHead++] = undefined as unknown as RawEvent;
    const p = old.payload as RawPayload;
    this.owedWeight -= p.weight;
    this.lostSeqs[this.lostSeqs.length] = old.seq;
    this.lostSizes[this.lostSizes.length] = p.size >= 0 ? p.size : utf8Length(this.n, p.text ?? '');
  }

  /** Refills the live budget for the time since the last refill. */
  private refill(): void {
    const now = this.n.now();
    const o = this.options;
    const t = this.tokens + ((now - this.refilledAt) * o.liveBytesPerSec) / 1000;
    this.tokens = t < o.liveBurstBytes ? t : o.liveBurstBytes;
    this.refilledAt = now;
  }

  /**
   * Sends the next chunk of unsent events, then (budget permitting) owed previews; reschedules
   * itself while more remain (unless `reschedule` is false).
   */
  flush(reschedule = true): void {
    if (!this.streaming) return;
    const busy = this.pageBusy();
    if (busy && reschedule && !this.fillingAll && this.seq - this.sentUpTo < this.options.syncFlushEvents) {
      // A socket is still sending what the page handed it: in Chromium moving queued frames
      // into the network pipe needs the page's thread, which our flush would take. Wait, up
      // to MAX_SEND_DEFER_MS, unless the backlog nears what the ring buffer can hold.
      const now = this.n.now();
      if (this.busySince < 0) this.busySince = now;
      if (now - this.busySince < MAX_SEND_DEFER_MS) {
        this.deferFlush();
        return;
      }
    }
    this.busySince = -1;
    this.refill();
    const quiet = this.seq === this.seqAtFlush && !busy;
    this.seqAtFlush = this.seq;
    const more = this.flushLive();
    const owing = (): boolean => this.owedHead < this.owed.length || this.lostSeqs.length > 0;
    if (owing() && this.sentUpTo >= this.seq) this.flushFill(quiet || this.fillingAll, this.fillingAll);
    if (!owing()) this.fillingAll = false;
    if (reschedule && (more || owing())) this.scheduleFlush();
  }

  /** Sends the next chunk of unsent events; true when more remain unsent. */
  private flushLive(): boolean {
    const size = this.buffer.size;
    if (size === 0) return false;
    const oldest = (this.buffer.at(0) as RawEvent).seq;
    let i = this.sentUpTo + 1 - oldest;
    if (i < 0) i = 0; // events in between were overwritten: the consumer sees the seq gap
    if (i >= size) return false;
    const o = this.options;
    const max = i + o.batchMaxEvents < size ? i + o.batchMaxEvents : size;
    const events: TraceEvent[] = [];
    const owed: number[] = [];
    let bytes = 0;
    let end = i;
    while (end < max && (end === i || bytes < o.batchMaxBytes)) {
      const raw = this.buffer.at(end) as RawEvent;
      let cap = Infinity;
      if (raw.payload) {
        const units = previewUnits(this.n, raw.payload);
        if (units > o.livePreviewCap && !this.fillingAll) {
          if (this.tokens >= units) this.tokens -= units;
          else {
            cap = o.livePreviewCap;
            owed[owed.length] = raw.seq;
            this.owe(raw);
          }
        }
        bytes += cap === Infinity ? raw.payload.weight : o.livePreviewCap;
      }
      events[events.length] = toTraceEvent(this.n, raw, cap, cap !== Infinity);
      end++;
    }
    const last = events[events.length - 1] as TraceEvent;
    this.sentUpTo = last.seq;
    const batch: EventBatch = { src: this.identity.src, frameUrl: this.identity.frameUrl, top: this.identity.top, events };
    if (owed.length > 0) batch.owed = owed;
    this.send(batch);
    return end < size;
  }

  /**
   * Sends owed full previews (oldest first), up to `fillBytesPerFlush` when the page was
   * quiet, else up to the live budget left; frames pushed out of the owed queue go as `lost`.
   */
  private flushFill(quiet: boolean, all = false): void {
    const o = this.options;
    let budget = all ? o.batchMaxBytes : quiet ? o.fillBytesPerFlush : this.tokens < o.fillBytesPerFlush ? this.tokens : o.fillBytesPerFlush;
    const events: TraceEvent[] = [];
    let k = this.owedHead;
    for (; k < this.owed.length && events.length < o.batchMaxEvents; k++) {
      const raw = this.owed[k] as RawEvent;
      const units = previewUnits(this.n, raw.payload as RawPayload);
      // A preview larger than a whole quiet flush's share still goes, alone.
      if (units > budget && !(quiet && events.length === 0)) break;
      budget -= units;
      if (!quiet) this.tokens = this.tokens > units ? this.tokens - units : 0;
      this.owedWeight -= (raw.payload as RawPayload).weight;
      this.owed[k] = undefined as unknown as RawEvent;
      events[events.length] = toTraceEvent(this.n, raw);
    }
    this.owedHead = k;
    if (this.owedHead === this.owed.length) {
      this.owed = [];
      this.owedHead = 0;
      this.owedWeight = 0;
    } else if (this.owedHead > 4096 && this.owedHead * 2 > this.owed.length) {
      const rest: RawEvent[] = [];
      for (let j = this.owedHead; j < this.owed.length; j++) rest[rest.length] = this.owed[j] as RawEvent;
      this.owed = rest;
      this.owedHead = 0;
    }
    if (events.length === 0 && this.lostSeqs.length === 0) return;
    const batch: EventBatch = { src: this.identity.src, frameUrl: this.identity.frameUrl, top: this.identity.top, events, fill: true };
    if (this.lostSeqs.length > 0) {
      batch.lost = this.lostSeqs;
      batch.lostSizes = this.lostSizes;
      this.lostSeqs = [];
      this.lostSizes = [];
    }
    this.send(batch);
  }
}

/** Longest wait of the live stream for a socket that is still sending, ms. */
const MAX_SEND_DEFER_MS = 250;

/** How long owed previews are kept after streaming stopped, ms (a paused panel may export meanwhile). */
const OWED_KEEP_AFTER_STOP_MS = 60_000;

/** Size of a payload preview in preview units: UTF-16 units of text, bytes of binary. */
function previewUnits(n: Natives, p: RawPayload): number {
  return p.opcode === 1 ? (p.text ?? '').length : p.bytes ? (n.apply(n.viewByteLength, p.bytes, []) as number) : 0;
}

/** Ring-buffer weight of a non-frame event (captured HTTP bodies count). */
function weightOf(e: RawEvent): number {
  return e.type === 'http-response' && typeof e.body === 'string' ? e.body.length * 2 : 0;
}

/**
 * Converts a recorded event to its trace form (measures text, base64-encodes binary). With a
 * `cap` (UTF-16 units for text, bytes for binary) shorter than the preview, the data is cut
 * there (never inside a surrogate pair) and marked truncated; `size` stays the true size, or,
 * with `sizeLater`, -1 for a text whose size is not measured yet (its fill brings it).
 */
export function toTraceEvent(n: Natives, e: RawEvent, cap = Infinity, sizeLater = false): TraceEvent {
  if (!e.payload) return e as TraceEvent;
  const { payload, ...rest } = e;
  const p = payload;
  if (p.opcode === 1) {
    let text = p.text ?? '';
    const size = p.size >= 0 ? p.size : sizeLater ? -1 : utf8Length(n, text);
    let truncated = p.truncated;
    if (text.length > cap) {
      let end = cap;
      const c = n.apply(n.charCodeAt, text, [end - 1]) as number;
      if (c >= 0xd800 && c <= 0xdbff) end--;
      text = n.apply(n.strSlice, text, [0, end]) as string;
      truncated = true;
    }
    return { ...rest, opcode: 1, size, data: text, encoding: 'text', truncated } as TraceEvent;
  }
  let bytes = p.bytes ?? new n.Uint8ArrayCtor(0);
  let truncated = p.truncated;
  if ((n.apply(n.viewByteLength, bytes, []) as number) > cap) {
    bytes = n.construct(n.Uint8ArrayCtor, [n.apply(n.viewBuffer, bytes, []), n.apply(n.viewByteOffset, bytes, []), cap]) as Uint8Array;
    truncated = true;
  }
  return { ...rest, opcode: 2, size: p.size, data: toBase64(n, bytes), encoding: 'base64', truncated } as TraceEvent;
}
