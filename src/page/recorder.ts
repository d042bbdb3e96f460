/**
 * The hook's recorder: numbers events, keeps them in a bounded ring buffer, and streams
 * batches to the relay only while a panel listens (DESIGN.md §2: O(1) record while no panel
 * listens; batches at most once per flush interval while one does).
 *
 * Hook-local `seq` values are contiguous (1, 2, 3 …), so a consumer that sees a jump knows
 * exactly how many events the ring buffer overwrote before it could send them.
 */
import { RingBuffer } from '../core/ring-buffer';
import type { TraceEvent } from '../core/events';
import type { EventBatch } from '../core/bridge/messages';
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
  /** Delay between flushes while streaming, ms. */
  flushIntervalMs: number;
  /** Most events per batch. */
  batchMaxEvents: number;
}

/** Default limits. */
export const DEFAULT_RECORDER_OPTIONS: RecorderOptions = {
  maxEvents: 50000,
  maxPreviewBytes: 64 * 1024 * 1024,
  previewCap: 64 * 1024,
  flushIntervalMs: 16,
  batchMaxEvents: 2000,
};

/** Records events and streams them as {@link EventBatch}es through `send`. */
export class Recorder {
  private seq = 0;
  private readonly buffer: RingBuffer<RawEvent>;
  private streaming = false;
  private sentUpTo = 0;
  private flushScheduled = false;

  /**
   * @param send delivers one batch to the relay; errors are swallowed by the caller
   * @param identity `src` (random per document), `frameUrl`, `top`
   */
  constructor(
    private readonly n: Natives,
    private readonly send: (batch: EventBatch) => void,
    private readonly identity: { src: string; frameUrl: string; top: boolean },
    readonly options: RecorderOptions = DEFAULT_RECORDER_OPTIONS,
  ) {
    this.buffer = new RingBuffer<RawEvent>(options.maxEvents, options.maxPreviewBytes);
  }

  /** Milliseconds since the Unix epoch, sub-millisecond precision (DESIGN.md §3). */
  now(): number {
    return this.n.timeOrigin + this.n.now();
  }

  /** Records an event (its `seq` is assigned here). O(1). */
  record(e: DistOmit<RawEvent, 'seq'>): void {
    const ev = e as RawEvent;
    ev.seq = ++this.seq;
    this.buffer.push(ev, ev.payload ? ev.payload.weight : 0);
    if (this.streaming) this.scheduleFlush();
  }

  /** Starts streaming: every held event with seq > `after`, then live events. */
  start(after: number): void {
    this.streaming = true;
    this.sentUpTo = after > this.seq ? 0 : after; // a mark from an older document means "from the start"
    this.scheduleFlush();
  }

  /** Stops streaming; recording into the ring buffer goes on. */
  stop(): void {
    this.streaming = false;
  }

  /** Events overwritten in the ring buffer since the document started. */
  get dropped(): number {
    return this.buffer.dropped;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.n.setTimeout(() => {
      this.flushScheduled = false;
      this.flush();
    }, this.options.flushIntervalMs);
  }

  /** Sends the next chunk of unsent events; reschedules itself while more remain. */
  flush(): void {
    if (!this.streaming) return;
    const size = this.buffer.size;
    if (size === 0) return;
    const oldest = (this.buffer.at(0) as RawEvent).seq;
    let i = this.sentUpTo + 1 - oldest;
    if (i < 0) i = 0; // events in between were overwritten: the consumer sees the seq gap
    if (i >= size) return;
    const end = Math.min(size, i + this.options.batchMaxEvents);
    const events: TraceEvent[] = [];
    for (let k = i; k < end; k++) events[events.length] = toTraceEvent(this.n, this.buffer.at(k) as RawEvent);
    const last = events[events.length - 1] as TraceEvent;
    this.sentUpTo = last.seq;
    this.send({ src: this.identity.src, frameUrl: this.identity.frameUrl, top: this.identity.top, events });
    if (end < size) this.scheduleFlush();
  }
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
  return { ...rest, opcode: 2, size: p.size, data: toBase64(n, p.bytes ?? new Uint8Array(0)), encoding: 'base64', truncated: p.truncated } as TraceEvent;
}
