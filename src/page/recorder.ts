/**
 * The hook's recorder: numbers events, keeps them in a bounded ring buffer, and streams
 * batches to the relay only while a panel listens (DESIGN.md §2: O(1) record while no panel
 * listens; batches at most once per flush interval while one does).
 *
 * Hook-local `seq` values are contiguous (1, 2, 3 …), so a consumer that sees a jump knows
 * exactly how many events the ring buffer overwrote before it could send them.
 *
 * While streaming, the unsent tail never grows past `batchMaxEvents`: once it reaches that
 * size the batch is sent at once (synchronously, inside the page's own event dispatch), so a
 * burst faster than the flush timer cannot push unsent events out of the ring buffer.
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

/** Recorder limits. Defaults: DESIGN.md §3 and issue 3 (50,000 events, 64 MiB, 64 KiB). */
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
  }

  /** Milliseconds since the Unix epoch, sub-millisecond precision (DESIGN.md §3). */
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
      if (this.seq - this.sentUpTo >= this.options.batchMaxEvents) this.flush();
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

  /** Starts streaming: every held event with seq > `after`, then live events. */
  start(after: number): void {
    this.streaming = true;
    this.sentUpTo = after > this.seq || after < 0 ? 0 : after; // a mark from an older document means "from the start"
    this.scheduleFlush();
  }

  /** Stops streaming; recording into the ring buffer goes on. */
  stop(): void {
    this.streaming = false;
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
    if (this.seq - this.sentUpTo > this.options.batchMaxEvents) this.n.postTask(run);
    else this.n.setTimeout(run, this.options.flushIntervalMs);
  }

  /** Sends every unsent event now, in batches (used when the document is being unloaded). */
  flushAll(): void {
    for (let guard = 0; guard < 10000 && this.streaming && this.sentUpTo < this.seq; guard++) {
      const before = this.sentUpTo;
      this.flush(false);
      if (this.sentUpTo === before) return;
    }
  }

  /** Sends the next chunk of unsent events; reschedules itself while more remain (unless `reschedule` is false). */
  flush(reschedule = true): void {
    if (!this.streaming) return;
    const size = this.buffer.size;
    if (size === 0) return;
    const oldest = (this.buffer.at(0) as RawEvent).seq;
    let i = this.sentUpTo + 1 - oldest;
    if (i < 0) i = 0; // events in between were overwritten: the consumer sees the seq gap
    if (i >= size) return;
    const max = i + this.options.batchMaxEvents < size ? i + this.options.batchMaxEvents : size;
    const events: TraceEvent[] = [];
    let bytes = 0;
    let end = i;
    while (end < max && (end === i || bytes < this.options.batchMaxBytes)) {
      const raw = this.buffer.at(end) as RawEvent;
      bytes += raw.payload ? raw.payload.weight : 0;
      events[events.length] = toTraceEvent(this.n, raw);
      end++;
    }
    const last = events[events.length - 1] as TraceEvent;
    this.sentUpTo = last.seq;
    this.send({ src: this.identity.src, frameUrl: this.identity.frameUrl, top: this.identity.top, events });
    if (end < size && reschedule) this.scheduleFlush();
  }
}

/** Ring-buffer weight of a non-frame event (captured HTTP bodies count). */
function weightOf(e: RawEvent): number {
  return e.type === 'http-response' && typeof e.body === 'string' ? e.body.length * 2 : 0;
}

/** Converts a recorded event to its trace form (measures text, base64-encodes binary). */
export function toTraceEvent(n: Natives, e: RawEvent): TraceEvent {
  if (!e.payload) return e as TraceEvent;
  const { payload, ...rest } = e;
  const p = payload;
  if (p.opcode === 1) {
    const text = p.text ?? '';
    return { ...rest, opcode: 1, size: p.size >= 0 ? p.size : utf8Length(n, text), data: text, encoding: 'text', truncated: p.truncated } as TraceEvent;
  }
  return { ...rest, opcode: 2, size: p.size, data: toBase64(n, p.bytes ?? new n.Uint8ArrayCtor(0)), encoding: 'base64', truncated: p.truncated } as TraceEvent;
}
