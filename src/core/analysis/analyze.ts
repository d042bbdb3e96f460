/**
 * Public entry of the analysis: {@link analyze} (docs/design.md#analysis, CONTRACT).
 */
import type { ConnId, TraceEvent } from '../events';
import type { Profile } from '../profile/types';
import { Analyzer } from './analyzer';
import type { Analysis, AnalyzeOptions } from './types';

/**
 * Analyses the events of one tab's trace under `profile` (docs/design.md#analysis): sessions,
 * connections, reconnect attempts (delay ms, expected ms E, failure streak k, verdict),
 * resumes and their sync windows, the position track, syncs, and every finding code of the
 * §5 table, sorted by `t` (ms since the epoch) then `seq`.
 *
 * Events are processed in `seq` order ("before"/"after" follow `seq`); an array that is not
 * sorted by `seq` is sorted (copy) first. Cost: linear, one classification per frame.
 *
 * HAR input (`opts.input === 'har'`, docs/design.md#analysis last rule): no close event is invented; a
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
 * HAR rule (docs/design.md#analysis): for every connection without a `ws-close`, its end in ms since the
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
