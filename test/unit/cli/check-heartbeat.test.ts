/**
 * `wavetrace check` says per connection which frames it took for heartbeats and the interval
 * in use with its origin (the profile, announced, negotiated), in text and JSON.
 */
import { describe, expect, it } from 'vitest';
import { heartbeatLine, heartbeatSummary } from '../../../src/cli/check-heartbeat';
import { getBuiltinProfile } from '../../../src/core/profile/presets';
import { Scenario, run } from '../core/analysis/scenario';

describe('heartbeat report', () => {
  it('negotiated STOMP heart-beats: the client beats, the server promised none', () => {
    const s = new Scenario().connect(1, 'wss://mq.example/ws');
    s.send(1, 'CONNECT\naccept-version:1.2\nheart-beat:1000,1000\n\n\u0000').recv(1, 'CONNECTED\nversion:1.2\nheart-beat:0,2000\n\n\u0000');
    for (let t = 2000; t <= 6000; t += 2000) s.at(t).send(1, '\n');
    const hb = run(s, getBuiltinProfile('stomp')!).connections[0]!.heartbeat;
    expect(heartbeatLine(hb)).toBe('heartbeat: 3 pings (seq 5, 6, 7), 0 pongs; interval 2.0 s negotiated at seq 4 (client→server 2.0 s, server→client none)');
    expect(heartbeatSummary(hb)).toEqual({
      pings: 3,
      pongs: 0,
      pingSeqs: [5, 6, 7],
      pongSeqs: [],
      missedPongs: 0,
      maxPingGapMs: 2000,
      intervalMs: 2000,
      intervalSource: 'negotiated',
      intervalSeq: 4,
      negotiated: { out: 2000, in: 0 },
    });
  });

  it("the profile's interval and announced intervals", () => {
    const s = new Scenario().connect(1).at(30000).ping(1).wait(5).pong(1);
    expect(heartbeatLine(run(s).connections[0]!.heartbeat)).toBe('heartbeat: 1 ping (seq 3), 1 pong (seq 4); interval 30.0 s from the profile');
    const io = new Scenario().connect(1, 'ws://h/socket.io/?EIO=4&transport=websocket').recv(1, '0{"sid":"a","upgrades":[],"pingInterval":40000,"pingTimeout":20000,"maxPayload":1000000}');
    const hb = run(io, getBuiltinProfile('socketio-v4')!).connections[0]!.heartbeat;
    expect(heartbeatLine(hb)).toBe('heartbeat: 0 pings, 0 pongs; interval 40.0 s announced at seq 3');
    expect(heartbeatSummary(hb)).toMatchObject({ intervalMs: 40000, intervalSource: 'announced', intervalSeq: 3, negotiated: null });
  });
});
