/**
 * End-to-end stories from the ScaiWave troubleshooting page (docs/design.md#the-scaiwave-profile), checked for
 * the exact set of findings so that nothing spurious fires.
 */
import { describe, expect, it } from 'vitest';
import { Scenario, codes, only, run } from './scenario';

const URL_A = 'wss://api.example.com/v1/stream?token=tok-A';
const URL_B = 'wss://api.example.com/v1/stream?token=tok-B';

describe('seed: "Proxy or load balancer has too low an idle timeout"', () => {
  it('a proxy cutting idle sockets at 20 s while pings come every 30 s', () => {
    const s = new Scenario();
    let pos = 10;
    for (let i = 1; i <= 3; i++) {
      s.connect(i).wait(10).hello(i);
      if (i > 1) s.sync(`r${i}`, pos).wait(5);
      s.data(i, ++pos);
      s.wait(20000).close(i, 1006); // 20 s of silence, then the proxy cuts
      if (i < 3) s.wait(50);
    }
    const a = run(s);
    expect(only(a, 'idle-timeout-suspected')).toHaveLength(3);
    expect(only(a, 'idle-timeout-suspected')[0]!.message).toContain('after 20.0 s of silence, within 10 % of the known idle timeout 20.0 s');
    expect(new Set(codes(a))).toEqual(new Set(['close-abnormal', 'idle-timeout-suspected']));
    expect(a.counts.error).toBe(0);
  });

  it('a 60 s proxy with pings every 30 s keeps the socket alive: no findings', () => {
    const s = new Scenario().connect(1).wait(10).hello(1);
    for (let t = 30000; t <= 600000; t += 30000) s.at(t).ping(1).wait(2).pong(1);
    expect(run(s).findings).toEqual([]);
  });

  it('a 60 s proxy when the server stopped pinging: heartbeat missed, silent drop, idle timeout', () => {
    const s = new Scenario().connect(1).wait(10).hello(1).at(30000).ping(1).wait(2).pong(1).at(90000).close(1, 1006);
    expect(new Set(codes(run(s)))).toEqual(new Set(['heartbeat-missed', 'idle-timeout-suspected', 'close-abnormal']));
    const t = new Scenario().connect(1).wait(10).hello(1).at(30000).ping(1).wait(2).pong(1).at(91000).close(1, 1006);
    expect(new Set(codes(run(t)))).toEqual(new Set(['heartbeat-missed', 'silent-drop-suspected', 'idle-timeout-suspected', 'close-abnormal']));
  });
});

describe('seed: "Reconnect strategy"', () => {
  it('reconnect immediately then 1, 2, 4, 8 … 30 s with sync each time: only the drops are reported', () => {
    const s = new Scenario().session(1, { positions: [1, 2, 3], openForMs: 12000 });
    const delays = [0, 1000, 2000, 4000, 8000, 16000, 30000, 30000];
    delays.forEach((d, i) => s.wait(d).create(2 + i).wait(50).close(2 + i, 1006));
    s.wait(29000).connect(99).sync('r', 3, 200, [4]).wait(10).data(99, 5); // jitter: a third 30 s in a row is a fixed schedule
    const a = run(s);
    expect(new Set(codes(a))).toEqual(new Set(['close-abnormal']));
  });

  it('a client that retries too fast', () => {
    const s = new Scenario().session(1, { positions: [1], openForMs: 12000 });
    for (let i = 0; i < 12; i++) s.wait(50).create(2 + i).wait(20).close(2 + i, 1006);
    const a = run(s);
    const storms = only(a, 'reconnect-storm');
    expect(storms.length).toBe(11 + 1); // 11 too-fast attempts (all but the immediate first) + the count rule
    expect(storms.some((f) => f.message.startsWith('11 reconnect attempts'))).toBe(true);
    expect(a.counts.error).toBeGreaterThan(0);
  });

  it('reconnect with /v1/sync?since=<last> vs without', () => {
    const good = new Scenario().session(1, { positions: [40, 41, 42] }).connect(2).sync('r', 42, 200, [43]).data(2, 44);
    expect(new Set(codes(run(good)))).toEqual(new Set(['close-abnormal']));
    const bad = new Scenario().session(1, { positions: [40, 41, 42] }).connect(2).data(2, 44);
    expect(new Set(codes(run(bad)))).toEqual(new Set(['close-abnormal', 'sync-skipped']));
  });

  it('a page reload resuming from the persisted position vs from none', () => {
    const persisted = new Scenario().session(1, { positions: [7, 8], code: null }).navigate().wait(300).sync('r', 8, 200, [9]).connect(2).data(2, 10);
    expect(run(persisted).findings).toEqual([]);
    const none = new Scenario().session(1, { positions: [7, 8], code: null }).navigate().wait(300).sync('r', 0, 200, [1, 2, 9]).connect(2).data(2, 10);
    expect(codes(run(none))).toEqual(['sync-cursor-stale']);
  });
});

describe('seed: close codes', () => {
  it('4001 followed by a token refresh vs the same token', () => {
    const refresh = new Scenario().session(1, { url: URL_A, code: 4001, positions: [5] }).request('a', 'https://api.example.com/auth/refresh', 'POST').response('a', 200).connect(2, URL_B).sync('r', 5).data(2, 6);
    expect(codes(run(refresh))).toEqual(['close-auth']);
    const same = new Scenario().session(1, { url: URL_A, code: 4001, positions: [5] }).connect(2, URL_A).sync('r', 5).data(2, 6);
    expect(codes(run(same))).toEqual(['close-auth', 'auth-retry-same-token']);
  });

  it('4003 ping_timeout after missed pongs', () => {
    const s = new Scenario().connect(1).wait(10).hello(1).at(30000).ping(1).at(60000).ping(1).at(90000).ping(1).at(95000).close(1, 4003, 'ping_timeout');
    const a = run(s);
    expect(codes(a)).toEqual(['pong-missing', 'pong-missing', 'close-server-abort']);
    expect(only(a, 'close-server-abort')[0]!.message).toContain('reason "ping_timeout": the client missed too many pongs');
  });

  it('4003 duplicate_connection with two connections', () => {
    const s = new Scenario().connect(1).wait(10).hello(1).at(5000).connect(2).wait(10).hello(2).wait(50).close(1, 4003, 'duplicate_connection');
    const a = run(s);
    expect(codes(a)).toEqual(['duplicate-connection', 'close-server-abort']);
    expect(only(a, 'close-server-abort')[0]!.hint).toContain('one connection per token');
  });
});

describe('seed: "Connects fine but no events arrive" — wrong tenant scope', () => {
  it('tenant change between connections', () => {
    const s = new Scenario().session(1, { tenant: 'acme', positions: [3] }).connect(2).recv(2, { type: 'hello', tenant_id: 'globex' }).sync('r', 3);
    expect(codes(run(s))).toEqual(['close-abnormal', 'tenant-changed']);
  });
});
