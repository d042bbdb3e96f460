/**
 * The hook's recorder: numbers events, keeps them in a bounded ring buffer, and streams
 * batches to the relay only while a panel listens (docs/design.md#ring-buffer-and-streaming:
 * O(1) record while no panel listens; batches at most once per flush interval while one does).
 *
 * Hook-local `seq` values are contiguous (1, 2, 3 …), so a consumer that sees a jump knows
 * exactly how many events the ring buffer overwrote before it could send them.
 *
 * While streaming, the unsent tail never grows past `syncFlushEvents`: once it reaches that
 * size a batch is sent at once (synchronously, inside the page's own event dispatch), so a
 * burst faster than the flush timer cannot push unsent events out of the ring buffer.
 *
 * While every reader pulls (pull-state.ts) `record` schedules nothing: live events go when a
 * reader asks, paced by how busy the page is; the forced flush, `fillAll`, `flushAll` send all.
 *
 * Full previews stream within the live preview budget (live-budget.ts); a frame over it goes
 * out with a short preview, its seq listed in the batch's `owed`, and waits in the owed queue
 * (owed-queue.ts) for a "fill" batch: while the page is quiet, from what the budget has left,
 * or all at once on {@link Recorder.fillAll} (before an export). An owed preview pushed out
 * of the queue is listed in a fill batch's `lost`, never dropped silently
 * (docs/design.md#live-preview-budget). Events become trace events in trace-event.ts.
 */
import { RingBuffer } from '../core/ring-buffer';
import type { TraceEvent } from '../core/events';
import type { PullPace, WireBatch } from '../core/bridge/messages';
import type { CaptureConfig } from '../core/store/capture-config';
import type { Natives } from './natives';
import { createLiveBudget, refillBudget, type LiveBudget } from './live-budget';
import { sendFillBatches, sendLiveChunk } from './batches';
import { OwedQueue } from './owed-queue';
import { pageBusyAt, PullState } from './pull-state';
import { DEFAULT_RECORDER_OPTIONS, MAX_SEND_DEFER_MS, OWED_KEEP_AFTER_STOP_MS, type RecorderOptions } from './recorder-options';
import { owedHooks, weightOf, type DistOmit, type RawEvent } from './trace-event';

export { DEFAULT_RECORDER_OPTIONS, type RecorderOptions } from './recorder-options';
export type { DistOmit, RawEvent } from './trace-event';

/** Records events and streams them as {@link WireBatch}es through `send`. */
export class Recorder {
  private seq = 0;
  private buffer: RingBuffer<RawEvent>;
  private streaming = false;
  private sentUpTo = 0;
  private flushScheduled = false;
  /** Events overwritten by buffers replaced in {@link Recorder.configure}. */
  private droppedBefore = 0;
  /** Live budget left, preview units (token bucket). */
  private readonly budget: LiveBudget;
  /** Frames sent with a cut preview whose full preview is still owed, bounded by `owedMaxBytes`. */
  private readonly owed: OwedQueue<RawEvent>;
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
  /** Live events sent by the previous flush (a busy stream waits longer between flushes). */
  private lastFlushEvents = 0;
  /** Preview weight of the unsent events, bytes (a held backlog must not reach the ring's byte bound). */
  private unsentWeight = 0;
  private readonly pulling = new PullState();
  readonly options: RecorderOptions;

  /**
   * @param send delivers one batch to the relay, with the seq of its last event (0 for a fill
   *   batch, which adds none); errors are swallowed by the caller
   * @param identity `src` (random per document), `frameUrl`, `top`
   */
  constructor(
    private readonly n: Natives,
    private readonly send: (batch: WireBatch, last: number) => void,
    private readonly identity: { src: string; frameUrl: string; top: boolean },
    options: Partial<RecorderOptions> = {},
  ) {
    this.options = { ...DEFAULT_RECORDER_OPTIONS, ...options };
    this.buffer = new RingBuffer<RawEvent>(this.options.maxEvents, this.options.maxPreviewBytes);
    this.budget = createLiveBudget(this.options, n.now());
    this.owed = new OwedQueue<RawEvent>(owedHooks(n), this.options.owedMaxBytes);
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
    const w = ev.payload ? ev.payload.weight : weight;
    this.buffer.push(ev, w);
    // Unsent events are the newest: when the ring evicted one, every held event was unsent.
    this.unsentWeight = this.unsentWeight + w < this.buffer.totalWeight ? this.unsentWeight + w : this.buffer.totalWeight;
    if (!this.streaming) return ev.seq;
    const pull = this.pulling.on;
    if (this.seq - this.sentUpTo >= this.options.syncFlushEvents) this.flush();
    else if (pull && this.unsentWeight * 2 >= this.options.maxPreviewBytes) this.flush(true, true);
    else if (!pull || this.pulling.credit) this.scheduleFlush();
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
    this.owed.cap = o.owedMaxBytes;
    o.maxPreviewBytes = maxBytes;
    this.droppedBefore += this.buffer.dropped;
    this.buffer = this.buffer.resized(maxEvents, maxBytes, (e) => (e.payload ? e.payload.weight : weightOf(e)));
    this.unsentWeight = this.weightAfter(this.sentUpTo);
  }

  /** Preview weight of the held events with seq > `after`, bytes. */
  private weightAfter(after: number): number {
    let w = 0;
    for (let i = this.buffer.size - 1; i >= 0 && (this.buffer.at(i) as RawEvent).seq > after; i--) w += this.buffer.weightAt(i);
    return w;
  }

  /**
   * Every reader pulls (true) or one takes pushed batches (false, the default): from a
   * `relay-demand`. Switching to push sends what was held at the next flush.
   */
  setPull(pull: boolean): void {
    if (this.pulling.on === pull) return;
    this.pulling.on = pull;
    if (this.streaming && !pull && this.sentUpTo < this.seq) this.scheduleFlush();
  }

  /** A reader's `relay-pull`: one credit to serve (credits do not add up), at its pace. */
  pull(pace: PullPace): void {
    this.pulling.grant(pace);
    if (this.streaming && (this.sentUpTo < this.seq || this.owed.owing)) this.scheduleFlush();
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
    this.unsentWeight = this.weightAfter(this.sentUpTo);
    this.pulling.grant(); // a reader that attaches or resumes asks for what it misses
    this.owed.clear();
    const size = this.buffer.size;
    const oldest = size > 0 ? (this.buffer.at(0) as RawEvent).seq : this.seq + 1;
    for (let i = 0; i < pending.length; i++) {
      const seq = pending[i] as number;
      if (typeof seq !== 'number' || seq > this.sentUpTo) continue; // not sent yet: the replay covers it
      const raw = seq >= oldest ? (this.buffer.at(seq - oldest) as RawEvent | undefined) : undefined;
      if (raw && raw.payload) this.owed.owe(raw);
      else this.owed.reportLost(seq, -1); // gone from the ring buffer: size unknown
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
      if (!this.streaming && this.stoppedAt === at && !this.fillingAll) this.owed.clear();
    }, OWED_KEEP_AFTER_STOP_MS);
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

  /** Number of frames whose full preview is still owed to the panel. */
  get owedCount(): number {
    return this.owed.count;
  }

  /** Preview weight held by the owed queue, bytes (at most `options.owedMaxBytes`). */
  get owedWeight(): number {
    return this.owed.weight;
  }

  /**
   * Schedules the next flush: after `flushIntervalMs` for live traffic (`busyFlushIntervalMs`
   * after a flush of `busyBatchEvents` events or more: a busy page gets fewer, larger flushes), or as the next task
   * while a backlog of more than one flush is waiting (e.g. the whole ring buffer when a panel
   * attaches), so a background tab's timer throttling cannot hold it back.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    const pull = this.pulling.on && !this.fillingAll;
    if (pull && !this.pulling.credit) return; // pull: hold until a reader asks
    this.flushScheduled = true;
    const run = (): void => {
      this.flushScheduled = false;
      this.flush();
    };
    if (this.seq - this.sentUpTo > this.options.batchMaxEvents || this.fillingAll) this.n.postTask(run);
    else this.n.setTimeout(run, !pull && this.lastFlushEvents >= this.options.busyBatchEvents ? this.options.busyFlushIntervalMs : this.options.flushIntervalMs);
  }

  /** Tries the flush again after `ms` (a timer, never a queued task: the page goes first). */
  private deferFlush(ms = this.options.flushIntervalMs): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.n.setTimeout(() => {
      this.flushScheduled = false;
      this.flush();
    }, ms);
  }

  /**
   * Sends every unsent event now, in batches, then every owed preview: up to 16 batches of
   * `batchMaxBytes` in full, the rest as lost with their measured size (used when the
   * document is being unloaded: nothing could send them later).
   */
  flushAll(): void {
    if (!this.streaming) return;
    for (let guard = 0; guard < 10000 && this.sentUpTo < this.seq; guard++) {
      const before = this.sentUpTo;
      this.flushLive();
      if (this.sentUpTo === before) break;
    }
    for (let k = 0; k < 16 && this.owed.owing; k++) this.flushFill(true, true);
    this.owed.loseAll();
    if (this.owed.lostCount > 0) this.flushFill(true, true);
  }

  /** Sends every owed preview now (in batches, regardless of budget): a panel is about to export. */
  fillAll(): void {
    this.fillingAll = true;
    if (this.streaming) {
      this.flush();
      return;
    }
    // Paused panel: no live events, but owed previews still go (its port, or the hub, takes fills to it).
    const step = (): void => {
      this.flushFill(true, true);
      if (this.owed.owing) this.n.postTask(step);
      else this.caughtUp();
    };
    step();
  }

  /**
   * Sends the next chunk of unsent events, then (budget permitting) owed previews; reschedules
   * itself while more remain (`reschedule` false: once, without waiting for a pull). In pull
   * mode a scheduled flush is a serve (pull-state.ts); `forced`: the held backlog nears the
   * ring buffer's bounds, send regardless.
   */
  flush(reschedule = true, forced = false): void {
    if (!this.streaming) return;
    const busy = this.pageBusy();
    if (busy && reschedule && !forced && !this.fillingAll && this.seq - this.sentUpTo < this.options.syncFlushEvents) {
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
    const p = this.pulling;
    let [limit, pageBusy] = [this.options.batchMaxEvents, false];
    const serve = p.on && reschedule && !forced && !this.fillingAll && this.seq - this.sentUpTo < this.options.syncFlushEvents;
    if (serve) {
      if (!p.credit) return; // hold until a reader asks
      // A busy page is served gapMs after the last serve, at most `max` live events.
      pageBusy = this.sentUpTo < this.seq && pageBusyAt(this.buffer, this.now());
      const wait = p.wait(pageBusy, this.n.now());
      if (wait > 0) return this.deferFlush(wait);
      if (pageBusy) limit = p.pace.max < limit ? p.pace.max : limit;
    }
    refillBudget(this.budget, this.options, this.n.now());
    const quiet = this.seq === this.seqAtFlush && !busy;
    this.seqAtFlush = this.seq;
    const more = this.flushLive(limit, serve && pageBusy);
    if (serve && this.lastFlushEvents > 0) p.served(this.n.now());
    if (this.owed.owing && this.sentUpTo >= this.seq) this.flushFill(quiet || this.fillingAll, this.fillingAll);
    // A pulling reader exports from what it holds: a fill-all ends once nothing is unsent either.
    if (this.fillingAll && !this.owed.owing && (!more || !p.on)) this.caughtUp();
    if (reschedule && (more || this.owed.owing)) this.scheduleFlush();
  }

  /** Ends a fill-all: tells the reader that it now holds everything (an empty fill batch, `caughtUp`). */
  private caughtUp(): void {
    this.fillingAll = false;
    this.send({ src: this.identity.src, frameUrl: this.identity.frameUrl, top: this.identity.top, events: [], fill: true, caughtUp: true }, 0);
  }

  /** Sends the next chunk of unsent events (batches.ts `sendLiveChunk`, at most `maxEvents`; `busy`: marked as served to a busy page); true when more remain unsent. */
  private flushLive(maxEvents = this.options.batchMaxEvents, busy = false): boolean {
    const send = busy ? (b: WireBatch, last: number): void => this.send({ ...b, busy: true }, last) : this.send;
    const c = sendLiveChunk(this.n, this.buffer, this.sentUpTo, maxEvents, this.options, this.budget, this.owed, this.fillingAll, this.identity, send);
    this.sentUpTo = c.sentUpTo;
    this.lastFlushEvents = c.events;
    this.unsentWeight = c.more && this.unsentWeight > c.weight ? this.unsentWeight - c.weight : 0;
    return c.more;
  }

  /**
   * Sends owed full previews (oldest first), up to `fillBytesPerFlush` when the page was
   * quiet, else up to the live budget left; frames pushed out of the owed queue go as `lost`.
   */
  private flushFill(quiet: boolean, all = false): void {
    sendFillBatches(this.n, this.owed, this.options, this.budget, quiet, all, this.identity, this.send);
  }
}
