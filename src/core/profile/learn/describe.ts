/**
 * Words for a learned profile (docs/design.md#profile-learning): one line saying what was learned
 * (the "why" of a learned profile in the CLI summary and the panel header), and the parts as
 * text lines for `wavetrace profile learn`.
 */
import type { Profile } from '../types';
import { USE_THRESHOLD, type LearnedPart, type LearnResult } from './types';

/** "position seq (contiguous), heartbeat every 3.0 s, catch-up GET /api/history?after=" — or "nothing usable". */
export function learnedSummary(profile: Profile): string {
  const out: string[] = [];
  const pos = profile.position;
  if (pos) out.push(`${pos.opaque ? 'cursor' : 'position'} ${pos.path}${pos.opaque ? '' : pos.contiguous ? ' (contiguous)' : ''}`);
  const hb = profile.heartbeat;
  if (hb) out.push(`heartbeat every ${(hb.intervalMs / 1000).toFixed(1)} s`);
  if (profile.hello) out.push('hello');
  const s = profile.sync;
  if (s?.urlPath) out.push(`catch-up ${s.urlPath}${s.param ? `?${s.param}=` : s.bodyPath ? ` (${s.bodyPath} in the body)` : ''}`);
  else if (s?.frame) out.push(`in-band resume (${s.cursorPath ?? 'cursor'})`);
  else if (s?.resumeParam) out.push(`cursor in the reconnect URL (?${s.resumeParam}=)`);
  return out.length ? out.join(', ') : 'nothing usable (no position, heartbeat or hello found)';
}

/** The parts as text: `✓ position 0.95  seq rises … [seq 5, 6, 7]` (✓ used in the profile, · reported only). */
export function partsText(r: LearnResult): string {
  const lines: string[] = [];
  for (const p of r.parts) lines.push(partLine(p));
  return lines.join('\n') + '\n';
}

function partLine(p: LearnedPart): string {
  const used = p.confidence >= USE_THRESHOLD && p.part !== 'backoff';
  const ev = p.evidence.length ? ` [seq ${p.evidence.slice(0, 8).join(', ')}${p.evidence.length > 8 ? ', …' : ''}]` : '';
  return `${used ? '✓' : '·'} ${p.part.padEnd(13)} ${p.confidence.toFixed(2)}  ${p.note}${ev}`;
}
