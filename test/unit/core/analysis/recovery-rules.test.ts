/**
 * Recovery records (docs/design.md#recovery-records): for each injected fault, every step ok,
 * failed and inconclusive with its numbers; a step and its finding agree (one rule, two views).
 */
import { describe, expect, it } from 'vitest';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import type { Analysis, RecoveryRecord, RecoveryRule, RecoveryStep } from '../../../../src/core/analysis';
import { Scenario, only, run, scaiwaveWith, WS_URL } from './scenario';

/** Scaiwave with contiguous positions and a 1 s heartbeat (pong timeout 0.5 s): a frozen link must be noticed within 2.5 s. */
const PROFILE = scaiwaveWith({
  position: { ...SCAIWAVE_PROFILE.position!, contiguous: true },
  heartbeat: { ...SCAIWAVE_PROFILE.heartbeat!, intervalMs: 1000, pongTimeoutMs: 500 },
});
const URL_B = WS_URL.replace('tok-A', 'tok-B');

const fault = (s: Scenario, f: Record<string, unknown>): Scenario => s.push({ type: 'fault', origin: 'cli', ...f });
/** An established connection 1 that saw positions 1..5 (stays open 12 s), then `kind` hits it. */
function before(): Scenario {
  return new Scenario().session(1, { positions: [1, 2, 3, 4, 5], openForMs: 12000, code: null });
}
/** A drop of connection 1: fault, synthetic error and close 1006. */
function drop(s: Scenario, conn = 1): Scenario {
  fault(s, { kind: 'drop', conn }).mark('fault');
  return s.push({ type: 'ws-error', conn, synthetic: true }).push({ type: 'ws-close', conn, code: 1006, reason: '', wasClean: false, synthetic: true }).mark('close');
}
function only1(a: Analysis): RecoveryRecord {
  expect(a.recoveries).toHaveLength(1);
  return a.recoveries[0]!;
}
function stepOf(r: RecoveryRecord, rule: RecoveryRule): RecoveryStep {
  const st = r.steps.find((x) => x.rule === rule);
  if (!st) throw new Error(`no ${rule} step in ${JSON.stringify(r.steps.map((x) => x.rule))}`);
  return st;
}
const rules = (r: RecoveryRecord) => r.steps.map((x) => `${x.rule}:${String(x.ok)}`);

describe('recovery after a drop', () => {
  it('the correct client: reconnects at once, syncs from the last position, continues without a gap', () => {
    const s = drop(before());
    s.wait(50).sync('r1', 5, 200, [6, 7], 20).mark('sync');
    s.wait(10).connect(2).mark('create').wait(10).hello(2, { tenant_id: 'acme', stream_position: 7 }).wait(10).data(2, 8).mark('data').wait(5000);
    const r = only1(run(s, PROFILE));
    expect(r).toMatchObject({ fault: s.seqOf('fault'), kind: 'drop', conn: 1, verdict: 'recovered' });
    expect(rules(r)).toEqual(['reconnected:true', 'reconnect-delay:true', 'synced:true', 'sync-cursor:true', 'no-gap:true']);
    expect(stepOf(r, 'reconnected').numbers).toEqual({ delayMs: 80, openMs: 80, attempts: 1 });
    expect(stepOf(r, 'reconnect-delay').numbers).toEqual({ delayMs: 80, expectedMs: 1000, k: 0, minMs: 0, maxMs: 2500 });
    expect(stepOf(r, 'synced').message).toBe('GET /v1/sync?since=5 succeeded before the first data frame (stream_position 8)');
    expect(stepOf(r, 'synced').numbers).toEqual({ lastPosition: 5, firstPosition: 8, cursor: 5 });
    expect(stepOf(r, 'sync-cursor').numbers).toEqual({ cursor: 5, lastPosition: 5 });
    expect(stepOf(r, 'no-gap')).toMatchObject({ ok: true, evidence: [s.seqOf('data')], numbers: { firstPosition: 8, lastPosition: 8 } });
    expect(stepOf(r, 'reconnected').evidence).toContain(s.seqOf('create'));
  });

  it('skipping the sync fails `synced` with the sync-skipped message', () => {
    const s = drop(before());
    s.wait(50).connect(2).wait(10).hello(2, { tenant_id: 'acme', stream_position: 9 }).data(2, 9).wait(5000);
    const a = run(s, PROFILE);
    const r = only1(a);
    expect(r.verdict).toBe('failed');
    const synced = stepOf(r, 'synced');
    expect(synced.ok).toBe(false);
    expect(synced.message).toBe(only(a, 'sync-skipped')[0]!.message);
    expect(synced.numbers).toEqual({ lastPosition: 5, firstPosition: 9 });
    // The gap 5 → 9 is the skipped sync's consequence: not a second failed step.
    expect(rules(r)).toEqual(['reconnected:true', 'reconnect-delay:true', 'synced:false']);
    expect(only(a, 'position-gap')).toHaveLength(1);
  });

  it('a stale cursor fails `sync-cursor` with the cursor and the last position', () => {
    const s = drop(before());
    s.wait(50).sync('r1', 0, 200, [1, 2, 3, 4, 5, 6]).wait(10).connect(2).wait(10).data(2, 7).wait(5000);
    const a = run(s, PROFILE);
    const st = stepOf(only1(a), 'sync-cursor');
    expect(st).toMatchObject({ ok: false, numbers: { cursor: 0, lastPosition: 5 } });
    expect(st.message).toBe(only(a, 'sync-cursor-stale')[0]!.message);
    expect(stepOf(only1(a), 'synced').ok).toBe(true);
  });

  it('a cursor ahead fails `sync-cursor` too', () => {
    const s = drop(before());
    s.wait(50).sync('r1', 10, 200, [11]).wait(10).connect(2).wait(10).data(2, 12).wait(5000);
    const st = stepOf(only1(run(s, PROFILE)), 'sync-cursor');
    expect(st).toMatchObject({ ok: false, numbers: { cursor: 10, lastPosition: 5 } });
    expect(only1(run(s, PROFILE)).steps.some((x) => x.rule === 'no-gap')).toBe(false);
  });

  it('a gap after a right sync fails `no-gap` with from, to and how many are missing', () => {
    const s = drop(before());
    s.wait(50).sync('r1', 5, 200, [6]).wait(10).connect(2).wait(10).data(2, 7).wait(10).data(2, 10).mark('jump').wait(3000);
    const a = run(s, PROFILE);
    const st = stepOf(only1(a), 'no-gap');
    expect(st).toMatchObject({ ok: false, numbers: { from: 7, to: 10, missing: 2 } });
    expect(st.evidence).toContain(s.seqOf('jump'));
    expect(st.message).toBe(only(a, 'position-gap')[0]!.message);
  });

  it('no reconnect although the trace went on: `reconnected` fails, agreeing with no-reconnect', () => {
    const s = drop(before()).wait(10000).navigate();
    const a = run(s, PROFILE);
    const r = only1(a);
    const st = stepOf(r, 'reconnected');
    expect(st.ok).toBe(false);
    expect(st.message).toBe(only(a, 'no-reconnect')[0]!.message);
    expect(st.numbers).toEqual({ remainingMs: 10000, limitMs: 2500 });
    expect(r.verdict).toBe('failed');
    expect(rules(r)).toEqual(['reconnected:false']);
  });

  it('a trace that ends before a retry was due is inconclusive, saying how long it would have needed', () => {
    const s = drop(before()).wait(500).navigate();
    const a = run(s, PROFILE);
    const r = only1(a);
    expect(only(a, 'no-reconnect')).toEqual([]);
    expect(r.verdict).toBe('inconclusive');
    expect(stepOf(r, 'reconnected')).toMatchObject({ ok: null, numbers: { remainingMs: 500, neededMs: 2500 } });
    expect(stepOf(r, 'reconnected').message).toBe('the trace ended 500 ms after connection 1 closed 1006, before a retry was due (within 2.5 s): record 2.0 s longer');
  });

  it('a connection opened but no data yet: `synced` and `no-gap` are inconclusive', () => {
    const s = drop(before());
    s.wait(50).connect(2).wait(200);
    const r = only1(run(s, PROFILE));
    expect(rules(r)).toEqual(['reconnected:true', 'reconnect-delay:true', 'synced:null', 'no-gap:null']);
    expect(r.verdict).toBe('inconclusive');
  });
});

describe('recovery while new sockets are refused', () => {
  /** Refusal, drop, then refused attempts `gaps` ms apart, then (after `lastGap` ms) an attempt that opens and syncs. */
  function refused(gaps: number[], lastGap = 4000): Scenario {
    const s = before();
    fault(s, { kind: 'refuse', endpoint: 'wss://api.example.com/v1/stream', ms: 5000 }).mark('refuse');
    drop(s);
    let id = 2;
    for (const g of gaps) {
      s.wait(g).create(id);
      fault(s, { kind: 'refuse', conn: id, endpoint: 'wss://api.example.com/v1/stream' });
      s.error(id).close(id, 1006);
      id++;
    }
    s.wait(lastGap).sync('r1', 5, 200, []).connect(id).wait(10).data(id, 6).wait(3000);
    return s;
  }

  it('with backoff (immediately, then 1 s, 2 s, 4 s): recovered, one record for the refusal and one for the drop', () => {
    const a = run(refused([10, 1000, 2000]), PROFILE);
    expect(a.recoveries.map((r) => [r.kind, r.verdict])).toEqual([
      ['refuse', 'recovered'],
      ['drop', 'recovered'],
    ]);
    expect(stepOf(a.recoveries[0]!, 'reconnected').numbers).toMatchObject({ attempts: 4 });
  });

  it('without backoff (every 50 ms): `reconnect-delay` fails on the second attempt with its numbers', () => {
    const a = run(refused([50, 50, 50], 50), PROFILE);
    for (const r of a.recoveries) {
      const st = stepOf(r, 'reconnect-delay');
      expect(st.ok).toBe(false);
      expect(st.numbers).toEqual({ delayMs: 50, expectedMs: 1000, k: 1, minMs: 500, maxMs: 2500 });
      expect(st.message).toBe('connection 3 came 50 ms after close 1006 with 1 failed connection before it: too fast, expected about 1.0 s (between 500 ms and 2.5 s)');
    }
  });

  it('giving up after the first refused attempt fails `reconnected` (no-reconnect on the refused socket)', () => {
    const s = before();
    fault(s, { kind: 'refuse', endpoint: 'wss://api.example.com/v1/stream', ms: 5000 });
    drop(s);
    s.wait(10).create(2);
    fault(s, { kind: 'refuse', conn: 2 });
    s.error(2).close(2, 1006).wait(8000).navigate();
    const a = run(s, PROFILE);
    for (const r of a.recoveries) {
      expect(stepOf(r, 'reconnected')).toMatchObject({ ok: false, message: only(a, 'no-reconnect')[0]!.message });
      expect(r.verdict).toBe('failed');
    }
  });

  it('no attempt during the refusal is inconclusive', () => {
    const s = before();
    fault(s, { kind: 'refuse', endpoint: 'wss://x/', ms: 1000 }).wait(2000);
    expect(rules(only1(run(s, PROFILE)))).toEqual(['reconnected:null']);
  });
});

describe('recovery from a frozen link', () => {
  /** Connection 1 sees pings every second up to 3 s; then a freeze holds the next pings back. */
  function frozen(): Scenario {
    const s = new Scenario().connect(1).wait(10).hello(1);
    for (let i = 1; i <= 3; i++) s.wait(1000).ping(1).mark('lastIn').wait(5).pong(1);
    fault(s, { kind: 'freeze', conn: 1 }).mark('fault');
    for (let i = 1; i <= 4; i++) s.wait(1000).push({ type: 'ws-message', conn: 1, opcode: 1, size: 15, data: '{"type":"ping"}', encoding: 'text', truncated: false, faulted: true });
    return s;
  }

  it('the client closes it within 2 × interval + pong timeout: ok, then its reconnect is judged (no positions: no catch-up steps)', () => {
    const s = new Scenario().connect(1).wait(10).hello(1);
    for (let i = 1; i <= 12; i++) s.wait(1000).ping(1).mark('lastIn').wait(5).pong(1);
    fault(s, { kind: 'freeze', conn: 1 }).mark('fault');
    s.wait(1995).push({ type: 'ws-close-call', conn: 1, code: 4000, reason: 'client_silence_timeout' }).mark('call');
    s.wait(5).close(1, 1006).wait(10).connect(2).wait(10).hello(2).wait(3000);
    const r = only1(run(s, PROFILE));
    const st = stepOf(r, 'noticed-half-open');
    expect(st).toMatchObject({ ok: true, evidence: [s.seqOf('lastIn'), s.seqOf('fault'), s.seqOf('call')] });
    expect(st.numbers).toEqual({ noticedMs: 2000, limitMs: 2500, intervalMs: 1000, pongTimeoutMs: 500 });
    expect(st.message).toBe('the page closed connection 1 2.0 s after the last inbound frame it saw (limit 2 × 1.0 s heartbeat + 500 ms pong timeout = 2.5 s)');
    expect(rules(r)).toEqual(['noticed-half-open:true', 'reconnected:true', 'reconnect-delay:true']);
    expect(r.verdict).toBe('recovered');
  });

  it('a sync started between the page\'s close() and the late close event counts for the next connection, not the frozen one', () => {
    const s = before();
    fault(s, { kind: 'freeze', conn: 1 }).mark('fault');
    s.wait(1000).push({ type: 'ws-close-call', conn: 1, code: 4000, reason: 'client_silence_timeout' });
    s.wait(5).sync('r1', 5, 200, [6]).mark('sync').wait(20).close(1, 4000, 'client_silence_timeout');
    s.wait(5).connect(2).wait(10).data(2, 7).wait(3000);
    const a = run(s, PROFILE);
    expect(a.findings.map((f) => f.code).filter((c) => c.startsWith('sync-'))).toEqual([]);
    const r = only1(a);
    expect(stepOf(r, 'synced')).toMatchObject({ ok: true, evidence: expect.arrayContaining([s.seqOf('sync')]) });
    expect(stepOf(r, 'sync-cursor').numbers).toEqual({ cursor: 5, lastPosition: 5 });
    expect(a.resumes.find((x) => x.conn === 2)?.window.open.by).toBe('close');
  });

  it("the replacement created before the frozen socket's late close event is the one judged (the way back starts at the page's close())", () => {
    const s = before();
    fault(s, { kind: 'freeze', conn: 1 }).mark('fault');
    s.wait(1000).push({ type: 'ws-close-call', conn: 1, code: 4000, reason: 'client_silence_timeout' });
    s.wait(3).connect(2).mark('create2').wait(3).close(1, 4000, 'client_silence_timeout');
    s.wait(5).sync('r1', 5, 200, [6]).wait(10).data(2, 7).wait(3000);
    const r = only1(run(s, PROFILE));
    const st = stepOf(r, 'reconnected');
    expect(st.ok).toBe(true);
    expect(st.message).toMatch(/^connection 2 opened .* after connection 1 was closed by the page with 4000 \(1 attempt, the first after 3 ms\)$/);
    expect(st.evidence).toContain(s.seqOf('create2'));
    expect(st.numbers).toMatchObject({ delayMs: 3, attempts: 1 });
  });

  it('never noticed: fails, agreeing with half-open-undetected (held-back pings count for nothing)', () => {
    const s = frozen();
    const a = run(s, PROFILE);
    const st = stepOf(only1(a), 'noticed-half-open');
    expect(st.ok).toBe(false);
    const f = only(a, 'half-open-undetected');
    expect(f).toHaveLength(1);
    expect(st.message).toBe(f[0]!.message);
    expect(st.numbers).toMatchObject({ silentMs: 4005, limitMs: 2500 });
  });

  it("a drop that ends the frozen link is not the page noticing: the step fails, and the reconnect after the drop is the drop's", () => {
    const s = frozen();
    fault(s, { kind: 'drop', conn: 1 }).push({ type: 'ws-close', conn: 1, code: 1006, reason: '', wasClean: false, synthetic: true });
    s.wait(100).connect(2).wait(10).hello(2).wait(3000);
    const recs = run(s, PROFILE).recoveries;
    const st = stepOf(recs[0]!, 'noticed-half-open');
    expect(st.ok).toBe(false);
    expect(st.message).toBe('the page had not noticed: connection 1 stayed frozen 4.0 s after the last inbound frame until a fault ended it (limit 2 × 1.0 s heartbeat + 500 ms pong timeout = 2.5 s)');
    expect(recs[1]!.kind).toBe('drop');
    expect(stepOf(recs[1]!, 'reconnected').ok).toBe(true);
  });

  it('noticed too late fails with the time it took', () => {
    const s = frozen().push({ type: 'ws-close-call', conn: 1, code: 4000 }).wait(5).close(1, 1006).wait(3000);
    const st = stepOf(only1(run(s, PROFILE)), 'noticed-half-open');
    expect(st).toMatchObject({ ok: false, numbers: { noticedMs: 4005, limitMs: 2500 } });
  });

  it('a freeze thawed before the limit is inconclusive, saying how much longer it had to last', () => {
    const s = new Scenario().connect(1).wait(10).hello(1).wait(1000).ping(1).wait(5).pong(1);
    fault(s, { kind: 'freeze', conn: 1, ms: 1000 });
    s.wait(1000);
    fault(s, { kind: 'thaw', conn: 1 });
    s.wait(5).ping(1).wait(5).pong(1).wait(5000);
    const a = run(s, PROFILE);
    const r = only1(a);
    expect(r.kind).toBe('freeze');
    const st = stepOf(r, 'noticed-half-open');
    expect(st.ok).toBeNull();
    expect(st.numbers).toMatchObject({ silentMs: 1005, neededMs: 2500 });
    expect(st.message).toBe('the freeze ended 1.0 s after the last inbound frame, before the page had to notice (2 × 1.0 s heartbeat + 500 ms pong timeout = 2.5 s): freeze 1.5 s longer');
  });

  it('without a heartbeat interval the step is inconclusive', () => {
    const s = new Scenario().connect(1).wait(10).hello(1);
    fault(s, { kind: 'freeze', conn: 1 }).wait(90000);
    const r = only1(run(s, scaiwaveWith({ heartbeat: undefined })));
    expect(rules(r)).toEqual(['noticed-half-open:null']);
  });
});

describe('recovery from a failing sync', () => {
  /** fail-sync armed, then a drop; the first sync fails with 503 (made up by the hook). */
  function failing(): Scenario {
    const s = before();
    fault(s, { kind: 'fail-sync', count: 1, status: 503 }).mark('fault');
    drop(s);
    s.wait(20).request('r1', 'https://api.example.com/v1/sync?since=5').mark('failed').push({ type: 'http-response', req: 'r1', status: 503, synthetic: true });
    return s;
  }

  it('retried with backoff until it succeeded, no data before: both steps ok with the numbers', () => {
    const s = failing().wait(1000).sync('r2', 5, 200, [6]).wait(10).connect(2).wait(10).data(2, 7).wait(3000);
    const a = run(s, PROFILE);
    const r = a.recoveries.find((x) => x.kind === 'fail-sync')!;
    expect(r.verdict).toBe('recovered');
    expect(stepOf(r, 'retried-sync').numbers).toEqual({ failures: 1, retries: 1, untilOkMs: 1000, delayMs: 1000, expectedMs: 1000 });
    expect(stepOf(r, 'no-stale-processing')).toMatchObject({ ok: true, numbers: { frames: 0 } });
    expect(a.recoveries.find((x) => x.kind === 'drop')!.verdict).toBe('recovered');
  });

  it('retried without backoff: `retried-sync` fails with the delay and the expected one', () => {
    const s = failing().wait(50).sync('r2', 5, 200, [6]).wait(10).connect(2).wait(10).data(2, 7).wait(3000);
    const r = run(s, PROFILE).recoveries.find((x) => x.kind === 'fail-sync')!;
    expect(stepOf(r, 'retried-sync')).toMatchObject({ ok: false, numbers: { delayMs: 50, expectedMs: 1000, k: 1, minMs: 500, maxMs: 2500 } });
    expect(r.verdict).toBe('failed');
  });

  it('gave up after the first failure: `retried-sync` fails once the retry was overdue', () => {
    const s = failing().wait(8000).navigate();
    const r = run(s, PROFILE).recoveries.find((x) => x.kind === 'fail-sync')!;
    expect(stepOf(r, 'retried-sync')).toMatchObject({ ok: false, numbers: { failures: 1, remainingMs: 8000, limitMs: 2500 } });
    expect(stepOf(r, 'no-stale-processing').ok).toBeNull();
  });

  it('the trace ends before a retry was due: inconclusive', () => {
    const s = failing().wait(300).navigate();
    const r = run(s, PROFILE).recoveries.find((x) => x.kind === 'fail-sync')!;
    expect(stepOf(r, 'retried-sync')).toMatchObject({ ok: null, numbers: { failures: 1, remainingMs: 300, neededMs: 2500 } });
    expect(r.verdict).toBe('inconclusive');
  });

  it('resumed the stream on the stale cursor: `no-stale-processing` fails with the sync-failed message', () => {
    const s = failing().wait(10).connect(2).wait(10).data(2, 9).wait(3000);
    const a = run(s, PROFILE);
    const st = stepOf(a.recoveries.find((x) => x.kind === 'fail-sync')!, 'no-stale-processing');
    expect(st.ok).toBe(false);
    expect(st.message).toBe(only(a, 'sync-failed')[0]!.message);
    expect(st.numbers).toEqual({ frames: 1, firstPosition: 9 });
  });

  it('no sync after the fault: inconclusive', () => {
    const s = before();
    fault(s, { kind: 'fail-sync', count: 2, status: 'network' }).wait(3000);
    expect(rules(only1(run(s, PROFILE)))).toEqual(['retried-sync:null']);
  });
});

describe('recovery from an auth close', () => {
  function authClose(): Scenario {
    const s = before();
    fault(s, { kind: 'close', conn: 1, code: 4001, reason: 'token expired' }).mark('fault');
    return s.close(1, 4001, 'token expired', true).mark('close');
  }

  it('new credentials: `auth-handled` ok, then the reconnect is judged', () => {
    const s = authClose().wait(300).sync('r1', 5, 200, []).connect(2, URL_B).wait(10).data(2, 6).wait(3000);
    const r = only1(run(s, PROFILE));
    expect(rules(r)).toEqual(['auth-handled:true', 'reconnect-delay:true', 'synced:true', 'sync-cursor:true', 'no-gap:true']);
    expect(stepOf(r, 'auth-handled')).toMatchObject({ numbers: { delayMs: 300 }, message: 'reconnected 300 ms after close 4001 SW_AUTH_INVALID_TOKEN (token expired) with new credentials' });
  });

  it('the same credentials: fails with the auth-retry-same-token message', () => {
    const s = authClose().wait(300).sync('r1', 5, 200, []).connect(2).wait(10).data(2, 6).wait(3000);
    const a = run(s, PROFILE);
    const st = stepOf(only1(a), 'auth-handled');
    expect(st.ok).toBe(false);
    expect(st.message).toBe(only(a, 'auth-retry-same-token')[0]!.message);
    expect(only1(a).verdict).toBe('failed');
  });

  it('stopping is right once the trace ran past the retry; before that it is inconclusive', () => {
    expect(stepOf(only1(run(authClose().wait(5000).navigate(), PROFILE)), 'auth-handled')).toMatchObject({ ok: true, numbers: { remainingMs: 5000, limitMs: 2500 } });
    expect(stepOf(only1(run(authClose().wait(1000).navigate(), PROFILE)), 'auth-handled')).toMatchObject({ ok: null, numbers: { remainingMs: 1000, neededMs: 2500 } });
  });
});

describe('other faults', () => {
  it('a fatal close: not reconnecting is right, reconnecting fails like reconnect-after-fatal', () => {
    const s = before();
    fault(s, { kind: 'close', conn: 1, code: 1008, reason: 'policy' });
    s.close(1, 1008, 'policy', true).wait(3000);
    expect(rules(only1(run(s, PROFILE)))).toEqual(['reconnected:true']);
    s.connect(2).wait(1000);
    const a = run(s, PROFILE);
    expect(stepOf(only1(a), 'reconnected')).toMatchObject({ ok: false, message: only(a, 'reconnect-after-fatal')[0]!.message });
  });

  it('skipped frames leave a gap: `no-gap` fails with from, to and how many are missing', () => {
    const s = before();
    fault(s, { kind: 'skip', conn: 1, count: 2 }).mark('fault');
    s.push({ type: 'ws-message', conn: 1, opcode: 1, size: 40, data: '{"type":"event","stream_position":6}', encoding: 'text', truncated: false, faulted: true });
    s.push({ type: 'ws-message', conn: 1, opcode: 1, size: 40, data: '{"type":"event","stream_position":7}', encoding: 'text', truncated: false, faulted: true });
    s.wait(100).data(1, 8).wait(1000);
    const r = only1(run(s, PROFILE));
    expect(r).toMatchObject({ kind: 'skip', conn: 1, verdict: 'failed' });
    expect(stepOf(r, 'no-gap').numbers).toEqual({ from: 5, to: 8, missing: 2 });
  });

  it('a skip under a profile without contiguous positions cannot be judged', () => {
    const s = before();
    fault(s, { kind: 'skip', conn: 1, count: 1 }).wait(100).data(1, 7).wait(100);
    expect(rules(only1(run(s)))).toEqual(['no-gap:null']);
  });

  it('no fault, no record; thaw makes none of its own', () => {
    expect(run(before().close(1, 1006), PROFILE).recoveries).toEqual([]);
    const s = before();
    fault(s, { kind: 'thaw', conn: 1 }).wait(10);
    expect(run(s, PROFILE).recoveries).toEqual([]);
  });

  it('a failed step wins over an inconclusive one', () => {
    const s = drop(before());
    s.wait(50).connect(2).wait(10).hello(2).data(2, 9).wait(50);
    const r = only1(run(s, PROFILE));
    expect(r.steps.some((x) => x.ok === false)).toBe(true);
    expect(r.verdict).toBe('failed');
  });
});
