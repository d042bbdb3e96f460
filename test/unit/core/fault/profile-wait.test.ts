/**
 * The profile a resilience plan is built from (docs/design.md#record): a chosen profile or a
 * detected preset at once, a learned one once the first connection carried enough frames or
 * closed, a bounded wait, and one line when nothing could be learned. The panel's Start and
 * `record --resilience` both decide with it.
 */
import { describe, expect, it } from 'vitest';
import { LEARN_FRAMES, LEARN_WAIT_MS, profileReady, profileStatusOf, profileWait, type ProfileStatus } from '../../../../src/core/fault/profile-wait';
import { createCaptureState } from '../../../../src/core/store/capture-state';
import { ingestBatch } from '../../../../src/core/store/ingest';
import { AUTO_CHOICE, resolveProfile } from '../../../../src/core/view/profile-choice';
import type { TraceEvent } from '../../../../src/core/events';

const learned = (frames: number, closed = false): ProfileStatus => ({ auto: true, learned: true, frames, closed });
const noConnection: ProfileStatus = { auto: true, learned: false, closed: false };

describe('profileReady', () => {
  it('a chosen profile, a detected preset once a connection exists, a learned one after enough frames or a close', () => {
    expect(profileReady({ auto: false, learned: false, closed: false })).toBe(true);
    expect(profileReady(noConnection)).toBe(false); // the default profile in use
    expect(profileReady({ auto: true, learned: false, frames: 1, closed: false })).toBe(true);
    expect(profileReady(learned(5))).toBe(false);
    expect(profileReady(learned(LEARN_FRAMES - 1))).toBe(false);
    expect(profileReady(learned(LEARN_FRAMES))).toBe(true);
    expect(profileReady(learned(3, true))).toBe(true);
  });
});

describe('profileWait', () => {
  it('ready at once for a chosen or detected profile; a learned one says so', () => {
    expect(profileWait({ auto: false, learned: false, closed: false }, 0)).toEqual({ kind: 'ready', learned: false, late: false });
    expect(profileWait({ auto: true, learned: false, frames: 2, closed: false }, 0)).toEqual({ kind: 'ready', learned: false, late: false });
    expect(profileWait(learned(LEARN_FRAMES), 100)).toEqual({ kind: 'ready', learned: true, late: false });
  });

  it('waits while a learned profile has seen too little, up to the bound', () => {
    expect(profileWait(noConnection, 0)).toEqual({ kind: 'wait' });
    expect(profileWait(learned(4), LEARN_WAIT_MS - 1)).toEqual({ kind: 'wait' });
  });

  it('after the bound: the plan from what was learned, or one line saying nothing could be', () => {
    expect(profileWait(learned(7), LEARN_WAIT_MS)).toEqual({ kind: 'ready', learned: true, late: true });
    expect(profileWait(learned(1), LEARN_WAIT_MS)).toEqual({ kind: 'none', reason: 'nothing learned: the first connection carried 1 frame(s) in 15.0 s' });
    expect(profileWait(noConnection, 15_200)).toEqual({ kind: 'none', reason: 'no WebSocket connection in 15.2 s: nothing to learn a profile from' });
    expect(profileWait(learned(1), 30, 30)).toMatchObject({ kind: 'none' });
  });
});

describe('profileStatusOf', () => {
  const frame = (seq: number): TraceEvent => ({ seq, t: seq, type: 'ws-message', conn: 'c', opcode: 1, size: 13, data: `{"n":${seq}}`, encoding: 'text', truncated: false });

  it('reads the first connection and whether the resolved auto profile is learned', () => {
    const state = createCaptureState();
    expect(profileStatusOf(state, AUTO_CHOICE, resolveProfile(AUTO_CHOICE, state))).toEqual(noConnection);
    ingestBatch(state, {
      src: 'h',
      frameUrl: 'http://127.0.0.1:9000/',
      top: true,
      events: [
        { seq: 1, t: 0, type: 'ws-create', conn: 'c', url: 'ws://127.0.0.1:9000/feed', protocols: [], frameUrl: 'http://127.0.0.1:9000/' },
        { seq: 2, t: 1, type: 'ws-open', conn: 'c', protocol: '', extensions: '' },
        frame(3),
        frame(4),
        frame(5),
      ],
    });
    const r = resolveProfile(AUTO_CHOICE, state);
    expect(r.learned).toBeDefined();
    expect(profileStatusOf(state, AUTO_CHOICE, r)).toEqual(learned(3));
    expect(profileStatusOf(state, { kind: 'named', name: 'scaiwave' }, resolveProfile({ kind: 'named', name: 'scaiwave' }, state))).toEqual({ auto: false, learned: false, frames: 3, closed: false });
  });
});
