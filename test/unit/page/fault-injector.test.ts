/**
 * The hook's fault state in Node (src/page/fault-injector.ts): which real events a fault keeps
 * from the page, which made-up events follow a drop or close and in what order, and that
 * nothing stays armed once a fault is over.
 */
import { describe, expect, it } from 'vitest';
import { FaultInjector, type SocketControl } from '../../../src/page/fault-injector';
import { Recorder } from '../../../src/page/recorder';
import { fromWireBatch } from '../../../src/core/bridge/wire-frames';
import type { EventBatch } from '../../../src/core/bridge/messages';
import { nodeNatives } from './node-natives';

function setUp() {
  const timers: (() => void)[] = [];
  let clock = 0;
  const n = { ...nodeNatives(timers), now: () => clock };
  const batches: EventBatch[] = [];
  const rec = new Recorder(n, (b) => batches.push(fromWireBatch(b)!), { src: 's', frameUrl: 'https://app.example/', top: true });
  const f = new FaultInjector(n, rec);
  const did: string[] = [];
  const ctl = (conn: string): SocketControl => ({
    conn, frozen: false, skip: 0, closing: undefined, thawTimer: 0, active: false,
    closeNative: () => did.push(`${conn} native close`),
    dispatch: (type, init) => did.push(`${conn} ${type}${init ? ` ${init.code} ${JSON.stringify(init.reason)} ${init.wasClean}` : ''}`),
  });
  const faults = () => {
    rec.start(0);
    rec.flushAll();
    return batches.flatMap((b) => b.events).filter((e) => e.type === 'fault');
  };
  return { f, ctl, did, timers, faults, advance: (ms: number) => void (clock += ms) };
}

describe('fault injector', () => {
  it('is idle until a command arms it', () => {
    const { f, ctl } = setUp();
    f.register(ctl('a.1'));
    expect(f.armed).toBe(false);
    expect(f.intercept('a.1', 'message')).toBe(false);
  });

  it('drop: closes natively, keeps every later real event away, then makes up error and close 1006 in place of the real close', () => {
    const { f, ctl, did, faults } = setUp();
    f.register(ctl('a.1'));
    f.apply({ kind: 'drop', conn: 'a.1', origin: 'test' });
    expect(f.armed).toBe(true);
    expect(did).toEqual(['a.1 native close']);
    expect(f.intercept('a.1', 'message')).toBe(true);
    expect(f.intercept('a.1', 'error')).toBe(true);
    expect(f.intercept('a.1', 'close')).toBe(true);
    expect(did).toEqual(['a.1 native close', 'a.1 error', 'a.1 close 1006 "" false']);
    expect(f.armed).toBe(false);
    expect(faults()).toMatchObject([{ type: 'fault', kind: 'drop', conn: 'a.1', origin: 'test' }]);
  });

  it('close: a clean close with the given code and reason; a command for an unknown socket does nothing', () => {
    const { f, ctl, did, faults } = setUp();
    f.register(ctl('a.1'));
    f.apply({ kind: 'close', conn: 'nope', code: 4001, origin: 'panel' });
    f.apply({ kind: 'close', conn: 'a.1', code: 4001, reason: 'token expired', origin: 'panel' });
    expect(f.intercept('a.1', 'close')).toBe(true);
    expect(did).toEqual(['a.1 native close', 'a.1 close 4001 "token expired" true']);
    expect(faults().map((e) => e.type === 'fault' && e.conn)).toEqual(['a.1']);
  });

  it('freeze: holds inbound frames and sends until thawed (or after ms); the page closing it ends the freeze', () => {
    const { f, ctl, timers } = setUp();
    f.register(ctl('a.1'));
    f.register(ctl('a.2'));
    f.apply({ kind: 'freeze', conn: 'a.1', ms: 1000, origin: 'test' });
    expect(f.intercept('a.1', 'message')).toBe(true);
    expect(f.intercept('a.2', 'message')).toBe(false);
    expect(f.holdsSend('a.1')).toBe(true);
    expect(f.holdsSend('a.2')).toBe(false);
    timers.shift()!(); // ms passed: thawed
    expect(f.intercept('a.1', 'message')).toBe(false);
    expect(f.armed).toBe(false);
    f.apply({ kind: 'freeze', conn: 'a.2', origin: 'test' });
    f.pageCloses('a.2');
    expect(f.holdsSend('a.2')).toBe(false);
    expect(f.armed).toBe(false);
  });

  it('skip: keeps exactly the next count inbound frames away', () => {
    const { f, ctl } = setUp();
    f.register(ctl('a.1'));
    f.apply({ kind: 'skip', conn: 'a.1', count: 2, origin: 'test' });
    expect([f.intercept('a.1', 'message'), f.intercept('a.1', 'message'), f.intercept('a.1', 'message')]).toEqual([true, true, false]);
    expect(f.armed).toBe(false);
  });

  it('refuse: matches new sockets by URL prefix until it expires or is thawed; fail-sync counts down', () => {
    const { f, advance } = setUp();
    f.apply({ kind: 'refuse', endpoint: 'ws://127.0.0.1:1/v1', ms: 5000, origin: 'cli' });
    expect(f.refusal('ws://127.0.0.1:1/v1/stream?x=1')).toEqual({ endpoint: 'ws://127.0.0.1:1/v1', origin: 'cli' });
    expect(f.refusal('ws://127.0.0.1:2/v1/stream')).toBeUndefined();
    advance(5000);
    expect(f.refusal('ws://127.0.0.1:1/v1/stream')).toBeUndefined();
    expect(f.armed).toBe(false);
    f.apply({ kind: 'fail-sync', count: 2, status: 503, origin: 'cli' });
    expect([f.failSync(), f.failSync(), f.failSync()]).toEqual([503, 503, undefined]);
    expect(f.armed).toBe(false);
  });

  it('thaw: a command ends a freeze and pending skips; a timed freeze running out ends the freeze only; the sync endpoint disarms fail-sync', () => {
    const { f, ctl, timers, faults } = setUp();
    f.register(ctl('a.1'));
    f.apply({ kind: 'skip', conn: 'a.1', count: 5, origin: 'panel' });
    f.apply({ kind: 'thaw', conn: 'a.1', origin: 'panel' });
    expect(f.intercept('a.1', 'message')).toBe(false);
    expect(f.armed).toBe(false);
    f.apply({ kind: 'freeze', conn: 'a.1', ms: 1000, origin: 'panel' });
    f.apply({ kind: 'skip', conn: 'a.1', count: 1, origin: 'panel' });
    timers.shift()!(); // the freeze ran out: the skip stays armed
    expect(faults().at(-1)).toMatchObject({ kind: 'thaw', conn: 'a.1', ms: 1000 });
    expect([f.intercept('a.1', 'message'), f.intercept('a.1', 'message')]).toEqual([true, false]);
    f.apply({ kind: 'fail-sync', count: 3, status: 'network', origin: 'panel' });
    f.apply({ kind: 'thaw', endpoint: '/v1/sync', origin: 'panel' });
    expect(f.failSync()).toBeUndefined();
    expect(f.armed).toBe(false);
    expect(faults().at(-1)).toMatchObject({ kind: 'thaw', endpoint: '/v1/sync' });
  });
});
