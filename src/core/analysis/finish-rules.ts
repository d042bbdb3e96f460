/**
 * Rules judged when the pass ends (docs/design.md#analysis): `heartbeat-missed` and
 * `silent-drop-suspected` (they need "the session has shown pings", known only at the end;
 * time a freeze fault held the link does not count),
 * `position-gap` (a gap may still be filled by a later sync), and the messages of merged runs
 * (`send-while-not-open`, `position-regression` over consecutive frames of one connection,
 * the frames a `duplicate-connection` delivered twice).
 */
import type { AnalysisContext } from './analysis-context';
import type { FrameRun, LongInterval, TwiceDelivered } from './connection-state';
import type { PendingGap } from './catch-up-state';
import { formatDuration } from '../format';
import { readyStateName } from './format';

/** What the pass collected for the end. `hidden`: flat [start, end, start, end …] of hidden-tab intervals (ms). */
export interface FinishInput {
  longIntervals: LongInterval[];
  pendingGaps: PendingGap[];
  sendRuns: FrameRun[];
  regRuns: FrameRun[];
  /** Overlapping connections and the frames delivered twice because of them. */
  twice: TwiceDelivered[];
  hidden: number[];
}

/** `heartbeat-missed` hints by who pings (docs/design.md#silence-and-heartbeats). */
const CLIENT_PINGS_HINT = 'the client pings here and its heartbeat timer did not fire on time: keep one timer per connection running (background tabs throttle timers; do not block the main thread), below every idle timeout on the path';
const SERVER_PINGS_HINT = 'the server pings here and its pings stopped arriving: check the server\'s heartbeat and the path (a proxy buffering or a dead link); treat a missing heartbeat as a dead connection and reconnect';

/** Hint of a position-regression that is a counter reset: skipping "duplicates" would lose new events. */
export const RESET_HINT =
  'do not drop these frames as duplicates: they are new events of a restarted sequence. Have the server announce an epoch (generation or stream id, named in the profile\'s position.epoch) and catch up from its start; until then re-sync from scratch when the counter goes back';

/** Emits the end-of-pass findings and fills the messages of merged runs. */
export function finishFindings(ctx: AnalysisContext, x: FinishInput): void {
  {
    for (const g of x.longIntervals) {
      const c = g.conn;
      const interval = g.intervalMs;
      if (!c.sess.info.showedPings) continue;
      const id = String(c.info.id);
      const dur = g.endT - g.start.t;
      // Time a freeze fault held the link is silence the fault made: it blames no one
      // (docs/design.md#silence-and-heartbeats); what is left must still pass the limit.
      const frozenMs = c.frozenOverlapMs(g.start.t, g.endT);
      if (frozenMs > 0 && dur - frozenMs <= (g.kind === 'ping-gap' ? 1.5 : 2) * interval) continue;
      const frozenNote = frozenMs > 0 ? `; ${formatDuration(frozenMs)} of it frozen by an injected fault, not counted` : '';
      const from = c.info.opened && g.start.seq === c.info.opened.seq ? 'open' : g.kind === 'ping-gap' ? 'the last ping' : 'the last inbound frame';
      const to = g.endSeq === undefined ? (c.info.end.cause === 'har-end' ? 'the end of the HAR entry' : 'the end of the trace') : g.endSeq === c.info.closed?.seq ? 'the close' : g.kind === 'ping-gap' ? 'the next ping' : 'the next frame';
      const ev = g.endSeq === undefined ? [g.start.seq] : [g.start.seq, g.endSeq];
      const hiddenNote = overlapsHidden(x.hidden, g.start.t, g.endT) ? ' while the tab was hidden (background timers are throttled)' : '';
      if (g.kind === 'ping-gap') {
        ctx.emit(
          'heartbeat-missed',
          g.start.t + 1.5 * interval,
          g.start.seq,
          ev,
          `no ping on connection ${id} for ${formatDuration(dur)} (from ${from} to ${to})${hiddenNote}${frozenNote}: pings every ${formatDuration(interval)}, limit ${formatDuration(1.5 * interval)}`,
          c.info.id,
          undefined,
          (c.lastPingDir ?? ctx.profile.heartbeat?.ping.dir) === 'out' ? CLIENT_PINGS_HINT : SERVER_PINGS_HINT,
        );
      } else {
        ctx.emit(
          'silent-drop-suspected',
          g.start.t + 2 * interval,
          g.start.seq,
          ev,
          `connection ${id} stayed open ${formatDuration(dur)} without any inbound frame (from ${from} to ${to})${hiddenNote}${frozenNote}: more than 2 × the ${formatDuration(interval)} heartbeat`,
          c.info.id,
        );
      }
    }
  }

  for (const g of x.pendingGaps) {
    const missing = g.to - g.from - 1;
    ctx.emit(
      'position-gap',
      g.t,
      g.seq,
      [g.prevSeq, g.seq],
      `${ctx.positionName} jumped from ${g.from} to ${g.to} on connection ${String(g.conn.info.id)}: ${missing} position${missing === 1 ? '' : 's'} missing (${missing === 1 ? g.from + 1 : `${g.from + 1}..${g.to - 1}`}), not filled by a sync`,
      g.conn.info.id,
    );
  }

  for (const r of x.sendRuns) {
    const id = String(r.conn.info.id);
    const state = `${readyStateName(r.readyState)} (readyState ${r.readyState})`;
    const what = r.count === 1 ? `send() while ${state}` : `${r.count} send() calls while ${state}`;
    const effect = r.readyState === 0 ? `the call throws InvalidStateError` : `${r.bytes} byte${r.bytes === 1 ? '' : 's'} silently lost`;
    r.finding.message = `${what} on connection ${id}: ${effect}`;
  }

  for (const r of x.regRuns) {
    const id = String(r.conn.info.id);
    const pos = ctx.positionName;
    if (r.reset) {
      const what = r.count === 1 ? `data frame on connection ${id} carries ${pos} ${r.firstPos}` : `${r.count} data frames on connection ${id} carry ${pos} ${r.firstPos}..${r.lastPos}`;
      r.finding.message = `${what} after last position ${r.limit}: the server's counter restarted without announcing a new epoch`;
      r.finding.hint = RESET_HINT;
      continue;
    }
    const limit = r.own ? `its own last position ${r.limit}` : `last position ${r.limit}`;
    r.finding.message =
      r.count === 1
        ? `data frame on connection ${id} carries ${pos} ${r.firstPos} ≤ ${limit}: duplicate delivery`
        : `${r.count} data frames on connection ${id} carry ${pos} ${r.firstPos}..${r.lastPos} ≤ ${limit}: duplicate delivery`;
  }

  for (const d of x.twice) {
    if (d.count === 0) continue;
    const range = d.minPos === d.maxPos ? `${ctx.positionName} ${d.minPos}` : `${ctx.positionName} ${d.minPos}..${d.maxPos}`;
    d.finding.message += `; ${d.count} data frame${d.count === 1 ? ' was' : 's were'} delivered twice because of it (${range}, already received on the other connection)`;
  }
}

function overlapsHidden(hidden: number[], a: number, b: number): boolean {
  for (let i = 0; i + 1 < hidden.length; i += 2) {
    if ((hidden[i] as number) < b && (hidden[i + 1] as number) > a) return true;
  }
  return false;
}
