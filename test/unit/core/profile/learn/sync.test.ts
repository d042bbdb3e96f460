import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../../src/core/analysis';
import { learnProfile, type LearnedPart, type LearnResult } from '../../../../../src/core/profile/learn/learn-profile';
import { session } from './protocols';

function part(r: LearnResult, name: LearnedPart['part']): LearnedPart {
  const p = r.parts.find((x) => x.part === name);
  if (!p) throw new Error(`no part ${name}`);
  return p;
}

/**
 * A small `ws` protocol: the server sends `{"kind":"event","seq":N}`; the client sends a 1 s
 * heartbeat `{"kind":"ping","last":N}` carrying the last position it saw, and
 * `{"kind":"resume","last":N}` right after each reconnect. `pad` makes the ping too large to be
 * learned as a heartbeat, so only its steady clock tells it apart.
 */
function heartbeatWithLast(opts: { pad?: string; skipSync?: boolean } = {}) {
  return session({
    url: () => 'ws://127.0.0.1:9000/feed',
    data: (s, c, pos) => s.recv(c, { kind: 'event', seq: pos, body: 'x' }),
    ping: (s, c, _k, pos) => s.send(c, opts.pad ? { kind: 'ping', last: pos, pad: opts.pad } : { kind: 'ping', last: pos }),
    hbMs: 1000,
    sync: (s, c, last) => s.send(c, { kind: 'resume', last }),
    shape: { perConn: 20, skipSync: opts.skipSync },
  });
}

describe('learnSync: a heartbeat that carries the last position is not the catch-up', () => {
  const events = heartbeatWithLast();
  const r = learnProfile(events);

  it('the resume frame sent after each reconnect is the sync step, the ping is the heartbeat', () => {
    expect(r.profile.sync).toEqual({ frame: { dir: 'out', json: { kind: 'resume' } }, cursorPath: 'last' });
    expect(part(r, 'sync').note).toBe('an outbound frame carries it at last (equal to the last position received in 2 of 2 resume(s))');
    expect(r.profile.heartbeat).toEqual({ intervalMs: 1000, ping: { dir: 'out', json: { kind: 'ping' } } });
  });

  it('a data frame following the ping is not taken as its pong', () => {
    expect(part(r, 'heartbeat').note).toContain('no reply seen (one-way heartbeat)');
  });

  it('check on the same capture reports no sync-skipped', () => {
    const codes = analyze(events, r.profile).findings.map((f) => f.code);
    expect(codes.filter((c) => c.startsWith('sync'))).toEqual([]);
  });

  it('a ping too large to be a heartbeat still recurs at a steady interval, so it is never the sync frame', () => {
    const big = learnProfile(heartbeatWithLast({ pad: 'x'.repeat(200) }));
    expect(big.profile.heartbeat).toBeUndefined();
    expect(big.profile.sync).toEqual({ frame: { dir: 'out', json: { kind: 'resume' } }, cursorPath: 'last' });
  });

  it('a client that never sends its resume gets no sync step from its heartbeat', () => {
    const lr = learnProfile(heartbeatWithLast({ skipSync: true }));
    expect(lr.profile.sync).toBeUndefined();
    expect(part(lr, 'sync').note).toMatch(/no sync step seen/);
  });
});
