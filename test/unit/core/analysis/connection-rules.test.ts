/**
 * duplicate-connection, tenant-changed, send-while-not-open, close-abnormal, close-auth,
 * close-server-abort (docs/design.md#analysis; docs/design.md#the-scaiwave-profile "Close frame with code 4001/4003", "Wrong tenant scope").
 */
import { describe, expect, it } from 'vitest';
import { Scenario, only, run } from './scenario';

describe('duplicate-connection', () => {
  it('fires when two connections of one session are open at the same time', () => {
    const s = new Scenario().connect(1).mark('o1').wait(5000).create(2).open(2).mark('o2');
    const a = run(s);
    const f = only(a, 'duplicate-connection');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('connection 2 opened while connection 1 of the same session (wss://api.example.com/v1/stream, open for 5.0 s) was still open');
    expect(f[0]!.evidence).toEqual([s.seqOf('o1'), s.seqOf('o2')]);
    expect(a.connections[1]!.overlaps).toBe(1);
    expect(a.attempts).toEqual([]);
  });

  it('does not fire for a connection created after the previous one closed, or for another endpoint', () => {
    const s = new Scenario().connect(1).wait(5000).close(1, 1000).connect(2);
    expect(only(run(s), 'duplicate-connection')).toEqual([]);
    const t = new Scenario().connect(1).connect(2, 'wss://api.example.com/v1/other');
    expect(only(run(t), 'duplicate-connection')).toEqual([]);
  });

  it('does not fire when the old one closed before the new one opened (query differs, same session)', () => {
    const s = new Scenario().connect(1).create(2, 'wss://api.example.com/v1/stream?token=x').close(1, 1000).open(2);
    expect(only(run(s), 'duplicate-connection')).toEqual([]);
  });
});

describe('tenant-changed (seed: check the hello frame tenant_id)', () => {
  it('fires when hello fields differ between connections of a session', () => {
    const s = new Scenario().session(1, { tenant: 'acme' }).wait(100).session(2, { tenant: 'globex', code: null });
    const f = only(run(s), 'tenant-changed');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('tenant_id changed from "acme" (connection 1) to "globex" (connection 2)');
  });

  it('does not fire for the same tenant', () => {
    const s = new Scenario().session(1, { tenant: 'acme' }).wait(100).session(2, { tenant: 'acme' });
    expect(only(run(s), 'tenant-changed')).toEqual([]);
  });
});

describe('send-while-not-open', () => {
  it('fires for send() while CONNECTING (throws)', () => {
    const s = new Scenario().create(1).send(1, { type: 'subscribe' }, 0);
    const f = only(run(s), 'send-while-not-open');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('send() while CONNECTING (readyState 0) on connection 1: the call throws InvalidStateError');
  });

  it('merges consecutive sends while CLOSED and counts the lost bytes', () => {
    const s = new Scenario().connect(1).close(1, 1006).send(1, 'abcd', 3).send(1, 'efgh', 3).send(1, 'ij', 3);
    const f = only(run(s), 'send-while-not-open');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('3 send() calls while CLOSED (readyState 3) on connection 1: 10 bytes silently lost');
    expect(f[0]!.evidence).toHaveLength(3);
  });

  it('does not fire for send() while OPEN', () => {
    const s = new Scenario().connect(1).send(1, 'x', 1);
    expect(only(run(s), 'send-while-not-open')).toEqual([]);
  });
});

describe('close findings (every close decoded)', () => {
  it('close-abnormal for 1006', () => {
    const s = new Scenario().connect(1).wait(20000).close(1, 1006);
    const a = run(s);
    const f = only(a, 'close-abnormal');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('connection 1 closed 1006 Abnormal Closure after 20.0 s open: no close frame (proxy, load balancer or network)');
    expect(a.connections[0]!.closed).toMatchObject({ code: 1006, info: { name: 'Abnormal Closure', source: 'RFC 6455' }, fatal: false });
  });

  it('close-abnormal before open', () => {
    const s = new Scenario().create(1).wait(50).close(1, 1006);
    expect(only(run(s), 'close-abnormal')[0]!.message).toContain('before it opened');
  });

  it('close-auth for 4001 SW_AUTH_INVALID_TOKEN', () => {
    const s = new Scenario().connect(1).wait(1000).close(1, 4001, 'token expired');
    const f = only(run(s), 'close-auth');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('connection 1 closed 4001 SW_AUTH_INVALID_TOKEN (token expired) after 1.0 s open: token expired or invalid: refresh it, then reconnect');
  });

  it('close-server-abort for 4003 with the reason decoded', () => {
    const s = new Scenario().connect(1).wait(1000).close(1, 4003, 'ping_timeout');
    const f = only(run(s), 'close-server-abort');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('connection 1 closed 4003 server abort after 1.0 s open, reason "ping_timeout": the client missed too many pongs');
    const t = new Scenario().connect(1).wait(1000).close(1, 4003, 'duplicate_connection');
    expect(only(run(t), 'close-server-abort')[0]!.message).toContain('reason "duplicate_connection": another client signed in with the same token; the older one is closed');
  });

  it('no close finding for 1000, 1001 or an unknown application code', () => {
    for (const code of [1000, 1001, 4000]) {
      const a = run(new Scenario().connect(1).wait(1000).close(1, code));
      expect(a.findings.filter((f) => f.code.startsWith('close-'))).toEqual([]);
    }
  });
});
