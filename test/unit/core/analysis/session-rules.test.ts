/**
 * Closes the page asked for, how sessions end, and fixed retry schedules
 * (docs/design.md#closes-the-page-asked-for, docs/design.md#fatal-closes-and-credentials,
 * docs/design.md#reconnects-and-backoff): no network blame for the page's own close(), a new
 * start after it unless it followed a failure sign, no-reconnect, session-ended,
 * half-open-undetected, reconnect-no-jitter.
 */
import { describe, expect, it } from 'vitest';
import { Scenario, codes, only, run } from './scenario';
import { getBuiltinProfile } from '../../../../src/core/profile/presets';
import type { Profile } from '../../../../src/core/profile/types';

const closeCall = (s: Scenario, conn: number, code?: number) => s.push({ type: 'ws-close-call', conn, ...(code === undefined ? {} : { code }) });
const GQL_URL = 'ws://127.0.0.1:4000/graphql';
const gql = getBuiltinProfile('graphql-transport-ws') as Profile;

describe('closes the page asked for', () => {
  it('close() then a new socket to the same path: no reconnect-storm, no close-abnormal, a new start', () => {
    const s = new Scenario().session(1, { positions: [1, 2], openForMs: 3000, code: null });
    closeCall(s, 1, 1000).wait(2).close(1, 1000).wait(5).connect(2).wait(10).hello(2);
    closeCall(s.wait(1000), 2, 1000).wait(2).close(2, 1000).wait(5).connect(3).wait(10).hello(3);
    const a = run(s);
    expect(a.findings.filter((f) => f.code.startsWith('reconnect-') || f.code.startsWith('close-'))).toEqual([]);
    expect(a.attempts).toEqual([]); // new starts, not reconnect attempts
    expect(a.connections[0]!.closeCall).toEqual({ seq: expect.any(Number), t: expect.any(Number), code: 1000 });
  });

  it('close() while CONNECTING (the browser reports 1006): no network blame', () => {
    const s = new Scenario().create(1);
    closeCall(s.wait(20), 1).error(1).close(1, 1006).wait(10).connect(2).wait(10).hello(2);
    const a = run(s);
    expect(codes(a)).not.toContain('close-abnormal');
    expect(codes(a)).not.toContain('idle-timeout-suspected');
    expect(a.connections[0]!.closeCall?.failureSign).toBeUndefined();
  });

  it('a close after a missed pong is judged as a reconnect (backoff applies), still without network blame', () => {
    const s = new Scenario().connect(1).wait(10).hello(1).wait(3000).ping(1).wait(11000);
    closeCall(s, 1, 4000).wait(2).close(1, 1006).wait(20).create(2).wait(50).close(2, 1006).wait(30).create(3);
    const a = run(s);
    expect(a.connections[0]!.closeCall?.failureSign).toBe('a missed pong');
    expect(a.attempts.map((x) => x.k)).toEqual([0, 1]); // judged as reconnects: connection 1 was established
    expect(only(a, 'reconnect-storm').map((f) => f.conn)).toEqual([3]);
    expect(only(a, 'close-abnormal').map((f) => f.conn)).toEqual([2]); // only the close the page did not ask for
  });

  it('resume and sync rules apply after the page\'s own close', () => {
    const s = new Scenario().session(1, { positions: [40, 41, 42], openForMs: 3000, code: null });
    closeCall(s, 1, 1000).close(1, 1000).wait(5).connect(2).wait(10).data(2, 45);
    const f = only(run(s), 'sync-skipped');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe("reconnected 5 ms after the page's own close() and received stream_position 45 without GET /v1/sync?since=42");
  });
});

describe('no-reconnect', () => {
  it('fires when a retryable close is followed by no attempt past 1.5 × E + 1 s', () => {
    const s = new Scenario().session(1, { positions: [1], openForMs: 12000, code: 1012 }).mark('close').wait(5000).visibility('hidden');
    const f = only(run(s), 'no-reconnect');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.evidence).toEqual([s.seqOf('close')]);
    expect(f[0]!.message).toBe('connection 1 closed 1012 Service Restart and no new attempt to wss://api.example.com/v1/stream followed in the remaining 5.0 s of the trace (a retry was due within 2.5 s): the client gave up');
  });

  it('not when the trace ends within the limit, after a deliberate 1000, or after the page\'s own close', () => {
    expect(only(run(new Scenario().session(1, { openForMs: 12000, code: 1006 }).wait(2000).visibility('hidden')), 'no-reconnect')).toEqual([]);
    expect(only(run(new Scenario().session(1, { openForMs: 12000, code: 1000 }).wait(60000).visibility('hidden')), 'no-reconnect')).toEqual([]);
    const own = new Scenario().session(1, { openForMs: 12000, code: null });
    closeCall(own, 1, 1000).close(1, 1000).wait(60000).visibility('hidden');
    expect(only(run(own), 'no-reconnect')).toEqual([]);
  });
});

describe('session-ended', () => {
  it('graphql-ws 4401 Unauthorized with no new connection: what ended and why', () => {
    const s = new Scenario().create(1, GQL_URL, ['graphql-transport-ws']).open(1, 'graphql-transport-ws');
    s.send(1, { type: 'connection_init' }).wait(5).recv(1, { type: 'connection_ack' }).wait(100).close(1, 4401, 'Unauthorized').wait(100).visibility('hidden');
    const a = run(s, gql);
    const f = only(a, 'session-ended');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toContain('ended: connection 1 closed 4401 Unauthorized (Unauthorized): an operation was sent before connection_ack');
  });

  it('the client\'s own 4004 Bad Response ends the session too; a retried 4403 does not', () => {
    const s = new Scenario().create(1, GQL_URL).open(1, 'graphql-transport-ws').wait(50);
    closeCall(s, 1, 4004).close(1, 4004, 'Bad Response').wait(100).visibility('hidden');
    expect(only(run(s, gql), 'session-ended')[0]!.message).toContain('the client closed connection 1 with 4004 Bad Response');
    const retried = new Scenario().create(1, GQL_URL).open(1).wait(50).close(1, 4403, 'Forbidden').wait(1000).create(2, GQL_URL).open(2).wait(100);
    expect(only(run(retried, gql), 'session-ended')).toEqual([]);
  });
});

describe('half-open-undetected', () => {
  it('fires when a pinging connection stays silent past 2 × interval + pong timeout and the page keeps it open', () => {
    const s = new Scenario().connect(1).wait(10).hello(1).wait(30000).ping(1).mark('last').pong(1).wait(120000).visibility('hidden');
    const a = run(s);
    const f = only(a, 'half-open-undetected');
    expect(f).toHaveLength(1);
    expect(f[0]!.t).toBe(a.connections[0]!.created.t + 10 + 30000 + 70000);
    expect(f[0]!.message).toBe('connection 1 received nothing for 2 min 0 s to the end of the trace and the page kept it open (heartbeat every 30.0 s: a dead link shows within 70.0 s)');
  });

  it('not when the page closes it in time, nor when frames resume', () => {
    const s = new Scenario().connect(1).wait(10).hello(1).wait(30000).ping(1).pong(1).wait(60000);
    closeCall(s, 1, 4000).close(1, 1006).wait(5).connect(2).wait(10).hello(2);
    expect(only(run(s), 'half-open-undetected')).toEqual([]);
    const revived = new Scenario().connect(1).wait(10).hello(1).wait(30000).ping(1).pong(1).wait(90000).ping(1).pong(1);
    expect(only(run(revived), 'half-open-undetected')).toEqual([]);
  });
});

describe('reconnect-no-jitter', () => {
  /** Connection 1 established, then `n` failed attempts every `ms` after each close, then one that opens. */
  const fixed = (n: number, ms: number, delta = 0) => {
    const s = new Scenario().session(1, { positions: [1], openForMs: 12000 });
    for (let i = 0; i < n; i++) s.wait(ms + (i % 2 ? delta : 0)).create(2 + i).wait(50).close(2 + i, 1006);
    return s.wait(ms).connect(99).wait(10).hello(99).wait(5000);
  };

  it('a fixed 15 s schedule: one warning with the count, no reconnect-too-slow flood', () => {
    const a = run(fixed(5, 15000));
    const f = only(a, 'reconnect-no-jitter');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.message).toBe('6 reconnect attempts in a row to wss://api.example.com/v1/stream each came 15.0 s after the previous close (to the millisecond): a fixed retry schedule without jitter');
    expect(f[0]!.evidence).toHaveLength(6);
    expect(only(a, 'reconnect-too-slow')).toEqual([]);
    expect(f[0]!.hint).toContain('jitter');
  });

  it('delays within 2 % count as the same; 3 % apart or only two in a row do not', () => {
    expect(only(run(fixed(3, 10000, 150)), 'reconnect-no-jitter')).toHaveLength(1);
    expect(only(run(fixed(3, 10000, 300)), 'reconnect-no-jitter')).toEqual([]);
    expect(only(run(fixed(1, 10000)), 'reconnect-no-jitter')).toEqual([]);
  });
});
