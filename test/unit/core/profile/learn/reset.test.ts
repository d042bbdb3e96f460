/**
 * Learning `position.resetWhen` (docs/design.md#profile-learning "Position reset"): a feed app
 * whose page reloads and is welcomed afresh, its positions starting again at 1, while
 * reconnects of one document resume where they left off (`?after=N`).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../../src/core/analysis';
import { learnProfile, type LearnResult } from '../../../../../src/core/profile/learn/learn-profile';
import type { TraceEvent } from '../../../../../src/core/events';
import { Scenario } from '../../analysis/scenario';

const FEED = 'ws://127.0.0.1:41234/feed';

interface Feed {
  /** What the server says first: to a new client (no cursor), and to one that resumed with `?after=N`. */
  welcome: (resumed: boolean, after: number) => unknown;
  /** A new document's stream starts again at 1 (else the server's stream carries on). */
  restartAfterReload?: boolean;
  /** Documents (separated by a full navigation), each with this many connections. */
  docs?: number[];
}

/**
 * Records a page of the feed app: each document connects to /feed (a reconnect after a drop
 * with `?after=<last seq>`), gets the welcome, then `update` frames every ~200 ms with `seq`
 * and a `ping` every 1 s; the link drops (1006) after 12 updates and the page reconnects 1 s later.
 */
function feed(f: Feed): TraceEvent[] {
  const s = new Scenario();
  let seq = 0;
  let n = 0;
  for (const [d, count] of (f.docs ?? [3, 2]).entries()) {
    if (d > 0) {
      s.wait(300).navigate('http://127.0.0.1:41234/');
      if (f.restartAfterReload) seq = 0;
    }
    let last: number | undefined;
    for (let i = 0; i < count; i++) {
      const conn = `c${++n}`;
      s.wait(40).create(conn, last === undefined ? FEED : `${FEED}?after=${last}`).wait(3).open(conn);
      s.wait(2).recv(conn, f.welcome(last !== undefined, last ?? 0));
      for (let k = 0; k < 12; k++) {
        s.wait(180 + ((k * 37 + n * 11) % 40));
        if (k % 5 === 4) s.recv(conn, { type: 'ping' }).wait(1);
        s.recv(conn, { type: 'update', seq: ++seq, body: 'x' });
      }
      last = seq;
      s.wait(120).close(conn, 1006, '', false);
      if (i < count - 1) s.wait(1000); // with ?after=N the server sends what was published meanwhile first
    }
  }
  return s.build();
}

function part(r: LearnResult, name: string) {
  return r.parts.find((p) => p.part === name);
}

const codesOf = (events: TraceEvent[], r: LearnResult) => analyze(events, r.profile).findings.map((f) => f.code);

describe('learning a new position sequence after a reload', () => {
  it('a welcome only a new document gets becomes resetWhen, and the reload is no sync-skipped', () => {
    const events = feed({ welcome: (resumed, after) => (resumed ? { type: 'resumed', after } : { type: 'welcome' }), restartAfterReload: true });
    const r = learnProfile(events);
    expect(r.profile.position?.path).toBe('seq');
    expect(r.profile.position?.resetWhen).toEqual({ dir: 'in', json: { type: 'welcome' } });
    const p = part(r, 'resetWhen')!;
    expect(p.confidence).toBeGreaterThanOrEqual(0.5);
    expect(p.note).toBe('1 connection(s) start their positions again (1 after 36) after {"type":"welcome"}; never sent on the 3 connection(s) whose positions carry on: it starts a new sequence');
    const welcomes = events.filter((e) => e.type === 'ws-message' && e.data === '{"type":"welcome"}').map((e) => e.seq);
    expect(p.evidence).toContain(welcomes[1]);
    const codes = codesOf(events, r);
    expect(codes.filter((c) => c.startsWith('sync-') || c.startsWith('position-'))).toEqual([]);
    // Without it the reloaded page reads as a resume that skipped its catch-up.
    const { resetWhen: _, ...without } = r.profile.position!;
    const before = analyze(events, { ...r.profile, position: without }).findings.map((f) => f.code);
    expect(before).toContain('sync-skipped');
  });

  it('a welcome every connection gets is refined by the field that says the sequence is new', () => {
    const events = feed({ welcome: (resumed) => ({ type: 'welcome', resumed, server: 'feed-1' }), restartAfterReload: true, docs: [3, 2, 2] });
    const r = learnProfile(events);
    expect(r.profile.position?.resetWhen).toEqual({ dir: 'in', json: { type: 'welcome', resumed: false } });
    const p = part(r, 'resetWhen')!;
    expect(p.confidence).toBe(0.8);
    expect(p.note).toContain('with resumed = false, which the 4 connection(s) whose positions carry on do not have');
    expect(codesOf(events, r).filter((c) => c.startsWith('sync-') || c.startsWith('position-'))).toEqual([]);
  });

  it('no resetWhen when positions carry on after the reload: the new document skipped its catch-up', () => {
    const events = feed({ welcome: (resumed) => ({ type: 'welcome', resumed }), restartAfterReload: false });
    const r = learnProfile(events);
    expect(r.profile.position?.path).toBe('seq');
    expect(r.profile.position?.resetWhen).toBeUndefined();
    expect(part(r, 'resetWhen')).toBeUndefined();
    expect(codesOf(events, r).filter((c) => c === 'sync-skipped')).toHaveLength(1);
  });

  it('no resetWhen when the same welcome also starts connections whose positions carry on', () => {
    const events = feed({ welcome: () => ({ type: 'welcome' }), restartAfterReload: true });
    const r = learnProfile(events);
    expect(r.profile.position?.resetWhen).toBeUndefined();
    const p = part(r, 'resetWhen')!;
    expect(p.confidence).toBe(0);
    expect(p.note).toContain('no field of it tells the two apart');
  });

  it('no resetWhen from a session id the welcome names afresh per document: no constant marks the new sequence', () => {
    let docs = 0;
    const events = feed({ welcome: (resumed) => ({ type: 'welcome', session: `s-${resumed ? docs : ++docs}` }), restartAfterReload: true, docs: [3, 1] });
    const r = learnProfile(events);
    expect(r.profile.position?.resetWhen).toBeUndefined();
    expect(part(r, 'resetWhen')!.note).toContain('no field of it tells the two apart');
  });

  it('a counter restarting on every connection stays a per-connection counter', () => {
    const events = feed({ welcome: () => ({ type: 'welcome' }), restartAfterReload: true, docs: [1, 1, 1] });
    const r = learnProfile(events);
    expect(r.profile.position).toBeUndefined();
    expect(part(r, 'position')!.note).toContain('restarts at 1 on each new connection');
  });

  it('is deterministic', () => {
    const events = feed({ welcome: (resumed) => ({ type: 'welcome', resumed }), restartAfterReload: true });
    expect(JSON.stringify(learnProfile(events))).toBe(JSON.stringify(learnProfile(events)));
  });
});
