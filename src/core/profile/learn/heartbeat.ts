/**
 * The heartbeat (docs/design.md#profile-learning): a small frame of one kind recurring at a
 * steady interval on each connection, and the kind of frame that answers it from the other
 * side within a short time. The side whose frame comes first in each pair pings.
 */
import type { HeartbeatSpec } from '../types';
import { leavesFor, matcherFor, round2, shown } from './kinds';
import type { LConn, LFrame, LearnedPart } from './types';

const WORDS = new Set(['ping', 'pong', 'hb', 'heartbeat', 'heart', 'beat', 'keepalive', 'keep', 'alive', 'ka', 'noop', 'idle', 'h', 'pingreq', 'pingresp']);

/** A heartbeat-like name: a word of the value is ping, pong, hb, heartbeat, keepalive …, or Engine.IO's "2" / "3". */
function named(value: string): boolean {
  const v = value.replace(/^"|"$/g, '');
  if (v === '2' || v === '3') return true;
  return v.toLowerCase().split(/[^a-z]+/).some((w) => WORDS.has(w));
}

interface Cand {
  kind: string;
  frames: LFrame[];
  intervalMs: number;
  /** Lower quartile of the gaps (ms): late timer ticks only lengthen gaps. */
  lowMs: number;
  intervals: number;
  steady: number;
  reply?: { kind: string; coverage: number; latencyMs: number; first: LFrame };
}

/** The learned heartbeat, its ping and pong kinds, and its part. `exclude`: kinds already taken (hello). */
export function learnHeartbeat(
  conns: readonly LConn[],
  frames: readonly LFrame[],
  disc: string | undefined,
  exclude: ReadonlySet<string>,
): { spec?: HeartbeatSpec; kinds: Set<string>; part: LearnedPart } {
  const cands: Cand[] = [];
  const byKind = new Map<string, LFrame[]>();
  for (const f of frames) {
    if (f.binary || exclude.has(f.kind) || f.kind.endsWith(' text')) continue;
    const l = byKind.get(f.kind);
    if (l) l.push(f);
    else byKind.set(f.kind, [f]);
  }
  for (const [kind, list] of byKind) {
    if (list.length < 4 || leavesFor(list[0]!).length > 4 || median(list.map((f) => f.size)) > 128 || !constantText(list)) continue;
    const r = steadiness(list);
    if (!r) continue;
    cands.push({ kind, frames: list, intervalMs: r.intervalMs, lowMs: r.lowMs, intervals: r.intervals, steady: r.steady, reply: replyOf(conns, list, r.intervalMs, exclude) });
  }
  if (cands.length === 0) return { kinds: new Set(), part: { part: 'heartbeat', confidence: 0, evidence: [], note: 'no small text frame recurs at a steady interval: no heartbeat seen' } };
  // The pinging side: its frame comes first; a reply is itself steady but answers faster.
  cands.sort((a, b) => score(b) - score(a) || (a.kind < b.kind ? -1 : 1));
  let ping = cands[0]!;
  const partner = ping.reply && cands.find((c) => c.kind === ping.reply!.kind);
  if (partner?.reply && partner.reply.kind === ping.kind && partner.reply.latencyMs < ping.reply!.latencyMs) ping = partner;
  const pingMatch = matcherFor(frames, ping.kind, disc);
  if (!pingMatch) return { kinds: new Set(), part: { part: 'heartbeat', confidence: 0, evidence: ping.frames.slice(0, 3).map((f) => f.seq), note: `${shown(ping.frames[0]!)} recurs every ${fmtS(ping.intervalMs)} but no matcher tells it apart` } };
  const intervalMs = learnedInterval(ping.lowMs, ping.intervalMs);
  const spec: HeartbeatSpec = { intervalMs, ping: pingMatch };
  const kinds = new Set([ping.kind]);
  const r = ping.reply;
  const pongMatch = r ? matcherFor(frames, r.kind, disc) : undefined;
  if (r && pongMatch) {
    spec.pong = pongMatch;
    kinds.add(r.kind);
  }
  const who = ping.frames[0]!.dir === 'in' ? 'the server' : 'the client';
  const named = isNamed(ping);
  let confidence = 0.6 + (named ? 0.2 : 0) + (spec.pong ? 0.1 : 0);
  if (ping.intervals < 5) confidence *= 0.7;
  const note =
    `${who} sends ${shown(ping.frames[0]!)} every ${fmtS(intervalMs)} (of ${ping.intervals} intervals: lower quartile ${fmtS(ping.lowMs)}, median ${fmtS(ping.intervalMs)}, ${Math.round(ping.steady * 100)} % within ±25 %)` +
    (spec.pong ? `; the other side answers ${shown(r!.first)} after ${fmtS(r!.latencyMs)} (median, ${Math.round(r!.coverage * 100)} % answered)` : '; no reply seen (one-way heartbeat)');
  const evidence = ping.frames.slice(0, 3).map((f) => f.seq);
  if (spec.pong) evidence.push(r!.first.seq);
  return { spec, kinds, part: { part: 'heartbeat', confidence: round2(Math.min(confidence, 0.95)), evidence, note } };
}

/**
 * How steadily the frames of one kind (`list`, in `seq` order) recur on their connections: the
 * median gap between consecutive frames of a connection (`intervalMs`, ms), its lower quartile
 * (`lowMs`, ms), the number of gaps, and the share within ±25 % of the median — or undefined
 * when fewer than 3 gaps, a median under 200 ms or under 70 % steady
 * (docs/design.md#profile-learning: a heartbeat's clock).
 */
export function steadiness(list: readonly LFrame[]): { intervalMs: number; lowMs: number; intervals: number; steady: number } | undefined {
  const gaps: number[] = [];
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1]!;
    const b = list[i]!;
    if (a.conn === b.conn) gaps.push(b.t - a.t);
  }
  if (gaps.length < 3) return undefined;
  const m = median(gaps);
  if (m < 200) return undefined;
  const steady = gaps.filter((g) => g >= 0.75 * m && g <= 1.25 * m).length / gaps.length;
  return steady < 0.7 ? undefined : { intervalMs: m, lowMs: quantile(gaps, 0.25), intervals: gaps.length, steady };
}

function score(c: Cand): number {
  return c.intervals * c.steady * (c.reply ? 1 + 2 * c.reply.coverage : 1) * (isNamed(c) ? 3 : 1);
}

function isNamed(c: Cand): boolean {
  const k = c.kind.includes('=') ? c.kind.slice(c.kind.indexOf('=') + 1) : c.kind.replace(/^(in|out) /, '');
  return named(k) || (c.frames[0]!.text.length <= 24 && named(c.frames[0]!.text));
}

/**
 * The kind answering most frames of `list` from the other side within min(interval / 2, 5 s);
 * kinds in `exclude` (the hello, the kinds carrying the position: data) are never the answer.
 * A ping a fault kept from the other side (`faulted`: a freeze) asks no answer and is not
 * counted (docs/design.md#fault-events-and-flags).
 */
function replyOf(conns: readonly LConn[], list: readonly LFrame[], interval: number, exclude: ReadonlySet<string>): Cand['reply'] {
  const byConn = new Map(conns.map((c) => [c.id, c]));
  const limit = Math.min(interval / 2, 5000);
  const counts = new Map<string, { n: number; lat: number[]; first: LFrame }>();
  let asked = 0;
  for (const f of list) {
    if (f.faulted) continue;
    asked++;
    const frames = byConn.get(f.conn)?.frames;
    if (!frames) continue;
    for (let i = f.index + 1; i < frames.length; i++) {
      const g = frames[i]!;
      if (g.t - f.t > limit || g.kind === f.kind) break;
      if (g.dir === f.dir) continue;
      if (exclude.has(g.kind)) continue;
      const c = counts.get(g.kind);
      if (c) {
        c.n++;
        c.lat.push(g.t - f.t);
      } else counts.set(g.kind, { n: 1, lat: [g.t - f.t], first: g });
      break;
    }
  }
  let best: Cand['reply'];
  for (const [kind, c] of counts) {
    const coverage = c.n / Math.max(asked, 1);
    if (coverage >= 0.7 && (!best || coverage > best.coverage)) best = { kind, coverage, latencyMs: median(c.lat), first: c.first };
  }
  return best;
}

/** A heartbeat's frames say the same each time: equal text, or equal strings with only numbers changing. */
function constantText(list: readonly LFrame[]): boolean {
  const first = list.slice(0, 20);
  const shape = (f: LFrame) => (f.json === undefined ? f.text : leavesFor(f).filter(([, v]) => typeof v !== 'number').map(([p, v]) => `${p}=${String(v)}`).join('&'));
  const s0 = shape(first[0]!);
  return first.every((f) => shape(f) === s0);
}

/** The `q` quantile (0…1) of a non-empty list, interpolated between neighbours. */
export function quantile(xs: readonly number[], q: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const i = q * (s.length - 1);
  const lo = Math.floor(i);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
}

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? 0 : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** "3.0 s" or "250 ms". */
export function fmtS(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Mantissas of the intervals people set timers to (×10^k): 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8. */
const ROUND_MANTISSAS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8, 10];

/**
 * The timer interval (ms) a measured median (ms) most likely comes from: the nearest round value
 * (a mantissa above × a power of ten) when within ±4 % — timers fire late or early by a few
 * per cent on a busy main thread, so a 500 ms heartbeat measures 494 or 507 — else the median to
 * two significant digits.
 */
export function timerInterval(medianMs: number): number {
  if (!(medianMs > 0)) return 0;
  return roundTimer(medianMs) ?? twoDigits(medianMs);
}

/**
 * The heartbeat interval (ms) learned from the gaps between pings: timers fire late, never
 * early, so a busy sender (a server's `setInterval` that reschedules from each late tick) only
 * lengthens gaps and drags the median up (520 ms for a 500 ms timer under load). The lower
 * quartile `lowMs` stays near the timer value; a timer that keeps its schedule (late ticks
 * followed by short gaps) keeps the median there instead. So: the round value near the lower
 * quartile (±4 %), else the round value near the median, else the lower quartile to two
 * significant digits (docs/design.md#profile-learning "Heartbeat").
 */
export function learnedInterval(lowMs: number, medianMs: number): number {
  if (!(lowMs > 0)) return timerInterval(medianMs);
  return roundTimer(lowMs) ?? roundTimer(medianMs) ?? twoDigits(lowMs);
}

/** The round timer value (a mantissa of {@link ROUND_MANTISSAS} × 10^k) within ±4 % of `ms`, if any. */
function roundTimer(ms: number): number | undefined {
  if (!(ms > 0)) return undefined;
  const p = 10 ** Math.floor(Math.log10(ms));
  let best = 0;
  for (const m of ROUND_MANTISSAS) {
    const v = m * p;
    if (Math.abs(v - ms) <= 0.04 * v && (best === 0 || Math.abs(v - ms) < Math.abs(best - ms))) best = v;
  }
  return best > 0 ? Math.round(best) : undefined;
}

/** `ms` rounded to two significant digits. */
function twoDigits(ms: number): number {
  const q = 10 ** Math.floor(Math.log10(ms)) / 10;
  return Math.round(Math.round(ms / q) * q);
}

