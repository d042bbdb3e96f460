/**
 * What real client libraries do on the wire, judged right (docs/design.md#built-in-presets):
 * SockJS sessions keyed per prefix, STOMP heart-beats inside SockJS, negotiated STOMP
 * heart-beats, Engine.IO's pingInterval announced over HTTP long-polling, MQTT packets that
 * span frames, and the heartbeat report per connection.
 */
import { describe, expect, it } from 'vitest';
import { getBuiltinProfile } from '../../../../src/core/profile/presets';
import { Scenario, codes, run } from './scenario';

const preset = (n: string) => getBuiltinProfile(n)!;

describe('sessions keyed by the profile (session.pathPattern)', () => {
  it('SockJS: two connections with different server/session ids are one session, the second a reconnect attempt', () => {
    const s = new Scenario().connect(1, 'ws://127.0.0.1:8080/echo/123/abcdefgh/websocket').recv(1, 'o').wait(1000).close(1, 1006);
    s.wait(1200).connect(2, 'ws://127.0.0.1:8080/echo/456/ijklmnop/websocket').recv(2, 'o');
    const a = run(s, preset('sockjs'));
    expect(a.sessions.map((x) => x.key)).toEqual(['ws://127.0.0.1:8080/echo/*/*/websocket']);
    expect(a.attempts).toHaveLength(1);
    expect(a.attempts[0]!.delayMs).toBe(1200);
    // Without the profile's session key, each connection is its own session.
    expect(run(s).sessions).toHaveLength(2);
  });

  it('a user profile keys its own per-connection id away', () => {
    const p = { ...preset('scaiwave'), session: { pathPattern: '/conn/[0-9a-f]+$', replaceWith: '/conn/:id' } };
    const s = new Scenario().connect(1, 'wss://h.example/rooms/7/conn/0af3').wait(100).close(1, 1006).wait(500).connect(2, 'wss://h.example/rooms/7/conn/99bc');
    const a = run(s, p);
    expect(a.sessions.map((x) => x.key)).toEqual(['wss://h.example/rooms/7/conn/:id']);
    expect(a.attempts).toHaveLength(1);
  });
});

describe('STOMP heart-beat negotiation', () => {
  const url = 'ws://127.0.0.1:8080/stomp/123/abcdefgh/websocket';
  function stompOverSockjs(server: string, outEveryMs: number, untilMs: number): Scenario {
    const s = new Scenario().connect(1, url).recv(1, 'o');
    s.send(1, JSON.stringify(['CONNECT\naccept-version:1.2\nheart-beat:1000,1000\n\n\u0000']));
    s.recv(1, 'a' + JSON.stringify([`CONNECTED\nversion:1.2\nheart-beat:${server}\n\n\u0000`]));
    for (let t = outEveryMs; t <= untilMs; t += outEveryMs) s.at(t).send(1, '["\\n"]');
    return s;
  }

  it('server 0,2000: the client sends every 2 s, the server promised silence — no finding over 12 s of silence', () => {
    const s = stompOverSockjs('0,2000', 2000, 12000);
    s.at(12500).close(1, 1006);
    const a = run(s, preset('stomp-sockjs'));
    expect(codes(a).filter((c) => c !== 'close-abnormal')).toEqual([]);
    const hb = a.connections[0]!.heartbeat;
    expect(hb).toMatchObject({ pings: 6, intervalMs: 2000, intervalSource: 'negotiated', negotiated: { out: 2000, in: 0 } });
    expect(hb.silenceIntervalMs).toBeUndefined();
    expect(hb.intervalSeq).toBe(5);
    expect(hb.pingSeqs).toHaveLength(6);
  });

  it('the profile default (10 s) would have judged the same trace: silence and the client beats prove it', () => {
    // The same silence with heart-beats from the server promised every 2 s: silent-drop-suspected.
    const s = stompOverSockjs('2000,2000', 2000, 12000);
    s.at(12500).close(1, 1006);
    expect(codes(run(s, preset('stomp-sockjs')))).toContain('silent-drop-suspected');
  });

  it('both sides 0: no heartbeat at all', () => {
    const s = new Scenario().connect(1, 'wss://mq.example/ws');
    s.send(1, 'CONNECT\naccept-version:1.2\nheart-beat:0,0\n\n\u0000').recv(1, 'CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\u0000').at(60000).close(1, 1000);
    const a = run(s, preset('stomp'));
    expect(a.connections[0]!.heartbeat.intervalMs).toBeUndefined();
    expect(codes(a)).toEqual([]);
  });
});

describe('Engine.IO open packet over HTTP long-polling (hello.http)', () => {
  it('a 40 s pingInterval announced by the polling response: pings every 40 s are on time', () => {
    const s = new Scenario().request('r1', 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=abc');
    s.response('r1', 200, '0{"sid":"Xy12","upgrades":["websocket"],"pingInterval":40000,"pingTimeout":20000,"maxPayload":1000000}');
    s.connect(1, 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=Xy12').send(1, '2probe').recv(1, '3probe').send(1, '5');
    for (let t = 40000; t <= 120000; t += 40000) s.at(t).recv(1, '2').wait(2).send(1, '3');
    s.at(125000).close(1, 1006);
    const a = run(s, preset('socketio-v4'));
    expect(codes(a).filter((c) => c !== 'close-abnormal')).toEqual([]);
    expect(a.connections[0]!.heartbeat).toMatchObject({ pings: 3, pongs: 3, intervalMs: 40000, intervalSource: 'announced', intervalSeq: 2 });
  });

  it('the response may be recorded after the WebSocket was created (the hook records a body once read)', () => {
    const s = new Scenario().request('r1', 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=abc');
    s.create(1, 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=Xy12');
    s.response('r1', 200, '0{"sid":"Xy12","upgrades":["websocket"],"pingInterval":40000,"pingTimeout":20000,"maxPayload":1000000}').open(1);
    for (let t = 40000; t <= 120000; t += 40000) s.at(t).recv(1, '2').wait(2).send(1, '3');
    const a = run(s, preset('socketio-v4'));
    expect(codes(a)).toEqual([]);
    expect(a.connections[0]!.heartbeat).toMatchObject({ intervalMs: 40000, intervalSource: 'announced', intervalSeq: 3 });
  });

  it('without the polling body the 25 s default applies and the same pings are late', () => {
    const s = new Scenario().request('r1', 'http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=abc').response('r1', 200);
    s.connect(1, 'ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&sid=Xy12');
    for (let t = 40000; t <= 120000; t += 40000) s.at(t).recv(1, '2').wait(2).send(1, '3');
    const a = run(s, preset('socketio-v4'));
    expect(a.connections[0]!.heartbeat.intervalSource).toBe('profile');
    expect(codes(a)).toContain('heartbeat-missed');
  });
});

describe('MQTT packets spanning frames (Aedes)', () => {
  const bin = (s: Scenario, type: 'ws-message' | 'ws-send', bytes: number[]) =>
    s.push({ type, conn: 1, opcode: 2, size: bytes.length, data: Buffer.from(bytes).toString('base64'), encoding: 'base64', truncated: false, ...(type === 'ws-send' ? { readyState: 1 } : {}) });

  it('CONNACK in four 1-byte frames, PINGRESP in two: every pong recognised, Keep Alive 2 s announced', () => {
    const s = new Scenario().create(1, 'ws://127.0.0.1:1883/mqtt', ['mqtt']).open(1, 'mqtt');
    bin(s, 'ws-send', [0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x02, 0x00, 0x00]);
    for (const b of [0x20, 0x02, 0x00, 0x00]) bin(s, 'ws-message', [b]);
    for (let t = 2000; t <= 10000; t += 2000) {
      s.at(t);
      bin(s, 'ws-send', [0xc0, 0x00]);
      s.wait(1);
      bin(s, 'ws-message', [0xd0]);
      bin(s, 'ws-message', [0x00]);
    }
    s.at(10500).close(1, 1006);
    const a = run(s, preset('mqtt'));
    expect(codes(a).filter((c) => c !== 'close-abnormal')).toEqual([]);
    expect(a.connections[0]!.hello?.seq).toBe(7);
    expect(a.connections[0]!.heartbeat).toMatchObject({ pings: 5, pongs: 5, missedPongs: 0, intervalMs: 2000, intervalSource: 'announced', intervalSeq: 3 });
  });
});
