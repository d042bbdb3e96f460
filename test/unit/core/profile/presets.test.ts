/**
 * Every preset against frames shaped like its protocol's documented wire format (see each
 * preset's docstring and docs/design.md#built-in-presets), plus auto-detection of it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WsMessageEvent, WsSendEvent } from '../../../../src/core/events';
import { createClassifier } from '../../../../src/core/profile/classify';
import { detectProfile, type DetectInput } from '../../../../src/core/profile/detect';
import { BUILTIN_PROFILES, getBuiltinProfile } from '../../../../src/core/profile/presets/index';
import { parseProfile } from '../../../../src/core/profile/schema';
import type { FrameClass, Profile } from '../../../../src/core/profile/types';
import { inBin, inText, like, outBin, outText } from './frames';

afterEach(() => vi.restoreAllMocks());

type Ev = WsMessageEvent | WsSendEvent;
type Case = [Ev, FrameClass];

function profile(name: string): Profile {
  const p = getBuiltinProfile(name);
  if (!p) throw new Error(`no preset ${name}`);
  return p;
}

/** Classifies the cases in order with one classifier (state carries across frames). */
function expectClasses(name: string, cases: Case[]): void {
  const classify = createClassifier(profile(name));
  for (const [ev, want] of cases) {
    const got = classify(ev);
    expect({ frame: ev.data, dir: ev.type, cls: got.records ? { ...got, records: got.records.map((r) => r.kind) } : got }).toEqual({
      frame: ev.data,
      dir: ev.type,
      cls: want.records ? { ...want, records: want.records.map((r) => r.kind) } : want,
    });
  }
}

function expectDetect(input: DetectInput, name: string, reason: RegExp | string): void {
  const d = detectProfile(input);
  expect(d.profile.name).toBe(name);
  if (typeof reason === 'string') expect(d.reason).toBe(reason);
  else expect(d.reason).toMatch(reason);
}

const RS = '\u001e';

describe('built-in presets', () => {
  it('are listed with scaiwave first, have unique names and validate against the schema', () => {
    expect(BUILTIN_PROFILES[0]!.name).toBe('scaiwave');
    const names = BUILTIN_PROFILES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      'scaiwave',
      'socketio-v4',
      'socketio-v3',
      'graphql-transport-ws',
      'subscriptions-transport-ws',
      'phoenix',
      'signalr-json',
      'actioncable',
      'stomp',
      'stomp-sockjs',
      'sockjs',
      'mqtt',
      'centrifugo',
      'pusher',
      'discord-gateway',
    ]);
    for (const p of BUILTIN_PROFILES) expect(() => parseProfile(JSON.parse(JSON.stringify(p)))).not.toThrow();
    expect(getBuiltinProfile('nope')).toBeUndefined();
  });

  it('every preset has a description and a way to be detected', () => {
    for (const p of BUILTIN_PROFILES) {
      expect(p.description, p.name).toBeTruthy();
      expect(p.match, p.name).toBeDefined();
    }
  });
});

describe('scaiwave', () => {
  it('classifies its (assumed) frames', () => {
    expectClasses('scaiwave', [
      [inText('{"type":"hello","tenant_id":"acme","stream_position":42}'), { kind: 'hello', position: 42, helloFields: { tenant_id: 'acme' } }],
      [inText('{"type":"ping"}'), { kind: 'ping' }],
      [outText('{"type":"pong"}'), { kind: 'pong' }],
      [inText('{"type":"event","stream_position":43,"data":{"id":"e1"}}'), { kind: 'data', position: 43 }],
    ]);
  });
  it('is detected by URL path', () => {
    expectDetect({ url: 'wss://api.scaiwave.example/v1/stream?token=REDACTED~ab12' }, 'scaiwave', 'URL path /v1/stream matches scaiwave');
  });
});

describe('socketio-v4 (Engine.IO v4 / Socket.IO v5 protocol)', () => {
  const open = '0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
  it('classifies heartbeats, hello, recovery offsets and the in-band sync', () => {
    expectClasses('socketio-v4', [
      [inText(open), { kind: 'hello', intervalMs: 25000 }],
      [outText('40'), { kind: 'data' }],
      // Without connection state recovery the last argument is application data, never a position.
      [inText('40{"sid":"wZX3oN0bSVIhsaknAAAI"}'), { kind: 'data' }],
      [inText('42["price","ACME","17"]'), { kind: 'data' }],
      [inText('2'), { kind: 'ping' }],
      [outText('3'), { kind: 'pong' }],
      [outText('2probe'), { kind: 'data' }],
      [inText('3probe'), { kind: 'data' }],
      // Second connection: recovery on (connect reply carries pid), numeric offsets.
      [inText(open, 'c2'), { kind: 'hello', intervalMs: 25000 }],
      [outText('40{"pid":"bd9ee4f2","offset":"41"}', 'c2'), { kind: 'sync', cursor: 41, syncSession: 'bd9ee4f2' }],
      // The connect reply's pid names the session (the epoch of its offsets).
      [inText('40{"sid":"AsX3oN0bSVIhsaknAAAJ","pid":"bd9ee4f2"}', 'c2'), { kind: 'data', epoch: 'bd9ee4f2' }],
      [inText('42["chat message","hello","42"]', 'c2'), { kind: 'data', position: 42 }],
      [inText('42["chat message",{"a":1},"43"]', 'c2'), { kind: 'data', position: 43 }],
      // The default in-memory adapter's offsets are yeast ids: not numeric, not positions.
      [inText('42["chat message","hi","OPe5Xo1"]', 'c2'), { kind: 'data' }],
      [inText('2', 'c2'), { kind: 'ping' }],
      [outText('42["chat message","from client"]', 'c2'), { kind: 'data' }],
      [outText('40{"pid":"bd9ee4f2","offset":"OPe5Xo1"}', 'c3'), { kind: 'sync', syncSession: 'bd9ee4f2' }],
      // A resume asked without an offset; a CONNECT_ERROR is a server error.
      [outText('40{"pid":"bd9ee4f2"}', 'c4'), { kind: 'sync', syncSession: 'bd9ee4f2', cursorAbsent: true }],
      [inText('44{"message":"not authorized"}', 'c4'), { kind: 'data', serverError: 'not authorized' }],
    ]);
  });
  it('is detected from the URL or the open packet', () => {
    expectDetect({ url: 'wss://chat.example/socket.io/?EIO=4&transport=websocket' }, 'socketio-v4', /^URL \/socket\.io\/\?EIO=4&transport=websocket matches socketio-v4 \(contains "EIO=4"\)$/);
    expectDetect({ url: 'wss://chat.example/rt', firstFrames: [like(inText(open))] }, 'socketio-v4', /^first frame received 0\{"sid":"lv_… looks like Engine\.IO v4 open \(socketio-v4\)$/);
  });
});

describe('socketio-v3 (Engine.IO v3: client pings)', () => {
  const open = '0{"sid":"Lbo5JLzTotvW3g2LAAAA","upgrades":[],"pingInterval":25000,"pingTimeout":5000}';
  it('classifies reversed heartbeats', () => {
    expectClasses('socketio-v3', [
      [inText(open), { kind: 'hello', intervalMs: 25000 }],
      [inText('40'), { kind: 'data' }],
      [outText('2'), { kind: 'ping' }],
      [inText('3'), { kind: 'pong' }],
      [inText('2'), { kind: 'data' }],
      [outText('3'), { kind: 'data' }],
      [inText('42["news",{"hello":"world"}]'), { kind: 'data' }],
    ]);
  });
  it('is detected from the URL or the open packet (no maxPayload)', () => {
    expectDetect({ url: 'ws://localhost:3000/socket.io/?EIO=3&transport=websocket' }, 'socketio-v3', /contains "EIO=3"/);
    expectDetect({ url: 'ws://localhost:3000/rt', firstFrames: [like(inText(open))] }, 'socketio-v3', /looks like Engine\.IO v3 open \(socketio-v3\)$/);
  });
});

describe('graphql-transport-ws', () => {
  it('classifies ack, ping/pong in both directions and results', () => {
    expectClasses('graphql-transport-ws', [
      [outText('{"type":"connection_init","payload":{"authToken":"REDACTED~12ab"}}'), { kind: 'data' }],
      [inText('{"type":"connection_ack"}'), { kind: 'hello' }],
      [outText('{"type":"ping"}'), { kind: 'ping' }],
      [inText('{"type":"pong"}'), { kind: 'pong' }],
      [inText('{"type":"ping","payload":{}}'), { kind: 'ping' }],
      [outText('{"type":"pong"}'), { kind: 'pong' }],
      [outText('{"id":"1","type":"subscribe","payload":{"query":"subscription { greetings }"}}'), { kind: 'data' }],
      [inText('{"id":"1","type":"next","payload":{"data":{"greetings":"Hi"}}}'), { kind: 'data' }],
      [inText('{"id":"1","type":"complete"}'), { kind: 'data' }],
    ]);
  });
  it('ships the protocol close codes 4400–4429', () => {
    const codes = profile('graphql-transport-ws').closeCodes!;
    expect(Object.keys(codes).sort()).toEqual(['4004', '4005', '4400', '4401', '4403', '4406', '4408', '4409', '4429', '4499', '4500', '4504']);
    expect(codes['4403']!.kind).toBe('auth');
    expect(codes['4409']!.fatal).toBe(true);
  });
  it('is detected by the negotiated subprotocol', () => {
    expectDetect({ url: 'wss://api.example/graphql', protocols: ['graphql-transport-ws'], protocol: 'graphql-transport-ws' }, 'graphql-transport-ws', 'subprotocol "graphql-transport-ws" negotiated');
    expectDetect(
      { url: 'wss://api.example/graphql', firstFrames: [like(outText('{"type":"connection_init"}')), like(inText('{"type":"connection_ack"}')), like(outText('{"id":"1","type":"subscribe","payload":{"query":"{a}"}}'))] },
      'graphql-transport-ws',
      /^frame 3 sent .* looks like graphql-transport-ws subscribe/,
    );
  });
});

describe('subscriptions-transport-ws (subprotocol graphql-ws)', () => {
  it('classifies ack, one-way ka and data', () => {
    expectClasses('subscriptions-transport-ws', [
      [outText('{"type":"connection_init","payload":{}}'), { kind: 'data' }],
      [inText('{"type":"connection_ack"}'), { kind: 'hello' }],
      [inText('{"type":"ka"}'), { kind: 'ping' }],
      [outText('{"id":"1","type":"start","payload":{"query":"subscription { x }"}}'), { kind: 'data' }],
      [inText('{"id":"1","type":"data","payload":{"data":{"x":1}}}'), { kind: 'data' }],
      [outText('{"id":"1","type":"stop"}'), { kind: 'data' }],
    ]);
    expect(profile('subscriptions-transport-ws').heartbeat!.pong).toBeUndefined();
  });
  it('is detected by subprotocol', () => {
    expectDetect({ url: 'wss://api.example/subscriptions', protocol: 'graphql-ws' }, 'subscriptions-transport-ws', 'subprotocol "graphql-ws" negotiated selects subscriptions-transport-ws');
  });
});

describe('phoenix (v2 serializer)', () => {
  it('classifies heartbeat, its reply, joins and pushes', () => {
    expectClasses('phoenix', [
      [outText('["3","3","room:lobby","phx_join",{}]'), { kind: 'data' }],
      [inText('["3","3","room:lobby","phx_reply",{"status":"ok","response":{}}]'), { kind: 'data' }],
      [outText('[null,"4","phoenix","heartbeat",{}]'), { kind: 'ping' }],
      [inText('[null,"4","phoenix","phx_reply",{"status":"ok","response":{}}]'), { kind: 'pong' }],
      [inText('[null,null,"room:lobby","new_msg",{"body":"hi"}]'), { kind: 'data' }],
    ]);
    expect(profile('phoenix').closeCodes!['1000']!.reasons!['heartbeat timeout']).toBeTruthy();
  });
  it('is detected from the URL or phx_join', () => {
    expectDetect({ url: 'wss://app.example/socket/websocket?token=REDACTED~9f00&vsn=2.0.0' }, 'phoenix', /matches phoenix \(contains "\/websocket\?token=REDACTED~9f00&vsn=2\."\)/);
    expectDetect({ url: 'wss://app.example/ws', firstFrames: [like(outText('["3","3","room:lobby","phx_join",{}]'))] }, 'phoenix', /looks like Phoenix phx_join/);
  });
});

describe('signalr-json', () => {
  it('classifies records terminated by \\x1e', () => {
    expectClasses('signalr-json', [
      [outText(`{"protocol":"json","version":1}${RS}`), { kind: 'data' }],
      [inText(`{}${RS}`), { kind: 'hello' }],
      [inText(`{"type":6}${RS}`), { kind: 'ping' }],
      [outText(`{"type":6}${RS}`), { kind: 'ping' }],
      [inText(`{"type":1,"target":"ReceiveMessage","arguments":["ann","hi"]}${RS}`), { kind: 'data' }],
      [outText(`{"type":1,"invocationId":"0","target":"SendMessage","arguments":["ann","hi"]}${RS}`), { kind: 'data' }],
      [inText(`{"type":3,"invocationId":"0","result":null}${RS}`), { kind: 'data' }],
      [inText(`{"type":6}${RS}{"type":1,"target":"ReceiveMessage","arguments":[]}${RS}`), { kind: 'data', records: [{ kind: 'ping' }, { kind: 'data' }] }],
      [outText(`{"type":9,"sequenceId":5}${RS}`), { kind: 'sync', cursor: 5 }],
      [inText(`{"type":8,"sequenceId":4}${RS}`), { kind: 'data' }],
      [inText(`{"type":7,"error":"Server timeout elapsed","allowReconnect":true}${RS}`), { kind: 'data' }],
    ]);
  });
  it('is detected from the JSON handshake', () => {
    expectDetect({ url: 'wss://app.example/chathub?id=abc', firstFrames: [like(outText(`{"protocol":"json","version":1}${RS}`))] }, 'signalr-json', /^first frame sent \{"protocol":… looks like SignalR JSON handshake \(signalr-json\)$/);
  });
});

describe('actioncable', () => {
  it('classifies welcome, 3 s pings and channel messages', () => {
    expectClasses('actioncable', [
      [inText('{"type":"welcome"}'), { kind: 'hello' }],
      [inText('{"type":"ping","message":1700000000}'), { kind: 'ping' }],
      [outText('{"command":"subscribe","identifier":"{\\"channel\\":\\"ChatChannel\\"}"}'), { kind: 'data' }],
      [inText('{"identifier":"{\\"channel\\":\\"ChatChannel\\"}","type":"confirm_subscription"}'), { kind: 'data' }],
      [inText('{"identifier":"{\\"channel\\":\\"ChatChannel\\"}","message":{"body":"hi"}}'), { kind: 'data' }],
      [inText('{"type":"disconnect","reason":"unauthorized","reconnect":false}'), { kind: 'data' }],
    ]);
    expect(profile('actioncable').heartbeat!.intervalMs).toBe(3000);
  });
  it('is detected by the requested subprotocol before open, and by URL path', () => {
    expectDetect({ url: 'wss://app.example/cable', protocols: ['actioncable-v1-json', 'actioncable-unsupported'] }, 'actioncable', 'subprotocol "actioncable-v1-json" requested selects actioncable');
    expectDetect({ url: 'wss://app.example/cable' }, 'actioncable', 'URL path /cable matches actioncable');
  });
});

describe('stomp', () => {
  it('classifies CONNECTED, EOL heart-beats both ways and MESSAGE frames', () => {
    expectClasses('stomp', [
      [outText('CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:10000,10000\n\n\u0000'), { kind: 'data', heartbeatOffer: [10000, 10000], heartbeatFrom: 'request' }],
      [inText('CONNECTED\nversion:1.2\nheart-beat:0,20000\nserver:RabbitMQ/3.13.0\n\n\u0000'), { kind: 'hello', heartbeatOffer: [0, 20000], heartbeatFrom: 'hello' }],
      [inText('\n'), { kind: 'ping' }],
      [outText('\n'), { kind: 'ping' }],
      [inText('\r\n'), { kind: 'ping' }],
      [outText('SUBSCRIBE\nid:sub-0\ndestination:/topic/greetings\n\n\u0000'), { kind: 'data' }],
      [inText('MESSAGE\ndestination:/topic/greetings\nmessage-id:T_sub-0@@session-1@@1\nsubscription:sub-0\ncontent-type:application/json\n\n{"content":"Hello"}\u0000'), { kind: 'data' }],
    ]);
  });
  it('is detected by subprotocol or CONNECT', () => {
    expectDetect({ url: 'wss://mq.example/ws', protocol: 'v12.stomp' }, 'stomp', 'subprotocol "v12.stomp" negotiated selects stomp');
    expectDetect({ url: 'wss://mq.example/ws', protocol: 'v11.stomp' }, 'stomp', /v11\.stomp/);
    expectDetect({ url: 'wss://mq.example/ws', firstFrames: [like(outText('CONNECT\naccept-version:1.2\nhost:mq\n\n\u0000'))] }, 'stomp', /^first frame sent CONNECT\\nacce… looks like STOMP CONNECT frame \(stomp\)$/);
  });
});

describe('sockjs', () => {
  it('classifies o, h, a and c frames', () => {
    expectClasses('sockjs', [
      [inText('o'), { kind: 'hello' }],
      [inText('h'), { kind: 'ping' }],
      [inText('a["{\\"type\\":\\"greeting\\"}","second"]'), { kind: 'data' }],
      [outText('["hello"]'), { kind: 'data' }],
      [inText('c[3000,"Go away!"]'), { kind: 'data' }],
    ]);
  });
  it('is detected from the transport URL', () => {
    expectDetect({ url: 'wss://app.example/echo/123/k3j2fhq1/websocket' }, 'sockjs', /matches sockjs \(contains "\/123\/k3j2fhq1\/websocket"\)/);
    expectDetect({ url: 'wss://app.example/x', firstFrames: [like(inText('o'))] }, 'sockjs', 'first frame received o looks like SockJS open frame (sockjs)');
  });
});

describe('stomp-sockjs (STOMP inside SockJS)', () => {
  it('unwraps SockJS frames: heart-beats ["\\n"] out and a["\\n"] in, SockJS h, CONNECT/CONNECTED offers', () => {
    expectClasses('stomp-sockjs', [
      [inText('o'), { kind: 'data', transport: true }],
      [outText('["CONNECT\\naccept-version:1.2\\nheart-beat:1000,1000\\n\\n\\u0000"]'), { kind: 'data', heartbeatOffer: [1000, 1000], heartbeatFrom: 'request' }],
      [inText('a["CONNECTED\\nversion:1.2\\nheart-beat:0,2000\\n\\n\\u0000"]'), { kind: 'hello', heartbeatOffer: [0, 2000], heartbeatFrom: 'hello' }],
      [outText('["\\n"]'), { kind: 'ping' }],
      [inText('a["\\n"]'), { kind: 'ping' }],
      [inText('h'), { kind: 'ping', transport: true }],
      [inText('a["MESSAGE\\ndestination:/t\\n\\nx\\u0000","\\n"]'), { kind: 'data', records: [{ kind: 'data' }, { kind: 'ping' }] }],
      [inText('c[3000,"Go away!"]'), { kind: 'data', transport: true }],
    ]);
  });
  it('is detected from the SockJS URL and a STOMP CONNECT inside; the URL alone stays sockjs', () => {
    const url = 'ws://127.0.0.1:1/stomp/123/k3j2fhq1/websocket';
    const frames = [like(inText('o')), like(outText('["CONNECT\\naccept-version:1.2\\n\\n\\u0000"]'))];
    expectDetect({ url, firstFrames: frames }, 'stomp-sockjs', /^URL \/stomp\/123\/k3j2fhq1\/websocket matches and frame 2 sent \["CONNECT\\naccep… looks like STOMP CONNECT frame inside SockJS \(stomp-sockjs\)$/);
    expectDetect({ url, firstFrames: [like(inText('o')), like(outText('["hello"]'))] }, 'sockjs', /matches sockjs/);
  });
});

describe('mqtt (binary)', () => {
  // CONNECT: fixed header 10, remaining length 12, protocol name "MQTT", level 4, flags 02, keep alive 60.
  const connect = [0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00];
  it('classifies CONNACK, PINGREQ C0 00, PINGRESP D0 00 and PUBLISH', () => {
    expectClasses('mqtt', [
      [outBin(connect), { kind: 'data', intervalMs: 60000 }],
      [inBin([0x20, 0x02, 0x00, 0x00]), { kind: 'hello' }],
      [outBin([0xc0, 0x00]), { kind: 'ping' }],
      [inBin([0xd0, 0x00]), { kind: 'pong' }],
      [inBin([0x30, 0x0a, 0x00, 0x03, 0x61, 0x2f, 0x62, 0x68, 0x65, 0x6c, 0x6c, 0x6f]), { kind: 'data' }],
      [outBin([0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 0x61, 0x2f, 0x62, 0x00]), { kind: 'data' }],
      [outText('\u00c0\u0000'), { kind: 'data' }],
    ]);
  });
  it('reassembles packets that span frames (CONNACK as four 1-byte frames) and splits frames holding several', () => {
    expectClasses('mqtt', [
      [inBin([0x20]), { kind: 'data' }],
      [inBin([0x02]), { kind: 'data' }],
      [inBin([0x00]), { kind: 'data' }],
      [inBin([0x00]), { kind: 'hello' }],
      [inBin([0xd0]), { kind: 'data' }],
      [inBin([0x00, 0x30, 0x03, 0x00, 0x01, 0x61]), { kind: 'data', records: [{ kind: 'pong' }, { kind: 'data' }] }],
      [outBin([0xc0, 0x00, 0xc0, 0x00]), { kind: 'ping', records: [{ kind: 'ping' }, { kind: 'ping' }] }],
      [outBin([0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x05, 0x00, 0x00]), { kind: 'data', intervalMs: 5000 }],
    ]);
  });
  it('is detected by subprotocol or the CONNECT packet', () => {
    expectDetect({ url: 'wss://broker.example:8884/mqtt', protocol: 'mqtt' }, 'mqtt', 'subprotocol "mqtt" negotiated');
    expectDetect({ url: 'wss://broker.example:8884/x', firstFrames: [like(outBin(connect))] }, 'mqtt', /^first frame sent binary 10 0c 00 04 4d 51… looks like MQTT CONNECT packet \(mqtt\)$/);
  });
});

describe('centrifugo', () => {
  it('classifies connect reply, {} ping/pong, publication offsets and recovery', () => {
    expectClasses('centrifugo', [
      [outText('{"id":1,"connect":{"token":"REDACTED~55aa","name":"js"}}'), { kind: 'data' }],
      [inText('{"id":1,"connect":{"client":"8f3e2f","version":"5.4.0","ping":25,"pong":true}}'), { kind: 'hello', intervalMs: 25000 }],
      [inText('{}'), { kind: 'ping' }],
      [outText('{}'), { kind: 'pong' }],
      [outText('{"id":2,"subscribe":{"channel":"news"}}'), { kind: 'data' }],
      [inText('{"id":2,"subscribe":{"recoverable":true,"epoch":"gQYc","offset":6}}'), { kind: 'data', epoch: 'gQYc' }],
      [inText('{"push":{"channel":"news","pub":{"data":{"title":"x"},"offset":7}}}'), { kind: 'data', position: 7 }],
      [
        inText('{"push":{"channel":"news","pub":{"data":{},"offset":8}}}\n{"push":{"channel":"news","pub":{"data":{},"offset":9}}}'),
        { kind: 'data', position: 9, records: [{ kind: 'data' }, { kind: 'data' }] },
      ],
      [inText('{}\n{"push":{"channel":"news","pub":{"data":{},"offset":10}}}'), { kind: 'data', position: 10, records: [{ kind: 'ping' }, { kind: 'data' }] }],
      [outText('{"id":3,"subscribe":{"channel":"news","recover":true,"offset":10,"epoch":"gQYc"}}'), { kind: 'sync', cursor: 10 }],
    ]);
    expect(profile('centrifugo').closeCodes!['3500']!.fatal).toBe(true);
    expect(profile('centrifugo').closeCodes!['3012']!.kind).toBe('server-abort');
  });
  it('is detected by URL path', () => {
    expectDetect({ url: 'wss://rt.example/connection/websocket' }, 'centrifugo', 'URL path /connection/websocket matches centrifugo');
  });
});

describe('pusher', () => {
  it('classifies connection_established, ping/pong both ways and events', () => {
    expectClasses('pusher', [
      [inText('{"event":"pusher:connection_established","data":"{\\"socket_id\\":\\"123.456\\",\\"activity_timeout\\":120}"}'), { kind: 'hello' }],
      [outText('{"event":"pusher:subscribe","data":{"channel":"chat"}}'), { kind: 'data' }],
      [inText('{"event":"pusher_internal:subscription_succeeded","data":"{}","channel":"chat"}'), { kind: 'data' }],
      [outText('{"event":"pusher:ping","data":{}}'), { kind: 'ping' }],
      [inText('{"event":"pusher:pong","data":{}}'), { kind: 'pong' }],
      [inText('{"event":"pusher:ping","data":{}}'), { kind: 'ping' }],
      [outText('{"event":"pusher:pong","data":{}}'), { kind: 'pong' }],
      [inText('{"event":"new-message","channel":"chat","data":"{\\"text\\":\\"hi\\"}"}'), { kind: 'data' }],
    ]);
    const codes = profile('pusher').closeCodes!;
    expect(codes['4001']!.fatal).toBe(true);
    expect(codes['4200']!.fatal).toBeUndefined();
  });
  it('is detected by URL', () => {
    expectDetect({ url: 'wss://ws-mt1.pusher.com/app/9a3f1c?protocol=7&client=js&version=8.4.0&flash=false' }, 'pusher', /matches pusher \(contains "\/app\/9a3f1c\?protocol=7"\)/);
  });
});

describe('discord-gateway', () => {
  it('classifies hello, heartbeat/ACK, dispatch sequence, READY reset and RESUME', () => {
    expectClasses('discord-gateway', [
      [inText('{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250,"_trace":["[\\"gateway-prd-us-east1-b-0568\\",{\\"micros\\":0.0}]"]}}'), { kind: 'hello', intervalMs: 41250 }],
      [outText('{"op":1,"d":null}'), { kind: 'ping' }],
      [inText('{"t":null,"s":null,"op":11,"d":null}'), { kind: 'pong' }],
      [outText('{"op":2,"d":{"token":"REDACTED~77c1","intents":513,"properties":{"os":"linux","browser":"x","device":"x"}}}'), { kind: 'data' }],
      [inText('{"t":"READY","s":1,"op":0,"d":{"v":10,"session_id":"9c1f","resume_gateway_url":"wss://gateway-us-east1-b.discord.gg"}}'), { kind: 'data', position: 1, positionReset: true }],
      [inText('{"t":"GUILD_CREATE","s":2,"op":0,"d":{"id":"41771983423143937"}}'), { kind: 'data', position: 2 }],
      [outText('{"op":1,"d":2}'), { kind: 'ping' }],
      [inText('{"t":"MESSAGE_CREATE","s":3,"op":0,"d":{"content":"hi"}}'), { kind: 'data', position: 3 }],
      [inText('{"t":null,"s":null,"op":7,"d":null}'), { kind: 'data' }],
      // Next connection: in-band resume with the last s.
      [outText('{"op":6,"d":{"token":"REDACTED~77c1","session_id":"9c1f","seq":3}}', 'c2'), { kind: 'sync', cursor: 3 }],
      [inText('{"t":"MESSAGE_CREATE","s":4,"op":0,"d":{}}', 'c2'), { kind: 'data', position: 4 }],
      [inText('{"t":"RESUMED","s":5,"op":0,"d":{}}', 'c2'), { kind: 'data', position: 5 }],
      [inText('{"t":null,"s":null,"op":9,"d":false}', 'c2'), { kind: 'data' }],
    ]);
  });
  it('ships close codes 4000–4014 with 4004 and 4010–4014 fatal', () => {
    const codes = profile('discord-gateway').closeCodes!;
    expect(Object.keys(codes).sort()).toEqual(['4000', '4001', '4002', '4003', '4004', '4005', '4007', '4008', '4009', '4010', '4011', '4012', '4013', '4014']);
    const fatal = Object.entries(codes).filter(([, c]) => c.fatal).map(([k]) => k).sort();
    expect(fatal).toEqual(['4004', '4010', '4011', '4012', '4013', '4014']);
    expect(profile('discord-gateway').position).toMatchObject({ path: 's', contiguous: true });
  });
  it('is detected by URL or Hello', () => {
    expectDetect({ url: 'wss://gateway.discord.gg/?v=10&encoding=json' }, 'discord-gateway', /contains "gateway\.discord\.gg"/);
    expectDetect({ url: 'wss://gw.example/', firstFrames: [like(inText('{"t":null,"s":null,"op":10,"d":{"heartbeat_interval":41250}}'))] }, 'discord-gateway', /looks like gateway Hello \(op 10\) \(discord-gateway\)$/);
  });
});

describe('classification cost', () => {
  it('parses JSON at most once per record for every preset', () => {
    const samples: Ev[] = [
      inText('{"type":"hello","tenant_id":"t","stream_position":1}'),
      inText('{"type":"event","stream_position":2}'),
      inText('42["chat","x","3"]'),
      inText('40{"sid":"a","pid":"b"}'),
      outText('40{"pid":"b","offset":"3"}'),
      inText('{"push":{"channel":"c","pub":{"offset":7}}}'),
      inText('{"t":"READY","s":1,"op":0,"d":{}}'),
      outText('{"op":6,"d":{"seq":3}}'),
      inText('[null,"4","phoenix","phx_reply",{"status":"ok","response":{}}]'),
      inText(`{"type":6}${RS}`),
      inText('{"event":"pusher:pong","data":{}}'),
      inText('{"id":1,"connect":{"client":"x","ping":25}}'),
    ];
    const spy = vi.spyOn(JSON, 'parse');
    for (const p of BUILTIN_PROFILES) {
      const classify = createClassifier(p);
      for (const s of samples) {
        spy.mockClear();
        classify(s);
        expect(spy.mock.calls.length, `${p.name}: ${s.data}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
