/**
 * Recovery records (docs/design.md#recovery-records): for each injected fault, what the client
 * did next, judged step by step with the rules behind the findings. Built once at the end of
 * the pass from the fault events the pass noted ({@link noteFault}).
 *
 * Which fault gets which steps:
 * - `drop`, `close` (any code): after the close it caused — `reconnected` and `reconnect-delay`
 *   (a fatal close: `reconnected` passes when there was none; an auth close: `auth-handled`
 *   instead of `reconnected`), then for the connection that opened again `synced`,
 *   `sync-cursor` and `no-gap`;
 * - `refuse` {endpoint}: the same steps from the first socket it refused (the per-socket
 *   `refuse` marks and `thaw` make no record of their own);
 * - `freeze`: `noticed-half-open`, then, once the page closed the link or opened another, the
 *   steps of a close;
 * - `fail-sync`: `retried-sync` and `no-stale-processing`;
 * - `skip`: `no-gap`.
 * Times in ms since the epoch.
 */
import type { ConnId, FaultEvent } from '../events';
import type { ConnState } from './connection-state';
import { catchUpSteps, gapStep } from './recovery-catch-up';
import { FindingIndex, step, type FaultNote, type RecoveryContext } from './recovery-context';
import { halfOpenStep } from './recovery-half-open';
import { reconnectSteps, wayBack } from './recovery-reconnect';
import { failSyncSteps } from './recovery-sync';
import { verdictOf, type RecoveryRecord, type RecoveryStep } from './recovery-types';
import type { PassState } from './pass-state';

/** Notes fault `e` as it applies; a freeze remembers where its connection's silence began and its interval (ms). */
export function noteFault(st: PassState, notes: FaultNote[], e: FaultEvent): void {
  const note: FaultNote = { e };
  if (e.kind === 'freeze' && e.conn !== undefined) {
    const c = st.conns.get(e.conn);
    if (c?.opened) {
      note.silenceStart = { seq: c.lastInSeq, t: c.lastInT };
      const iv = c.silenceIntervalMs ?? c.intervalMs;
      if (iv !== undefined) note.intervalMs = iv;
    }
  }
  notes.push(note);
}

/** One record per fault that has one (see the file comment), in fault `seq` order. */
export function buildRecoveries(st: PassState, notes: readonly FaultNote[], end: number): RecoveryRecord[] {
  if (notes.length === 0) return [];
  const rc: RecoveryContext = { st, findings: new FindingIndex(st.ctx.findings), notes, end };
  const out: RecoveryRecord[] = [];
  for (const note of notes) {
    const steps = stepsOf(rc, note);
    if (!steps) continue;
    const f = note.e;
    const r: RecoveryRecord = { fault: f.seq, kind: f.kind, t: f.t, verdict: verdictOf(steps), steps };
    if (f.conn !== undefined) r.conn = f.conn;
    out.push(r);
  }
  return out;
}

function stepsOf(rc: RecoveryContext, note: FaultNote): RecoveryStep[] | undefined {
  const f = note.e;
  const out: RecoveryStep[] = [];
  switch (f.kind) {
    case 'thaw':
      return undefined;
    case 'refuse':
      if (f.conn !== undefined) return undefined;
      refuseSteps(rc, note, out);
      return out;
    case 'fail-sync':
      failSyncSteps(rc, note, out);
      return out;
    default:
      break;
  }
  const c = connOf(rc, f.conn);
  if (!c) {
    out.push(step(f.kind === 'skip' ? 'no-gap' : f.kind === 'freeze' ? 'noticed-half-open' : 'reconnected', null, `the fault names no connection of the trace (${f.conn === undefined ? 'none' : String(f.conn)})`, [f.seq]));
    return out;
  }
  if (f.kind === 'skip') {
    out.push(gapStep(rc, c, f.seq) ?? step('no-gap', null, 'the profile does not say positions are contiguous: a gap cannot be told', [f.seq]));
    return out;
  }
  if (f.kind === 'freeze') {
    if (!halfOpenStep(rc, note, c, out)) return out;
    if (!c.info.closed) {
      // It opened another connection before this one's close event (or without closing it): judge that one's catch-up.
      const chain = wayBack(rc, c, f.seq);
      const opened = chain.find((o) => o.info.opened);
      if (opened) catchUpSteps(rc, opened, f.seq, out);
      return out;
    }
  }
  afterClose(rc, c, f.seq, out);
  return out;
}

/** The steps after `c`'s close: reconnect, then the catch-up of the connection that opened again. */
function afterClose(rc: RecoveryContext, c: ConnState, faultSeq: number, out: RecoveryStep[]): void {
  const closed = c.info.closed;
  // The way back starts at the page's own close() when it made one: a frozen link's close event
  // may come after the replacement socket was created (docs/design.md#positions-and-resumes).
  const chain = closed ? wayBack(rc, c, c.info.closeCall?.seq ?? closed.seq) : [];
  const opened = reconnectSteps(rc, c, chain, out);
  if (opened) catchUpSteps(rc, opened, faultSeq, out);
}

/** A refusal: the steps of a close, from the first socket it refused (none refused: inconclusive). */
function refuseSteps(rc: RecoveryContext, note: FaultNote, out: RecoveryStep[]): void {
  const f = note.e;
  let first: ConnState | undefined;
  for (const n of rc.notes) {
    if (n.e.seq <= f.seq) continue;
    if (n.e.kind === 'refuse' && n.e.conn === undefined) break; // the next refusal
    if (n.e.kind === 'refuse' && n.e.conn !== undefined) {
      first = connOf(rc, n.e.conn);
      if (first) break;
    }
  }
  if (!first) {
    out.push(step('reconnected', null, `no socket was refused: the client made no attempt while the refusal lasted`, [f.seq]));
    return;
  }
  // The refused socket is an attempt itself: the way back starts with it.
  const closed = first.info.closed;
  const chain = [first, ...(closed ? wayBack(rc, first, closed.seq) : [])];
  const attempt = first.info.attempt !== undefined ? rc.st.attempts[first.info.attempt] : undefined;
  const prev = attempt ? rc.st.conns.get(attempt.previous) : undefined;
  let opened: ConnState | undefined;
  // Judged from the close the refused attempt followed (its delay counts), else from its own close.
  if (prev?.info.closed) opened = reconnectSteps(rc, prev, chain, out);
  else if (closed) opened = reconnectSteps(rc, first, chain.slice(1), out);
  else out.push(step('reconnected', null, `refused connection ${String(first.info.id)} had not closed by the end of the trace`, [f.seq]));
  if (opened) catchUpSteps(rc, opened, f.seq, out);
}

function connOf(rc: RecoveryContext, id: ConnId | undefined): ConnState | undefined {
  return id === undefined ? undefined : rc.st.conns.get(id);
}
