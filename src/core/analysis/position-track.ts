/**
 * The stream-position track (docs/design.md#positions-and-resumes "Last position"): one point per inbound data frame
 * carrying a position (`frame`), per hello carrying the server head (`hello`, shown, never
 * counted as processed) and per successful sync response listing positions (`sync`: its
 * highest position).
 *
 * Stored in columns (typed arrays grown by doubling), not as one object per point: a
 * 1,000,000-event trace has ~800,000 points, and per-point objects would cost tens of MB and
 * old-generation GC work. Columns are also what a chart wants. Read with `at(i)`, iterate with
 * `for…of`, or use the columns directly (valid up to `length`).
 */
import type { ConnId, ReqId } from '../events';
import type { PositionPoint } from './types';

const SOURCES: readonly PositionPoint['source'][] = ['frame', 'sync', 'hello'];

/** Code of a point source in {@link PositionTrack.source}: 0 frame, 1 sync, 2 hello. */
export const POSITION_SOURCE_CODE: Readonly<Record<PositionPoint['source'], number>> = { frame: 0, sync: 1, hello: 2 };

/** Columnar list of {@link PositionPoint}s in `seq` order. */
export class PositionTrack implements Iterable<PositionPoint> {
  /** Number of points. */
  length = 0;
  /** ms since the Unix epoch, per point. */
  t: Float64Array;
  /** Event `seq`, per point. */
  seq: Float64Array;
  position: Float64Array;
  /** 0 frame, 1 sync, 2 hello ({@link POSITION_SOURCE_CODE}). */
  source: Uint8Array;
  /** The connection (frame, hello) or request (sync) of each point. */
  owner: (ConnId | ReqId)[] = [];

  constructor(capacity = 1024) {
    this.t = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.position = new Float64Array(capacity);
    this.source = new Uint8Array(capacity);
  }

  /** Appends a point; `source` 0 frame, 1 sync, 2 hello; `owner` conn id (frame/hello) or req id (sync). */
  push(seq: number, t: number, position: number, source: number, owner: ConnId | ReqId): void {
    const n = this.length;
    if (n === this.t.length) this.grow();
    this.t[n] = t;
    this.seq[n] = seq;
    this.position[n] = position;
    this.source[n] = source;
    this.owner.push(owner);
    this.length = n + 1;
  }

  /** The point at index `i` as an object, or undefined out of range. */
  at(i: number): PositionPoint | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const source = SOURCES[this.source[i] as number] ?? 'frame';
    const p: PositionPoint = { seq: this.seq[i] as number, t: this.t[i] as number, position: this.position[i] as number, source };
    if (source === 'sync') p.req = this.owner[i] as ReqId;
    else p.conn = this.owner[i] as ConnId;
    return p;
  }

  /** All points as objects (allocates one object per point). */
  toArray(): PositionPoint[] {
    const out: PositionPoint[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i) as PositionPoint;
    return out;
  }

  /** Points of one source, as objects. */
  filter(source: PositionPoint['source']): PositionPoint[] {
    const code = POSITION_SOURCE_CODE[source];
    const out: PositionPoint[] = [];
    for (let i = 0; i < this.length; i++) if (this.source[i] === code) out.push(this.at(i) as PositionPoint);
    return out;
  }

  *[Symbol.iterator](): Iterator<PositionPoint> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as PositionPoint;
  }

  /** JSON form: the array of points. */
  toJSON(): PositionPoint[] {
    return this.toArray();
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const t = new Float64Array(cap);
    t.set(this.t);
    this.t = t;
    const seq = new Float64Array(cap);
    seq.set(this.seq);
    this.seq = seq;
    const pos = new Float64Array(cap);
    pos.set(this.position);
    this.position = pos;
    const src = new Uint8Array(cap);
    src.set(this.source);
    this.source = src;
  }
}
