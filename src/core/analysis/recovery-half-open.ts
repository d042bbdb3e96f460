/**
 * The `noticed-half-open` step of a `freeze` fault (docs/design.md#recovery-records): the
 * client must notice the frozen link by itself — close it or open another connection of the
 * session — within 2 × the heartbeat interval + the pong timeout after the last inbound frame
 * it saw. Same threshold and same notice test as `half-open-undetected` (half-open-rule.ts);
 * frames the freeze held back (`faulted`) count for nothing. Times in ms since the epoch.
 */
import { formatDuration } from '../format';
import type { ConnState } from './connection-state';
import { firstNotice, halfOpenLimitMs } from './half-open-rule';
import { step, type FaultNote, type RecoveryContext } from './recovery-context';
import type { RecoveryStep } from './recovery-types';

/** When the freeze of `note` stopped holding frames back: a later `thaw` of its connection, its `ms`, or the connection's end (ms since the epoch). */
function freezeEnd(rc: RecoveryContext, note: FaultNote, c: ConnState): number {
  const f = note.e;
  let end = c.alive ? rc.end : c.info.end.t;
  if (f.ms !== undefined) end = Math.min(end, f.t + f.ms);
  for (const n of rc.notes) {
    if (n.e.kind === 'thaw' && n.e.conn === f.conn && n.e.seq > f.seq) {
      end = Math.min(end, n.e.t);
      break;
    }
  }
  const cut = faultCut(rc, note);
  if (cut !== undefined) end = Math.min(end, cut);
  return Math.min(end, rc.end);
}

/** When a later `drop` or `close` fault ended the frozen connection (ms since the epoch): what the page did after it is not noticing. */
function faultCut(rc: RecoveryContext, note: FaultNote): number | undefined {
  const f = note.e;
  for (const n of rc.notes) if ((n.e.kind === 'drop' || n.e.kind === 'close') && n.e.conn === f.conn && n.e.seq > f.seq) return n.e.t;
  return undefined;
}

/**
 * `noticed-half-open` for the freeze `note` of connection `c`.
 * @returns whether the page noticed (then its reconnect is judged next)
 */
export function halfOpenStep(rc: RecoveryContext, note: FaultNote, c: ConnState, out: RecoveryStep[]): boolean {
  const f = note.e;
  const id = String(c.info.id);
  const start = note.silenceStart;
  if (note.intervalMs === undefined || !start) {
    out.push(step('noticed-half-open', null, `connection ${id} has no heartbeat interval (profile or hello): nothing tells how soon a frozen link must be noticed`, [f.seq]));
    return false;
  }
  const limit = halfOpenLimitMs(rc.st, note.intervalMs);
  const due = start.t + limit;
  const pong = rc.st.ctx.pongTimeoutMs ?? 0;
  const base = { limitMs: limit, intervalMs: note.intervalMs, pongTimeoutMs: pong };
  const rule = `2 × ${formatDuration(note.intervalMs)} heartbeat + ${formatDuration(pong)} pong timeout = ${formatDuration(limit)}`;
  const cut = faultCut(rc, note);
  const found = firstNotice(rc.st, c, start.t);
  const notice = found && (cut === undefined || found.t < cut) ? found : undefined;
  const how = notice?.how === 'close-call' ? `closed connection ${id}` : 'opened a new connection';
  if (notice && notice.t <= due) {
    const ms = Math.max(0, notice.t - start.t);
    out.push(step('noticed-half-open', true, `the page ${how} ${formatDuration(ms)} after the last inbound frame it saw (limit ${rule})`, [start.seq, f.seq, notice.seq], { noticedMs: ms, ...base }));
    return true;
  }
  if (notice) {
    const ms = notice.t - start.t;
    out.push(step('noticed-half-open', false, `the page ${how} only ${formatDuration(ms)} after the last inbound frame it saw: later than ${rule}`, [start.seq, f.seq, notice.seq], { noticedMs: ms, ...base }));
    return true;
  }
  const until = freezeEnd(rc, note, c);
  const silent = until - start.t;
  if (until > due && cut !== undefined && until >= cut) {
    out.push(step('noticed-half-open', false, `the page had not noticed: connection ${id} stayed frozen ${formatDuration(silent)} after the last inbound frame until a fault ended it (limit ${rule})`, [start.seq, f.seq], { silentMs: silent, ...base }));
    return false;
  }
  if (until > due) {
    const finding = rc.findings.find('half-open-undetected', (x) => x.conn === c.info.id && x.seq === start.seq);
    out.push(
      step('noticed-half-open', false, finding?.message ?? `connection ${id} stayed frozen ${formatDuration(silent)} after the last inbound frame and the page kept it open (limit ${rule})`, [start.seq, f.seq], { silentMs: silent, ...base }),
    );
    return false;
  }
  const ended = until >= rc.end ? 'the trace ended' : 'the freeze ended';
  out.push(step('noticed-half-open', null, `${ended} ${formatDuration(silent)} after the last inbound frame, before the page had to notice (${rule}): freeze ${formatDuration(due - until)} longer`, [start.seq, f.seq], { silentMs: silent, neededMs: limit, ...base }));
  return false;
}
