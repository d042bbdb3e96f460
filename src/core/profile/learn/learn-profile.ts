/**
 * Learning a profile from a capture (docs/design.md#profile-learning): pure and deterministic.
 * From the frames of the busiest endpoint it proposes, each with a confidence, the `seq`s of
 * the events that taught it and a note: the discriminator, the hello, the heartbeat, the
 * stream position (numeric or an opaque cursor), whether positions are contiguous, the frame
 * that starts a new position sequence (when positions start again on some connections), the sync
 * step and the close codes seen. Parts below {@link USE_THRESHOLD} are reported but left out of
 * the profile, so a guess is never shown as fact. Backoff is not learned (the defaults).
 */
import type { TraceEvent } from '../../events';
import { DEFAULT_BACKOFF } from '../presets/common';
import { parseProfile } from '../schema';
import type { ProfileCloseCode } from '../../close-codes';
import type { PositionSpec, Profile } from '../types';
import { collectInput } from './frames';
import { learnHeartbeat } from './heartbeat';
import { learnHello } from './hello';
import { assignKinds, learnDiscriminator, round2 } from './kinds';
import { findPosition } from './position';
import { learnSync } from './sync';
import { urlPath } from '../../analysis/url-parts';
import { USE_THRESHOLD, type LConn, type LFrame, type LearnResult, type LearnedPart } from './types';

export type { LearnResult, LearnedPart, LearnedPartName } from './types';
export { MIN_LEARN_FRAMES, USE_THRESHOLD } from './types';

/**
 * Learns a profile from `events` (in `seq` order; a trace's or an imported HAR's events).
 * Never throws on odd input; a trace without WebSocket frames gives a profile with the
 * default backoff only, and parts that say why. Cost: one pass over the events plus a bounded
 * sample of frames per connection (see frames.ts).
 */
export function learnProfile(events: readonly TraceEvent[]): LearnResult {
  const input = collectInput(events);
  const parts: LearnedPart[] = [];
  const { conns } = input;
  const host = input.endpoint.replace(/^[a-z]+:\/\//, '');
  const profile: Profile = { name: input.endpoint ? `learned ${host}` : 'learned', backoff: { ...DEFAULT_BACKOFF } };
  const framesTotal = conns.reduce((n, c) => n + c.total, 0);
  const binary = conns.reduce((n, c) => n + c.binary, 0);
  // Binary frames are not learned from (a learned matcher selects text or JSON): say so wherever nothing was found.
  const binaryLeft = binary ? ` (${binary} binary frame${binary === 1 ? '' : 's'} not learned from)` : '';
  const endpointEvidence = conns.slice(0, 5).map((c) => c.createSeq);
  let endpointNote = input.endpoint
    ? `${input.endpoint}: ${conns.length} connection(s), ${framesTotal} frame(s)` + (binary ? `, of which ${binary} binary: binary frames are not learned from` : '')
    : 'no WebSocket connection in the capture';
  if (input.others.size) endpointNote += `; other endpoints not learned from: ${[...input.others.keys()].slice(0, 3).join(', ')}`;
  parts.push({ part: 'endpoint', confidence: input.endpoint ? 1 : 0, evidence: endpointEvidence, note: endpointNote });
  if (input.endpoint) {
    const path = endpointPath(input.endpoint);
    profile.match = { urlPath: path };
    profile.description = `Learned from a capture of ${input.endpoint}; check each part before relying on it.`;
  }

  const frames: LFrame[] = [];
  for (const c of conns) for (const f of c.frames) frames.push(f);
  const disc = learnDiscriminator(frames);
  parts.push(disc.part);
  assignKinds(frames, disc.path);

  const hello = learnHello(conns, frames, disc.path);
  parts.push(hello.part);
  if (hello.spec && hello.part.confidence >= USE_THRESHOLD) profile.hello = hello.spec;
  const taken = new Set<string>();
  if (profile.hello && hello.kind) taken.add(hello.kind);

  const found = findPosition(conns, taken, frames, disc.path);
  // A frame kind that carries a rising position is data, never a heartbeat.
  const posKinds = new Set<string>();
  for (const p of found.numeric?.points ?? []) posKinds.add(p.kind);
  const hb = learnHeartbeat(conns, frames, disc.path, new Set([...taken, ...posKinds]));
  parts.push(hb.spec ? hb.part : { ...hb.part, note: hb.part.note + binaryLeft });
  if (hb.spec && hb.part.confidence >= USE_THRESHOLD) profile.heartbeat = hb.spec;
  const { sync, position } = learnSync(input, frames, disc.path, found.numeric, found.opaque.filter((c) => !c.points.some((p) => hb.kinds.has(p.kind))), hb.kinds);
  const rejected = found.rejected.length ? ` Not positions: ${found.rejected.slice(0, 4).join('; ')}.` : '';
  if (position) {
    parts.push({ part: 'position', confidence: position.confidence, evidence: position.evidence, note: position.note + '.' + rejected });
    if (position.confidence >= USE_THRESHOLD) {
      const spec: PositionSpec = { path: position.path, contiguous: position.contiguous === true };
      if (position.prefix) spec.when = { dir: 'in', prefix: position.prefix, json: {} };
      if (position.opaque) spec.opaque = true;
      const reset = position.reset;
      if (reset?.match && reset.confidence >= USE_THRESHOLD) spec.resetWhen = reset.match;
      profile.position = spec;
    }
    if (!position.opaque) {
      parts.push({
        part: 'contiguous',
        confidence: position.contiguous === undefined ? 0 : round2(Math.min(position.confidence, 0.9)),
        evidence: position.contiguousEvidence ?? [],
        note: position.contiguousNote ?? '',
      });
      const reset = position.reset;
      if (reset) parts.push({ part: 'resetWhen', confidence: reset.confidence, evidence: reset.evidence, note: reset.note });
    }
  } else {
    const note = found.dataFrames === 0 ? 'no inbound JSON data frames: no stream position' : `no field of ${found.dataFrames} data frames rises across frames and reconnects: no stream position.` + rejected;
    parts.push({ part: 'position', confidence: 0, evidence: [], note: note + binaryLeft });
  }
  parts.push(sync.part);
  if (sync.spec && sync.part.confidence >= USE_THRESHOLD && profile.position) profile.sync = sync.spec;

  parts.push(closeCodesPart(conns, profile));
  parts.push({ part: 'backoff', confidence: 0, evidence: [], note: 'not learned: the default schedule (at once, then 1, 2, 4 … 30 s with 50 % jitter; established after 10 s)' });
  // The result must be a valid profile: a failure here is a bug in the learner, not bad input.
  return { profile: parseProfile(profile), parts, frames: framesTotal };
}

/**
 * The close codes seen, application codes (4000–4999) listed by name. A close a fault injected
 * is not the server's and is left out (docs/design.md#fault-events-and-flags); the note counts it.
 */
function closeCodesPart(conns: LConn[], profile: Profile): LearnedPart {
  const seen = new Map<number, { n: number; seqs: number[] }>();
  let injected = 0;
  for (const c of conns) {
    if (c.code === undefined || c.closeSeq === undefined) continue;
    if (c.injectedClose) {
      injected++;
      continue;
    }
    const s = seen.get(c.code) ?? { n: 0, seqs: [] };
    s.n++;
    if (s.seqs.length < 3) s.seqs.push(c.closeSeq);
    seen.set(c.code, s);
  }
  const left = injected ? ` (${injected} close${injected === 1 ? '' : 's'} injected by a fault left out)` : '';
  if (seen.size === 0) return { part: 'closeCodes', confidence: 0, evidence: [], note: `no close seen${left}` };
  const codes: Record<string, ProfileCloseCode> = {};
  for (const [code] of seen) {
    if (code < 4000 || code > 4999) continue;
    codes[String(code)] = { name: `application code ${code} (seen; meaning unknown)` };
  }
  if (Object.keys(codes).length) profile.closeCodes = codes;
  const list = [...seen].sort((a, b) => a[0] - b[0]);
  return {
    part: 'closeCodes',
    confidence: 1,
    evidence: list.flatMap(([, s]) => s.seqs),
    note: `seen: ${list.map(([c, s]) => `${c} ×${s.n}`).join(', ')}${left}` + (Object.keys(codes).length ? '; application codes (4000–4999) are listed without a meaning: name them if you know it' : ''),
  };
}

/**
 * The path of a socket URL for `match.urlPath`: as the URL parser normalises it, or — for a URL
 * it cannot parse (a HAR or trace may carry any string, docs/design.md#trace-format) — the text
 * up to `?`/`#` after any scheme and host, as the analysis splits URLs. Never throws.
 */
function endpointPath(endpoint: string): string {
  try {
    return new URL(endpoint.replace(/^[a-z]+:/i, 'http:')).pathname;
  } catch {
    return urlPath(endpoint);
  }
}
