/**
 * Stream positions in inbound frames (docs/design.md#positions-and-resumes "Data frame", "Last position";
 * `position-gap`, `position-regression`, `tenant-changed` from hello fields;
 * docs/design.md#the-scaiwave-profile "Stream-position tracking", "Check the hello frame's tenant_id").
 */
import type { WsMessageEvent } from '../events';
import type { FrameClass } from '../profile/types';
import type { ConnState, FrameRun, TwiceDelivered } from './connection-state';
import { announceInterval } from './heartbeat-tracking';
import { fmtValue } from './format';
import type { PassState } from './pass-state';
import { filledBeforeJump, fillsGap } from './catch-up-rules';

/** Evidence cap of merged runs (send-while-not-open, position-regression). */
export const RUN_EVIDENCE_CAP = 50;

/**
 * A data frame carrying position `p`: a position ≤ L is a duplicate delivery (consecutive
 * ones on a connection merge into one `position-regression`); with a contiguous profile a jump
 * by more than 1 is a pending gap (reported at the end unless a sync fills it); then L = p.
 * On a connection that overlapped another of its session (`shared`), a position ≤ L but above
 * the connection's own highest one was delivered first by the other connection: it is counted
 * on the `duplicate-connection` finding, and only a position ≤ the connection's own highest is a
 * `position-regression` (docs/design.md#order-sessions-and-connections). L stays the highest
 * position of all connections, as the resume and sync rules need.
 * The first positioned data frame of a resume is its "first data frame".
 */
export function onPosition(st: PassState, c: ConnState, e: WsMessageEvent, p: number): void {
  c.sess.profiled = true;
  const L = st.lastPosition;
  const own = ownMax(st, c);
  if (L !== undefined && p <= L && fillsGap(st.pendingGaps, p)) {
    c.regRun = undefined; // the catch-up replayed in-band after the live jump (docs/design.md#catch-up-rules)
  } else if (L !== undefined && p <= L && c.shared && (own === undefined || p > own)) {
    c.regRun = undefined;
    twiceDelivered(c.shared, e.seq, p);
  } else if (L !== undefined && p <= L) {
    const limit = c.shared && own !== undefined ? own : L;
    const run = c.regRun;
    if (run && run.limit === limit) {
      run.count++;
      run.lastPos = p;
      if (run.finding.evidence.length < RUN_EVIDENCE_CAP) run.finding.evidence.push(e.seq);
    } else {
      const f = st.ctx.emit('position-regression', e.t, e.seq, [e.seq], '', e.conn);
      const r: FrameRun = { finding: f, conn: c, count: 1, readyState: 0, bytes: 0, firstPos: p, lastPos: p, limit };
      if (p <= 1 || c.helloWentBack) r.reset = true;
      if (c.shared) r.own = true;
      c.regRun = r;
      st.regRuns.push(r);
    }
  } else {
    c.regRun = undefined;
    if (L !== undefined && st.ctx.contiguous && p > L + 1 && !filledBeforeJump(c, L, p)) {
      st.pendingGaps.push({ from: L, to: p, seq: e.seq, t: e.t, conn: c, prevSeq: st.lastPosSeq, filled: 0 });
    }
    st.lastPosition = p;
    st.lastPosSeq = e.seq;
  }
  if (own === undefined || p > own) {
    c.ownMax = p;
    c.ownGen = st.positionGen;
  }
  const pos = c.info.positions;
  if (pos.count === 0) pos.first = p;
  pos.count++;
  pos.last = p;
  if (pos.max === undefined || p > pos.max) pos.max = p;
  st.positions.push(e.seq, e.t, p, 0, e.conn);
  const r = c.resume;
  if (r && !r.info.firstData) r.info.firstData = { seq: e.seq, t: e.t, position: p };
}

/** The highest position `c` received in the current position sequence, or undefined. */
function ownMax(st: PassState, c: ConnState): number | undefined {
  return c.ownGen === st.positionGen ? c.ownMax : undefined;
}

/** Counts a frame at position `p` (event `seq`) as delivered twice by an overlap; evidence capped like merged runs. */
function twiceDelivered(t: TwiceDelivered, seq: number, p: number): void {
  t.count++;
  if (p < t.minPos) t.minPos = p;
  if (p > t.maxPos) t.maxPos = p;
  if (t.finding.evidence.length < RUN_EVIDENCE_CAP) t.finding.evidence.push(seq);
}

/**
 * A data frame carrying opaque cursor `token` (`position.opaque`, docs/design.md#cursors-and-catch-up):
 * it becomes the last cursor; no gap or regression is judged (cursors have no order). The
 * first one of a resume is its "first data frame".
 */
export function onToken(st: PassState, c: ConnState, e: WsMessageEvent, token: string): void {
  c.sess.profiled = true;
  st.lastToken = token;
  st.lastPosSeq = e.seq;
  c.info.positions.count++;
  const r = c.resume;
  if (r && !r.info.firstData) r.info.firstData = { seq: e.seq, t: e.t, position: token };
}

/**
 * A hello: its fields (compared between connections of the session: `tenant-changed`), the
 * server head position it carries (shown, never processed; `position-regression` when it is
 * below L), and the heartbeat interval it announces.
 */
export function onHello(st: PassState, c: ConnState, e: WsMessageEvent, fc: FrameClass): void {
  const s = c.sess;
  s.profiled = true;
  const fields = fc.helloFields ?? {};
  if (fc.intervalMs !== undefined && fc.intervalMs > 0) announceInterval(c, fc.intervalMs, e.seq);
  const hello: NonNullable<typeof c.info.hello> = { seq: e.seq, t: e.t, fields };
  const p = fc.position;
  if (p !== undefined) {
    hello.position = p;
    st.positions.push(e.seq, e.t, p, 2, e.conn);
    // A shared connection's hello is judged against the last position when it was created:
    // what the other connection received since may be newer than the head the server sent.
    const L = c.shared ? (c.createdGen === st.positionGen ? c.createdLast : undefined) : st.lastPosition;
    if (L !== undefined && p < L) {
      c.helloWentBack = true;
      st.ctx.emit(
        'position-regression',
        e.t,
        e.seq,
        [e.seq],
        `hello on connection ${String(c.info.id)} carries ${st.ctx.positionName} ${p} < last position ${L}: the server's counter went back`,
        e.conn,
        undefined,
        'the server head went backwards (server restore or a different stream): check the server side; the client may have to re-sync from scratch',
      );
    }
  }
  c.info.hello = hello;
  const prev = s.lastHello;
  if (prev && prev.conn !== c) {
    const changed: string[] = [];
    for (const f of st.profile.hello?.fields ?? Object.keys(fields)) {
      const a = prev.fields[f];
      const b = fields[f];
      if (a !== undefined && b !== undefined && fmtValue(a) !== fmtValue(b)) {
        changed.push(`${f} changed from ${fmtValue(a)} (connection ${String(prev.conn.info.id)}) to ${fmtValue(b)} (connection ${String(c.info.id)})`);
      }
    }
    if (changed.length > 0) st.ctx.emit('tenant-changed', e.t, e.seq, [prev.seq, e.seq], changed.join('; '), e.conn);
  }
  s.lastHello = { conn: c, seq: e.seq, fields };
}

/** `position.resetWhen`: a new position sequence starts (L forgotten); a resume without data yet is a fresh start. */
export function onPositionReset(st: PassState, c: ConnState): void {
  st.lastPosition = undefined;
  st.positionGen++;
  c.regRun = undefined;
  const r = c.resume;
  if (r && !r.info.firstData) {
    r.fresh = true;
    r.info.fresh = true;
  }
}
