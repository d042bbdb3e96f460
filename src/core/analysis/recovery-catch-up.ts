/**
 * Recovery steps of a resumed connection (docs/design.md#recovery-records): `synced` (a
 * successful sync, or an in-band resume, before its first data frame), `sync-cursor` (from the
 * last position when the sync started) and `no-gap` (positions continue without a jump). They
 * take the verdicts of docs/design.md#positions-and-resumes and docs/design.md#catch-up-rules:
 * a step fails exactly when `sync-skipped`/`sync-late`/`sync-failed`, a `sync-cursor-*`
 * finding, a `position-gap` or `sync-truncated` fired for it. Times in ms since the epoch.
 */
import { formatDuration } from '../format';
import type { ResumeState, SyncState } from './catch-up-state';
import type { ConnState } from './connection-state';
import { step, type RecoveryContext } from './recovery-context';
import type { RecoveryStep } from './recovery-types';
import { syncText } from './resume-rules';
import { POSITION_SOURCE_CODE } from './position-track';
import type { FindingCode } from './types';

const CURSOR_CODES: readonly FindingCode[] = ['sync-cursor-missing', 'sync-cursor-stale', 'sync-cursor-ahead', 'sync-cursor-mismatch'];

/** The resume of connection `o`, when it is one and not a fresh start (`position.resetWhen`). */
function resumeOf(o: ConnState): ResumeState | undefined {
  const r = o.resume;
  return r && !r.fresh ? r : undefined;
}

/**
 * `synced`, `sync-cursor` and `no-gap` (from `afterSeq` on) for connection `o`; none when it is
 * no resume (no position was received before, or the server started a new sequence). `no-gap`
 * is left out when `synced` or `sync-cursor` failed: the gap is their consequence.
 */
export function catchUpSteps(rc: RecoveryContext, o: ConnState, afterSeq: number, out: RecoveryStep[]): void {
  const r = resumeOf(o);
  if (!r) return;
  const synced = syncedStep(rc, r);
  out.push(synced);
  const cursor = cursorStep(rc, r);
  if (cursor) out.push(cursor);
  // A gap after a skipped catch-up or a wrong cursor is that step's consequence: said once.
  if (synced.ok === false || cursor?.ok === false) return;
  const gap = gapStep(rc, o, afterSeq);
  if (gap) out.push(gap);
}

function text(rc: RecoveryContext, s: SyncState): string {
  return syncText(rc.st.ctx, s.info.kind, s.info.url, s.info.cursorText);
}

function syncedStep(rc: RecoveryContext, r: ResumeState): RecoveryStep {
  const id = r.conn.info.id;
  const first = r.info.firstData;
  const L = r.window.lastPosition;
  const nums = (): Record<string, number> => {
    const n: Record<string, number> = {};
    if (L !== undefined) n.lastPosition = L;
    if (first && typeof first.position === 'number') n.firstPosition = first.position;
    return n;
  };
  for (const code of ['sync-skipped', 'sync-late', 'sync-failed'] as const) {
    const f = rc.findings.find(code, (x) => x.conn === id);
    if (f) return step('synced', false, f.message, f.evidence, nums());
  }
  const ok = r.window.syncs.find((s) => s.info.outcome === 'ok' && (!first || s.info.seq < first.seq));
  if (ok) {
    const n = nums();
    if (ok.info.cursor !== undefined) n.cursor = ok.info.cursor;
    const when = first ? ` before the first data frame (${rc.st.ctx.positionName} ${first.position})` : '';
    return step('synced', true, `${text(rc, ok)} succeeded${when}`, [ok.info.seq, ok.info.done?.seq, first?.seq], n);
  }
  const failed = r.window.syncs.filter((s) => s.info.outcome !== 'ok');
  const since = formatDuration(rc.end - (r.conn.info.opened?.t ?? r.conn.info.created.t));
  if (failed.length > 0) {
    return step('synced', null, `${failed.length} sync${failed.length === 1 ? '' : 's'} of connection ${String(id)} did not succeed and no data frame arrived in the remaining ${since}`, failed.map((s) => s.info.seq), nums());
  }
  return step('synced', null, `connection ${String(id)} neither synced nor received a data frame in the remaining ${since} of the trace`, [r.conn.info.created.seq], nums());
}

function cursorStep(rc: RecoveryContext, r: ResumeState): RecoveryStep | undefined {
  const syncs = r.window.syncs;
  if (syncs.length === 0) return undefined;
  for (const s of syncs) {
    for (const code of CURSOR_CODES) {
      const f = rc.findings.find(code, (x) => x.evidence.includes(s.info.seq));
      if (!f) continue;
      const n: Record<string, number> = {};
      if (s.info.cursor !== undefined) n.cursor = s.info.cursor;
      const ref = r.window.refs.get(s)?.ref ?? r.window.lastPosition;
      if (ref !== undefined) n.lastPosition = ref;
      return step('sync-cursor', false, f.message, f.evidence, n);
    }
  }
  const s = syncs.find((x) => x.info.outcome === 'ok') ?? (syncs[syncs.length - 1] as SyncState);
  const ref = r.window.refs.get(s)?.ref ?? r.window.lastPosition;
  const n: Record<string, number> = {};
  if (s.info.cursor !== undefined) n.cursor = s.info.cursor;
  if (ref !== undefined) n.lastPosition = ref;
  const against = ref !== undefined ? `the last ${rc.st.ctx.positionName} ${ref}` : r.window.lastToken !== undefined ? `the last cursor received` : 'the last position';
  return step('sync-cursor', true, `${text(rc, s)} resumes from ${against}`, [r.window.open.seq, s.info.seq], n);
}

/**
 * `no-gap` on `o` after `afterSeq` (contiguous profiles only): a gap the pass left unfilled
 * (the `position-gap` material) or a truncated catch-up fails it; a positioned data frame
 * without either passes it; no such frame yet is inconclusive.
 */
export function gapStep(rc: RecoveryContext, o: ConnState, afterSeq: number): RecoveryStep | undefined {
  const ctx = rc.st.ctx;
  if (!ctx.contiguous) return undefined;
  const id = o.info.id;
  const g = rc.st.pendingGaps.find((x) => x.conn === o && x.seq > afterSeq);
  if (g) {
    const f = rc.findings.find('position-gap', (x) => x.conn === id && x.seq === g.seq);
    const missing = g.to - g.from - 1;
    return step('no-gap', false, f?.message ?? `${ctx.positionName} jumped from ${g.from} to ${g.to}`, [g.prevSeq, g.seq], { from: g.from, to: g.to, missing });
  }
  const cut = rc.findings.find('sync-truncated', (x) => x.conn === id && x.seq > afterSeq);
  if (cut) return step('no-gap', false, cut.message, cut.evidence);
  const p = firstFrameAfter(rc, o, afterSeq);
  if (!p) return step('no-gap', null, `no data frame with a ${ctx.positionName} on connection ${String(id)} after the fault by the end of the trace`, [o.info.created.seq]);
  const n: Record<string, number> = { firstPosition: p.position };
  if (o.info.positions.last !== undefined) n.lastPosition = o.info.positions.last;
  return step('no-gap', true, `${ctx.positionName} continued without a gap on connection ${String(id)} (from ${p.position}${o.info.positions.last !== undefined ? ` to ${o.info.positions.last}` : ''})`, [p.seq], n);
}

/** The first inbound data frame point of `o` after `afterSeq` on the position track. */
function firstFrameAfter(rc: RecoveryContext, o: ConnState, afterSeq: number): { seq: number; position: number } | undefined {
  const tr = rc.st.positions;
  for (let i = 0; i < tr.length; i++) {
    if (tr.source[i] !== POSITION_SOURCE_CODE.frame || tr.owner[i] !== o.info.id) continue;
    const seq = tr.seq[i] as number;
    if (seq > afterSeq) return { seq, position: tr.position[i] as number };
  }
  return undefined;
}
