/**
 * The row index behind the frames table and the timeline: one row per frame (`ws-send`,
 * `ws-message`), per connection lifecycle event (create, open, error, close() call, close) and
 * per catch-up sync request (HTTP request to the profile's `sync.urlPath`), in trace order,
 * stored column-wise in typed arrays (about 20 bytes per row).
 *
 * Frames are classified once under the active profile (docs/design.md#profiles, `createSharedClassifier`:
 * the panel's analysis runs find the classes kept): hello, ping/pong (shown as kind "heartbeat"), in-band sync, data. Each connection gets a
 * lane (timeline row) with ascending per-series time arrays for tick aggregation
 * (tick-columns.ts). Built incrementally: {@link RowIndex.advance} processes new events within
 * a time budget, so 1,000,000 events never block a frame.
 */
import type { ConnId, ReqId, TraceEvent, WsMessageEvent, WsSendEvent } from '../events';
import type { FrameLike } from '../profile/frame-view';
import type { Classifier } from '../profile/classify';
import { createSharedClassifier } from '../profile/class-cache';
import type { FrameClass, Profile } from '../profile/types';
import { profileSessionKey, urlPath } from '../analysis/url-parts';
import { GrowableF64, GrowableI32, GrowableU32, GrowableU8, lowerBound } from './growable';

/** Row kinds, as shown in the table's Kind column and its filter. */
export const ROW_KINDS = ['data', 'heartbeat', 'hello', 'sync', 'lifecycle'] as const;
/** A row kind: `lifecycle` = create/open/error/close() call/close of a connection. */
export type RowKind = (typeof ROW_KINDS)[number];

/** Kind codes stored in {@link RowIndex.kind} (index into {@link ROW_KINDS}). */
export const KIND_DATA = 0;
export const KIND_HEARTBEAT = 1;
export const KIND_HELLO = 2;
export const KIND_SYNC = 3;
export const KIND_LIFECYCLE = 4;

/** Direction codes stored in {@link RowIndex.dir}: none (lifecycle), in (server→page), out (page→server). */
export const DIR_NONE = 0;
export const DIR_IN = 1;
export const DIR_OUT = 2;

/** Sub-kinds stored in {@link RowIndex.sub}. */
export const SUB_NONE = 0;
export const SUB_PING = 1;
export const SUB_PONG = 2;
export const SUB_HTTP = 3;

/** Tick series of a lane: inbound data, outbound data, heartbeats (ping/pong, either way), hellos, in-band syncs. */
export const SERIES_DATA_IN = 0;
export const SERIES_DATA_OUT = 1;
export const SERIES_HEARTBEAT = 2;
export const SERIES_HELLO = 3;
export const SERIES_SYNC = 4;
export const SERIES_COUNT = 5;

/** One connection's timeline lane. Times in ms since the epoch, ascending per series. */
export interface Lane {
  conn: ConnId;
  /** 1-based number in creation order, shown as "#n". */
  n: number;
  /** Session key (scheme://host/path, under the profile's `session`, docs/design.md#order-sessions-and-connections). */
  session: string;
  /** Frame times per series (index SERIES_*). */
  series: GrowableF64[];
  /** Every frame of the lane: time and row number, for hit testing. */
  frameT: GrowableF64;
  frameRow: GrowableU32;
  /** Rows of its `ws-create`, `ws-open` and `ws-close` (−1 until seen). */
  createRow: number;
  openRow: number;
  closeRow: number;
}

/** A session (group of lanes), in order of first appearance. */
export interface SessionGroup {
  key: string;
  lanes: number[];
}

/** Classifies a frame; never throws (a failing classification yields data). */
function safeClassify(c: Classifier, e: WsSendEvent | WsMessageEvent): FrameClass {
  try {
    return c(e);
  } catch {
    return { kind: 'data' };
  }
}

/** The row index (see module comment). Columns are indexed by row number. */
export class RowIndex {
  /** Event index (into the capture's events) of each row; ascending. */
  readonly ev = new GrowableU32();
  /** Kind code (KIND_*). */
  readonly kind = new GrowableU8();
  /** Sub-kind code (SUB_*). */
  readonly sub = new GrowableU8();
  /** Direction code (DIR_*). */
  readonly dir = new GrowableU8();
  /** Lane number, −1 for rows without a connection (sync requests). */
  readonly lane = new GrowableI32();
  /** Stream position carried by the row (NaN when none). */
  readonly pos = new GrowableF64();
  readonly lanes: Lane[] = [];
  readonly sessions: SessionGroup[] = [];
  /** Bumped whenever lanes or sessions change (the gutter re-renders then). */
  laneVersion = 0;
  /** Events processed so far (next event index to look at). */
  next = 0;
  private readonly laneOf = new Map<ConnId, number>();
  private readonly sessionOf = new Map<string, number>();
  private readonly syncReqs = new Map<ReqId, number>();
  /** Sync request row → event index of its response or error. */
  readonly syncDone = new Map<number, number>();
  private readonly classify: Classifier;
  private readonly syncPath: string | undefined;
  /** The profile's session key (as the analysis groups sessions). */
  private readonly sessionKeyOf: (url: string) => string;

  /** @param profile the profile whose matchers classify frames and whose `sync.urlPath` marks sync requests */
  constructor(readonly profile: Profile) {
    this.classify = createSharedClassifier(profile);
    this.syncPath = profile.sync?.urlPath;
    this.sessionKeyOf = profileSessionKey(profile.session);
  }

  /** Number of rows. */
  get rowCount(): number {
    return this.ev.length;
  }

  /** Row kind name of row `r`. */
  kindName(r: number): RowKind {
    return ROW_KINDS[this.kind.get(r)] ?? 'data';
  }

  /** Lane of a connection id, or undefined. */
  laneIndexOf(conn: ConnId): number | undefined {
    return this.laneOf.get(conn);
  }

  /** Row of event index `ei`, or −1 when that event has no row. O(log n). */
  rowOfEvent(ei: number): number {
    const r = lowerBound(this.ev.data, this.ev.length, ei);
    return r < this.ev.length && this.ev.get(r) === ei ? r : -1;
  }

  /** Row at or after event index `ei` (rowCount when none). */
  rowAtOrAfterEvent(ei: number): number {
    return lowerBound(this.ev.data, this.ev.length, ei);
  }

  /**
   * Indexes events from `next` on. Checks `overBudget` every 256 events and stops when it
   * returns true. Returns true when every event is indexed.
   */
  advance(events: readonly TraceEvent[], overBudget: () => boolean = () => false): boolean {
    const n = events.length;
    let i = this.next;
    while (i < n) {
      const stop = Math.min(n, i + 256);
      for (; i < stop; i++) this.add(events[i] as TraceEvent, i);
      if (i < n && overBudget()) break;
    }
    this.next = i;
    return i >= n;
  }

  /**
   * Re-classifies the frame at event index `ei` after its data changed (a fill batch brought
   * its full preview). Updates the row's stream position in place and returns true when its
   * kind stays the same (or the event is not indexed yet); returns false when the kind changed,
   * which the lanes' per-kind series cannot absorb: the caller rebuilds the index then.
   */
  refreshFrame(events: readonly TraceEvent[], ei: number): boolean {
    if (ei >= this.next) return true;
    const e = events[ei];
    const r = this.rowOfEvent(ei);
    if (!e || r < 0 || (e.type !== 'ws-send' && e.type !== 'ws-message')) return true;
    const cls = safeClassify(this.classify, e);
    const kind = cls.kind === 'ping' || cls.kind === 'pong' ? KIND_HEARTBEAT : cls.kind === 'hello' ? KIND_HELLO : cls.kind === 'sync' ? KIND_SYNC : KIND_DATA;
    const sub = cls.kind === 'ping' ? SUB_PING : cls.kind === 'pong' ? SUB_PONG : SUB_NONE;
    if (kind !== this.kind.get(r) || sub !== this.sub.get(r)) return false;
    this.pos.set(r, cls.position ?? (cls.kind === 'sync' && cls.cursor !== undefined ? cls.cursor : NaN));
    return true;
  }

  private laneFor(conn: ConnId, url: string | undefined): number {
    let l = this.laneOf.get(conn);
    if (l !== undefined) return l;
    l = this.lanes.length;
    const session = url === undefined ? '(connection created before capture started)' : this.sessionKeyOf(url);
    const series: GrowableF64[] = [];
    for (let s = 0; s < SERIES_COUNT; s++) series.push(new GrowableF64(64));
    this.lanes.push({ conn, n: l + 1, session, series, frameT: new GrowableF64(64), frameRow: new GrowableU32(64), createRow: -1, openRow: -1, closeRow: -1 });
    this.laneOf.set(conn, l);
    let si = this.sessionOf.get(session);
    if (si === undefined) {
      si = this.sessions.length;
      this.sessions.push({ key: session, lanes: [] });
      this.sessionOf.set(session, si);
    }
    this.sessions[si]!.lanes.push(l);
    this.laneVersion++;
    return l;
  }

  private row(ei: number, kind: number, sub: number, dir: number, lane: number, pos: number): number {
    const r = this.ev.length;
    this.ev.push(ei);
    this.kind.push(kind);
    this.sub.push(sub);
    this.dir.push(dir);
    this.lane.push(lane);
    this.pos.push(pos);
    return r;
  }

  private add(e: TraceEvent, ei: number): void {
    switch (e.type) {
      case 'ws-create': {
        const l = this.laneFor(e.conn, e.url);
        const r = this.row(ei, KIND_LIFECYCLE, SUB_NONE, DIR_NONE, l, NaN);
        if (this.lanes[l]!.createRow < 0) this.lanes[l]!.createRow = r;
        return;
      }
      case 'ws-open':
      case 'ws-close': {
        const l = this.laneFor(e.conn, undefined);
        const r = this.row(ei, KIND_LIFECYCLE, SUB_NONE, DIR_NONE, l, NaN);
        if (e.type === 'ws-open') this.lanes[l]!.openRow = r;
        else this.lanes[l]!.closeRow = r;
        return;
      }
      case 'ws-error':
      case 'ws-close-call':
        this.row(ei, KIND_LIFECYCLE, SUB_NONE, DIR_NONE, this.laneFor(e.conn, undefined), NaN);
        return;
      case 'ws-send':
      case 'ws-message':
        this.addFrame(e, ei);
        return;
      case 'http-request':
        if (this.syncPath !== undefined && urlPath(e.url) === this.syncPath) {
          this.syncReqs.set(e.req, this.row(ei, KIND_SYNC, SUB_HTTP, DIR_OUT, -1, NaN));
        }
        return;
      case 'http-response':
      case 'http-error': {
        const r = this.syncReqs.get(e.req);
        if (r !== undefined && !this.syncDone.has(r)) this.syncDone.set(r, ei);
        return;
      }
      default:
        return;
    }
  }

  private addFrame(e: WsSendEvent | WsMessageEvent, ei: number): void {
    const l = this.laneFor(e.conn, undefined);
    const cls = safeClassify(this.classify, e);
    const out = e.type === 'ws-send';
    let kind = KIND_DATA;
    let sub = SUB_NONE;
    let series = out ? SERIES_DATA_OUT : SERIES_DATA_IN;
    if (cls.kind === 'ping' || cls.kind === 'pong') {
      kind = KIND_HEARTBEAT;
      sub = cls.kind === 'ping' ? SUB_PING : SUB_PONG;
      series = SERIES_HEARTBEAT;
    } else if (cls.kind === 'hello') {
      kind = KIND_HELLO;
      series = SERIES_HELLO;
    } else if (cls.kind === 'sync') {
      kind = KIND_SYNC;
      series = SERIES_SYNC;
    }
    const pos = cls.position ?? (cls.kind === 'sync' && cls.cursor !== undefined ? cls.cursor : NaN);
    const r = this.row(ei, kind, sub, out ? DIR_OUT : DIR_IN, l, pos);
    const lane = this.lanes[l]!;
    const t = Math.max(e.t, lane.frameT.last(-Infinity));
    lane.series[series]!.push(Math.max(t, lane.series[series]!.last(-Infinity)));
    lane.frameT.push(t);
    lane.frameRow.push(r);
  }

  /**
   * The frame row of `lane` nearest to time `t` (ms), within `maxDistMs`; −1 when none.
   */
  nearestFrameRow(lane: number, t: number, maxDistMs: number): number {
    const L = this.lanes[lane];
    if (!L || L.frameT.length === 0) return -1;
    const n = L.frameT.length;
    const i = lowerBound(L.frameT.data, n, t);
    let best = -1;
    let bestD = maxDistMs;
    for (const j of [i - 1, i]) {
      if (j < 0 || j >= n) continue;
      const d = Math.abs(L.frameT.get(j) - t);
      if (d <= bestD) {
        bestD = d;
        best = L.frameRow.get(j);
      }
    }
    return best;
  }
}

/** The first frames of a connection as matcher input (profile detection). */
export function firstFramesOf(events: readonly TraceEvent[], frameIndexes: readonly number[], max = 5): FrameLike[] {
  const out: FrameLike[] = [];
  for (let k = 0; k < frameIndexes.length && out.length < max; k++) {
    const e = events[frameIndexes[k] as number];
    if (!e || (e.type !== 'ws-send' && e.type !== 'ws-message')) continue;
    out.push({ dir: e.type === 'ws-message' ? 'in' : 'out', opcode: e.opcode, data: e.data, encoding: e.encoding, truncated: e.truncated });
  }
  return out;
}
