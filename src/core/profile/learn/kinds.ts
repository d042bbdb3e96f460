/**
 * The discriminator and frame kinds (docs/design.md#profile-learning): the JSON key whose values
 * split frames into kinds (`type`, `op`, `event`, `t` …, also the event name at `[0]` of a
 * Socket.IO `42[…]` array, or a key nested in an object), and a matcher for a kind that is
 * checked against the sampled frames before it is proposed.
 */
import { FrameView } from '../frame-view';
import { compileMatcher } from '../match';
import { getPath } from '../path';
import type { Direction, FrameMatcher } from '../types';
import { lastKey, leavesOf, pathDepth, type Leaf } from './leaves';
import type { LFrame, LearnedPart } from './types';

const KNOWN = new Set(['type', 'op', 'event', 't', 'action', 'kind', 'cmd', 'command', 'method', 'msg_type', 'msgtype', 'messagetype', 'e', 'ev', 'tag', 'channel_type']);
const TOKEN = /^[A-Za-z_][\w.:/-]{0,39}$/;
/** Fewest JSON frames carrying the discriminator for it to be used (docs/design.md#profile-learning). */
const MIN_DISC_FRAMES = 4;
const leafCache = new WeakMap<LFrame, Leaf[]>();

/** The scalar leaves of a frame's JSON (cached per frame). */
export function leavesFor(f: LFrame): Leaf[] {
  let l = leafCache.get(f);
  if (!l) {
    l = f.json === undefined ? [] : leavesOf(f.json);
    leafCache.set(f, l);
  }
  return l;
}

interface DiscStat {
  count: number;
  values: Map<string, number>;
  overflow: boolean;
}

/** The learned discriminator: its path (read after the frame's prefix), or undefined, and its part. */
export function learnDiscriminator(frames: readonly LFrame[]): { path?: string; part: LearnedPart } {
  const stats = new Map<string, DiscStat>();
  // The last key of each path, lower-cased (null when deeper than 3): paths repeat across frames.
  const keys = new Map<string, string | null>();
  let jsonFrames = 0;
  for (const f of frames) {
    if (f.json === undefined) continue;
    jsonFrames++;
    for (const [p, v] of leavesFor(f)) {
      let key = keys.get(p);
      if (key === undefined) keys.set(p, (key = pathDepth(p) > 3 ? null : lastKey(p).toLowerCase()));
      if (key === null) continue;
      const ok = typeof v === 'string' ? TOKEN.test(v) : typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 100 && KNOWN.has(key);
      if (!ok) continue;
      let s = stats.get(p);
      if (!s) stats.set(p, (s = { count: 0, values: new Map(), overflow: false }));
      s.count++;
      if (s.overflow) continue;
      const k = String(v);
      if (!s.values.has(k) && s.values.size >= 64) s.overflow = true;
      else if (!s.values.has(k)) s.values.set(k, f.seq);
    }
  }
  let best: string | undefined;
  let bestScore = 0;
  for (const [p, s] of stats) {
    if (s.overflow || s.values.size < 2 || (s.count >= 6 && s.values.size / s.count > 0.5)) continue;
    const score = (s.count * bonus(p)) / pathDepth(p);
    if (score > bestScore || (score === bestScore && best !== undefined && p < best)) {
      bestScore = score;
      best = p;
    }
  }
  if (best === undefined) {
    return {
      part: {
        part: 'discriminator',
        confidence: 0,
        evidence: [],
        note: jsonFrames === 0 ? 'no JSON frames: kinds are told apart by their exact text' : `no key splits the ${jsonFrames} JSON frames into a few kinds: kinds are told apart by their keys`,
      },
    };
  }
  const s = stats.get(best)!;
  const b = bonus(best);
  // Fewer than 4 frames with the key are a couple of strays: reported, never used.
  const confidence = (b >= 3 ? 0.9 : b > 1 ? 0.8 : 0.6) * (s.count >= MIN_DISC_FRAMES ? 1 : 0.5);
  const shown = [...s.values.keys()].slice(0, 8).join(', ');
  return {
    path: best,
    part: {
      part: 'discriminator',
      confidence: round2(confidence),
      evidence: [...s.values.values()].slice(0, 8),
      note: `"${best}" splits ${s.count} of ${jsonFrames} JSON frames into ${s.values.size} kinds (${shown}${s.values.size > 8 ? ', …' : ''})` + (s.count < MIN_DISC_FRAMES ? `: too few frames to rely on (fewer than ${MIN_DISC_FRAMES})` : ''),
    },
  };
}

function bonus(p: string): number {
  if (p === '[0]') return 2.5;
  return KNOWN.has(lastKey(p).toLowerCase()) ? 3 : 1;
}

/** Sets `kind` on every frame: dir + prefix + discriminator value, else the JSON's keys, else the short text. */
export function assignKinds(frames: readonly LFrame[], disc: string | undefined): void {
  for (const f of frames) f.kind = kindOf(f, disc);
}

function kindOf(f: LFrame, disc: string | undefined): string {
  if (f.binary) return `${f.dir} binary`;
  if (f.json !== undefined) {
    if (disc !== undefined) {
      const v = getPath(f.json, disc);
      if (typeof v === 'string' || typeof v === 'number') return `${f.dir} ${f.prefix}${disc}=${String(v)}`;
    }
    if (Array.isArray(f.json)) return `${f.dir} ${f.prefix}[]`;
    return `${f.dir} ${f.prefix}{${Object.keys(f.json as object).sort().join(',')}}`;
  }
  return f.text.length <= 16 ? `${f.dir} "${f.text}"` : `${f.dir} text`;
}

/** A short readable form of a kind's frame for notes: its text clipped to 40 characters. */
export function shown(f: LFrame): string {
  const t = f.binary ? '(binary)' : f.text.replace(/\s+/g, ' ');
  return t.length > 40 ? t.slice(0, 40) + '…' : t;
}

/**
 * A matcher that selects exactly the sampled frames of `kind` in direction `dir` (checked on
 * up to 5,000 frames of that direction: at least 98 % of the kind, at most 2 % others), or
 * undefined when none can be built (a long text, a binary frame).
 */
export function matcherFor(frames: readonly LFrame[], kind: string, disc: string | undefined): FrameMatcher | undefined {
  const mine = frames.filter((f) => f.kind === kind);
  const rep = mine[0];
  if (!rep || rep.binary) return undefined;
  const dir: Direction = rep.dir;
  const cands: FrameMatcher[] = [];
  const withPrefix = (m: FrameMatcher): FrameMatcher => (rep.prefix ? { ...m, prefix: rep.prefix } : m);
  if (rep.json === undefined) {
    if (kind.endsWith('"')) cands.push({ dir, text: rep.text });
  } else {
    if (disc !== undefined) {
      const v = getPath(rep.json, disc);
      if (v !== undefined) cands.push(withPrefix({ dir, json: { [disc]: v } }));
    }
    // Else a leaf constant over the kind's frames (a few tried), or a key only this kind has.
    const firsts = mine.slice(0, 50);
    for (const [p, v] of leavesFor(rep).slice(0, 12)) {
      if (firsts.every((f) => getPath(f.json, p) === v)) cands.push(withPrefix({ dir, json: { [p]: v } }));
    }
    if (!Array.isArray(rep.json)) {
      for (const k of Object.keys(rep.json as object).slice(0, 8)) {
        if (/^[\w-]+$/.test(k)) cands.push(withPrefix({ dir, regex: `"${k}"\\s*:` }));
      }
    }
  }
  const sameDir = frames.filter((f) => f.dir === dir && !f.binary).slice(0, 5000);
  for (const m of cands) if (verify(m, sameDir, kind)) return m;
  return undefined;
}

function verify(m: FrameMatcher, frames: readonly LFrame[], kind: string): boolean {
  const cm = compileMatcher(m);
  let hit = 0;
  let miss = 0;
  let wrong = 0;
  for (const f of frames) {
    const ok = cm.test(new FrameView(f.dir, false, f.text, false));
    if (f.kind === kind) ok ? hit++ : miss++;
    else if (ok) wrong++;
  }
  const n = hit + miss;
  return n > 0 && hit / n >= 0.98 && wrong <= Math.max(0, Math.floor((frames.length - n) * 0.02));
}

/** Rounds to two decimals (confidences). */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
