/**
 * The hello (docs/design.md#profile-learning): the first inbound frame of each connection, when
 * it is of one kind on (nearly) every connection and that kind hardly appears otherwise.
 * Its fields that name an identity (tenant, account, org …) and stay the same on every
 * connection become `hello.fields` (compared by `tenant-changed`); ids that change per
 * connection are left out and named in the note.
 */
import { getPath } from '../path';
import type { HelloSpec } from '../types';
import { leavesFor, matcherFor, round2, shown } from './kinds';
import type { LConn, LFrame, LearnedPart } from './types';

const HELLOISH = /hello|welcome|connected|connack|\bready\b|\binit|handshake|\bsession\b|\bsid\b/i;
const IDENTITY = /tenant|account|org|workspace|team|project|customer|realm|user_?id/i;

/** The learned hello, the kind it has, and its part. */
export function learnHello(conns: readonly LConn[], frames: readonly LFrame[], disc: string | undefined): { spec?: HelloSpec; kind?: string; part: LearnedPart } {
  const firsts: LFrame[] = [];
  for (const c of conns) {
    const f = c.frames.find((x) => x.dir === 'in');
    if (f) firsts.push(f);
  }
  const none = (note: string): { part: LearnedPart } => ({ part: { part: 'hello', confidence: 0, evidence: firsts.slice(0, 3).map((f) => f.seq), note } });
  if (firsts.length === 0) return none('no inbound frame: no hello');
  const byKind = new Map<string, LFrame[]>();
  for (const f of firsts) {
    const l = byKind.get(f.kind);
    if (l) l.push(f);
    else byKind.set(f.kind, [f]);
  }
  let kind = '';
  let hits: LFrame[] = [];
  for (const [k, l] of byKind) if (l.length > hits.length) [kind, hits] = [k, l];
  const share = hits.length / firsts.length;
  let total = 0;
  for (const f of frames) if (f.kind === kind) total++;
  const rep = hits[0]!;
  if (share < 0.8) return none(`the first inbound frames of ${firsts.length} connections differ (${byKind.size} kinds): no hello`);
  if (total > Math.max(hits.length * 1.5, hits.length + 1)) {
    return none(`the first inbound frame (${shown(rep)}) is of a kind seen ${total} times on ${conns.length} connection(s): an ordinary frame, not a hello`);
  }
  const match = matcherFor(frames, kind, disc);
  if (!match) return none(`the first inbound frame of every connection looks alike (${shown(rep)}) but no matcher tells it apart`);
  const fields: string[] = [];
  const changing: string[] = [];
  for (const [p] of leavesFor(rep)) {
    const vals = new Set(hits.map((f) => JSON.stringify(getPath(f.json, p))));
    if (vals.size > 1 && /id$|session|sid/i.test(p)) changing.push(p);
    if (IDENTITY.test(p) && vals.size === 1) fields.push(p);
  }
  // One connection proves little: only a frame that calls itself a hello is then trusted.
  const greets = HELLOISH.test(kind) || HELLOISH.test(rep.text.slice(0, 80));
  const confidence = firsts.length >= 2 ? 0.9 * share : greets ? 0.6 : 0.4;
  const parts = [`${hits.length} of ${firsts.length} connection(s) start with ${shown(rep)}`];
  if (firsts.length < 2) parts.push('one connection only: a second one would confirm it');
  if (fields.length) parts.push(`fields kept: ${fields.join(', ')}`);
  if (changing.length) parts.push(`${changing.join(', ')} change per connection (ids, not compared)`);
  return {
    spec: { match, fields },
    kind,
    part: { part: 'hello', confidence: round2(confidence), evidence: hits.slice(0, 5).map((f) => f.seq), note: parts.join('; ') },
  };
}
