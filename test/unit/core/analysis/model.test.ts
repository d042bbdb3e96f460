/**
 * The analysis model (docs/design.md#analysis): sessions, connections, attempts, resumes, the position
 * track, syncs, ordering by seq, navigation and the HAR rules.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/analysis';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { Scenario, T0, codes, only, run } from './scenario';

describe('sessions and connections', () => {
  it('groups by scheme + host + path (query ignored) and decodes closes', () => {
    const s = new Scenario()
      .connect(1, 'wss://API.example.com/v1/stream?token=a')
      .recv(1, { type: 'hello', tenant_id: 'acme', stream_position: 50 })
      .data(1, 41)
      .data(1, 42)
      .ping(1)
      .pong(1)
      .wait(15000)
      .close(1, 4003, 'ping_timeout')
      .connect(2, 'wss://api.example.com/v1/stream?token=b')
      .connect(3, 'wss://api.example.com/v2/other');
    const a = run(s);
    expect(a.sessions.map((x) => [x.key, x.connections])).toEqual([
      ['wss://api.example.com/v1/stream', [1, 2]],
      ['wss://api.example.com/v2/other', [3]],
    ]);
    const c1 = a.connections[0]!;
    expect(c1).toMatchObject({
      id: 1,
      index: 0,
      established: true,
      hello: { fields: { tenant_id: 'acme' }, position: 50 },
      positions: { count: 2, first: 41, last: 42, max: 42 },
      heartbeat: { pings: 1, pongs: 1, missedPongs: 0 },
      framesIn: 4,
      framesOut: 1,
      end: { cause: 'close' },
      closed: { code: 4003, reason: 'ping_timeout', kind: 'server-abort', reasonMeaning: 'the client missed too many pongs', info: { name: 'server abort', source: 'scaiwave' } },
    });
    expect(a.connections[2]!.end.cause).toBe('trace-end');
    expect(a.lastPosition).toBe(42);
    expect(a.positions.toArray().map((p) => [p.source, p.position])).toEqual([
      ['hello', 50],
      ['frame', 41],
      ['frame', 42],
    ]);
  });

  it('records syncs with cursor, status and response positions, and sync points in the track', () => {
    const s = new Scenario().session(1, { positions: [42] }).wait(10).connect(2).sync('r1', 42, 200, [43, 44]).data(2, 45);
    const a = run(s);
    expect(a.syncs).toEqual([
      expect.objectContaining({ kind: 'http', req: 'r1', cursor: 42, cursorText: '42', hasCursor: true, outcome: 'ok', status: 200, positions: { min: 43, max: 44, count: 2 }, resume: 0 }),
    ]);
    expect(a.positions.filter('sync')).toEqual([expect.objectContaining({ position: 44, req: 'r1' })]);
    expect(a.resumes[0]).toMatchObject({ conn: 2, trigger: 'reconnect', lastPosition: 42, firstData: { position: 45 }, syncs: [0], window: { open: { by: 'close' } } });
  });
});

describe('ordering', () => {
  it('sorts findings by t, then seq; equal t keep the recorded order', () => {
    const s = new Scenario().worker().dropped(3).connect(1).wait(10).close(1, 1006);
    const a = run(s);
    expect(codes(a)).toEqual(['coverage-worker', 'capture-gap', 'close-abnormal']);
    expect(a.findings.map((f) => f.seq)).toEqual([1, 2, 5]);
  });

  it('processes events in seq order even when the array is not', () => {
    const s = new Scenario().session(1, { positions: [42] }).wait(1000).connect(2).wait(100).data(2, 45);
    const shuffled = s.build().slice().reverse();
    expect(analyze(shuffled, SCAIWAVE_PROFILE).findings).toEqual(run(s).findings);
  });

  it('uses seq, not t, for before/after: a sync with the same t but a lower seq counts as before', () => {
    const s = new Scenario().session(1, { positions: [42] }).wait(1000).connect(2).wait(100).request('r1', 'https://api.example.com/v1/sync?since=42').data(2, 45);
    const a = run(s);
    expect(only(a, 'sync-late')).toEqual([]);
    expect(only(a, 'sync-skipped')).toEqual([]);
  });
});

describe('navigation (preserve log)', () => {
  function beforeReload(): Scenario {
    return new Scenario().session(1, { positions: [40, 41, 42], code: null }).at(20000).navigate().mark('nav');
  }

  it('ends the old document’s connections; the first connection after it is a resume, not an attempt', () => {
    const s = beforeReload().wait(800).connect(2).wait(50).sync('r1', 42, 200, [43]).wait(50).data(2, 44);
    const a = run(s);
    expect(a.connections[0]!.end).toEqual({ t: T0 + 20000, cause: 'navigation' });
    expect(a.attempts).toEqual([]);
    expect(a.resumes[0]).toMatchObject({ trigger: 'navigation', window: { open: { by: 'navigation', seq: s.seqOf('nav') } }, lastPosition: 42 });
    expect(a.findings.filter((f) => f.code.startsWith('sync-'))).toEqual([]);
    expect(only(a, 'duplicate-connection')).toEqual([]);
  });

  it('resuming from none after a reload: sync-skipped', () => {
    const s = beforeReload().wait(800).connect(2).wait(100).data(2, 45);
    const f = only(run(s), 'sync-skipped');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('after a page navigation, connection 2 received stream_position 45 without GET /v1/sync?since=42');
  });

  it('a sync between the navigation and the new connection counts', () => {
    const s = beforeReload().wait(100).sync('r1', 42).wait(700).connect(2).wait(100).data(2, 45);
    expect(only(run(s), 'sync-skipped')).toEqual([]);
  });
});

describe('HAR input (no close events)', () => {
  /** har-0: open 0 s, data 40..42, last message at 5 s; har-1 created at 31 s. */
  function harScenario(): Scenario {
    const s = new Scenario().connect('har-0').at(1000).data('har-0', 40).data('har-0', 41).at(5000).data('har-0', 42);
    return s;
  }

  it('ends a connection at max(startedDateTime + time, last message); no delay or close findings; window opens at the resume’s create', () => {
    const s = harScenario().at(30500).sync('r0', 42).at(31000).connect('har-1').wait(100).data('har-1', 45);
    const a = run(s, SCAIWAVE_PROFILE, { input: 'har', connEnds: new Map([['har-0', T0 + 30000]]) });
    expect(a.input).toBe('har');
    expect(a.connections[0]!.end).toEqual({ t: T0 + 30000, cause: 'har-end' });
    expect(a.attempts[0]).toMatchObject({ conn: 'har-1', verdict: 'unknown' });
    expect(a.attempts[0]!.delayMs).toBeUndefined();
    expect(a.findings.filter((f) => f.code.startsWith('reconnect-') || f.code.startsWith('close-'))).toEqual([]);
    const f = only(a, 'sync-skipped');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('reconnected (no close recorded) and received stream_position 45 without GET /v1/sync?since=42');
    expect(a.resumes[0]!.window.open.by).toBe('create');
  });

  it('uses the last message when it is later than the entry end', () => {
    const s = harScenario().at(31000).connect('har-1');
    const a = run(s, SCAIWAVE_PROFILE, { input: 'har', connEnds: { 'har-0': T0 + 3000 } });
    expect(a.connections[0]!.end).toEqual({ t: T0 + 5000, cause: 'har-end' });
  });

  it('a HAR connection still running when the next one opens is a duplicate, not a resume', () => {
    const s = harScenario().at(31000).connect('har-1').wait(100).data('har-1', 45).at(35000).data('har-0', 43);
    const a = run(s, SCAIWAVE_PROFILE, { input: 'har', connEnds: new Map([['har-0', T0 + 40000]]) });
    expect(only(a, 'duplicate-connection')).toHaveLength(1);
    expect(only(a, 'sync-skipped')).toEqual([]);
    expect(a.resumes).toEqual([]);
  });

  it('a sync after the resume’s create counts', () => {
    const s = harScenario().at(31000).connect('har-1').sync('r1', 42, 200, [43]).wait(100).data('har-1', 45);
    const a = run(s, SCAIWAVE_PROFILE, { input: 'har' });
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('position track', () => {
  it('is columnar and grows past its initial capacity; at(), iteration and JSON agree', () => {
    const s = new Scenario().connect(1);
    for (let p = 1; p <= 3000; p++) s.data(1, p);
    const a = run(s);
    const tr = a.positions;
    expect(tr.length).toBe(3000);
    expect(tr.position[2999]).toBe(3000);
    expect(tr.at(0)).toEqual({ seq: 3, t: T0, position: 1, source: 'frame', conn: 1 });
    expect(tr.at(3000)).toBeUndefined();
    expect([...tr].length).toBe(3000);
    expect(JSON.parse(JSON.stringify({ p: tr })).p[2999]).toMatchObject({ position: 3000, source: 'frame' });
  });
});
