/**
 * Cursors in the three places and opaque cursors (docs/design.md#cursors-and-catch-up):
 * the resuming socket's URL (`sync.resumeParam`), a JSON body (`sync.bodyPath`), opaque
 * cursor strings (`position.opaque`, `sync-cursor-mismatch`), and hints that name the
 * profile's own catch-up and docs.
 */
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../../src/core/profile/types';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { Scenario, codes, only, run } from './scenario';

const BASE: Profile = { name: 'feed', backoff: SCAIWAVE_PROFILE.backoff, match: { urlPath: '/feed' } };
const URL0 = 'wss://x.example.com/feed';

function feed(profile: Partial<Profile>): Profile {
  return { ...BASE, ...profile };
}

/** Two connections: c1 receives `first`, drops, c2 is created with `url2` and receives `second`. */
function twoConns(first: unknown[], url2: string, second: unknown[], between?: (s: Scenario) => void): Scenario {
  const s = new Scenario().connect('c1', URL0);
  for (const f of first) s.wait(100).recv('c1', f);
  s.wait(100).close('c1', 1006, '', false).wait(1000);
  between?.(s);
  s.connect('c2', url2);
  for (const f of second) s.wait(100).recv('c2', f);
  return s;
}

describe('cursor in the resuming socket URL (sync.resumeParam)', () => {
  const p = feed({ position: { path: 'seq', contiguous: true }, sync: { resumeParam: 'resume' } });
  const frames = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => ({ seq: a + i }));

  it('a reconnect URL carrying the last position is a correct catch-up', () => {
    const a = run(twoConns(frames(1, 5), `${URL0}?resume=5`, frames(6, 8)), p);
    expect(codes(a).filter((c) => c.startsWith('sync') || c.startsWith('position'))).toEqual([]);
    expect(a.syncs).toMatchObject([{ kind: 'url', cursor: 5, cursorText: '5', conn: 'c2' }]);
  });

  it('no parameter: sync-skipped, naming the reconnect URL', () => {
    const a = run(twoConns(frames(1, 5), URL0, frames(9, 10)), p);
    const f = only(a, 'sync-skipped');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('without a reconnect URL with ?resume=5');
    expect(f[0]!.hint).toBe('after reconnecting, catch up with a reconnect URL with ?resume=<last position> before handling stream frames');
  });

  it('an older position in the URL: sync-cursor-stale; an empty one: sync-cursor-missing', () => {
    expect(only(run(twoConns(frames(1, 5), `${URL0}?resume=3`, frames(4, 8)), p), 'sync-cursor-stale')).toHaveLength(1);
    const missing = only(run(twoConns(frames(1, 5), `${URL0}?resume=`, frames(6, 8)), p), 'sync-cursor-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toBe('reconnect URL with an empty resume= while the last seq was 5: expected a reconnect URL with ?resume=5');
  });
});

describe('opaque cursors (position.opaque): equality rules only', () => {
  const p = feed({ position: { path: 'cursor', contiguous: false, opaque: true }, sync: { resumeParam: 'after' } });
  const c = (ids: string[]) => ids.map((id) => ({ kind: 'item', cursor: id }));

  it('sending back the last cursor received is right; no order is judged', () => {
    // "900" then "12": numeric-looking tokens are never compared as numbers.
    const a = run(twoConns(c(['c9x', '900', '12']), `${URL0}?after=12`, c(['77', 'k2'])), p);
    expect(codes(a).filter((x) => x.startsWith('sync') || x.startsWith('position'))).toEqual([]);
    expect(a.lastCursor).toBe('k2');
    expect(a.lastPosition).toBeUndefined();
  });

  it('another cursor than the last one: sync-cursor-mismatch (error) with both values', () => {
    const a = run(twoConns(c(['aa1', 'bb2', 'cc3']), `${URL0}?after=bb2`, c(['dd4'])), p);
    const f = only(a, 'sync-cursor-mismatch');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toBe('reconnect URL with after=bb2 but the last cursor received was cc3: the server resumes from another point');
    expect(codes(a)).not.toContain('sync-cursor-stale');
    expect(codes(a)).not.toContain('sync-cursor-ahead');
  });

  it('no cursor sent back: sync-skipped quoting the last cursor', () => {
    const f = only(run(twoConns(c(['aa1', 'cc3']), URL0, c(['dd4'])), p), 'sync-skipped');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('received cursor dd4 without a reconnect URL with ?after=cc3');
  });

  it('an HTTP catch-up with an opaque cursor parameter', () => {
    const ph = feed({ position: { path: 'cursor', contiguous: false, opaque: true }, sync: { urlPath: '/api/changes', param: 'token' } });
    const sync = (tok: string) => (s: Scenario) => s.request('r1', `https://x.example.com/api/changes?token=${tok}`).wait(5).response('r1', 200, '{}');
    expect(only(run(twoConns(c(['aa1', 'cc3']), URL0, c(['dd4']), sync('cc3')), ph), 'sync-cursor-mismatch')).toEqual([]);
    expect(only(run(twoConns(c(['aa1', 'cc3']), URL0, c(['dd4']), sync('aa1')), ph), 'sync-cursor-mismatch')).toHaveLength(1);
  });
});

describe('cursor in the JSON body of the HTTP catch-up (sync.bodyPath)', () => {
  const p = feed({ position: { path: 'seq', contiguous: false }, sync: { urlPath: '/api/catchup', bodyPath: 'from.seq' } });
  const frames = [{ seq: 40 }, { seq: 42 }];
  const post = (body: string | undefined) => (s: Scenario) => {
    const e: Record<string, unknown> = { type: 'http-request', req: 'r1', method: 'POST', url: 'https://x.example.com/api/catchup', initiator: 'fetch' };
    if (body !== undefined) e.body = body;
    s.push(e).wait(5).response('r1', 200, '{"rows":[]}');
  };

  it('the body carrying the last position is right; an older one is stale', () => {
    expect(codes(run(twoConns(frames, URL0, [{ seq: 43 }], post('{"from":{"seq":42}}')), p)).filter((c) => c.startsWith('sync'))).toEqual([]);
    const stale = only(run(twoConns(frames, URL0, [{ seq: 43 }], post('{"from":{"seq":40}}')), p), 'sync-cursor-stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.message).toContain('POST /api/catchup with from.seq=40');
  });

  it('a body without the field: sync-cursor-missing; a body not recorded: nothing is claimed', () => {
    expect(only(run(twoConns(frames, URL0, [{ seq: 43 }], post('{"from":{}}')), p), 'sync-cursor-missing')).toHaveLength(1);
    expect(codes(run(twoConns(frames, URL0, [{ seq: 43 }], post(undefined)), p)).filter((c) => c.startsWith('sync'))).toEqual([]);
  });
});

describe('hints name the profile, not ScaiWave', () => {
  it('a hand-written profile gets its own catch-up and docs in the sync-skipped hint', () => {
    const p = feed({ docs: 'https://chat.example.com/docs/realtime', position: { path: 'seq', contiguous: true }, sync: { urlPath: '/api/history', param: 'after' } });
    const f = only(run(twoConns([{ seq: 1 }, { seq: 2 }], URL0, [{ seq: 5 }]), p), 'sync-skipped')[0]!;
    expect(f.hint).toBe('after reconnecting, catch up with GET /api/history?after=<last position> before handling stream frames (see https://chat.example.com/docs/realtime)');
    expect(f.hint).not.toMatch(/ScaiWave/);
  });

  it('no hint quotes the ScaiWave guide under another profile; the scaiwave profile keeps its quotes', () => {
    const s = new Scenario().connect('c1', URL0).recv('c1', { seq: 1 }).wait(10).close('c1', 1006, '', false).wait(100).connect('c2', URL0).recv('c2', { seq: 9 }).wait(10).close('c2', 1006, '', false).wait(0).connect('c3', URL0);
    const mine = run(s, feed({ position: { path: 'seq', contiguous: true } }));
    expect(mine.findings.length).toBeGreaterThan(0);
    for (const f of mine.findings) expect(f.hint).not.toMatch(/ScaiWave/);
    const sw = new Scenario().connect('c1').data('c1', 1).wait(10).close('c1', 1006, '', false).wait(100).connect('c2').data('c2', 5);
    expect(only(run(sw), 'sync-skipped')[0]!.hint).toMatch(/ScaiWave troubleshooting guide/);
  });
});
