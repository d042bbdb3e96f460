/**
 * Injected faults in the analysis: a close a fault caused is `fault-injected` (info), never
 * network or server blame; frames a fault kept from the page count for nothing the page did;
 * what the client does next is judged as usual.
 */
import { describe, expect, it } from 'vitest';
import { Scenario, codes, only, run, scaiwaveWith } from './scenario';
import type { ConnId } from '../../../../src/core/events';

const fault = (s: Scenario, f: Record<string, unknown>): Scenario => s.push({ type: 'fault', origin: 'panel', ...f });
const heldPing = (s: Scenario, conn: ConnId): Scenario => s.push({ type: 'ws-message', conn, opcode: 1, size: 15, data: '{"type":"ping"}', encoding: 'text', truncated: false, faulted: true });

describe('fault-injected', () => {
  it('a drop (synthetic error and 1006) is reported as fault-injected, not close-abnormal or an idle timeout', () => {
    const s = new Scenario().session(1, { positions: [1, 2, 3], openForMs: 20000, code: null }).mark('last');
    fault(s, { kind: 'drop', conn: 1 }).mark('fault');
    s.push({ type: 'ws-error', conn: 1, synthetic: true }).push({ type: 'ws-close', conn: 1, code: 1006, reason: '', wasClean: false, synthetic: true }).mark('close');
    const a = run(s);
    expect(codes(a)).not.toContain('close-abnormal');
    expect(codes(a)).not.toContain('idle-timeout-suspected');
    const f = only(a, 'fault-injected');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'info', conn: 1, seq: s.seqOf('close'), evidence: [s.seqOf('fault'), s.seqOf('close')] });
    expect(f[0]!.message).toBe('connection 1 closed 1006: fault injected (drop of connection 1 (error, then close 1006), by the panel)');
  });

  it('a close with any code is fault-injected, not close-auth or close-server-abort; the reconnect after it is judged as usual', () => {
    const s = new Scenario().session(1, { positions: [1, 2], openForMs: 20000, code: null });
    fault(s, { kind: 'close', conn: 1, code: 4001, reason: 'token expired' });
    s.close(1, 4001, 'token expired', true);
    // The client reconnects at once and resumes without calling /v1/sync: still an error.
    s.wait(100).connect(2).wait(10).hello(2, { tenant_id: 'acme', stream_position: 9 }).data(2, 9);
    const a = run(s);
    expect(codes(a)).not.toContain('close-auth');
    expect(codes(a)).not.toContain('close-server-abort');
    expect(only(a, 'fault-injected')[0]!.message).toBe('connection 1 closed 4001 "token expired": fault injected (close 4001 "token expired" of connection 1, by the panel)');
    expect(codes(a)).toContain('sync-skipped');
  });

  it('without a fault the same close is blamed as usual', () => {
    const s = new Scenario().session(1, { positions: [1, 2], openForMs: 20000, code: 1006 });
    expect(codes(run(s))).toContain('close-abnormal');
    expect(codes(run(s))).not.toContain('fault-injected');
  });

  it('a synthetic close without a fault event (a refused socket) is fault-injected too', () => {
    const s = new Scenario().create(1).push({ type: 'ws-error', conn: 1, synthetic: true }).push({ type: 'ws-close', conn: 1, code: 1006, reason: '', wasClean: false, synthetic: true });
    const a = run(s);
    expect(codes(a)).toEqual(['fault-injected']);
    expect(a.findings[0]!.message).toBe('connection 1 closed 1006: fault injected (a refused connection)');
  });

  it('a socket a refuse kept from opening closes as fault-injected', () => {
    const s = new Scenario().create(1);
    fault(s, { kind: 'refuse', conn: 1, endpoint: 'wss://api.example.com/v1/stream' });
    s.error(1).close(1, 1006);
    const a = run(s);
    expect(codes(a)).toEqual(['fault-injected']);
    expect(a.findings[0]!.message).toBe('connection 1 closed 1006: fault injected (refusal of connection 1 (error, then close 1006), by the panel)');
  });

  it('faults without a close of their own are reported where they apply, with what they do', () => {
    const s = new Scenario().connect(1);
    fault(s, { kind: 'freeze', conn: 1, ms: 20000 });
    fault(s, { kind: 'refuse', endpoint: 'wss://api.example.com/v1/stream', ms: 5000, origin: 'cli' });
    fault(s, { kind: 'fail-sync', count: 2, status: 503 });
    fault(s, { kind: 'fail-sync', count: 1, status: 'network', origin: 'test' });
    fault(s, { kind: 'skip', conn: 1, count: 3 });
    fault(s, { kind: 'thaw', conn: 1 });
    expect(only(run(s), 'fault-injected').map((f) => f.message)).toEqual([
      'fault injected by the panel: freeze of connection 1 for 20.0 s (half-open: no frame in or out)',
      'fault injected by the cli: refuse new sockets to wss://api.example.com/v1/stream for 5.0 s',
      'fault injected by the panel: fail the next 2 sync requests with HTTP 503',
      'fault injected by the test: fail the next 1 sync request with a network error',
      'fault injected by the panel: skip the next 3 inbound data frames of connection 1',
      'fault injected by the panel: thaw of connection 1',
    ]);
  });

  it('a drop whose close never came (capture ended) is reported at the fault', () => {
    const s = new Scenario().connect(1);
    fault(s, { kind: 'drop', conn: 1 }).mark('fault');
    const f = only(run(s), 'fault-injected');
    expect(f.map((x) => x.seq)).toEqual([s.seqOf('fault')]);
  });
});

describe('faulted frames', () => {
  it('a ping a freeze held back is no ping the page failed to answer', () => {
    const s = new Scenario().connect(1).hello(1).at(30000);
    fault(s, { kind: 'freeze', conn: 1 });
    heldPing(s, 1).at(60000).ping(1).wait(5).pong(1);
    const a = run(s);
    expect(only(a, 'pong-missing')).toEqual([]);
    expect(a.connections[0]!.heartbeat).toMatchObject({ pings: 1, pongs: 1, missedPongs: 0 });
    // The same ping delivered and unanswered is the page's fault.
    const t = new Scenario().connect(1).hello(1).at(30000).ping(1).at(60000).ping(1).wait(5).pong(1);
    expect(only(run(t), 'pong-missing')).toHaveLength(1);
  });

  it('a skipped data frame is no position the page saw', () => {
    const contiguous = scaiwaveWith({ position: { path: 'stream_position', contiguous: true } });
    const s = new Scenario().connect(1).data(1, 1);
    s.push({ type: 'ws-message', conn: 1, opcode: 1, size: 40, data: '{"type":"event","stream_position":2}', encoding: 'text', truncated: false, faulted: true });
    s.data(1, 3);
    const a = run(s, contiguous);
    expect(a.lastPosition).toBe(3);
    expect(only(a, 'position-gap')).toHaveLength(1);
  });
});

describe('the frozen window (docs/design.md#silence-and-heartbeats)', () => {
  const heldPong = (s: Scenario, conn: ConnId): Scenario => s.push({ type: 'ws-send', conn, opcode: 1, size: 15, data: '{"type":"pong"}', encoding: 'text', truncated: false, readyState: 1, faulted: true });

  /** Server pings every 30 s; a freeze from 31 s to `thawAt` holds its pings back; pings resume after the thaw. */
  function frozen(thawAt: number): Scenario {
    const s = new Scenario().connect(1).hello(1).at(30000).ping(1).wait(5).pong(1).at(31000);
    fault(s, { kind: 'freeze', conn: 1 });
    s.at(60000);
    heldPing(s, 1).at(90000);
    heldPing(s, 1).at(thawAt);
    fault(s, { kind: 'thaw', conn: 1 });
    s.wait(1000).ping(1).wait(5).pong(1).wait(30000).ping(1).wait(5).pong(1);
    return s;
  }

  it('blames neither the server (heartbeat-missed) nor the link (silent-drop-suspected) for the silence a freeze made', () => {
    const a = run(frozen(100000));
    expect(only(a, 'heartbeat-missed')).toEqual([]);
    expect(only(a, 'silent-drop-suspected')).toEqual([]);
    expect(only(a, 'pong-missing')).toEqual([]);
    // The same silence without the fault is blamed as usual.
    const t = new Scenario().connect(1).hello(1).at(30000).ping(1).wait(5).pong(1).at(101000).ping(1).wait(5).pong(1);
    const b = run(t);
    expect(only(b, 'heartbeat-missed')).toHaveLength(1);
    expect(only(b, 'silent-drop-suspected')).toHaveLength(1);
  });

  it('what is left of a gap outside the frozen time is still judged, and the message says how much was frozen', () => {
    // Ping at 30 s, silence until the freeze at 100 s (70 s already), thaw at 125 s, ping at 130 s.
    const s = new Scenario().connect(1).hello(1).at(30000).ping(1).wait(5).pong(1).at(100000);
    fault(s, { kind: 'freeze', conn: 1 });
    s.at(125000);
    fault(s, { kind: 'thaw', conn: 1 });
    s.at(130000).ping(1).wait(5).pong(1);
    const missed = only(run(s), 'heartbeat-missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]!.message).toBe('no ping on connection 1 for 100.0 s (from the last ping to the next ping); 25.0 s of it frozen by an injected fault, not counted: pings every 30.0 s, limit 45.0 s');
  });

  it('a server ping the page answered into the freeze is not pong-missing; one already overdue when the freeze began still is', () => {
    const s = new Scenario().connect(1).hello(1).at(30000).ping(1).wait(2);
    fault(s, { kind: 'freeze', conn: 1 });
    heldPong(s, 1).at(100000);
    fault(s, { kind: 'thaw', conn: 1 });
    s.wait(1000).ping(1).wait(5).pong(1);
    expect(only(run(s), 'pong-missing')).toEqual([]);
    const late = new Scenario().connect(1).hello(1).at(30000).ping(1).at(45000);
    fault(late, { kind: 'freeze', conn: 1 }).mark('freeze');
    late.at(100000);
    fault(late, { kind: 'thaw', conn: 1 });
    const missing = only(run(late), 'pong-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.evidence[1]).toBe(late.seqOf('freeze'));
  });

  it('the page\'s close() ends the frozen window: a silence after it counts again', () => {
    const s = new Scenario().connect(1).hello(1).at(30000).ping(1).wait(5).pong(1).at(31000);
    fault(s, { kind: 'freeze', conn: 1 });
    s.at(40000).push({ type: 'ws-close-call', conn: 1, code: 1000, reason: '' });
    // The close never completes (the frozen link): the trace goes on 2 minutes.
    s.at(160000).connect(2);
    const a = run(s);
    const frozenMs = a.findings.filter((f) => f.code === 'heartbeat-missed' && f.conn === 1).map((f) => f.message);
    expect(frozenMs).toHaveLength(1);
    expect(frozenMs[0]).toContain('; 9.0 s of it frozen by an injected fault, not counted');
  });
});
