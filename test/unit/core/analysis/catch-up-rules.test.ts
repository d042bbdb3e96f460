/**
 * Epochs, paged and truncated catch-ups, catch-up positions filling live gaps, resumes the
 * server did not grant, server error frames, and heartbeat advice (docs/design.md#epochs,
 * docs/design.md#catch-up-rules, docs/design.md#silence-and-heartbeats).
 */
import { describe, expect, it } from 'vitest';
import { Scenario, codes, only, run, scaiwaveWith } from './scenario';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { getBuiltinProfile } from '../../../../src/core/profile/presets';
import type { Profile } from '../../../../src/core/profile/types';

const contiguous = scaiwaveWith({ position: { ...SCAIWAVE_PROFILE.position!, contiguous: true } });

/** Connection 1 processed 50..52 and dropped (1006); connection 2 reconnects 1 s later. */
function droppedAt52(): Scenario {
  return new Scenario().session(1, { positions: [50, 51, 52], openForMs: 12000 }).wait(1000).connect(2);
}

describe('epochs', () => {
  it('a counter reset without a new epoch is position-regression whose hint keeps the events', () => {
    const s = droppedAt52().sync('r1', 52, 200, []).wait(10).data(2, 1).wait(10).data(2, 2);
    const f = only(run(s), 'position-regression');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe("2 data frames on connection 2 carry stream_position 1..2 after last position 52: the server's counter restarted without announcing a new epoch");
    expect(f[0]!.hint).not.toMatch(/skip frames/);
    expect(f[0]!.hint).toContain('do not drop these frames as duplicates');
  });

  it('a new epoch in the hello: no regression, and a sync with the old cursor is ahead of the new epoch', () => {
    const s = new Scenario().connect(1).wait(10).hello(1, { tenant_id: 'acme', epoch: 'e1' }).wait(10).data(1, 51).data(1, 52).wait(12000).close(1, 1006);
    s.wait(1000).connect(2).wait(10).hello(2, { tenant_id: 'acme', epoch: 'e2', stream_position: 3 }).sync('r1', 52, 200, []).wait(10).data(2, 4);
    const a = run(s);
    expect(only(a, 'position-regression')).toEqual([]);
    const f = only(a, 'sync-cursor-ahead');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('GET /v1/sync?since=52 but the last stream_position was 0 when it started (a new epoch "e2" began (was "e1"), positions restart): events after 0 up to 52 are never fetched');
    expect(a.connections[1]!.epoch).toBe('e2');
  });

  it('a new epoch caught up from its start: no finding', () => {
    const s = new Scenario().connect(1).wait(10).hello(1, { tenant_id: 'acme', epoch: 'e1' }).wait(10).data(1, 52).wait(12000).close(1, 1006);
    s.wait(1000).connect(2).wait(10).hello(2, { tenant_id: 'acme', epoch: 'e2', stream_position: 3 }).sync('r1', 0, 200, [1, 2, 3]).wait(10).data(2, 4);
    expect(run(s, contiguous).findings.map((f) => f.code)).toEqual(['close-abnormal']);
  });
});

describe('paged and truncated catch-ups', () => {
  it('since=60 after a first page that ended at 60 is correct (each page judged when it starts)', () => {
    const s = droppedAt52().request('r1', 'https://api.example.com/v1/sync?since=52');
    s.response('r1', 200, { events: [53, 54, 55, 56, 57, 58, 59, 60].map((p) => ({ stream_position: p })), has_more: true });
    s.sync('r2', 60, 200, [61, 62]).wait(10).data(2, 63);
    const a = run(s, contiguous);
    expect(codes(a).filter((c) => c.startsWith('sync-') || c.startsWith('position-'))).toEqual([]);
  });

  it('a partial response not continued: sync-truncated with the lost count, not also position-gap', () => {
    const s = droppedAt52();
    s.request('r1', 'https://api.example.com/v1/sync?since=52').response('r1', 200, { events: [53, 54, 55].map((p) => ({ stream_position: p })), has_more: true }).mark('resp');
    s.wait(10).data(2, 86);
    const a = run(s, contiguous);
    const f = only(a, 'sync-truncated');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.conn).toBe(2);
    expect(f[0]!.message).toBe('GET /v1/sync?since=52 returned 53..55 and said it was partial (has_more: true), and connection 2 fetched no next page: 30 positions lost (56..85)');
    expect(only(a, 'position-gap')).toEqual([]);
  });

  it('fewer positions than the hello head is partial too (no flag)', () => {
    const s = new Scenario().session(1, { positions: [50, 51, 52], openForMs: 12000 }).wait(1000).connect(2);
    s.recv(2, { type: 'hello', tenant_id: 'acme', stream_position: 70 }).sync('r1', 52, 200, [53, 54]);
    const f = only(run(s), 'sync-truncated');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('(it ended at 54, below the head 70 the hello announced)');
    expect(f[0]!.message).toContain('16 positions lost (55..70)');
  });
});

describe('catch-up positions fill the live gap whichever comes first', () => {
  it('sync returned 53–56 (body not recorded), then 57 live: no position-gap', () => {
    const s = droppedAt52().sync('r1', 52, 200).wait(10).data(2, 57);
    expect(only(run(s, contiguous), 'position-gap')).toEqual([]);
  });

  it('57 live first, then 53–56 replayed in-band: no position-gap, no duplicate delivery', () => {
    const s = droppedAt52().sync('r1', 52, null).wait(10).data(2, 57);
    for (const p of [53, 54, 55, 56]) s.data(2, p);
    const a = run(s, contiguous);
    expect(only(a, 'position-gap')).toEqual([]);
    expect(only(a, 'position-regression')).toEqual([]);
  });

  it('a jump nothing filled is still a gap', () => {
    const s = droppedAt52().sync('r1', 52, 200, [53]).wait(10).data(2, 57);
    expect(only(run(s, contiguous), 'position-gap')).toHaveLength(1);
  });
});

describe('Socket.IO: a resume the server did not grant', () => {
  const sio = getBuiltinProfile('socketio-v4') as Profile;
  const URL = 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket';
  const open = '0{"sid":"s1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
  it('asked for pid p1 without an offset and got p2: resume-not-granted', () => {
    const s = new Scenario().connect(1, URL).recv(1, open).send(1, '40').recv(1, '40{"sid":"a","pid":"p1"}').wait(5000).close(1, 1006);
    s.wait(1000).connect(2, URL).recv(2, open).send(2, '40{"pid":"p1"}').mark('ask').recv(2, '40{"sid":"b","pid":"p2"}').mark('reply');
    const f = only(run(s, sio), 'resume-not-granted');
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence).toEqual([s.seqOf('ask'), s.seqOf('reply')]);
    expect(f[0]!.message).toBe('connection 2 asked to resume pid "p1" (without offset: a session is only restored from a offset) and the server started a new one ("p2"): what was sent while the client was away is lost');
  });

  it('granted (same pid back): no finding; a CONNECT_ERROR is server-error', () => {
    const s = new Scenario().connect(1, URL).recv(1, open).send(1, '40').recv(1, '40{"sid":"a","pid":"p1"}').wait(5000).close(1, 1006);
    s.wait(1000).connect(2, URL).recv(2, open).send(2, '40{"pid":"p1","offset":"x9"}').recv(2, '40{"sid":"a","pid":"p1"}').recv(2, '44{"message":"not authorized"}');
    const a = run(s, sio);
    expect(only(a, 'resume-not-granted')).toEqual([]);
    expect(only(a, 'server-error').map((f) => f.message)).toEqual(['the server sent an error frame on connection 2: "not authorized"']);
  });
});

describe('server-error', () => {
  it('graphql-ws error messages: one finding per connection with the count and the first message', () => {
    const gql = getBuiltinProfile('graphql-transport-ws') as Profile;
    const s = new Scenario().create(1, 'ws://127.0.0.1/graphql').open(1, 'graphql-transport-ws').recv(1, { type: 'connection_ack' });
    s.recv(1, { id: '1', type: 'error', payload: [{ message: 'Cannot query field "nope" on type "Query".' }] }).mark('e1');
    s.recv(1, { id: '2', type: 'error', payload: [{ message: 'second' }] }).mark('e2');
    const f = only(run(s, gql), 'server-error');
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence).toEqual([s.seqOf('e1'), s.seqOf('e2')]);
    expect(f[0]!.message).toBe('the server sent 2 error frames on connection 1, the first: "Cannot query field \\"nope\\" on type \\"Query\\"."');
  });
});

describe('heartbeat advice follows the evidence', () => {
  it('pong-missing: the hint names who pings', () => {
    const server = new Scenario().connect(1).wait(10).hello(1).wait(30000).ping(1).wait(15000).ping(1).pong(1);
    expect(only(run(server), 'pong-missing')[0]!.hint).toMatch(/^the server pings here: the client must answer/);
    const clientPings = scaiwaveWith({ heartbeat: { intervalMs: 30000, ping: { dir: 'out', json: { type: 'ping' } }, pong: { dir: 'in', json: { type: 'pong' } }, pongTimeoutMs: 10000 } });
    const client = new Scenario().connect(1).wait(10).hello(1).wait(30000).send(1, { type: 'ping' }).wait(15000).recv(1, { type: 'pong' });
    expect(only(run(client, clientPings), 'pong-missing')[0]!.hint).toMatch(/^the client pings here and the server did not answer/);
  });

  it('idle-timeout-suspected: no heartbeat claimed without one; the fix is a heartbeat shorter than the idle timeout', () => {
    const f = only(run(new Scenario().connect(1).wait(10).hello(1).wait(60000).close(1, 1006)), 'idle-timeout-suspected');
    expect(f[0]!.message).toContain('(no heartbeat seen on this session)');
    expect(f[0]!.hint).toBe("no heartbeat was seen: have the server send one, shorter than the 60.0 s idle timeout (e.g. every 30.0 s); raising the proxy's idle timeout helps only where you control it");
    const seen = new Scenario().connect(1).wait(10).hello(1).wait(10000).ping(1).pong(1).wait(60000).close(1, 1006);
    expect(only(run(seen, scaiwaveWith({ heartbeat: { ...SCAIWAVE_PROFILE.heartbeat!, intervalMs: 90000 } })), 'idle-timeout-suspected')[0]!.hint).toMatch(/^the heartbeat every 1\.5 min|^the heartbeat every 90\.0 s is longer than the idle timeout/);
  });

  it('two heartbeat timers on one socket: heartbeat-doubled; one timer: none', () => {
    const clientPings = scaiwaveWith({ heartbeat: { intervalMs: 10000, ping: { dir: 'out', json: { type: 'ping' } } } });
    const two = new Scenario().connect(1).wait(10).hello(1);
    for (let i = 0; i < 4; i++) two.wait(3000).send(1, { type: 'ping' }).wait(7000).send(1, { type: 'ping' });
    const f = only(run(two, clientPings), 'heartbeat-doubled');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('the client pinged on connection 1 at two interleaved cadences: gaps alternate 7.0 s and 3.0 s, as two timers each pinging every 10.0 s do');
    const one = new Scenario().connect(1).wait(10).hello(1);
    for (let i = 0; i < 8; i++) one.wait(10000).send(1, { type: 'ping' });
    expect(only(run(one, clientPings), 'heartbeat-doubled')).toEqual([]);
  });
});
