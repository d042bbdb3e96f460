/**
 * The stream position (docs/design.md#profile-learning): a numeric path, however nested, whose
 * value rises across a connection's data frames and carries on across reconnects — or, failing
 * that, candidates for an opaque cursor string (mostly unique per frame), which count only
 * once the client is seen sending one back (sync.ts). Rejected with a reason, and named in the
 * note: millisecond (or second) timestamps, per-connection counters that restart, and values
 * that do not rise (random ids). Restarts that a frame starting a new sequence explains (a
 * reloaded page welcomed afresh, reset.ts) do not make a per-connection counter.
 */
import { lastKey, pathDepth } from './leaves';
import { leavesFor, round2 } from './kinds';
import type { LConn, LFrame, LearnedPart } from './types';
import { learnReset, type ConnRun, type ResetFind } from './reset';

const NAMES = /^(seq|seqno|seq_?num|sequence(_?number)?|s|pos|position|stream_?position|offset|cursor|watermark|lsn|version|rev|revision|serial|idx|index|sn|event_?id|id|msg_?id|message_?id)$/i;
const DAY_MS = 86_400_000;

/** A value of the position (or cursor candidate) in one inbound data frame. */
export interface Point {
  seq: number;
  t: number;
  conn: LConn['id'];
  v: number | string;
  kind: string;
}

/** The learned position, numeric or an opaque candidate set. */
export interface PositionFind {
  path: string;
  prefix: string;
  opaque: boolean;
  /** Points in `seq` order. */
  points: Point[];
  contiguous?: boolean;
  confidence: number;
  evidence: number[];
  note: string;
  contiguousNote?: string;
  contiguousEvidence?: number[];
  /** Numeric only, when positions start again on some connection: the frame that starts a new sequence, if one does (reset.ts). */
  reset?: ResetFind;
}

interface Stat {
  path: string;
  prefix: string;
  points: Point[];
  strings: number;
  nonInt: number;
}

/**
 * Numeric position (best accepted candidate) and opaque cursor candidates from inbound data
 * frames (JSON, kinds not in `exclude`). `rejected` lists one note per candidate turned down.
 */
export function findPosition(
  conns: readonly LConn[],
  exclude: ReadonlySet<string>,
  frames: readonly LFrame[] = [],
  disc?: string,
): { numeric?: PositionFind; opaque: PositionFind[]; rejected: string[]; dataFrames: number } {
  const nums = new Map<string, Stat>();
  const strs = new Map<string, Stat>();
  let dataFrames = 0;
  for (const c of conns) {
    for (const f of c.frames) {
      if (f.dir !== 'in' || f.json === undefined || exclude.has(f.kind)) continue;
      dataFrames++;
      for (const [p, v] of leavesFor(f)) add(f, p, v, nums, strs);
    }
  }
  const rejected: string[] = [];
  let best: { s: Stat; score: number; carries: number; named: boolean; reset?: ResetFind } | undefined;
  for (const s of nums.values()) {
    const n = s.points.length;
    if (n < 3 || s.nonInt > 0 || s.strings > n / 2) continue;
    let ts = 0;
    for (const p of s.points) {
      const x = p.v as number;
      if (Math.abs(x - p.t) < DAY_MS || Math.abs(x * 1000 - p.t) < DAY_MS || Math.abs(x / 1000 - p.t) < DAY_MS) ts++;
    }
    if (ts >= n / 2) {
      rejected.push(`${s.path} looks like a timestamp (within a day of the frame times), not a position`);
      continue;
    }
    const runs = perConn(s.points);
    let pairs = 0;
    let rises = 0;
    let carries = 0;
    let restarts = 0;
    const distinct = new Set<number>();
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i]!;
      const l = run.values;
      for (let j = 0; j < l.length; j++) {
        distinct.add(l[j]!);
        if (j > 0) {
          pairs++;
          if (l[j]! > l[j - 1]!) rises++;
        }
      }
      const a = runs[i - 1]?.values;
      if (a) run.prevLast = a[a.length - 1]!;
      if (a && a.length > 1 && a[a.length - 1]! > a[0]!) {
        // The first value of a later connection against the previous connection's values.
        if (l[0]! <= a[0]!) run.restart = true;
        else run.carry = true;
      } else if (a && l[0]! > a[a.length - 1]!) run.carry = true;
      if (run.restart) restarts++;
      if (run.carry) carries++;
    }
    if (pairs < 2) continue;
    const rise = rises / pairs;
    if (rise < 0.9) {
      if (distinct.size / n > 0.9) rejected.push(`${s.path} takes ${distinct.size} different values that do not rise (${Math.round(rise * 100)} % of steps up): random ids, not a position`);
      continue;
    }
    // Restarts that a frame starting a new sequence explains (a reloaded page welcomed afresh) are no per-connection counter.
    const reset = restarts > 0 && carries > 0 ? learnReset(conns, frames, disc, runs) : undefined;
    if (restarts > 0 && restarts - (reset?.explained ?? 0) >= carries) {
      rejected.push(`${s.path} restarts at ${String(firstValueOfLastConn(s.points))} on each new connection: a per-connection counter, not a stream position`);
      continue;
    }
    const named = NAMES.test(lastKey(s.path));
    const score = (n * rise * (named ? 2 : 1) * (carries > 0 ? 1.5 : 1)) / Math.sqrt(pathDepth(s.path));
    if (!best || score > best.score) best = reset ? { s, score, carries, named, reset } : { s, score, carries, named };
  }
  const opaque: PositionFind[] = [];
  for (const s of strs.values()) {
    const n = s.points.length;
    if (n < 3) continue;
    const uniq = new Set(s.points.map((p) => p.v)).size;
    if (uniq / n < 0.9 || s.points.some((p) => String(p.v).length < 4)) continue;
    opaque.push({ path: s.path, prefix: s.prefix, opaque: true, points: s.points, confidence: 0, evidence: s.points.slice(0, 3).map((p) => p.seq), note: '' });
  }
  if (!best) return { opaque, rejected, dataFrames };
  const s = best.s;
  const conf = Math.min(0.95, 0.6 + (best.carries > 0 ? 0.2 : 0) + (best.named ? 0.1 : 0) + (s.points.length >= 20 ? 0.05 : 0));
  const connsWith = new Set(s.points.map((p) => p.conn)).size;
  const firstConn = s.points.filter((p) => p.conn === s.points[0]!.conn);
  const evidence = firstConn.slice(0, 3).map((p) => p.seq);
  const later = s.points.find((p) => p.conn !== s.points[0]!.conn);
  if (later) evidence.push(later.seq);
  const lastV = s.points[s.points.length - 1]!.v;
  let note = `${s.path} rises through ${s.points.length} data frames on ${connsWith} connection(s), from ${String(s.points[0]!.v)} to ${String(lastV)}`;
  note += best.carries > 0 ? `, and carries on across ${best.carries} reconnect(s)` : connsWith < 2 ? '; one connection only: carry-over across reconnects not seen' : '';
  const numeric: PositionFind = { path: s.path, prefix: s.prefix, opaque: false, points: s.points, confidence: round2(conf), evidence, note };
  contiguity(numeric);
  if (best.reset) numeric.reset = best.reset;
  return { numeric, opaque, rejected, dataFrames };
}

/** Values per connection, connections in order of their first point (restart/carry set by the caller). */
function perConn(points: readonly Point[]): ConnRun[] {
  const m = new Map<Point['conn'], ConnRun>();
  for (const p of points) {
    const r = m.get(p.conn);
    if (r) r.values.push(p.v as number);
    else m.set(p.conn, { conn: p.conn, values: [p.v as number], firstSeq: p.seq, restart: false, carry: false });
  }
  return [...m.values()];
}

function firstValueOfLastConn(points: readonly Point[]): number | string {
  let i = points.length - 1;
  const conn = points[i]!.conn;
  while (i > 0 && points[i - 1]!.conn === conn) i--;
  return points[i]!.v;
}

function add(f: LFrame, p: string, v: string | number | boolean, nums: Map<string, Stat>, strs: Map<string, Stat>): void {
  if (typeof v === 'boolean') return;
  const numeric = typeof v === 'number' ? v : /^-?\d{1,15}$/.test(v) ? Number(v) : undefined;
  const key = f.prefix + '|' + p;
  if (numeric !== undefined) {
    let s = nums.get(key);
    if (!s) nums.set(key, (s = { path: p, prefix: f.prefix, points: [], strings: 0, nonInt: 0 }));
    s.points.push({ seq: f.seq, t: f.t, conn: f.conn, v: numeric, kind: f.kind });
    if (typeof v === 'string') s.strings++;
    if (!Number.isInteger(numeric)) s.nonInt++;
  } else if (typeof v === 'string') {
    let s = strs.get(key);
    if (!s) strs.set(key, (s = { path: p, prefix: f.prefix, points: [], strings: 0, nonInt: 0 }));
    s.points.push({ seq: f.seq, t: f.t, conn: f.conn, v, kind: f.kind });
  }
}

/** Contiguous when ≥ 95 % of steps within a connection are +1 (needs 3 steps). */
function contiguity(pos: PositionFind): void {
  let pairs = 0;
  let ones = 0;
  const jumps: number[] = [];
  for (let i = 1; i < pos.points.length; i++) {
    const a = pos.points[i - 1]!;
    const b = pos.points[i]!;
    if (a.conn !== b.conn) continue;
    pairs++;
    if ((b.v as number) - (a.v as number) === 1) ones++;
    else if (jumps.length < 5) jumps.push(b.seq);
  }
  if (pairs < 3) {
    pos.contiguousNote = `only ${pairs} step(s) within a connection: cannot tell whether positions are contiguous`;
    pos.contiguousEvidence = [];
    return;
  }
  const share = ones / pairs;
  pos.contiguous = share >= 0.95;
  pos.contiguousEvidence = pos.contiguous ? pos.points.slice(0, 3).map((p) => p.seq) : jumps;
  pos.contiguousNote = pos.contiguous
    ? `${ones} of ${pairs} steps within a connection are +1` + (ones < pairs ? ` (${pairs - ones} jump(s): possible gaps)` : '')
    : `only ${Math.round(share * 100)} % of ${pairs} steps are +1: positions are not contiguous (gaps are normal)`;
}
