/**
 * heartbeat-missed, pong-missing, silent-drop-suspected, idle-timeout-suspected
 * (docs/design.md#silence-and-heartbeats; docs/design.md#the-scaiwave-profile "Proxy or load balancer has too low an idle timeout",
 * "Drops without close frame", 4003 ping_timeout).
 */
import { describe, expect, it } from 'vitest';
import { Scenario, codes, only, run, scaiwaveWith } from './scenario';

/** Connection 1 open at 0 with server pings at 30 s and 60 s, each answered 5 ms later. */
function pinging(): Scenario {
  return new Scenario().connect(1).wait(10).hello(1).at(30000).ping(1).wait(5).pong(1).at(60000).ping(1).mark('ping60').wait(5).pong(1);
}

describe('heartbeat-missed', () => {
  it('fires when no ping came for more than 1.5 × intervalMs while open', () => {
    const s = pinging();
    for (let t = 70000; t < 130000; t += 10000) s.at(t).data(1, t / 1000); // not silent, just no pings
    s.at(130000).close(1, 1000).mark('close');
    const a = run(s);
    const f = only(a, 'heartbeat-missed');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('no ping on connection 1 for 70.0 s (from the last ping to the close): pings every 30.0 s, limit 45.0 s');
    expect(f[0]!.t).toBe(s.events[s.seqOf('ping60') - 1]!.t + 45000);
    expect(f[0]!.evidence).toEqual([s.seqOf('ping60'), s.seqOf('close')]);
    expect(only(a, 'silent-drop-suspected')).toEqual([]);
  });

  it('does not fire at exactly 1.5 × intervalMs', () => {
    const s = pinging();
    s.at(60000 + 45000).ping(1).wait(5).pong(1).at(110000).close(1, 1000);
    expect(only(run(s), 'heartbeat-missed')).toEqual([]);
  });

  it('counts up to the end of the trace for a connection still open', () => {
    const s = pinging();
    s.at(120000).data(1, 1);
    const f = only(run(s), 'heartbeat-missed');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('for 60.0 s (from the last ping to the end of the trace)');
  });

  it('does not fire for a session that never showed pings', () => {
    const s = new Scenario().connect(1).hello(1).at(200000).data(1, 1).close(1, 1000);
    const a = run(s);
    expect(only(a, 'heartbeat-missed')).toEqual([]);
    expect(only(a, 'silent-drop-suspected')).toEqual([]);
  });

  it('mentions a hidden tab (throttled timers)', () => {
    const s = pinging();
    s.at(70000).visibility('hidden').at(120000).data(1, 1).visibility('visible');
    expect(only(run(s), 'heartbeat-missed')[0]!.message).toContain('while the tab was hidden');
  });

  it('uses the interval a hello announced (heartbeat.intervalPath)', () => {
    const p = scaiwaveWith({ heartbeat: { ...scaiwaveWith({}).heartbeat!, intervalPath: 'ping_interval_ms' } });
    const s = new Scenario().connect(1).recv(1, { type: 'hello', ping_interval_ms: 10000 }).at(10000).ping(1).pong(1).at(26000).ping(1).pong(1);
    const f = only(run(s, p), 'heartbeat-missed');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('for 16.0 s');
    expect(f[0]!.message).toContain('pings every 10.0 s, limit 15.0 s');
  });
});

describe('pong-missing', () => {
  it('fires when a ping got no pong within pongTimeoutMs', () => {
    const s = new Scenario().connect(1).hello(1).at(30000).ping(1).mark('ping').at(60000).ping(1).wait(5).pong(1);
    const a = run(s);
    const f = only(a, 'pong-missing');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toBe('ping on connection 1 got no pong within 10.0 s');
    expect(f[0]!.t).toBe(s.events[s.seqOf('ping') - 1]!.t + 10000);
    expect(a.connections[0]!.heartbeat).toMatchObject({ pings: 2, pongs: 1, missedPongs: 1 });
  });

  it('fires for a late pong', () => {
    const s = new Scenario().connect(1).at(30000).ping(1).wait(12500).pong(1);
    expect(only(run(s), 'pong-missing')[0]!.message).toBe('ping on connection 1 was answered 12.5 s later, after the pong timeout of 10.0 s');
  });

  it('does not fire for a pong exactly at the timeout, nor when the connection closed before it', () => {
    const s = new Scenario().connect(1).at(30000).ping(1).wait(10000).pong(1);
    expect(only(run(s), 'pong-missing')).toEqual([]);
    const t = new Scenario().connect(1).at(30000).ping(1).wait(2000).close(1, 1006);
    expect(only(run(t), 'pong-missing')).toEqual([]);
  });
});

describe('silent-drop-suspected', () => {
  it('fires when an open connection of a pinging session is silent longer than 2 × intervalMs', () => {
    const s = new Scenario().connect(1).at(30000).ping(1).mark('ping').wait(5).pong(1).at(91000).close(1, 1006);
    const f = only(run(s), 'silent-drop-suspected');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('connection 1 stayed open 61.0 s without any inbound frame (from the last inbound frame to the close): more than 2 × the 30.0 s heartbeat');
    expect(f[0]!.t).toBe(s.events[s.seqOf('ping') - 1]!.t + 60000);
  });

  it('does not fire at exactly 2 × intervalMs', () => {
    const s = new Scenario().connect(1).at(30000).ping(1).wait(5).pong(1).at(90000).close(1, 1006);
    expect(only(run(s), 'silent-drop-suspected')).toEqual([]);
  });

  it('has no silence for a connection that never opened', () => {
    const s = new Scenario().connect(1).at(30000).ping(1).pong(1).close(1, 1000).create(2).at(200000).close(2, 1006);
    expect(only(run(s), 'silent-drop-suspected')).toEqual([]);
  });
});

describe('idle-timeout-suspected', () => {
  it('fires when a 1006 ends a silence within ±10 % of a known idle timeout (20 s proxy, pings every 30 s)', () => {
    const s = new Scenario().connect(1).wait(10).hello(1).mark('hello').wait(20000).close(1, 1006).mark('close');
    const a = run(s);
    const f = only(a, 'idle-timeout-suspected');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('connection 1 closed 1006 after 20.0 s of silence, within 10 % of the known idle timeout 20.0 s (no heartbeat seen on this session): a proxy or load balancer cuts idle sockets');
    expect(f[0]!.evidence).toEqual([s.seqOf('hello'), s.seqOf('close')]);
  });

  it('accepts the ±10 % edges and rejects just outside', () => {
    const at = (ms: number) => only(run(new Scenario().connect(1).wait(ms).close(1, 1006)), 'idle-timeout-suspected').length;
    expect(at(22000)).toBe(1);
    expect(at(18000)).toBe(1);
    expect(at(22001)).toBe(0);
    expect(at(25000)).toBe(0);
    expect(at(54000)).toBe(1);
  });

  it('fires when two abnormal closes of a session end silences within ±10 % of each other', () => {
    const p = scaiwaveWith({ idleTimeoutsMs: [] });
    const s = new Scenario().connect(1).wait(45000).close(1, 1006).mark('c1').wait(10).connect(2).wait(46000).close(2, 1006);
    const f = only(run(s, p), 'idle-timeout-suspected');
    expect(f).toHaveLength(1);
    expect(f[0]!.conn).toBe(2);
    expect(f[0]!.message).toBe('connection 2 closed 1006 after 46.0 s of silence, like connection 1 after 45.0 s (no heartbeat seen on this session): a proxy or load balancer cuts idle sockets');
    expect(f[0]!.evidence).toContain(s.seqOf('c1'));
  });

  it('does not pair silences further apart, nor clean closes', () => {
    const p = scaiwaveWith({ idleTimeoutsMs: [] });
    const s = new Scenario().connect(1).wait(45000).close(1, 1006).wait(10).connect(2).wait(52000).close(2, 1006);
    expect(only(run(s, p), 'idle-timeout-suspected')).toEqual([]);
    const t = new Scenario().connect(1).wait(20000).close(1, 1000);
    expect(only(run(t), 'idle-timeout-suspected')).toEqual([]);
  });

  it('60 s proxy with pings every 30 s: the heartbeat keeps the socket alive, no findings', () => {
    const s = new Scenario().connect(1).wait(10).hello(1);
    for (let t = 30000; t <= 300000; t += 30000) s.at(t).ping(1).wait(3).pong(1);
    expect(codes(run(s))).toEqual([]);
  });
});
