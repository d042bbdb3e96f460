/**
 * What is under the pointer on the timeline, as text (tooltip) and a target to select on
 * click: a finding flag, a stream position, a scene item (marker, reconnect span, sync), a
 * frame tick, or a lane. Pure: the panel maps the target to a selection.
 */
import type { Analysis, Finding } from '../analysis/types';
import type { ConnId, TraceEvent } from '../events';
import { formatFrameSize } from '../format';
import { eventIndexOfSeq } from './evidence';
import { findingFlags } from './finding-flags';
import type { PositionChart } from './position-chart';
import type { RowIndex } from './row-index';
import { hitScene, type SceneItem } from './timeline-scene';
import type { TimelineRow } from './timeline-rows';
import type { TimelinePart } from './timeline-layout';
import { xToTime, type Viewport } from './time-viewport';

/** What a click selects: a finding, an event (index into the capture's events), or a connection. */
export type HitTarget = { kind: 'finding'; finding: Finding } | { kind: 'event'; ei: number } | { kind: 'conn'; conn: ConnId | undefined };

/** Tooltip text ('' = none) and what a click selects. */
export interface TimelineHit {
  text: string;
  target?: HitTarget;
}

/** What the timeline shows, for hit testing at plot x `x` (CSS px) in `part`/`row`. */
export interface HitInput {
  part: TimelinePart;
  row: number;
  x: number;
  vp: Viewport;
  /** Plot width, CSS px. */
  width: number;
  analysis: Analysis | undefined;
  /** Position track of the analysis. */
  track: PositionChart | undefined;
  /** Severity filter of the findings list (flags it hides are not hit). */
  keepFinding: (f: Finding) => boolean;
  scene: readonly SceneItem[];
  rows: readonly TimelineRow[];
  index: RowIndex;
  events: readonly TraceEvent[];
}

/** "warning: code — message (+2 more here)" for a findings flag standing for `count` findings. */
export function flagHitText(f: Finding, count: number): string {
  return `${f.severity}: ${f.code} — ${f.message}${count > 1 ? ` (+${count - 1} more here)` : ''}`;
}

/** "stream position 42 (from a sync response)". */
export function positionHitText(pos: number, fromSync: boolean): string {
  return `stream position ${pos}${fromSync ? ' (from a sync response)' : ''}`;
}

/** "↑ sent data frame #12 · 1.2 KB" for a frame tick (`tableRow` 0-based, shown 1-based; size −1 = measuring). */
export function frameHitText(ev: TraceEvent | undefined, kind: string, tableRow: number): string {
  const dir = ev?.type === 'ws-send' ? '↑ sent' : '↓ received';
  return `${dir} ${kind} frame #${tableRow + 1}${ev && 'size' in ev ? ` · ${formatFrameSize(ev.size)}` : ''}`;
}

/** Hit within this many CSS px of a frame tick or position point (time slop = 4 px of the viewport). */
const SLOP_PX = 4;

/** What is at the point (see module comment), or undefined for nothing. */
export function hitTimeline(h: HitInput): TimelineHit | undefined {
  const a = h.analysis;
  const slopMs = ((h.vp.t1 - h.vp.t0) / h.width) * SLOP_PX;
  if (h.part === 'flags' && a) {
    const flags = findingFlags(a.findings, h.vp, h.width, 10, h.keepFinding);
    let best: (typeof flags)[number] | undefined;
    for (const f of flags) if (Math.abs(f.x + 3 - h.x) <= 7 && (!best || Math.abs(f.x - h.x) < Math.abs(best.x - h.x))) best = f;
    if (!best) return undefined;
    const f = a.findings[best.finding]!;
    return { text: flagHitText(f, best.count), target: { kind: 'finding', finding: f } };
  }
  if (h.part === 'position' && a && h.track) {
    const tr = h.track;
    const i = tr.nearest(xToTime(h.vp, h.width, h.x), slopMs);
    if (i < 0) return undefined;
    const ei = eventIndexOfSeq(h.events, tr.seq[i]!);
    return { text: positionHitText(tr.pos[i]!, !!tr.fromSync[i]), ...(ei >= 0 ? { target: { kind: 'event', ei } } : {}) };
  }
  if (h.part !== 'lanes') return undefined;
  const it = hitScene(h.scene, h.row, h.x);
  const itemHit = (s: SceneItem): TimelineHit => ({ text: s.tip, ...(s.tableRow >= 0 ? { target: { kind: 'event', ei: h.index.ev.get(s.tableRow) } } : {}) });
  if (it && it.kind !== 'bar' && it.kind !== 'connecting') {
    if (it.kind === 'flag' && it.finding !== undefined && a) return { text: it.tip, target: { kind: 'finding', finding: a.findings[it.finding]! } };
    return itemHit(it);
  }
  const r = h.rows[h.row];
  if (r?.type === 'lane') {
    const fr = h.index.nearestFrameRow(r.lane, xToTime(h.vp, h.width, h.x), slopMs);
    if (fr >= 0) {
      const ei = h.index.ev.get(fr);
      return { text: frameHitText(h.events[ei], h.index.kindName(fr), fr), target: { kind: 'event', ei } };
    }
  }
  if (it) return itemHit(it);
  if (r?.type === 'lane') return { text: '', target: { kind: 'conn', conn: h.index.lanes[r.lane]?.conn } };
  return undefined;
}
