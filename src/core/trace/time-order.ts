/**
 * Time checks of a trace file (docs/design.md#trace-format): `t` is `performance.timeOrigin +
 * performance.now()` of the recording document, so the events of one connection (all recorded
 * by the one document that created it, in `seq` order) never go back in time; and `endedAt`
 * (when the capture ended) is not before the last event nor after `createdAt` (when the file
 * was written: a capture cannot end after its file was written). A file that breaks either would make the
 * analysis report negative delays or silences of millions of minutes, so it is refused.
 *
 * The check rides along the validation walk (validate-trace.ts, docs/design.md#reading-untrusted-input):
 * one walk over the events instead of two; a time error is only raised once that walk found no
 * schema or order error, so a file with both still reports the schema or order error.
 */
import type { ConnId } from '../events';
import { TraceReadError } from './trace-read-error';

/** How far (ms) an event's `t` may lie before an earlier event of its connection, or `endedAt` before the last event: rounding and clock jitter. */
export const T_BACK_TOLERANCE_MS = 1000;

/** Latest `t` seen on one connection (ms) and the index of the event that had it. */
interface ConnLatest {
  t: number;
  i: number;
}

/**
 * Feeds on the events one at a time ({@link see}), then {@link finish} throws the first time
 * error. Cost per event: a comparison or two, plus one map look-up when the connection differs
 * from the previous event's (runs of one connection's events are common).
 */
export class TimeOrderCheck {
  private maxT = -Infinity;
  private readonly latest = new Map<ConnId, ConnLatest>();
  private conn: ConnId | undefined = undefined;
  private cur: ConnLatest | undefined = undefined;
  /** The first event that went back in time: its index, `t`, and the earlier event it went back from. */
  private back: { i: number; t: number; prevI: number; prevT: number } | undefined = undefined;

  /**
   * One event, in array order: `i` its index, `t` its time (ms since the epoch, already
   * validated as a number), `conn` its connection (undefined for events without one).
   */
  see(i: number, t: number, conn: ConnId | undefined): void {
    if (t > this.maxT) this.maxT = t;
    if (conn === undefined || this.back !== undefined) return;
    let cur = this.cur;
    if (conn !== this.conn) {
      this.conn = conn;
      cur = this.latest.get(conn);
      if (cur === undefined) {
        this.latest.set(conn, (this.cur = { t, i }));
        return;
      }
      this.cur = cur;
    }
    if (t >= cur!.t) {
      cur!.t = t;
      cur!.i = i;
    } else if (t < cur!.t - T_BACK_TOLERANCE_MS) {
      this.back = { i, t, prevI: cur!.i, prevT: cur!.t };
    }
  }

  /**
   * Ends the check: the first event that went back in time, else `endedAt` against the last
   * event and `createdAt` (ISO 8601 strings of the header, validated already; unparsable ones are
   * not compared).
   * @throws {TraceReadError} kind `order`, one line naming the field path:
   *   `events[9].t: 1796668190958 is 1000.0 s before events[8].t of the same connection …`,
   *   `endedAt: 2000-01-01T00:00:00.000Z is 1.0 s before the last event …`,
   *   `endedAt: 9999-12-31T23:59:59.999Z is after createdAt …`.
   */
  finish(endedAt: string | undefined, createdAt: string | undefined): void {
    const b = this.back;
    if (b !== undefined) {
      throw new TraceReadError(
        'order',
        `events[${b.i}].t: ${b.t} is ${((b.prevT - b.t) / 1000).toFixed(1)} s before events[${b.prevI}].t of the same connection; t must not go back in time within a connection`,
        `events[${b.i}].t`,
      );
    }
    if (endedAt === undefined || this.maxT === -Infinity) return;
    const end = Date.parse(endedAt);
    if (!Number.isFinite(end)) return;
    const maxT = this.maxT;
    if (end < maxT - T_BACK_TOLERANCE_MS) {
      throw new TraceReadError('order', `endedAt: ${endedAt} is ${((maxT - end) / 1000).toFixed(1)} s before the last event; the capture cannot end before its events`, 'endedAt');
    }
    const created = createdAt === undefined ? NaN : Date.parse(createdAt);
    if (Number.isFinite(created) && end > created + T_BACK_TOLERANCE_MS) {
      throw new TraceReadError('order', `endedAt: ${endedAt} is after createdAt ${createdAt} (when the file was written); a capture cannot end after its file was written`, 'endedAt');
    }
  }
}
