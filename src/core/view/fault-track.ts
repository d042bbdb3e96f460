/**
 * Which injected faults are still in force, derived from the recorded events alone
 * (docs/design.md#fault-events-and-flags), so a reloaded panel or a loaded trace shows the same
 * banner as the panel that sent the command. It mirrors the hook's rules
 * (docs/design.md#fault-commands):
 *
 * - `freeze` {conn, ms?} lasts until a `thaw` of that connection, `ms` after it applied, the
 *   page's own `close()` (`ws-close-call`), a `drop`/`close` fault, or the socket's `close`;
 * - `skip` {conn, count} lasts until `count` inbound frames of that connection were kept from
 *   the page outside a freeze (`ws-message` with `faulted`), a `thaw` of it without `ms` (a
 *   thaw with `ms` is a timed freeze running out, and ends the freeze only), or its end;
 * - `refuse` {endpoint, ms} lasts `ms`, or until a `thaw` {endpoint};
 * - `fail-sync` {count} lasts until `count` made-up sync answers (`http-response` /
 *   `http-error` with `synthetic`), a later `fail-sync` (which replaces it), or a `thaw` whose
 *   endpoint is no ws:// URL (the sync endpoint);
 * - a `page-navigation` ends every fault (the new document has a new hook).
 *
 * It also remembers why each `faulted` frame was kept (freeze, skip, or after a drop/close),
 * for the frames table and the detail pane. Incremental: {@link FaultTrack.advance} reads only
 * the events appended since its last call.
 */
import type { ConnId, FaultEvent, TraceEvent } from '../events';

/** A fault still in force. `untilT`: when a timed one ends (ms since the epoch); `left`: frames or requests still to hit. */
export interface ActiveFault {
  fault: FaultEvent;
  kind: 'freeze' | 'skip' | 'refuse' | 'fail-sync';
  conn?: ConnId;
  endpoint?: string;
  untilT?: number;
  left?: number;
}

/** Why a frame was kept from the page: by a freeze, by a skip, or because a drop/close already ended the socket for the page. */
export type KeptBy = 'freeze' | 'skip' | 'close';

const isWsUrl = (s: string): boolean => /^wss?:\/\//i.test(s);

/** Fault events of a capture and the faults in force (see the module comment). */
export class FaultTrack {
  /** Every `fault` event seen, in order. */
  readonly faults: FaultEvent[] = [];
  /** Every frame a fault kept from its destination (`faulted`), in order, with why. */
  readonly keptFrames: { seq: number; t: number; conn: ConnId; dir: 'in' | 'out'; by: KeptBy | undefined }[] = [];
  private src: readonly TraceEvent[] | undefined;
  private seen = 0;
  private readonly freezes = new Map<ConnId, FaultEvent>();
  private readonly skips = new Map<ConnId, { f: FaultEvent; left: number }>();
  private readonly closing = new Set<ConnId>();
  private refusals: FaultEvent[] = [];
  private failSync: { f: FaultEvent; left: number } | undefined;
  private readonly kept = new Map<number, KeptBy>();

  /** Reads the events appended since the last call; a different or shorter array starts over. */
  advance(events: readonly TraceEvent[]): void {
    if (events !== this.src || events.length < this.seen) this.reset(events);
    for (; this.seen < events.length; this.seen++) this.apply(events[this.seen]!);
  }

  /** Why the `faulted` frame with this `seq` was kept from the page, if known. */
  keptBy(seq: number): KeptBy | undefined {
    return this.kept.get(seq);
  }

  /** The faults in force at `now` (ms since the epoch): timed ones whose time ran out are left out. */
  active(now: number): ActiveFault[] {
    const out: ActiveFault[] = [];
    for (const [conn, f] of this.freezes) {
      const untilT = f.ms !== undefined ? f.t + f.ms : undefined;
      if (untilT !== undefined && untilT <= now) continue;
      out.push({ fault: f, kind: 'freeze', conn, ...(untilT !== undefined ? { untilT } : {}) });
    }
    for (const [conn, s] of this.skips) out.push({ fault: s.f, kind: 'skip', conn, left: s.left });
    for (const f of this.refusals) {
      const untilT = f.t + (f.ms ?? 0);
      if (untilT > now) out.push({ fault: f, kind: 'refuse', endpoint: f.endpoint ?? '', untilT });
    }
    if (this.failSync) out.push({ fault: this.failSync.f, kind: 'fail-sync', left: this.failSync.left });
    return out;
  }

  private reset(events: readonly TraceEvent[]): void {
    this.src = events;
    this.seen = 0;
    this.faults.length = 0;
    this.keptFrames.length = 0;
    this.freezes.clear();
    this.skips.clear();
    this.closing.clear();
    this.refusals = [];
    this.failSync = undefined;
    this.kept.clear();
  }

  private endConn(conn: ConnId): void {
    this.freezes.delete(conn);
    this.skips.delete(conn);
  }

  private apply(e: TraceEvent): void {
    switch (e.type) {
      case 'fault':
        this.faults.push(e);
        this.onFault(e);
        return;
      case 'ws-message':
        if (e.faulted) {
          this.onKept(e.conn, e.seq);
          this.keptFrames.push({ seq: e.seq, t: e.t, conn: e.conn, dir: 'in', by: this.kept.get(e.seq) });
        }
        return;
      case 'ws-send':
        if (e.faulted) {
          this.kept.set(e.seq, 'freeze');
          this.keptFrames.push({ seq: e.seq, t: e.t, conn: e.conn, dir: 'out', by: 'freeze' });
        }
        return;
      case 'ws-close-call':
        if (this.freezes.has(e.conn)) this.endConn(e.conn);
        return;
      case 'ws-close':
        this.endConn(e.conn);
        this.closing.delete(e.conn);
        return;
      case 'http-response':
      case 'http-error':
        if (e.synthetic && this.failSync && --this.failSync.left <= 0) this.failSync = undefined;
        return;
      case 'page-navigation':
        this.freezes.clear();
        this.skips.clear();
        this.refusals = [];
        this.failSync = undefined;
        return;
      default:
        return;
    }
  }

  private onKept(conn: ConnId, seq: number): void {
    if (this.closing.has(conn)) return void this.kept.set(seq, 'close');
    if (this.freezes.has(conn)) return void this.kept.set(seq, 'freeze');
    const s = this.skips.get(conn);
    if (s) {
      this.kept.set(seq, 'skip');
      if (--s.left <= 0) this.skips.delete(conn);
    }
  }

  private onFault(f: FaultEvent): void {
    const conn = f.conn;
    switch (f.kind) {
      case 'freeze':
        if (conn !== undefined) this.freezes.set(conn, f);
        return;
      case 'skip':
        if (conn !== undefined) {
          const s = this.skips.get(conn);
          this.skips.set(conn, { f, left: (s?.left ?? 0) + (f.count ?? 1) });
        }
        return;
      case 'drop':
      case 'close':
        if (conn !== undefined) {
          this.endConn(conn);
          this.closing.add(conn);
        }
        return;
      case 'thaw':
        // A thaw with `ms` is a timed freeze running out: it ends the freeze only.
        if (conn !== undefined) {
          if (f.ms !== undefined) this.freezes.delete(conn);
          else this.endConn(conn);
        }
        if (f.endpoint !== undefined) {
          if (isWsUrl(f.endpoint)) this.refusals = this.refusals.filter((r) => r.endpoint !== f.endpoint);
          else this.failSync = undefined;
        }
        return;
      case 'refuse':
        if (conn === undefined) this.refusals.push(f);
        return;
      case 'fail-sync':
        this.failSync = { f, left: f.count ?? 1 };
        return;
    }
  }
}
