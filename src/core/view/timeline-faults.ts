/**
 * Injected faults on the timeline (docs/design.md#fault-events-and-flags), as scene items next
 * to those of timeline-scene.ts: a `fault` mark (its own glyph and colour) where a fault
 * applied, on the lane of its connection — or, for the tab-wide refuse and fail-sync, on the
 * session rows they concern — with {@link describeFault} as its text; a timed freeze or refuse
 * is a span to where it ended (its thaw, or its time). Frames a fault kept from their
 * destination (`faulted`) are `kept` items, drawn hollow and struck through, saying what kept
 * them. The accessible list (timeline-a11y.ts) lists both.
 */
import type { ConnId, FaultEvent } from '../events';
import { describeFault } from '../analysis/fault-rules';
import { sessionKey } from '../analysis/url-parts';
import { formatDuration } from '../format';
import { eventIndexOfSeq } from './evidence';
import type { FaultTrack } from './fault-track';
import type { SceneInput, SceneItem } from './timeline-scene';
import { timeToX } from './time-viewport';

/** Most kept-frame items per lane and scene (a long freeze can keep thousands; the first ones say enough). */
const MAX_KEPT_PER_LANE = 200;

/** Where a freeze or refuse ended: the thaw that names it, or its `ms`, or `endT` (still in force). */
function faultEnd(track: FaultTrack, f: FaultEvent, endT: number): number | undefined {
  if (f.kind !== 'freeze' && f.kind !== 'refuse') return undefined;
  for (const g of track.faults) {
    if (g.seq <= f.seq || g.kind !== 'thaw') continue;
    if (f.kind === 'freeze' && g.conn === f.conn) return g.t;
    if (f.kind === 'refuse' && g.endpoint === f.endpoint) return g.t;
  }
  return f.ms !== undefined ? Math.min(f.t + f.ms, Math.max(endT, f.t)) : Math.max(endT, f.t);
}

/** {@link faultEnd}, also cut at the connection's close (a freeze ends with its socket). */
function endOf(inp: SceneInput, track: FaultTrack, f: FaultEvent): number | undefined {
  const end = faultEnd(track, f, inp.endT);
  const closeT = f.conn !== undefined ? inp.state.connections.get(f.conn)?.closeT : undefined;
  return end !== undefined && closeT !== undefined && closeT >= f.t ? Math.min(end, closeT) : end;
}

function faultItem(inp: SceneInput, track: FaultTrack, f: FaultEvent, row: number, conn: ConnId | undefined): SceneItem | undefined {
  const X = (t: number): number => timeToX(inp.viewport, inp.width, t);
  const x0 = X(f.t);
  const end = endOf(inp, track, f);
  const x1 = end === undefined ? x0 : Math.max(x0, X(end));
  if (x1 < -40 || x0 > inp.width + 40) return undefined;
  const ei = eventIndexOfSeq(inp.events, f.seq);
  const lasted = end !== undefined && end > f.t ? `; in force for ${formatDuration(end - f.t)}` : '';
  return {
    kind: 'fault', row, x0, x1, label: f.kind === 'close' ? `⚡${f.code ?? 1000}` : `⚡${f.kind}`, cls: 'fault', tableRow: ei >= 0 ? inp.index.rowOfEvent(ei) : -1,
    tip: `Fault injected by the ${f.origin}: ${describeFault(f)}${lasted}.`,
    ...(conn !== undefined ? { conn } : {}),
  };
}

/** Appends the fault marks and kept frames of connection `conn` on lane row `row`. */
export function faultSceneItems(inp: SceneInput, track: FaultTrack, row: number, conn: ConnId, out: SceneItem[]): void {
  for (const f of track.faults) {
    if (f.conn !== conn || f.kind === 'thaw') continue;
    const it = faultItem(inp, track, f, row, conn);
    if (it) out.push(it);
  }
  let n = 0;
  for (const k of track.keptFrames) {
    if (k.conn !== conn) continue;
    const x = timeToX(inp.viewport, inp.width, k.t);
    if (x < -40 || x > inp.width + 40) continue;
    if (++n > MAX_KEPT_PER_LANE) break;
    const ei = eventIndexOfSeq(inp.events, k.seq);
    const what = k.dir === 'out' ? 'Sent frame never left the page: held back by freeze' : `Received frame kept from the page by ${k.by === 'skip' ? 'skip' : k.by === 'close' ? 'drop/close (the page already saw the socket closed)' : 'freeze'}`;
    out.push({ kind: 'kept', row, x0: x, x1: x, label: '', cls: k.dir, conn, tableRow: ei >= 0 ? inp.index.rowOfEvent(ei) : -1, tip: `${what} (fault).` });
  }
}

/** Appends the tab-wide faults (refuse of this session's endpoint, fail-sync) on session row `row` with key `key`. */
export function faultSessionItems(inp: SceneInput, track: FaultTrack, row: number, key: string, out: SceneItem[]): void {
  for (const f of track.faults) {
    if (f.conn !== undefined) continue;
    if (f.kind === 'refuse' && !key.startsWith(sessionKey(f.endpoint ?? ''))) continue;
    if (f.kind !== 'refuse' && f.kind !== 'fail-sync') continue;
    const it = faultItem(inp, track, f, row, undefined);
    if (it) out.push(it);
  }
}
