/**
 * In-memory event log of one tenant: the source of live `event` frames and of `/v1/sync`.
 *
 * ScaiWave rule (stream-position tracking, docs/design.md#the-scaiwave-profile): a client persists the highest `stream_position` it
 * processed and, on reconnect, asks `/v1/sync?since=<that>` for everything after it. So the log
 * keeps every event (up to `capacity`), answers "events after N", and knows its head (the
 * highest position ever assigned, or the one set by {@link EventLog.setHead}).
 */
import type { EventFrame } from './wire-types';

export class EventLog {
  private readonly events: EventFrame[] = [];
  private headPosition: number;

  /**
   * @param tenant tenant the log belongs to (goes into the event text only).
   * @param initialHead position the log starts at; the first event gets `initialHead + 1`.
   * @param capacity maximum events kept; older ones are dropped (sync then starts later).
   */
  constructor(
    readonly tenant: string,
    initialHead = 0,
    private readonly capacity = 100_000,
  ) {
    this.headPosition = initialHead;
  }

  /** Highest position assigned so far (what a hello frame reports). */
  get head(): number {
    return this.headPosition;
  }

  /** Appends `count` events with positions head+1 … head+count and returns them. */
  append(count = 1): EventFrame[] {
    const added: EventFrame[] = [];
    for (let i = 0; i < count; i++) {
      const position = ++this.headPosition;
      const frame: EventFrame = {
        type: 'event',
        stream_position: position,
        data: { kind: 'message.created', id: `evt-${this.tenant}-${position}`, text: `event ${position} for ${this.tenant}` },
      };
      this.events.push(frame);
      added.push(frame);
    }
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
    return added;
  }

  /**
   * Moves the head. Forward: the positions in between never existed (a gap, which the profile
   * allows: `contiguous: false`). Backward: events above `position` are forgotten — the server's
   * counter went back (what `position-regression` detects from a hello).
   */
  setHead(position: number): void {
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`bad head ${position}`);
    if (position < this.headPosition) {
      const keep = this.events.findIndex((e) => e.stream_position > position);
      if (keep >= 0) this.events.splice(keep);
    }
    this.headPosition = position;
  }

  /** Events with `stream_position > since`, oldest first, at most `limit` of them. */
  since(since: number, limit = Number.POSITIVE_INFINITY): EventFrame[] {
    const out: EventFrame[] = [];
    for (const e of this.events) {
      if (e.stream_position > since) {
        out.push(e);
        if (out.length >= limit) break;
      }
    }
    return out;
  }
}
