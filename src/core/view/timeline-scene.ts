/**
 * What the timeline draws besides frame ticks, as plain data shared by drawing, hit testing,
 * tooltips and the canvas' accessible fallback: per connection lane its connecting phase,
 * open bar, create/open/close markers (close coloured by class and labelled with the code),
 * the reconnect delay before it (labelled with actual and expected delay, docs/design.md#reconnects-and-backoff) and
 * flags of its findings; per session header row the catch-up syncs (labelled with their
 * cursor). Coordinates are CSS px of the plot; only rows in [firstRow, lastRow] and items
 * overlapping the plot are built.
 */
import type { Analysis, AttemptInfo, ConnectionInfo, Finding, SyncInfo } from '../analysis/types';
import { formatDuration } from '../format';
import type { ConnId, TraceEvent } from '../events';
import type { CaptureState } from '../store/capture-state';
import type { Profile } from '../profile/types';
import { describeCloseCode } from '../close-codes';
import { closeClassOf, CLOSE_CLASS_LABEL } from './close-class';
import { eventIndexOfSeq } from './evidence';
import { findingFlags } from './finding-flags';
import type { RowIndex } from './row-index';
import type { TimelineRow } from './timeline-rows';
import { timeToX, type Viewport } from './time-viewport';
import type { FaultTrack } from './fault-track';
import { faultSceneItems, faultSessionItems } from './timeline-faults';

/** Kinds of scene items, drawn in this order (later ones on top). */
export type SceneKind = 'connecting' | 'bar' | 'reconnect' | 'sync' | 'create' | 'open' | 'close' | 'kept' | 'fault' | 'flag';

/** One drawable, hittable item. */
export interface SceneItem {
  kind: SceneKind;
  /** Timeline row (index into the rows array). */
  row: number;
  /** Extent in CSS px (x0 = x1 for point markers). */
  x0: number;
  x1: number;
  /** Short label drawn on the canvas when there is room. */
  label: string;
  /** Colour class: close class, attempt verdict, sync outcome, or finding severity. */
  cls: string;
  /** Tooltip / accessible text (one or two sentences with the numbers). */
  tip: string;
  /** Table row to select when clicked (−1 when none). */
  tableRow: number;
  /** Index into `Analysis.findings` for flags. */
  finding?: number;
  /** Connection of the item. */
  conn?: ConnId;
}

/** Inputs of {@link buildScene}. */
export interface SceneInput {
  rows: readonly TimelineRow[];
  firstRow: number;
  lastRow: number;
  index: RowIndex;
  state: CaptureState;
  events: readonly TraceEvent[];
  analysis: Analysis | undefined;
  profile: Profile;
  viewport: Viewport;
  width: number;
  /** Time drawn as "now" for connections still open (ms; the last event, or the clock while live). */
  endT: number;
  /** Injected faults and the frames they kept (timeline-faults.ts); none drawn when absent. */
  faults?: FaultTrack;
}

interface AnalysisMaps {
  conns: Map<ConnId, ConnectionInfo>;
  findingsByConn: Map<ConnId, { f: Finding; i: number }[]>;
  syncsBySession: Map<string, number[]>;
}
const mapsCache = new WeakMap<Analysis, AnalysisMaps>();

function mapsOf(a: Analysis): AnalysisMaps {
  let m = mapsCache.get(a);
  if (m) return m;
  const conns = new Map<ConnId, ConnectionInfo>();
  for (const c of a.connections) conns.set(c.id, c);
  const findingsByConn = new Map<ConnId, { f: Finding; i: number }[]>();
  a.findings.forEach((f, i) => {
    if (f.conn === undefined) return;
    let l = findingsByConn.get(f.conn);
    if (!l) findingsByConn.set(f.conn, (l = []));
    l.push({ f, i });
  });
  const syncsBySession = new Map<string, number[]>();
  const fallback = a.sessions[0]?.key ?? '';
  a.syncs.forEach((s, i) => {
    const key = syncSession(a, s, conns) ?? fallback;
    let l = syncsBySession.get(key);
    if (!l) syncsBySession.set(key, (l = []));
    l.push(i);
  });
  m = { conns, findingsByConn, syncsBySession };
  mapsCache.set(a, m);
  return m;
}

function syncSession(a: Analysis, s: SyncInfo, conns: Map<ConnId, ConnectionInfo>): string | undefined {
  if (s.resume !== undefined) return a.resumes[s.resume]?.session;
  if (s.conn !== undefined) return conns.get(s.conn)?.session;
  return undefined;
}

/** "expected ≤ 1.0 s" (k = 0: immediate window) or "expected 4.0 s" (k ≥ 1). */
export function expectedLabel(a: Pick<AttemptInfo, 'k' | 'expectedMs'>): string {
  return a.k <= 0 ? `expected ≤ ${formatDuration(a.expectedMs)}` : `expected ${formatDuration(a.expectedMs)}`;
}

/** Canvas label of a reconnect span: "↻ 1.0 s · expected ≤ 1.0 s". */
export function reconnectLabel(a: AttemptInfo): string {
  const d = a.delayMs === undefined ? '?' : formatDuration(a.delayMs);
  return `↻ ${d} · ${expectedLabel(a)}`;
}

/** Tooltip of a reconnect span, with the streak and the verdict (docs/design.md#reconnects-and-backoff "Reconnect attempt"). */
export function reconnectTip(a: AttemptInfo, n: number): string {
  const d = a.delayMs === undefined ? 'an unknown delay (no close event)' : formatDuration(a.delayMs);
  const why = a.k <= 0 ? 'the previous connection was established, so an immediate retry is expected' : `after ${a.k} failed connection${a.k === 1 ? '' : 's'} in a row, backoff expects ${formatDuration(a.expectedMs)}`;
  const verdict = a.verdict === 'too-fast' ? ' — too fast' : a.verdict === 'too-slow' ? ' — too slow' : a.verdict === 'ok' ? ' — ok' : '';
  return `Reconnect #${n} after ${d}; ${why}${verdict}.`;
}

/** Canvas label of a sync span: "sync since=42 → HTTP 200". */
export function syncLabel(s: SyncInfo): string {
  const cur = s.kind === 'frame' ? `cursor ${s.cursor ?? '?'}` : s.hasCursor ? `since=${s.cursorText ?? s.cursor}` : 'no cursor';
  const res = s.outcome === 'ok' ? (s.status !== undefined ? ` → HTTP ${s.status}` : '') : s.outcome === 'failed' ? ` → ${s.status !== undefined ? `HTTP ${s.status}` : (s.error ?? 'failed')}` : ' → pending';
  return `sync ${cur}${res}`;
}


/** Builds the scene for rows [firstRow, lastRow] (see module comment). */
export function buildScene(inp: SceneInput): SceneItem[] {
  const out: SceneItem[] = [];
  const { viewport: v, width, index, analysis } = inp;
  const X = (t: number): number => timeToX(v, width, t);
  const visible = (x0: number, x1: number): boolean => x1 >= -40 && x0 <= width + 40;
  const maps = analysis ? mapsOf(analysis) : undefined;
  for (let row = Math.max(0, inp.firstRow); row <= inp.lastRow && row < inp.rows.length; row++) {
    const r = inp.rows[row]!;
    if (r.type === 'session') {
      if (inp.faults) faultSessionItems(inp, inp.faults, row, r.key, out);
      if (!analysis || !maps) continue;
      for (const si of maps.syncsBySession.get(r.key) ?? []) {
        const s = analysis.syncs[si]!;
        const x0 = X(s.t);
        const x1 = X(s.done?.t ?? (s.outcome === 'pending' ? inp.endT : s.t));
        if (!visible(x0, x1)) continue;
        const ei = eventIndexOfSeq(inp.events, s.seq);
        const dur = s.done ? ` in ${formatDuration(s.done.t - s.t)}` : '';
        const pos = s.positions ? `; response carries positions ${s.positions.min}…${s.positions.max}` : '';
        out.push({
          kind: 'sync', row, x0, x1, label: syncLabel(s), cls: s.outcome, tableRow: ei >= 0 ? index.rowOfEvent(ei) : -1,
          tip: `Catch-up ${s.kind === 'http' ? `${s.method ?? 'GET'} ${s.url ?? ''}` : 'sync frame'}: ${syncLabel(s)}${dur}${pos}.`,
          ...(s.conn !== undefined ? { conn: s.conn } : {}),
        });
      }
      continue;
    }
    const lane = index.lanes[r.lane];
    if (!lane) continue;
    const c = inp.state.connections.get(lane.conn);
    if (!c) continue;
    const info = maps?.conns.get(lane.conn);
    const name = `#${lane.n}`;
    const end = c.closeT ?? info?.end.t ?? inp.endT;
    const openT = c.openT;
    if (openT === undefined || openT > c.createdT) {
      const x0 = X(c.createdT);
      const x1 = X(openT ?? end);
      if (visible(x0, x1)) out.push({ kind: 'connecting', row, x0, x1, label: '', cls: 'connecting', conn: lane.conn, tableRow: lane.createRow, tip: `${name} connecting${openT !== undefined ? ` for ${formatDuration(openT - c.createdT)}` : c.closeT !== undefined ? ' — never opened' : ''}.` });
    }
    if (openT !== undefined) {
      const x0 = X(openT);
      const x1 = X(end);
      if (visible(x0, x1)) {
        out.push({ kind: 'bar', row, x0, x1, label: '', cls: c.status, conn: lane.conn, tableRow: -1, tip: `${name} open for ${formatDuration(end - openT)}${c.status === 'closed' ? '' : c.status === 'gone' ? ' (ended by a page navigation)' : ' (still open)'} · ↓${c.framesIn} ↑${c.framesOut} frames.` });
      }
    }
    // Reconnect delay before this connection.
    if (analysis && info?.attempt !== undefined) {
      const a = analysis.attempts[info.attempt];
      if (a && a.delayMs !== undefined) {
        const x0 = X(a.t - a.delayMs);
        const x1 = X(a.t);
        if (visible(x0, x1)) out.push({ kind: 'reconnect', row, x0, x1, label: reconnectLabel(a), cls: a.verdict, conn: lane.conn, tableRow: lane.createRow, tip: reconnectTip(a, info.attempt + 1) });
      }
    }
    const xc = X(c.createdT);
    if (visible(xc, xc)) out.push({ kind: 'create', row, x0: xc, x1: xc, label: '', cls: 'create', conn: lane.conn, tableRow: lane.createRow, tip: `${name} created (new WebSocket).` });
    if (openT !== undefined) {
      const xo = X(openT);
      if (visible(xo, xo)) out.push({ kind: 'open', row, x0: xo, x1: xo, label: '', cls: 'open', conn: lane.conn, tableRow: lane.openRow, tip: `${name} open${c.protocol ? ` (subprotocol ${c.protocol})` : ''}.` });
    }
    if (c.closeT !== undefined && c.closeCode !== undefined) {
      const x = X(c.closeT);
      if (visible(x, x)) {
        const cls = closeClassOf(c.closeCode, c.wasClean ?? false, inp.profile);
        const d = describeCloseCode(c.closeCode, inp.profile.closeCodes, inp.profile.name);
        const why = info?.closed?.reasonMeaning ? ` — ${info.closed.reasonMeaning}` : '';
        out.push({
          kind: 'close', row, x0: x, x1: x, label: String(c.closeCode), cls, conn: lane.conn, tableRow: lane.closeRow,
          tip: `${name} closed ${c.closeCode} ${d.name}${c.closeReason ? ` (${c.closeReason})` : ''}: ${d.meaning}${why}. ${CLOSE_CLASS_LABEL[cls]}.`,
        });
      }
    }
    if (inp.faults) faultSceneItems(inp, inp.faults, row, lane.conn, out);
    const mine = maps?.findingsByConn.get(lane.conn);
    if (mine && analysis) {
      const list = mine.map((m) => m.f);
      for (const fl of findingFlags(list, v, width, 10)) {
        const m = mine[fl.finding]!;
        out.push({
          kind: 'flag', row, x0: fl.x, x1: fl.x, label: fl.count > 1 ? String(fl.count) : '', cls: fl.severity, conn: lane.conn, finding: m.i, tableRow: -1,
          tip: `${m.f.code}: ${m.f.message}${fl.count > 1 ? ` (+${fl.count - 1} more here)` : ''}`,
        });
      }
    }
  }
  return out;
}

const HIT_PRIORITY: Record<SceneKind, number> = { flag: 7, kept: 7, fault: 6.5, close: 6, open: 5, create: 5, sync: 4, reconnect: 3, connecting: 1, bar: 0 };

/**
 * The item under the pointer at x (CSS px) on timeline row `row`: markers and flags within
 * `slopPx`, spans containing x; the most specific kind wins (flag and kept frame, fault mark,
 * close, open/create, sync, reconnect, connecting, bar). Undefined when nothing is there.
 */
export function hitScene(items: readonly SceneItem[], row: number, x: number, slopPx = 5): SceneItem | undefined {
  let best: SceneItem | undefined;
  let bestScore = -Infinity;
  for (const it of items) {
    if (it.row !== row) continue;
    const point = it.x0 === it.x1;
    const inside = point ? Math.abs(x - it.x0) <= slopPx : x >= Math.min(it.x0, it.x1) - 2 && x <= Math.max(it.x0, it.x1) + 2;
    if (!inside) continue;
    const score = HIT_PRIORITY[it.kind] * 100 - (point ? Math.abs(x - it.x0) : 0);
    if (score > bestScore) {
      best = it;
      bestScore = score;
    }
  }
  return best;
}
