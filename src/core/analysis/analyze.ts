/**
 * The analysis of a trace (docs/design.md#analysis): the public entry {@link analyze} and the
 * single pass behind it, {@link Analyzer}. `Analyzer.step` consumes events in `seq` order and
 * routes them to the rule modules; `finish` ends what is still open (HAR ends, then the end of
 * the trace), runs the end-of-pass rules and returns the {@link Analysis}.
 *
 * Cost: O(1) amortised work per event plus one profile classification per frame. No
 * per-event closures; retained allocations are the columnar position track and findings.
 */
import type { ConnId, TraceEvent } from '../events';
import type { Profile } from '../profile/types';
import type { Analysis, AnalyzeOptions } from './types';
import { closeFindings } from './close-findings';
import { decodeClose } from './close-rules';
import { faultClose, finishFaults, onFault, type PendingFaults } from './fault-rules';
import { endConn, endHarConnections, onCloseCall, onCreate, onOpen } from './connection-lifecycle';
import { finishFindings } from './finish-rules';
import { onMessage, onSend } from './frame-dispatch';
import { blobWorkerFindings, onCaptureDropped, onNavigation, onVisibility, onWorker } from './page-events';
import { PassState } from './pass-state';
import type { FaultNote } from './recovery-context';
import { buildRecoveries, noteFault } from './recovery-records';
import { sessionEndFindings } from './session-end-rules';
import { onHttpError, onHttpRequest, onHttpResponse } from './sync-tracking';

/**
 * Analyses the events of one tab's trace under `profile` (docs/design.md#analysis): sessions,
 * connections, reconnect attempts (delay ms, expected ms E, failure streak k, verdict),
 * resumes and their sync windows, the position track, syncs, and every finding code of the
 * docs/design.md#finding-codes table, sorted by `t` (ms since the epoch) then `seq`.
 *
 * Events are processed in `seq` order ("before"/"after" follow `seq`); an array that is not
 * sorted by `seq` is sorted (copy) first. Cost: linear, one classification per frame.
 *
 * HAR input (`opts.input === 'har'`, docs/design.md#har-input last rule): no close event is invented; a
 * connection without `ws-close` ends at max(`opts.connEnds[conn]` = startedDateTime + time,
 * its last event), for overlap and resume; without close events there are no reconnect-delay
 * or close findings and a resume's sync window opens at its own `ws-create`.
 *
 * @param events trace events (`t` in ms since the Unix epoch)
 * @param profile protocol profile (docs/design.md#profiles)
 * @param opts `dropped` (trace header), `input`, `connEnds`, `redactKeys`
 */
export function analyze(events: readonly TraceEvent[], profile: Profile, opts: AnalyzeOptions = {}): Analysis {
  const ordered = inSeqOrder(events);
  const harEnds = opts.input === 'har' ? harConnectionEnds(ordered, opts.connEnds) : undefined;
  const a = new Analyzer(profile, opts, harEnds, ordered.length);
  for (let i = 0; i < ordered.length; i++) a.step(ordered[i] as TraceEvent);
  return a.finish();
}

/** `events` itself when already strictly increasing by `seq`, else a sorted copy (stable). */
export function inSeqOrder(events: readonly TraceEvent[]): readonly TraceEvent[] {
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as TraceEvent).seq <= (events[i - 1] as TraceEvent).seq) {
      return events.slice().sort((a, b) => a.seq - b.seq);
    }
  }
  return events;
}

/**
 * HAR rule (docs/design.md#har-input): for every connection without a `ws-close`, its end in ms since the
 * epoch = max(`connEnds` entry (startedDateTime + time), t of its last event).
 */
export function harConnectionEnds(
  events: readonly TraceEvent[],
  connEnds: AnalyzeOptions['connEnds'],
): Map<ConnId, number> {
  const last = new Map<ConnId, number>();
  const closed = new Set<ConnId>();
  for (const e of events) {
    if (!('conn' in e) || e.conn === undefined) continue;
    if (e.type === 'ws-close') closed.add(e.conn);
    const prev = last.get(e.conn);
    if (prev === undefined || e.t > prev) last.set(e.conn, e.t);
  }
  const out = new Map<ConnId, number>();
  for (const [id, t] of last) {
    if (closed.has(id)) continue;
    const entryEnd = connEnds === undefined ? undefined : connEnds instanceof Map ? connEnds.get(id) : (connEnds as Readonly<Record<string, number>>)[String(id)];
    out.set(id, entryEnd !== undefined && entryEnd > t ? entryEnd : t);
  }
  return out;
}

/** The pass; see {@link analyze} for the public entry. */
export class Analyzer {
  private readonly st: PassState;

  /**
   * @param profile the protocol profile (docs/design.md#profiles)
   * @param opts `input` ('har' applies the HAR rules), `dropped` (header), `redactKeys`
   * @param harEnds HAR only: precomputed end (ms) of every connection without a `ws-close`
   * @param expectedEvents number of events to come (sizes the position track)
   */
  constructor(profile: Profile, opts: AnalyzeOptions, harEnds?: Map<ConnId, number>, expectedEvents = 0) {
    this.st = new PassState(profile, opts, harEnds, expectedEvents);
    this.captureEndT = opts.endT;
  }

  /** When the capture ended (ms since the epoch), if later than the last event. */
  private readonly captureEndT: number | undefined;
  /** Drop/close faults waiting for the close they cause (fault-rules.ts). */
  private readonly faults: PendingFaults = new Map();
  /** Every fault event, for the recovery records (recovery-records.ts). */
  private readonly faultNotes: FaultNote[] = [];

  /** Consumes one event; events must come in increasing `seq`. */
  step(e: TraceEvent): void {
    const st = this.st;
    if (st.count === 0) {
      st.firstT = e.t;
      st.firstSeq = e.seq;
    }
    st.count++;
    if (e.t > st.nextHarEnd) endHarConnections(st, e.t);
    st.lastT = e.t;
    if ((e.type === 'ws-message' || e.type === 'ws-send') && e.faulted === true) return; // kept from its destination by a fault
    switch (e.type) {
      case 'ws-message':
        onMessage(st, e);
        break;
      case 'ws-send':
        onSend(st, e);
        break;
      case 'ws-create':
        onCreate(st, e);
        st.httpHellos?.apply(st, e);
        break;
      case 'ws-open':
        onOpen(st, e);
        break;
      case 'ws-close': {
        const c = st.connOf(e.conn, e);
        if (c.info.closed) break;
        c.info.closed = decodeClose(e, e.code, e.reason, e.wasClean, st.profile);
        endConn(st, c, e.t, e.seq, 'close');
        if (!faultClose(st, this.faults, e)) closeFindings(st, c, e);
        break;
      }
      case 'ws-close-call':
        onCloseCall(st, e);
        break;
      case 'ws-error':
        st.connOf(e.conn, e).info.errors++;
        break;
      case 'http-request':
        onHttpRequest(st, e);
        st.httpHellos?.request(e);
        break;
      case 'http-response':
        onHttpResponse(st, e);
        st.httpHellos?.response(e);
        break;
      case 'http-error':
        onHttpError(st, e);
        break;
      case 'page-navigation':
        onNavigation(st, e);
        break;
      case 'page-visibility':
        onVisibility(st, e);
        break;
      case 'worker-created':
        onWorker(st, e);
        break;
      case 'capture-dropped':
        onCaptureDropped(st, e);
        break;
      case 'fault':
        onFault(st, this.faults, e);
        noteFault(st, this.faultNotes, e);
        break;
      default:
        break;
    }
  }

  /** Ends what is still open and builds the {@link Analysis} (findings sorted by t, then seq). */
  finish(): Analysis {
    const st = this.st;
    const end = st.count && this.captureEndT !== undefined && this.captureEndT > st.lastT ? this.captureEndT : st.lastT;
    if (st.harAlive.length > 0) endHarConnections(st, Infinity);
    finishFaults(st, this.faults);
    for (const c of st.connList) if (c.alive) endConn(st, c, end, undefined, 'trace-end');
    if (st.hiddenSince >= 0) st.hidden.push(st.hiddenSince, end);
    if (st.dropped > 0 && st.captureDroppedEvents === 0) {
      st.ctx.emit('capture-gap', st.firstT, st.firstSeq, [], `the trace header reports ${st.dropped} event${st.dropped === 1 ? '' : 's'} lost to capture caps: analysis is incomplete`);
    }
    sessionEndFindings(st, end);
    blobWorkerFindings(st);
    finishFindings(st.ctx, { longIntervals: st.longIntervals, pendingGaps: st.pendingGaps, sendRuns: st.sendRuns, regRuns: st.regRuns, twice: st.twice, hidden: st.hidden });
    const recoveries = buildRecoveries(st, this.faultNotes, end);
    const findings = st.ctx.findings;
    findings.sort((a, b) => a.t - b.t || a.seq - b.seq);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) counts[f.severity]++;
    const out: Analysis = {
      profile: st.profile.name,
      input: st.har ? 'har' : 'trace',
      events: st.count,
      startT: st.count ? st.firstT : 0,
      endT: st.count ? end : 0,
      sessions: [...st.sessions.values()].map((s) => s.info),
      connections: st.connList.map((c) => c.info),
      attempts: st.attempts,
      resumes: st.resumes.map((r) => r.info),
      positions: st.positions,
      syncs: st.syncs.map((s) => s.info),
      findings,
      counts,
      recoveries,
    };
    if (st.lastPosition !== undefined) out.lastPosition = st.lastPosition;
    if (st.lastToken !== undefined) out.lastCursor = st.lastToken;
    return out;
  }
}
