/**
 * The panel's profile choice (docs/design.md#where-a-profile-comes-from): auto picks a preset,
 * else a profile learned from the capture, learned again as the capture grows; a profile named
 * by a loaded trace says so.
 */
import { describe, expect, it } from 'vitest';
import { applyEvent, createCaptureState } from '../../../../src/core/store/capture-state';
import { AUTO_CHOICE, relearnDue, resolveProfile, sameProfile, toProfileChoice } from '../../../../src/core/view/profile-choice';
import { chat } from '../profile/learn/protocols';

function stateOf(events: ReturnType<typeof chat>, upto = events.length) {
  const s = createCaptureState();
  for (let i = 0; i < upto; i++) applyEvent(s, events[i]!);
  return s;
}

describe('resolveProfile: auto without a matching preset', () => {
  const events = chat();

  it('learns the profile and says so', () => {
    const r = resolveProfile(AUTO_CHOICE, stateOf(events));
    expect(r.key).toBe('auto');
    expect(r.reason).toBe('learned from the capture (no preset matched): position seq (contiguous), heartbeat every 3.0 s, catch-up /api/history?after=');
    expect(r.profile.position).toEqual({ path: 'seq', contiguous: true });
    expect(r.learned?.parts.find((p) => p.part === 'position')?.evidence.length).toBeGreaterThan(0);
  });

  it('is learned again at a new connection, and an equal result keeps the analysis', () => {
    const firstClose = events.findIndex((e) => e.type === 'ws-create' && e.conn === 'c2');
    const early = stateOf(events, firstClose);
    const r1 = resolveProfile(AUTO_CHOICE, early);
    expect(relearnDue(r1, early)).toBe(false);
    const later = stateOf(events);
    expect(relearnDue(r1, later)).toBe(true);
    const r2 = resolveProfile(AUTO_CHOICE, later);
    expect(sameProfile(r2, resolveProfile(AUTO_CHOICE, later))).toBe(true);
  });

  it('is learned again once a new connection showed its start, not when it was created', () => {
    const create2 = events.findIndex((e) => e.type === 'ws-create' && e.conn === 'c2');
    const frames2 = events.map((e, i) => [e, i] as const).filter(([e]) => (e.type === 'ws-message' || e.type === 'ws-send') && e.conn === 'c2');
    const r = resolveProfile(AUTO_CHOICE, stateOf(events, create2));
    expect(relearnDue(r, stateOf(events, create2 + 1))).toBe(false); // created, nothing to learn from yet
    expect(relearnDue(r, stateOf(events, frames2[3]![1] + 1))).toBe(false); // four frames: not yet
    expect(relearnDue(r, stateOf(events, frames2[4]![1] + 1))).toBe(true); // its fifth frame
  });
});

describe('resolveProfile: a name', () => {
  it('named by a loaded trace vs chosen for the site', () => {
    const s = stateOf(chat());
    expect(resolveProfile(toProfileChoice('socketio-v4', 'trace'), s, 'http://x').reason).toBe('named by the loaded trace');
    expect(resolveProfile(toProfileChoice('socketio-v4'), s, 'http://x').reason).toBe('chosen for http://x');
  });
});
