/**
 * Epochs and server-side session changes (docs/design.md#epochs): positions are compared within
 * one epoch. A new epoch (`position.epoch`) restarts the last position at 0 — the client must
 * catch up from the new epoch's start, so the syncs of the open windows are judged from there —
 * and is never a `position-regression`. A resume the client asked for (`sync.sessionPath`) that
 * the server answered with another session is `resume-not-granted`. Server error frames
 * (`error`) are `server-error`, one finding per connection.
 */
import type { WsMessageEvent, WsSendEvent } from '../events';
import type { ConnState } from './connection-state';
import { fmtValue } from './format';
import type { PassState } from './pass-state';
import { RUN_EVIDENCE_CAP } from './position-tracking';

/** An inbound frame announcing epoch `epoch` on `c`. Call before the frame's own position. */
export function onEpoch(st: PassState, c: ConnState, e: WsMessageEvent, epoch: string): void {
  const prev = st.epoch;
  st.epoch = epoch;
  c.info.epoch = epoch;
  const asked = c.askedSession;
  c.askedSession = undefined;
  if (asked && asked.session !== epoch) resumeNotGranted(st, c, e, asked, epoch);
  if (prev === undefined || prev === epoch) return;
  c.regRun = undefined;
  st.positionGen++;
  if (st.lastPosition === undefined) return;
  st.lastPosition = 0;
  st.lastPosSeq = e.seq;
  const note = `a new epoch ${fmtValue(epoch)} began (was ${fmtValue(prev)}), positions restart`;
  for (const w of st.openWindows) {
    w.ref = 0;
    w.refNote = note;
  }
}

/** An outbound sync frame asking to resume `session` (`sync.sessionPath`). */
export function onResumeAsked(c: ConnState, e: WsSendEvent, session: string, cursorGiven: boolean): void {
  c.askedSession = { session, seq: e.seq, cursorGiven };
}

function resumeNotGranted(st: PassState, c: ConnState, e: WsMessageEvent, asked: NonNullable<ConnState['askedSession']>, epoch: string): void {
  const sync = st.profile.sync;
  const name = sync?.sessionPath ?? 'session';
  const cursor = sync?.cursorPath ?? 'cursor';
  const how = asked.cursorGiven ? `with its ${cursor}` : `without ${cursor}: a session is only restored from a ${cursor}`;
  st.ctx.emit(
    'resume-not-granted',
    e.t,
    e.seq,
    [asked.seq, e.seq],
    `connection ${String(c.info.id)} asked to resume ${name} ${fmtValue(asked.session)} (${how}) and the server started a new one (${fmtValue(epoch)}): what was sent while the client was away is lost`,
    c.info.id,
  );
}

/** An inbound frame matching the profile's `error` (message `text`, '' when none). */
export function onServerError(st: PassState, c: ConnState, e: WsMessageEvent, text: string): void {
  const run = c.serverErrors;
  const said = text === '' ? '' : `: ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)}`;
  if (run) {
    run.count++;
    if (run.finding.evidence.length < RUN_EVIDENCE_CAP) run.finding.evidence.push(e.seq);
    run.finding.message = `the server sent ${run.count} error frames on connection ${String(c.info.id)}, the first${run.first}`;
    return;
  }
  const f = st.ctx.emit('server-error', e.t, e.seq, [e.seq], `the server sent an error frame on connection ${String(c.info.id)}${said}`, c.info.id);
  c.serverErrors = { finding: f, count: 1, first: said };
}
