/**
 * sync-skipped, sync-late, sync-cursor-stale, sync-cursor-ahead, sync-cursor-missing,
 * sync-failed (docs/design.md#positions-and-resumes; docs/design.md#the-scaiwave-profile "Reconnect strategy" step 3, "Stream-position tracking").
 */
import { describe, expect, it } from 'vitest';
import { getBuiltinProfile } from '../../../../src/core/profile/presets';
import { Scenario, only, run } from './scenario';

/** conn 1 processed 40, 41, 42 and dropped (1006) at 12 s after 12 s open (established). */
function droppedAfter42(): Scenario {
  return new Scenario().session(1, { positions: [40, 41, 42], openForMs: 12000 }).mark('close1');
}

describe('sync-skipped', () => {
  it('fires when a resume receives data without any sync (DESIGN example message)', () => {
    const s = droppedAfter42();
    s.wait(1000).create(2).mark('create2').open(2).wait(10).hello(2).wait(100).data(2, 45).mark('first');
    const a = run(s);
    const f = only(a, 'sync-skipped');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('reconnected 1.0 s after 1006 and received stream_position 45 without GET /v1/sync?since=42');
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.conn).toBe(2);
    expect(f[0]!.evidence).toEqual([s.seqOf('close1'), s.seqOf('create2'), s.seqOf('first')]);
    expect(f[0]!.t).toBe(s.events[s.seqOf('first') - 1]!.t);
  });

  it('does not fire when the sync started 1 ms before the first data frame (and is not late)', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).wait(10).hello(2);
    s.wait(100).request('r1', 'https://api.example.com/v1/sync?since=42').wait(1).data(2, 45).wait(49).response('r1', 200, { events: [{ stream_position: 43 }, { stream_position: 44 }] });
    const a = run(s);
    expect(only(a, 'sync-skipped')).toEqual([]);
    expect(only(a, 'sync-late')).toEqual([]);
    expect(a.resumes[0]!.syncs).toEqual([0]);
  });

  it('does not fire when the sync ran between the close and the new ws-create (window opens at the close)', () => {
    const s = droppedAfter42();
    s.wait(200).sync('r1', 42, 200, [43]).wait(800).connect(2).wait(100).data(2, 45);
    expect(only(run(s), 'sync-skipped')).toEqual([]);
  });

  it('still fires when the only sync comes after the resumed connection closed (next window)', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).wait(100).data(2, 45).wait(20000).close(2, 1006).wait(10).sync('r1', 45);
    const f = only(run(s), 'sync-skipped');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('stream_position 45 without GET /v1/sync?since=42');
  });

  it('does not fire on a resume that never gets a positioned data frame', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).wait(10).hello(2).ping(2);
    expect(only(run(s), 'sync-skipped')).toEqual([]);
  });

  it('judges in-band resume frames the same way (discord-gateway RESUME op 6 d.seq)', () => {
    const p = getBuiltinProfile('discord-gateway')!;
    const url = 'wss://gateway.discord.gg/?v=10&encoding=json';
    const base = () => {
      const s = new Scenario();
      s.connect(1, url).recv(1, { op: 10, d: { heartbeat_interval: 41250 } }).send(1, { op: 2, d: { token: 't' } });
      s.wait(10).recv(1, { op: 0, t: 'READY', s: 1, d: {} });
      for (let i = 2; i <= 5; i++) s.wait(10).recv(1, { op: 0, t: 'MESSAGE_CREATE', s: i, d: {} });
      s.at(20000).close(1, 1006).wait(500).connect(2, url).recv(2, { op: 10, d: { heartbeat_interval: 41250 } });
      return s;
    };
    const skipped = base();
    skipped.wait(10).recv(2, { op: 0, t: 'MESSAGE_CREATE', s: 8, d: {} });
    const f = only(run(skipped, p), 'sync-skipped');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('reconnected 500 ms after 1006 and received s 8 without a sync frame with d.seq=5');

    const resumed = base();
    resumed.send(2, { op: 6, d: { token: 't', session_id: 'x', seq: 5 } }).wait(10).recv(2, { op: 0, t: 'MESSAGE_CREATE', s: 6, d: {} });
    const a = run(resumed, p);
    expect(only(a, 'sync-skipped')).toEqual([]);
    expect(a.syncs[0]).toMatchObject({ kind: 'frame', cursor: 5, outcome: 'ok', conn: 2 });

    const fresh = base();
    fresh.send(2, { op: 2, d: { token: 't' } }).wait(10).recv(2, { op: 0, t: 'READY', s: 1, d: {} }).recv(2, { op: 0, t: 'X', s: 2, d: {} });
    const b = run(fresh, p);
    expect(only(b, 'sync-skipped')).toEqual([]);
    expect(only(b, 'position-regression')).toEqual([]);
    expect(b.resumes[0]!.fresh).toBe(true);
  });
});

describe('sync-late', () => {
  it('fires when the only sync starts after the first data frame', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).wait(100).data(2, 45).mark('first').wait(350).sync('r1', 42, 200, [43, 44]).mark('resp');
    const a = run(s);
    const f = only(a, 'sync-late');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('GET /v1/sync?since=42 started 350 ms after the first stream_position (45) of the resumed connection 2');
    expect(f[0]!.req).toBe('r1');
    expect(f[0]!.evidence).toEqual([s.seqOf('first'), s.seqOf('resp') - 1]);
    expect(only(a, 'sync-skipped')).toEqual([]);
  });

  it('does not fire when one sync came before the first data frame and another after', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).sync('r1', 42, 200, []).wait(100).data(2, 45).wait(350).sync('r2', 45);
    expect(only(run(s), 'sync-late')).toEqual([]);
  });
});

describe('sync-cursor-stale / sync-cursor-ahead', () => {
  it('stale: since below the last position when the window opened', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).sync('r1', 40, 200, [41, 42, 43]).wait(100).data(2, 44);
    const f = only(run(s), 'sync-cursor-stale');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message).toBe('GET /v1/sync?since=40 but the last stream_position was 42 when the window opened: events after 40 up to 42 will replay');
  });

  it('ahead: since above the last position (e.g. the hello head)', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).recv(2, { type: 'hello', tenant_id: 'acme', stream_position: 50 }).sync('r1', 50, 200, []).wait(100).data(2, 51);
    const a = run(s);
    const f = only(a, 'sync-cursor-ahead');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toBe('GET /v1/sync?since=50 but the last stream_position was 42 when the window opened: events after 42 up to 50 are never fetched');
  });

  it('neither when the cursor equals the last position', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).sync('r1', 42, 200, [43]).wait(100).data(2, 44);
    const a = run(s);
    expect(only(a, 'sync-cursor-stale')).toEqual([]);
    expect(only(a, 'sync-cursor-ahead')).toEqual([]);
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('compares with the position when the window opened, not later sync responses', () => {
    const s = droppedAfter42();
    // the first sync's response raises the last position to 44; the second sync still counts against 42
    s.wait(1000).connect(2).sync('r1', 42, 200, [43, 44]).sync('r2', 42, 200, []).wait(100).data(2, 45);
    const a = run(s);
    expect(only(a, 'sync-cursor-stale')).toEqual([]);
    expect(a.lastPosition).toBe(45);
  });
});

describe('sync-cursor-missing', () => {
  it('fires for a sync without the cursor parameter while a last position exists', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).sync('r1', null, 200, [43]).wait(100).data(2, 44);
    const f = only(run(s), 'sync-cursor-missing');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('GET /v1/sync without since= while the last stream_position was 42: expected GET /v1/sync?since=42');
  });

  it('fires for an empty cursor value', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).request('r1', 'https://api.example.com/v1/sync?since=').wait(100).data(2, 44);
    expect(only(run(s), 'sync-cursor-missing')).toHaveLength(1);
  });

  it('does not fire for an initial sync before any position exists, nor with the cursor', () => {
    const s = new Scenario().sync('r0', null, 200, [1, 2]).connect(1).data(1, 3).close(1, 1006).wait(5).connect(2).sync('r1', 3).data(2, 4);
    expect(only(run(s), 'sync-cursor-missing')).toEqual([]);
  });
});

describe('sync-failed', () => {
  it('fires when the sync failed (HTTP 503) and the resume proceeded without retry', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).sync('r1', 42, 503, [], 20).mark('resp').wait(100).data(2, 45);
    const a = run(s);
    const f = only(a, 'sync-failed');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('GET /v1/sync?since=42 failed (HTTP 503) and connection 2 resumed at stream_position 45 without a successful retry');
    expect(f[0]!.t).toBe(s.events[s.seqOf('resp') - 1]!.t);
    expect(only(a, 'sync-skipped')).toEqual([]);
  });

  it('fires after a network error', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).request('r1', 'https://api.example.com/v1/sync?since=42').wait(30).httpError('r1').wait(100).data(2, 45);
    const f = only(run(s), 'sync-failed');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('failed (network error: TypeError: Failed to fetch)');
  });

  it('does not fire when a retry succeeded', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).sync('r1', 42, 503).wait(500).sync('r2', 42, 200, [43]).wait(100).data(2, 45);
    expect(only(run(s), 'sync-failed')).toEqual([]);
  });

  it('does not fire when the resume did not proceed (closed without data)', () => {
    const s = droppedAfter42();
    s.wait(1000).connect(2).sync('r1', 42, 503).wait(100).close(2, 1000);
    expect(only(run(s), 'sync-failed')).toEqual([]);
  });
});

describe('sync windows', () => {
  it('an in-band sync frame counts only for the resume of its own connection', () => {
    const p = getBuiltinProfile('discord-gateway')!;
    const a = 'wss://gateway.discord.gg/?v=10';
    const s = new Scenario();
    s.connect(1, a).recv(1, { op: 10, d: { heartbeat_interval: 41250 } }).recv(1, { op: 0, t: 'READY', s: 1, d: {} }).recv(1, { op: 0, t: 'X', s: 2, d: {} });
    s.connect(9, 'wss://gateway.discord.gg/other').recv(9, { op: 10, d: { heartbeat_interval: 41250 } });
    s.wait(1000).close(1, 1006).close(9, 1006).wait(300).connect(2, a).connect(10, 'wss://gateway.discord.gg/other');
    s.send(10, { op: 6, d: { seq: 2 } }).recv(2, { op: 0, t: 'X', s: 3, d: {} });
    const f = only(run(s, p), 'sync-skipped');
    expect(f).toHaveLength(1);
    expect(f[0]!.conn).toBe(2);
  });
});
