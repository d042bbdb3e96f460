/**
 * Time checks of a trace file (docs/design.md#trace-format): `t` is `performance.timeOrigin +
 * performance.now()` of the recording document, so the events of one connection (all recorded
 * by the one document that created it, in `seq` order) never go back in time; and `endedAt`
 * (when the capture ended) is not before the last event nor after `createdAt` (when the file
 * was written: a capture cannot end after its file was written). A file that breaks either would make the
 * analysis report negative delays or silences of millions of minutes, so it is refused.
 */
import type { TraceEvent } from '../events';
import { TraceReadError } from './trace-read-error';

/** How far (ms) an event's `t` may lie before an earlier event of its connection, or `endedAt` before the last event: rounding and clock jitter. */
export const T_BACK_TOLERANCE_MS = 1000;

/**
 * Checks the events' times per connection and `endedAt` against the events (both validated by
 * their schemas already).
 * @throws {TraceReadError} kind `order`, one line naming the field path:
 *   `events[9].t: 1796668190958 is 1000.0 s before events[8].t of the same connection …`,
 *   `endedAt: 9999-12-31T23:59:59.999Z is after createdAt …`.
 */
export function checkTimes(events: readonly TraceEvent[], endedAt: string | undefined, createdAt?: string): void {
  const last = new Map<string | number, number>();
  let maxT = -Infinity;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.t > maxT) maxT = e.t;
    const conn = (e as { conn?: string | number }).conn;
    if (conn === undefined) continue;
    const prev = last.get(conn);
    if (prev !== undefined && e.t < events[prev]!.t - T_BACK_TOLERANCE_MS) {
      throw new TraceReadError(
        'order',
        `events[${i}].t: ${e.t} is ${((events[prev]!.t - e.t) / 1000).toFixed(1)} s before events[${prev}].t of the same connection; t must not go back in time within a connection`,
        `events[${i}].t`,
      );
    }
    if (prev === undefined || e.t >= events[prev]!.t) last.set(conn, i);
  }
  if (endedAt === undefined || events.length === 0) return;
  const end = Date.parse(endedAt);
  if (!Number.isFinite(end)) return;
  if (end < maxT - T_BACK_TOLERANCE_MS) {
    throw new TraceReadError('order', `endedAt: ${endedAt} is ${((maxT - end) / 1000).toFixed(1)} s before the last event; the capture cannot end before its events`, 'endedAt');
  }
  const created = createdAt === undefined ? NaN : Date.parse(createdAt);
  if (Number.isFinite(created) && end > created + T_BACK_TOLERANCE_MS) {
    throw new TraceReadError('order', `endedAt: ${endedAt} is after createdAt ${createdAt} (when the file was written); a capture cannot end after its file was written`, 'endedAt');
  }
}
