/**
 * reconnect-storm, reconnect-too-slow, reconnect-after-fatal, auth-retry-same-token
 * (docs/design.md#reconnects-and-backoff, docs/design.md#fatal-closes-and-credentials; docs/design.md#the-scaiwave-profile "Reconnect strategy",
 * "Close frame with code 4001").
 */
import { describe, expect, it } from 'vitest';
import { Scenario, only, run, scaiwaveWith } from './scenario';

const URL_A = 'wss://api.example.com/v1/stream?token=tok-A';
const URL_B = 'wss://api.example.com/v1/stream?token=tok-B';

/** An established connection 1 that drops (1006) at 12 s. */
function established(): Scenario {
  return new Scenario().session(1, { positions: [1], openForMs: 12000 });
}

/** A failed attempt: create `conn`, close 1006 after 50 ms without opening. */
function fail(s: Scenario, conn: number): Scenario {
  return s.create(conn).wait(50).close(conn, 1006);
}

describe('backoff (seed: immediately, then 1, 2, 4, 8 … max 30 s)', () => {
  it('immediate retry then 1, 2, 4, 8, 16, 30, 30, 31 s: no reconnect findings', () => {
    const s = established();
    fail(s, 2);
    const delays = [1000, 2000, 4000, 8000, 16000, 30000, 30000];
    delays.forEach((d, i) => fail(s.wait(d), 3 + i));
    // jitter at the cap: a third 30 s in a row would be a fixed schedule (reconnect-no-jitter)
    s.wait(31000).connect(20).wait(10).hello(20);
    const a = run(s);
    expect(a.findings.filter((f) => f.code.startsWith('reconnect-'))).toEqual([]);
    expect(a.attempts.map((x) => [x.k, x.expectedMs, x.delayMs, x.verdict])).toEqual([
      [0, 1000, 0, 'ok'],
      [1, 1000, 1000, 'ok'],
      [2, 2000, 2000, 'ok'],
      [3, 4000, 4000, 'ok'],
      [4, 8000, 8000, 'ok'],
      [5, 16000, 16000, 'ok'],
      [6, 30000, 30000, 'ok'],
      [7, 30000, 30000, 'ok'],
      [8, 30000, 31000, 'ok'],
    ]);
  });

  it('k is 0 again right after an established connection', () => {
    const s = established();
    fail(s, 2);
    s.wait(1000).connect(3).wait(15000).close(3, 1006).wait(100).connect(4);
    expect(run(s).attempts.map((x) => x.k)).toEqual([0, 1, 0]);
  });
});

describe('reconnect-storm', () => {
  it('fires for an attempt faster than (1 − jitter)·E', () => {
    const s = established();
    fail(s, 2);
    s.wait(100).create(3).mark('c3');
    const a = run(s);
    const f = only(a, 'reconnect-storm');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('reconnected 100 ms after 1006 following 1 failed connection: expected about 1.0 s (at least 500 ms)');
    expect(f[0]!.conn).toBe(3);
    expect(a.attempts[1]!.verdict).toBe('too-fast');
  });

  it('does not fire exactly at the expected delay, nor exactly at (1 − jitter)·E', () => {
    for (const d of [1000, 500]) {
      const s = established();
      fail(s, 2);
      s.wait(d).create(3);
      expect(only(run(s), 'reconnect-storm')).toEqual([]);
    }
  });

  it('fires once when more than 10 attempts of a session fall within 60 s', () => {
    const fast = scaiwaveWith({ backoff: { immediateMs: 1000, baseMs: 100, factor: 1, maxMs: 100, jitter: 0.5, stableAfterMs: 10000 } });
    const s = established();
    for (let i = 0; i < 11; i++) fail(s.wait(100), 2 + i);
    const f = only(run(s, fast), 'reconnect-storm');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('11 reconnect attempts to wss://api.example.com/v1/stream within 1.5 s (more than 10 within 60.0 s)');
    expect(f[0]!.evidence).toHaveLength(11);
  });

  it('does not fire for 10 attempts within 60 s', () => {
    const fast = scaiwaveWith({ backoff: { immediateMs: 1000, baseMs: 100, factor: 1, maxMs: 100, jitter: 0.5, stableAfterMs: 10000 } });
    const s = established();
    for (let i = 0; i < 10; i++) fail(s.wait(100), 2 + i);
    expect(only(run(s, fast), 'reconnect-storm')).toEqual([]);
  });
});

describe('reconnect-too-slow', () => {
  it('fires for a first retry later than 1.5·immediateMs + 1 s', () => {
    const s = established().wait(3000).connect(2);
    const f = only(run(s), 'reconnect-too-slow');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('reconnected 3.0 s after 1006 (first retry, expected immediately): expected about 1.0 s (at most 2.5 s)');
  });

  it('fires after failures when delay > 1.5·E + 1 s', () => {
    const s = established();
    fail(s, 2);
    fail(s.wait(1000), 3);
    s.wait(5001).create(4); // k = 2, E = 2 s, limit 4 s
    const f = only(run(s), 'reconnect-too-slow');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('reconnected 5.0 s after 1006 following 2 failed connections: expected about 2.0 s (at most 4.0 s)');
  });

  it('does not fire exactly at 1.5·E + 1 s', () => {
    const s = established().wait(2500).connect(2);
    expect(only(run(s), 'reconnect-too-slow')).toEqual([]);
  });
});

describe('reconnect-after-fatal', () => {
  it('fires for a new attempt after a fatal close (1008)', () => {
    const s = new Scenario().session(1, { code: 1008, reason: 'policy' }).mark('close').wait(1000).create(2).mark('c2').open(2);
    const f = only(run(s), 'reconnect-after-fatal');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('reconnected 1.0 s after close 1008 Policy Violation (policy), a fatal close: reconnecting cannot help');
    expect(f[0]!.evidence).toEqual([s.seqOf('close'), s.seqOf('c2')]);
  });

  it('fires for codes the profile marks fatal', () => {
    const p = scaiwaveWith({ closeCodes: { '4009': { name: 'BANNED', fatal: true } } });
    const s = new Scenario().session(1, { code: 4009 }).wait(1000).connect(2);
    expect(only(run(s, p), 'reconnect-after-fatal')).toHaveLength(1);
  });

  it('does not fire after a non-fatal close (1011), nor after 4001 (fatalUnlessNewCredentials)', () => {
    const s = new Scenario().session(1, { code: 1011 }).wait(1000).connect(2);
    expect(only(run(s), 'reconnect-after-fatal')).toEqual([]);
    const t = new Scenario().session(1, { code: 4001, url: URL_A }).wait(1000).connect(2, URL_A);
    expect(only(run(t), 'reconnect-after-fatal')).toEqual([]);
  });
});

describe('auth-retry-same-token (seed: 4001 → refresh and reconnect)', () => {
  it('fires when the attempt after 4001 carries the same token', () => {
    const s = new Scenario().session(1, { code: 4001, url: URL_A }).wait(1000).connect(2, URL_A);
    const f = only(run(s), 'auth-retry-same-token');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/^reconnected 1\.0 s after close 4001 SW_AUTH_INVALID_TOKEN with the same credentials \(token=REDACTED~[0-9a-f]{4}\)$/);
    expect(f[0]!.message).not.toContain('tok-A');
  });

  it('does not fire after a token refresh', () => {
    const s = new Scenario().session(1, { code: 4001, url: URL_A }).wait(200).request('auth', 'https://api.example.com/auth/refresh', 'POST').wait(100).response('auth', 200).wait(700).connect(2, URL_B);
    const a = run(s);
    expect(only(a, 'auth-retry-same-token')).toEqual([]);
    expect(only(a, 'close-auth')).toHaveLength(1);
  });

  it('compares REDACTED~xxxx marks in a redacted trace', () => {
    const same = new Scenario().session(1, { code: 4001, url: 'wss://h/v1/stream?token=REDACTED~1a2b' }).wait(1000).connect(2, 'wss://h/v1/stream?token=REDACTED~1a2b');
    const f = only(run(same), 'auth-retry-same-token');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('(token=REDACTED~1a2b)');
    const diff = new Scenario().session(1, { code: 4001, url: 'wss://h/v1/stream?token=REDACTED~1a2b' }).wait(1000).connect(2, 'wss://h/v1/stream?token=REDACTED~9f9f');
    expect(only(run(diff), 'auth-retry-same-token')).toEqual([]);
  });

  it('does not fire when the URL carries no credentials', () => {
    const s = new Scenario().session(1, { code: 4001, url: 'wss://h/v1/stream' }).wait(1000).connect(2, 'wss://h/v1/stream');
    expect(only(run(s), 'auth-retry-same-token')).toEqual([]);
  });
});

describe('a failed sync is a failed attempt (docs/design.md#reconnects-and-backoff)', () => {
  /** Connection 1 established and dropped; the catch-up fails (a network error, then 503), the client waits `waits` between tries, syncs and reconnects. */
  function afterFailedSyncs(waits: number[], lastStatus = 200) {
    const s = new Scenario().session(1, { positions: [41, 42], openForMs: 20000, code: 1006 });
    s.wait(20).sync('r1', 42, null).wait(30).httpError('r1').mark('failed');
    waits.slice(1).forEach((w, i) => s.wait(w).sync(`f${i}`, 42, 503, [], 30).mark('failed'));
    s.wait(waits[0] ?? 0).sync('ok', 42, lastStatus, [43], 30).wait(10).connect(2).wait(10).hello(2).data(2, 44);
    return s;
  }

  it('a client that counts them and backs off (1 s, then 2 s: 3.1 s after the close, too slow for k = 0) is right for k = 2, timed from the last failure', () => {
    const s = afterFailedSyncs([2000, 1000]);
    const a = run(s);
    expect(a.attempts).toHaveLength(1);
    expect(a.attempts[0]).toMatchObject({ k: 2, failedSyncs: 2, failedSyncSeq: s.seqOf('failed'), expectedMs: 2000, delayMs: 2040, verdict: 'ok' });
    expect(only(a, 'reconnect-too-slow')).toEqual([]);
  });

  it('a client that does not count it (syncs again at once) is judged from the close, as before: right for k = 0', () => {
    const a = run(afterFailedSyncs([0]));
    expect(a.attempts[0]).toMatchObject({ k: 0, expectedMs: 1000, delayMs: 90, verdict: 'ok' });
    expect(a.attempts[0]!.failedSyncs).toBeUndefined();
    expect(only(a, 'reconnect-storm')).toEqual([]);
  });

  it('too slow either way stays too slow, reported from the close; without a failed sync nothing changes', () => {
    const late = run(afterFailedSyncs([10000, 1000]));
    expect(late.attempts[0]).toMatchObject({ k: 0, delayMs: 11120, verdict: 'too-slow' });
    expect(late.attempts[0]!.failedSyncs).toBeUndefined();
    expect(only(late, 'reconnect-too-slow').map((f) => f.message)).toEqual(['reconnected 11.1 s after 1006 (first retry, expected immediately): expected about 1.0 s (at most 2.5 s)']);
    const s = new Scenario().session(1, { positions: [41, 42], openForMs: 20000, code: 1006 });
    s.wait(3000).sync('ok', 42, 200, [43], 30).wait(10).connect(2);
    expect(run(s).attempts[0]).toMatchObject({ k: 0, delayMs: 3040, verdict: 'too-slow' });
  });

  it('a sync that fails while a connection is open is not counted: that connection is the attempt', () => {
    const s = new Scenario().session(1, { positions: [41, 42], openForMs: 20000, code: 1006 });
    s.wait(0).connect(2).wait(10).sync('r1', 42, 503, [], 30).wait(10).close(2, 1000).wait(5000).connect(3);
    const a = run(s);
    expect(a.attempts.map((x) => [x.k, x.verdict, x.failedSyncs])).toEqual([[0, 'ok', undefined], [1, 'too-slow', undefined]]);
  });
});
