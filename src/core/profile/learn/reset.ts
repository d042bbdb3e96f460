/**
 * A new position sequence (docs/design.md#profile-learning "Position reset"): when positions
 * start again low on some connections (a page that reloaded and was welcomed afresh) while
 * they carry on across the others (reconnects that resume), the inbound frame that starts those
 * connections and no other becomes `position.resetWhen`. The analysis then reads the
 * connection as a fresh start instead of a resume that skipped its catch-up. Never proposed when
 * the frame also starts connections whose positions carry on: there a skipped catch-up is a
 * real `sync-skipped`.
 */
import type { ConnId } from '../../events';
import { compileMatcher } from '../match';
import { FrameView } from '../frame-view';
import { getPath } from '../path';
import type { FrameMatcher } from '../types';
import { leavesFor, matcherFor, round2, shown } from './kinds';
import type { LConn, LFrame } from './types';

/** Inbound frames before a connection's first position that are looked at. */
const START_FRAMES = 10;
/** Fields of the starting frame tried to tell a new sequence from a resumed one. */
const MAX_FIELDS = 24;
const GREETING = /hello|welcome|connected|ready|init|session|start|fresh|reset|snapshot/i;

/**
 * The positions of one connection, in order, and how they relate to the previous connection's
 * (position.ts decides: `restart` when its first value is at or below the previous connection's
 * first, `carry` when it is above the previous connection's last).
 */
export interface ConnRun {
  conn: ConnId;
  values: number[];
  /** `seq` of the connection's first positioned frame. */
  firstSeq: number;
  restart: boolean;
  carry: boolean;
  /** The previous connection's last value (for the note), when there was one. */
  prevLast?: number;
}

/** What the learner found: `match` when a frame tells the restarting connections apart. */
export interface ResetFind {
  match?: FrameMatcher;
  /** Restarting connections the match explains (all of them, or 0). */
  explained: number;
  confidence: number;
  /** `seq`s: the starting frames and the first (low) positions after them. */
  evidence: number[];
  note: string;
}

/**
 * Looks for the inbound frame kind that starts every connection of `runs` whose positions start
 * again low and never appears where positions carry on, refined by one field value when the
 * kind starts both (`{"type":"welcome","resumed":false}`: the value must also be the one the
 * capture's first connection started with). `frames` are all sampled frames (with
 * kinds), `disc` the discriminator path. Pure and bounded: a few kinds, each checked once
 * against the sampled inbound frames.
 */
export function learnReset(conns: readonly LConn[], frames: readonly LFrame[], disc: string | undefined, runs: readonly ConnRun[]): ResetFind {
  const restarting = runs.filter((r) => r.restart);
  const carrying = runs.filter((r) => r.carry);
  if (restarting.length === 0) return { explained: 0, confidence: 0, evidence: [], note: 'positions never start again on a new connection' };
  const byId = new Map<ConnId, LConn>();
  for (const c of conns) byId.set(c.id, c);
  const runOf = new Map<ConnId, ConnRun>();
  for (const r of runs) runOf.set(r.conn, r);
  const firstRun = runs[0];
  const starts = (r: ConnRun): LFrame[] => startFrames(byId.get(r.conn), r.firstSeq);

  // Kinds present at the start of every restarting connection, greeting-like names first.
  let kinds: Set<string> | undefined;
  for (const r of restarting) {
    const ks = new Set(starts(r).map((f) => f.kind));
    kinds = kinds ? new Set([...kinds].filter((k) => ks.has(k))) : ks;
  }
  const ordered = [...(kinds ?? [])].sort((a, b) => Number(GREETING.test(b)) - Number(GREETING.test(a)) || (a < b ? -1 : a > b ? 1 : 0));
  const lows = restarting.map((r) => `${String(r.values[0])}${r.prevLast === undefined ? '' : ` after ${String(r.prevLast)}`}`);
  const what = `${restarting.length} connection(s) start their positions again (${lows.slice(0, 3).join(', ')})`;
  if (ordered.length === 0) return { explained: 0, confidence: 0, evidence: restarting.slice(0, 3).map((r) => r.firstSeq), note: `${what}, but no inbound frame starts each of them` };

  const inbound: LFrame[] = [];
  for (const c of conns) for (const f of c.frames) if (f.dir === 'in' && !f.binary) inbound.push(f);
  // A frame may start a new sequence only before the first position of a restarting connection (or the first one).
  const allowed = (f: LFrame): boolean => {
    const r = runOf.get(f.conn);
    return r === undefined || (f.seq < r.firstSeq && (r.restart || r === firstRun));
  };
  let refused = '';
  for (const kind of ordered) {
    const startsOfKind = connsStartingWith(conns, kind, runOf);
    if (startsOfKind < 2) continue; // a frame kind of connection starts, not a one-off
    const base = matcherFor(frames, kind, disc);
    if (!base) continue;
    const good = restarting.map((r) => starts(r).find((f) => f.kind === kind)!);
    let match: FrameMatcher | undefined = base;
    let field = '';
    let conflicts = matchedOutside(base, inbound, allowed);
    if (conflicts.length > 0) {
      match = undefined;
      // A field that marks a new sequence holds the same value where the capture's first
      // connection started one too: a per-connection id (a session named afresh) never does.
      const fresh = firstRun ? starts(firstRun).find((f) => f.kind === kind) : undefined;
      for (const [p, v] of leavesFor(good[0]!).slice(0, MAX_FIELDS)) {
        if (p === disc || fresh === undefined || getPath(fresh.json, p) !== v) continue;
        if (!good.every((f) => getPath(f.json, p) === v) || conflicts.some((f) => getPath(f.json, p) === v)) continue;
        const refined: FrameMatcher = { ...base, json: { ...(base.json ?? {}), [p]: v } };
        if (matchedOutside(refined, inbound, allowed).length === 0) {
          match = refined;
          field = `${p} = ${JSON.stringify(v)}`;
          break;
        }
      }
      if (!match) {
        refused ||= `${shown(good[0]!)} starts them, but also connections whose positions carry on, and no field of it tells the two apart: no reset (a skipped catch-up there stays sync-skipped)`;
        continue;
      }
      conflicts = [];
    }
    const evidence = [...good.slice(0, 3).map((f) => f.seq), ...restarting.slice(0, 3).map((r) => r.firstSeq)].sort((a, b) => a - b);
    const contrast = carrying.length === 0 ? 'no connection whose positions carry on to compare with' : field ? `with ${field}, which the ${carrying.length} connection(s) whose positions carry on do not have` : `never sent on the ${carrying.length} connection(s) whose positions carry on`;
    const confidence = carrying.length === 0 ? 0.4 : Math.min(0.9, 0.6 + 0.1 * Math.min(restarting.length - 1, 2) + (carrying.length >= 2 ? 0.1 : 0));
    return {
      match,
      explained: restarting.length,
      confidence: round2(confidence),
      evidence,
      note: `${what} after ${shown(good[0]!)}; ${contrast}: it starts a new sequence`,
    };
  }
  return { explained: 0, confidence: 0, evidence: restarting.slice(0, 3).map((r) => r.firstSeq), note: `${what}; ${refused || 'no recurring inbound frame starts each of them'}` };
}

/** Inbound text frames of `c` before `firstSeq`, at most {@link START_FRAMES}. */
function startFrames(c: LConn | undefined, firstSeq: number): LFrame[] {
  const out: LFrame[] = [];
  if (!c) return out;
  for (const f of c.frames) {
    if (f.seq >= firstSeq || out.length >= START_FRAMES) break;
    if (f.dir === 'in' && !f.binary) out.push(f);
  }
  return out;
}

/** Connections among whose starting frames (before their first position, or all when none) a frame of `kind` is. */
function connsStartingWith(conns: readonly LConn[], kind: string, runOf: ReadonlyMap<ConnId, ConnRun>): number {
  let n = 0;
  for (const c of conns) if (startFrames(c, runOf.get(c.id)?.firstSeq ?? Infinity).some((f) => f.kind === kind)) n++;
  return n;
}

/** Inbound frames `m` matches where a new sequence may not start. */
function matchedOutside(m: FrameMatcher, inbound: readonly LFrame[], allowed: (f: LFrame) => boolean): LFrame[] {
  const cm = compileMatcher(m);
  const out: LFrame[] = [];
  for (const f of inbound) if (!allowed(f) && cm.test(new FrameView(f.dir, false, f.text, false))) out.push(f);
  return out;
}
