/**
 * Profile features beyond scaiwave that the analysis honours (profile types: records,
 * heartbeat.idleOnly / bidirectional, intervalPath, position.resetWhen — see discord test in
 * sync-rules.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { getBuiltinProfile } from '../../../../src/core/profile/presets';
import { Scenario, only, run } from './scenario';

describe('multi-record frames (Centrifugo "\\n"-separated pushes)', () => {
  it('judges each record: two publications in one frame are two positions, no false regression or gap', () => {
    const p = getBuiltinProfile('centrifugo')!;
    const url = 'wss://rt.example.com/connection/websocket';
    const push = (offset: number) => JSON.stringify({ push: { channel: 'news', pub: { data: {}, offset } } });
    const s = new Scenario().connect(1, url).send(1, { id: 1, connect: {} }).recv(1, JSON.stringify({ id: 1, connect: { client: 'c', ping: 25 } }));
    s.recv(1, `${push(5)}\n${push(6)}`).recv(1, push(7));
    const a = run(s, p);
    expect(a.positions.filter('frame').map((x) => x.position)).toEqual([5, 6, 7]);
    expect(only(a, 'position-regression')).toEqual([]);
  });
});

describe('heartbeat.idleOnly (SignalR keep-alive only when idle)', () => {
  it('a busy link without pings is not a missed heartbeat; an idle one is', () => {
    const p = getBuiltinProfile('signalr-json')!;
    const url = 'wss://app.example.com/hub?id=x';
    const busy = new Scenario().connect(1, url).send(1, '{"protocol":"json","version":1}\u001e').recv(1, '{}\u001e').recv(1, '{"type":6}\u001e');
    for (let t = 1000; t <= 60000; t += 1000) busy.at(t).recv(1, `{"type":1,"target":"tick","arguments":[${t}]}\u001e`);
    expect(only(run(busy, p), 'heartbeat-missed')).toEqual([]);

    const idle = new Scenario().connect(1, url).send(1, '{"protocol":"json","version":1}\u001e').recv(1, '{}\u001e').recv(1, '{"type":6}\u001e').at(60000).recv(1, '{"type":6}\u001e');
    const f = only(run(idle, p), 'heartbeat-missed');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('pings every 15.0 s, limit 22.5 s');
  });
});
