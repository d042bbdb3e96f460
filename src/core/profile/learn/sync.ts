/**
 * The sync step (docs/design.md#profile-learning, docs/design.md#cursors-and-catch-up): where the
 * client carries the last position back after a reconnect — a query parameter of an HTTP
 * request, a field of its JSON body, an outbound frame, or the reconnecting socket's own URL.
 * Each resume (a connection after the first) is searched from the previous connection's close
 * up to 10 s after the new one is created; a value equal to the last position received before
 * is a hit. An HTTP endpoint whose responses list positions (`responsePositions`) is a catch-up
 * even when it is only seen at start-up. For opaque cursor candidates, the first one sent
 * back makes the position.
 */
import { queryParam } from '../../redact';
import { urlPath } from '../../analysis/url-parts';
import { getPathAll } from '../path';
import type { SyncSpec } from '../types';
import { lastKey, leavesOf } from './leaves';
import { leavesFor, matcherFor, round2 } from './kinds';
import { steadiness } from './heartbeat';
import type { Point, PositionFind } from './position';
import type { LConn, LFrame, LearnedPart } from './types';
import type { LearnInput } from './frames';

const CURSORISH = /^(since|after|cursor|from|offset|seq|sequence(_?number)?|position|pos|last(_?\w+)?|resume(_?\w+)?|watermark|start|min_?seq|lsn|checkpoint|token|continuation|s)$/i;
const WINDOW_AFTER_MS = 10_000;

interface Place {
  key: string;
  seq: number;
  value: string;
  /** What the place is, for the profile. */
  at: { kind: 'url'; param: string } | { kind: 'query'; path: string; param: string } | { kind: 'body'; path: string; field: string } | { kind: 'frame'; frameKind: string; field: string };
}

/** A learned sync step and its part. */
export interface SyncFind {
  spec?: SyncSpec;
  part: LearnedPart;
}

function paramsOf(url: string): Array<[string, string]> {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const out: Array<[string, string]> = [];
  for (const part of url.slice(q + 1).split('#')[0]!.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq);
    const v = queryParam(url, name);
    if (v !== undefined) out.push([name, v]);
  }
  return out;
}

/**
 * Every place a cursor could travel in, in a window of `seq`s, on connection `c`. Outbound frames
 * of a kind in `recurring` (the heartbeat, or a kind sent at a steady interval whatever the
 * reconnects) are no catch-up, even when they carry the position.
 */
function placesIn(c: LConn, http: LearnInput['http'], from: number, to: number, toT: number, isResume: boolean, recurring: ReadonlySet<string>): Place[] {
  const out: Place[] = [];
  if (isResume) for (const [name, v] of paramsOf(c.url)) out.push({ key: `url ${name}`, seq: c.createSeq, value: v, at: { kind: 'url', param: name } });
  for (const x of http) {
    const r = x.req;
    if (r.seq < from || r.seq > to || r.t > toT) continue;
    const path = urlPath(r.url);
    for (const [name, v] of paramsOf(r.url)) out.push({ key: `query ${path} ${name}`, seq: r.seq, value: v, at: { kind: 'query', path, param: name } });
    if (r.body) {
      let j: unknown;
      try {
        j = JSON.parse(r.body);
      } catch {
        j = undefined;
      }
      for (const [field, v] of leavesOf(j)) out.push({ key: `body ${path} ${field}`, seq: r.seq, value: String(v), at: { kind: 'body', path, field } });
    }
  }
  for (const f of c.frames) {
    if (f.dir !== 'out' || f.seq < from || f.seq > to || f.t > toT || recurring.has(f.kind)) continue;
    for (const [field, v] of leavesFor(f)) out.push({ key: `frame ${f.kind} ${field}`, seq: f.seq, value: String(v), at: { kind: 'frame', frameKind: f.kind, field } });
  }
  return out;
}

/** The last point before `seq` (numeric: the highest value; opaque: the latest). */
function lastBefore(points: readonly Point[], seq: number, opaque: boolean): Point | undefined {
  let best: Point | undefined;
  for (const p of points) {
    if (p.seq >= seq) break;
    if (opaque || !best || (p.v as number) > (best.v as number)) best = p;
  }
  return best;
}

interface Tally {
  place: Place;
  strong: number;
  weak: number;
  evidence: number[];
}

/**
 * Finds the sync step for `pos` (numeric) or, among opaque `cands`, the cursor the client
 * sends back (which then becomes the position). Returns the chosen position too. `heartbeat`:
 * the learned heartbeat's kinds; they, and any outbound kind recurring at a steady interval on
 * its connections, are never the sync frame (docs/design.md#profile-learning).
 */
export function learnSync(
  input: LearnInput,
  frames: readonly LFrame[],
  disc: string | undefined,
  pos: PositionFind | undefined,
  cands: readonly PositionFind[],
  heartbeat: ReadonlySet<string> = new Set(),
): { sync: SyncFind; position?: PositionFind } {
  const conns = input.conns;
  const recurring = recurringKinds(frames, heartbeat);
  const tries = pos ? [pos] : cands;
  let chosen: { pos: PositionFind; tallies: Map<string, Tally>; resumes: number } | undefined;
  for (const p of tries) {
    const tallies = new Map<string, Tally>();
    let resumes = 0;
    for (let i = 0; i < conns.length && i < 500; i++) {
      const c = conns[i]!;
      const prev = conns[i - 1];
      const from = prev ? (prev.closeSeq ?? c.createSeq) : 0;
      const to = Math.min(c.closeSeq ?? Infinity, conns[i + 1]?.createSeq ?? Infinity);
      const last = prev ? lastBefore(p.points, from, p.opaque) : undefined;
      if (prev && last) resumes++;
      for (const pl of placesIn(c, input.http, from, to, c.createT + WINDOW_AFTER_MS, prev !== undefined, recurring)) {
        const strong = last !== undefined && pl.value === String(last.v);
        const weak = !p.opaque && !strong && CURSORISH.test(lastKey(pl.at.kind === 'url' || pl.at.kind === 'query' ? pl.at.param : pl.at.field)) && /^\d+$/.test(pl.value);
        if (!strong && !weak) continue;
        let t = tallies.get(pl.key);
        if (!t) tallies.set(pl.key, (t = { place: pl, strong: 0, weak: 0, evidence: [] }));
        if (strong) {
          t.strong++;
          if (t.evidence.length < 6) t.evidence.push(last.seq, pl.seq);
        } else {
          t.weak++;
          if (t.evidence.length < 6) t.evidence.push(pl.seq);
        }
      }
    }
    if (p.opaque && ![...tallies.values()].some((t) => t.strong > 0)) continue;
    chosen = { pos: p, tallies, resumes };
    break;
  }
  if (!chosen) {
    const note = cands.length ? `no data frame carries a rising number, and the client never sends back any of the ${cands.length} string field(s) that change per frame (${cands.slice(0, 3).map((c) => c.path).join(', ')}): random ids, not cursors` : 'no stream position: no sync step to look for';
    return { sync: { part: { part: 'sync', confidence: 0, evidence: [], note } } };
  }
  const p = chosen.pos;
  if (p.opaque) {
    const t = best(chosen.tallies)!;
    p.confidence = round2(Math.min(0.9, 0.6 + 0.1 * t.strong));
    p.evidence = t.evidence.slice();
    p.note = `${p.path} is a string that changes with every data frame (${p.points.length} frames) and the client sends the last one back (${t.strong} time(s)): an opaque cursor`;
  }
  const t = best(chosen.tallies);
  const responses = responsePositionsOf(input, p);
  if (!t || (t.strong === 0 && t.weak < 2 && !(t.weak >= 1 && responses.has(pathOfPlace(t.place))))) {
    const after = requestAfterReconnects(input, chosen.resumes);
    if (after) {
      const spec: SyncSpec = { urlPath: after.path };
      const rp = responses.get(after.path);
      if (rp) spec.responsePositions = rp;
      const note = `a request to ${after.path} follows ${after.hits} of ${chosen.resumes} reconnect(s) and is made nowhere else, but no cursor was seen in it (its body may not have been recorded): taken as the catch-up, cursor unknown`;
      return { sync: { spec, part: { part: 'sync', confidence: 0.55, evidence: after.evidence, note } }, position: p };
    }
    const note = chosen.resumes
      ? `after ${chosen.resumes} reconnect(s) no request, frame or reconnect URL carried the last position back: no sync step seen (a client that skips its catch-up looks like this)`
      : 'no reconnect with a position before it: no sync step seen';
    return { sync: { part: { part: 'sync', confidence: 0, evidence: [], note } }, position: p };
  }
  const spec: SyncSpec = {};
  const at = t.place.at;
  let what: string;
  if (at.kind === 'url') {
    spec.resumeParam = at.param;
    what = `the reconnecting socket's URL carries it as ?${at.param}=`;
  } else if (at.kind === 'query' || at.kind === 'body') {
    spec.urlPath = at.path;
    if (at.kind === 'query') spec.param = at.param;
    else spec.bodyPath = at.field;
    const rp = responses.get(at.path);
    if (rp) spec.responsePositions = rp;
    what = at.kind === 'query' ? `HTTP ${at.path}?${at.param}=` : `HTTP ${at.path} with ${at.field} in its JSON body`;
    if (rp) what += `, whose responses list positions at ${rp}`;
  } else {
    const m = matcherFor(frames, at.frameKind, disc);
    if (!m) return { sync: { part: { part: 'sync', confidence: 0.3, evidence: t.evidence, note: `an outbound frame carries the last position at ${at.field}, but no matcher tells that frame apart` } }, position: p };
    spec.frame = m;
    spec.cursorPath = at.field;
    what = `an outbound frame carries it at ${at.field}`;
  }
  const resumes = Math.max(1, chosen.resumes);
  const confidence = t.strong > 0 ? Math.min(0.95, 0.6 + 0.3 * Math.min(1, t.strong / resumes)) : 0.5;
  const note = t.strong > 0 ? `${what} (equal to the last position received in ${t.strong} of ${chosen.resumes} resume(s))` : `${what} (seen ${t.weak} time(s) with a number, never equal to the last position received before a reconnect: the parameter name and the responses suggest a catch-up)`;
  return { sync: { spec, part: { part: 'sync', confidence: round2(confidence), evidence: t.evidence, note } }, position: p };
}

/**
 * An HTTP path requested right after reconnects (from the previous close up to 10 s after the
 * new connection was created) and never at other times except before the first connection's
 * data: a catch-up whose cursor was not recorded (a POST body the capture did not keep).
 */
function requestAfterReconnects(input: LearnInput, resumes: number): { path: string; hits: number; evidence: number[] } | undefined {
  if (resumes === 0) return undefined;
  const conns = input.conns;
  const inWindow = new Map<string, { hits: number; evidence: number[] }>();
  const elsewhere = new Set<string>();
  const firstData = conns[0]?.frames.find((f) => f.dir === 'in')?.seq ?? Infinity;
  for (const x of input.http) {
    const r = x.req;
    const path = urlPath(r.url);
    let hit = -1;
    for (let i = 1; i < conns.length; i++) {
      const c = conns[i]!;
      const from = conns[i - 1]!.closeSeq ?? c.createSeq;
      const to = Math.min(c.closeSeq ?? Infinity, conns[i + 1]?.createSeq ?? Infinity);
      if (r.seq >= from && r.seq <= to && r.t <= c.createT + WINDOW_AFTER_MS) hit = i;
    }
    if (hit < 0) {
      if (r.seq > firstData) elsewhere.add(path);
      continue;
    }
    const e = inWindow.get(path) ?? { hits: 0, evidence: [] };
    e.hits++;
    if (e.evidence.length < 6) e.evidence.push(r.seq);
    inWindow.set(path, e);
  }
  let best: { path: string; hits: number; evidence: number[] } | undefined;
  for (const [path, e] of inWindow) {
    if (elsewhere.has(path)) continue;
    if (!best || e.hits > best.hits || (e.hits === best.hits && path < best.path)) best = { path, ...e };
  }
  return best;
}

function pathOfPlace(pl: Place): string {
  return pl.at.kind === 'query' || pl.at.kind === 'body' ? pl.at.path : '';
}

/**
 * The place that carried the last position back most often; a place that never did (only a
 * cursor-like name with a number: weak) wins only when no place ever did.
 */
function best(tallies: Map<string, Tally>): Tally | undefined {
  let b: Tally | undefined;
  for (const t of tallies.values()) {
    if (!b || t.strong > b.strong || (t.strong === b.strong && (t.weak > b.weak || (t.weak === b.weak && t.place.key < b.place.key)))) b = t;
  }
  return b;
}

/** The `heartbeat` kinds plus every outbound kind recurring at a steady interval (heartbeat.ts `steadiness`). */
function recurringKinds(frames: readonly LFrame[], heartbeat: ReadonlySet<string>): Set<string> {
  const out = new Set(heartbeat);
  const byKind = new Map<string, LFrame[]>();
  for (const f of frames) {
    if (f.dir !== 'out' || out.has(f.kind)) continue;
    const l = byKind.get(f.kind);
    if (l) l.push(f);
    else byKind.set(f.kind, [f]);
  }
  for (const [kind, list] of byKind) if (steadiness(list)) out.add(kind);
  return out;
}

/** Per HTTP path, the `[]` path in its JSON responses whose last key is the position's (e.g. `messages[].seq`). */
function responsePositionsOf(input: LearnInput, pos: PositionFind): Map<string, string> {
  const key = lastKey(pos.path);
  const out = new Map<string, string>();
  for (const x of input.http) {
    const body = x.res?.body;
    if (!body || out.has(urlPath(x.req.url))) continue;
    let j: unknown;
    try {
      j = JSON.parse(body);
    } catch {
      continue;
    }
    const found = arrayPath(j, key, '', 0);
    if (found !== undefined && getPathAll(j, found).length > 0) out.set(urlPath(x.req.url), found);
  }
  return out;
}

function arrayPath(v: unknown, key: string, path: string, depth: number): string | undefined {
  if (depth > 4 || v === null || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) {
    for (const item of v.slice(0, 3)) {
      const inner = itemPath(item, key, depth + 1);
      if (inner !== undefined) return `${path}[]${inner}`;
    }
    return undefined;
  }
  for (const k of Object.keys(v)) {
    if (!/^[^.[\]]+$/.test(k)) continue;
    const r = arrayPath((v as Record<string, unknown>)[k], key, path === '' ? k : `${path}.${k}`, depth + 1);
    if (r !== undefined) return r;
  }
  return undefined;
}

function itemPath(item: unknown, key: string, depth: number): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item) || depth > 5) return undefined;
  const o = item as Record<string, unknown>;
  if (typeof o[key] === 'number' || (typeof o[key] === 'string' && /^\d+$/.test(o[key] as string))) return `.${key}`;
  for (const k of Object.keys(o)) {
    if (!/^[^.[\]]+$/.test(k)) continue;
    const r = itemPath(o[k], key, depth + 1);
    if (r !== undefined) return `.${k}${r}`;
  }
  return undefined;
}
