/**
 * What the user has in focus, shared by timeline, table, findings list and detail pane: the
 * selected event, connection and finding (with its evidence), the timeline viewport, and the
 * requests other views make of the timeline (reveal a range, zoom to a range): signals, and
 * the functions that change them together.
 */
import { signal, type Signal } from '@preact/signals';
import type { ConnId, TraceEvent } from '../core/events';
import type { Analysis, Finding } from '../core/analysis/types';
import type { CaptureState } from '../core/store/capture-state';
import type { RowIndex } from '../core/view/row-index';
import { defaultFilterSpec, type RowFilter, type RowFilterSpec } from '../core/view/row-filter';
import { evidenceEvents, evidenceTimeRange, findingKey, primaryEvidenceRow } from '../core/view/evidence';
import type { Viewport } from '../core/view/time-viewport';
import type { PanelScheduler } from './scheduler';

/** A request to the timeline to show [a, b] (ms); `n` makes each request a new value. */
export interface RangeRequest {
  a: number;
  b: number;
  n: number;
}

/** The selection signals (see module comment). */
export interface Selection {
  /** Selected event (index into the capture's events). */
  readonly selectedEvent: Signal<number | undefined>;
  /** Connection in focus (header, highlighted lane). */
  readonly selectedConn: Signal<ConnId | undefined>;
  /** Selected finding (its `findingKey`). */
  readonly selectedFinding: Signal<string | undefined>;
  /** Event indexes highlighted as the selected finding's evidence. */
  readonly evidence: Signal<number[]>;
  /** Timeline range; undefined = fit everything. */
  readonly viewport: Signal<Viewport | undefined>;
  /** Timeline follows the capture (fit to all, extended as it grows). */
  readonly follow: Signal<boolean>;
  /** What made the last selection: a finding, or a direct pick (table, timeline). */
  readonly selectedBy: Signal<'finding' | 'direct'>;
  /** One-line notice for the user (e.g. "filters reset to show the evidence"). */
  readonly notice: Signal<string>;
  /** Asks the timeline to show [a, b] (ms), within its limits. */
  readonly revealRequest: Signal<RangeRequest | undefined>;
  /** Asks the timeline to show exactly [a, b] (ms). */
  readonly zoomRequest: Signal<RangeRequest | undefined>;
}

/** A selection with nothing selected, following the capture. */
export function createSelection(): Selection {
  return {
    selectedEvent: signal<number | undefined>(undefined),
    selectedConn: signal<ConnId | undefined>(undefined),
    selectedFinding: signal<string | undefined>(undefined),
    evidence: signal<number[]>([]),
    viewport: signal<Viewport | undefined>(undefined),
    follow: signal(true),
    selectedBy: signal<'finding' | 'direct'>('direct'),
    notice: signal(''),
    revealRequest: signal<RangeRequest | undefined>(undefined),
    zoomRequest: signal<RangeRequest | undefined>(undefined),
  };
}

/** Clears what pointed into the old capture (a new capture replaces it); call inside a signal batch. */
export function resetSelection(s: Selection): void {
  s.selectedEvent.value = undefined;
  s.selectedConn.value = undefined;
  s.selectedFinding.value = undefined;
  s.evidence.value = [];
  s.viewport.value = undefined;
  s.follow.value = true;
  s.notice.value = '';
}

let requests = 0;

/** A new {@link RangeRequest} for [a, b]. */
export function rangeRequest(a: number, b: number): RangeRequest {
  return { a, b, n: ++requests };
}

/** What selecting needs from the store: the capture, its rows, and how to change the table filter. */
export interface SelectionHost {
  readonly state: CaptureState;
  readonly index: RowIndex;
  readonly filter: RowFilter;
  readonly filterSpec: Signal<RowFilterSpec>;
  setFilter(spec: RowFilterSpec): void;
  /** Makes the index and filter cover every event. */
  flushIndex(): void;
}

/** Selects an event (table row, timeline tick); the header follows its connection. Call inside a signal batch. */
export function selectEvent(s: Selection, host: SelectionHost, ei: number | undefined): void {
  s.selectedEvent.value = ei;
  s.selectedBy.value = 'direct';
  const e = ei === undefined ? undefined : host.state.events[ei];
  if (e && 'conn' in e) s.selectedConn.value = e.conn;
}

/** Focuses a connection: header, highlighted lane, and the table shows only it (undefined = all). */
export function focusConnection(s: Selection, host: SelectionHost, conn: ConnId | undefined): void {
  s.selectedConn.value = conn;
  const spec = host.filterSpec.value;
  if (spec.conn !== conn) host.setFilter({ ...spec, conn });
}

/**
 * Selects a finding: highlights its evidence, selects its evidence row in the table (the
 * frame that proves it, evidence.ts) and asks the timeline to reveal the evidence. Filters
 * that would hide that row are reset, with a notice. Call inside a signal batch.
 */
export function selectFinding(s: Selection, host: SelectionHost, f: Finding | undefined): void {
  s.notice.value = '';
  if (!f) {
    s.selectedFinding.value = undefined;
    s.evidence.value = [];
    return;
  }
  host.flushIndex();
  s.selectedFinding.value = findingKey(f);
  s.evidence.value = evidenceEvents(host.state.events, f);
  if (f.conn !== undefined) s.selectedConn.value = f.conn;
  const row = primaryEvidenceRow(host.state.events, host.index, f);
  if (row >= 0) {
    if (!host.filter.test(row)) {
      host.setFilter(defaultFilterSpec());
      s.notice.value = 'Filters were reset to show the evidence of the finding.';
    }
    s.selectedEvent.value = host.index.ev.get(row);
    s.selectedBy.value = 'finding';
  }
  const [a, b] = evidenceTimeRange(host.state.events, f);
  s.revealRequest.value = rangeRequest(a, b);
}

/** Asks the timeline to zoom so that the finding's evidence fills about half of it. */
export function zoomToFinding(s: Selection, events: readonly TraceEvent[], f: Finding): void {
  const [a, b] = evidenceTimeRange(events, f);
  const span = Math.max(b - a, 20);
  s.zoomRequest.value = rangeRequest(a - span / 2, b + span / 2);
}

/** After a re-analysis: the selected finding keeps its evidence (matched by key), or loses it when gone. */
export function keepEvidence(s: Selection, events: readonly TraceEvent[], a: Analysis): void {
  const key = s.selectedFinding.value;
  if (!key) return;
  const f = a.findings.find((x) => findingKey(x) === key);
  s.evidence.value = f ? evidenceEvents(events, f) : [];
}

const noticeSeq = new WeakMap<Selection, number>();

/**
 * Shows `text` as the notice and clears it after `ms` (12 s, as the profile menu's toasts)
 * unless another notice replaced it: for news such as "x.har: 15 events loaded"; errors are
 * set on `notice` and stay until dismissed.
 */
export function flashNotice(s: Selection, sched: Pick<PanelScheduler, 'timeout'>, text: string, ms = 12_000): void {
  const n = (noticeSeq.get(s) ?? 0) + 1;
  noticeSeq.set(s, n);
  s.notice.value = text;
  sched.timeout(() => {
    if (noticeSeq.get(s) === n && s.notice.value === text) s.notice.value = '';
  }, ms);
}
