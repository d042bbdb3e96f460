import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/core/events';
import { exportHar } from '../../../../src/core/har/export-har';
import { redactionMark } from '../../../../src/core/redact';
import { createTrace } from '../../../../src/core/trace/create-trace';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { redactTrace } from '../../../../src/core/trace/redact-trace';
import { serializeTrace } from '../../../../src/core/trace/serialize-trace';
import { validateTrace } from '../../../../src/core/trace/validate-trace';

const TOKEN = 'tok-SECRET-1111';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SECRETsigJWT';
const frame = (seq: number, type: 'ws-send' | 'ws-message', data: string, truncated = false): TraceEvent =>
  type === 'ws-send'
    ? { seq, t: 1000 + seq, type, conn: 'c1', opcode: 1, size: data.length, data, encoding: 'text', truncated, readyState: 1 }
    : { seq, t: 1000 + seq, type, conn: 'c1', opcode: 1, size: data.length, data, encoding: 'text', truncated };

function secretTrace() {
  const events: TraceEvent[] = [
    { seq: 1, t: 1001, type: 'page-navigation', url: 'https://app.example/x?session=SESSION-SECRET-2222#access_token=FRAG-SECRET-3333' },
    {
      seq: 2,
      t: 1002,
      type: 'ws-create',
      conn: 'c1',
      url: `wss://app.example/v1/stream?x=1&token=${TOKEN}`,
      protocols: ['scaiwave.v1', 'access_token', 'PROTO-SECRET-4444', JWT],
      frameUrl: 'https://app.example/x?session=SESSION-SECRET-2222',
    },
    { seq: 3, t: 1003, type: 'ws-create-failed', url: 'wss://bad host/?apikey=APIKEY-SECRET-5555', error: "SyntaxError: The URL 'wss://bad host/?apikey=APIKEY-SECRET-5555' is invalid." },
    { seq: 4, t: 1004, type: 'ws-open', conn: 'c1', protocol: JWT, extensions: '' },
    frame(5, 'ws-send', `{"type":"auth","Token":"${TOKEN}","nested":{"password":"PW-SECRET-6666"},"n":1}`),
    frame(6, 'ws-send', '{"type":"auth","jwt":"JWT-SECRET-7777-cut-by-the-prev', true),
    frame(7, 'ws-message', '42["auth",{"api_key":"API-SECRET-8888"}]'),
    frame(8, 'ws-message', '{"payload":"{\\"secret\\":\\"DOUBLE-SECRET-9999\\",\\"ok\\":1}"}'),
    frame(9, 'ws-message', '{"auth":{"user":"bob","pw":"OBJ-SECRET-AAAA"', true),
    frame(10, 'ws-send', 'CONNECT\naccept-version:1.2\nAuthorization: Bearer STOMP-SECRET-BBBB\n\n\u0000'),
    frame(11, 'ws-message', '{"next":"https://api.example/page?cursor=2&sig=SIG-SECRET-CCCC"}'),
    frame(12, 'ws-message', `{"type":"hello","note":"your token is ${JWT}"}`),
    frame(13, 'ws-message', `{"key": 123456789, "signature": null}`),
    { seq: 14, t: 1014, type: 'http-request', req: 'r1', method: 'GET', url: '/v1/sync?since=42&access_token=AT-SECRET-DDDD', initiator: 'fetch' },
    { seq: 15, t: 1015, type: 'http-response', req: 'r1', status: 200, body: '{"session":"BODY-SECRET-EEEE","events":[{"stream_position":43}]}' },
    { seq: 16, t: 1016, type: 'http-request', req: 'r2', method: 'POST', url: 'https://api.example/login', initiator: 'xhr' },
    { seq: 17, t: 1017, type: 'http-error', req: 'r2', error: 'TypeError: failed to fetch https://api.example/?key=ERR-SECRET-FFFF' },
    { seq: 18, t: 1018, type: 'ws-close-call', conn: 'c1', code: 4000, reason: 'logout&token=REASON-SECRET-GGGG', error: 'InvalidAccessError ?sig=CALL-SECRET-0000' },
    { seq: 19, t: 1019, type: 'ws-close', conn: 'c1', code: 4001, reason: `bad jwt ${JWT}`, wasClean: true },
    { seq: 20, t: 1020, type: 'page-navigation', url: 'https://app.example/cb#id_token=NAV-SECRET-HHHH&state=1' },
    { seq: 21, t: 1021, type: 'worker-created', kind: 'worker', url: '/w.js?auth=WORKER-SECRET-IIII' },
  ];
  return createTrace(events, {
    createdAt: 0,
    source: { tool: 'wavetrace 0.1.0', browser: 'Chromium 126', page: 'https://app.example/x?session=SESSION-SECRET-2222#access_token=FRAG-SECRET-3333' },
    profile: 'scaiwave',
  });
}

describe('redactTrace', () => {
  it('leaves no secret anywhere in the serialized trace, the gzip round trip, or the HAR export', () => {
    const original = secretTrace();
    const red = redactTrace(original);
    expect(red.redacted).toBe(true);
    const text = serializeTrace(red);
    const har = JSON.stringify(exportHar(red));
    for (const out of [text, serializeTrace(parseTrace(serializeTrace(red, { gzip: true }))), har]) {
      expect(out).not.toMatch(/SECRET/);
      expect(out).not.toContain(TOKEN);
      expect(out).not.toContain('eyJzdWIiOiIxMjM0In0');
      expect(out).not.toContain('123456789');
    }
    expect(serializeTrace(original)).toMatch(/SECRET/); // the test data does carry secrets
    expect(() => validateTrace(JSON.parse(text))).not.toThrow();
  });

  it('uses the docs/design.md#trace-format marks, equal for equal secrets across URLs and payloads', () => {
    const red = redactTrace(secretTrace());
    const mark = redactionMark(TOKEN);
    expect(mark).toMatch(/^REDACTED~[0-9a-f]{4}$/);
    const create = red.events[1] as Extract<TraceEvent, { type: 'ws-create' }>;
    expect(create.url).toBe(`wss://app.example/v1/stream?x=1&token=${mark}`);
    const send = red.events[4] as Extract<TraceEvent, { type: 'ws-send' }>;
    expect(JSON.parse(send.data)).toEqual({ type: 'auth', Token: mark, nested: { password: redactionMark('PW-SECRET-6666') }, n: 1 });
    expect(create.protocols).toEqual(['scaiwave.v1', 'access_token', redactionMark('PROTO-SECRET-4444'), redactionMark(JWT)]);
    const req = red.events[13] as Extract<TraceEvent, { type: 'http-request' }>;
    expect(req.url).toBe(`/v1/sync?since=42&access_token=${redactionMark('AT-SECRET-DDDD')}`);
    expect(red.source.page).toBe(`https://app.example/x?session=${redactionMark('SESSION-SECRET-2222')}#access_token=${redactionMark('FRAG-SECRET-3333')}`);
  });

  it('keeps what is not secret, the true size, and binary previews', () => {
    const bin: TraceEvent = { seq: 22, t: 1022, type: 'ws-message', conn: 'c1', opcode: 2, size: 999, data: 'eyJ0b2tlbiI6IngifQ==', encoding: 'base64', truncated: true };
    const t = secretTrace();
    t.events.push(bin);
    const red = redactTrace(t);
    expect(red.events[21]).toBe(bin);
    const trunc = red.events[5] as Extract<TraceEvent, { type: 'ws-send' }>;
    expect(trunc.data).toBe(`{"type":"auth","jwt":"${redactionMark('JWT-SECRET-7777-cut-by-the-prev')}"`);
    expect(trunc.size).toBe(t.events[5]!.type === 'ws-send' ? (t.events[5] as { size: number }).size : -1);
    expect((red.events[6] as { data: string }).data).toBe(`42["auth",{"api_key":"${redactionMark('API-SECRET-8888')}"}]`);
    expect((red.events[12] as { data: string }).data).toBe(`{"key":"${redactionMark('123456789')}","signature":null}`);
    expect((red.events[14] as { body: string }).body).toContain('"stream_position":43');
    expect((red.events[0] as { url: string }).url).toMatch(/^https:\/\/app\.example\/x\?session=REDACTED~[0-9a-f]{4}#access_token=REDACTED~[0-9a-f]{4}$/);
  });

  it('is idempotent, does not modify its input, and honours a custom key list', () => {
    const t = secretTrace();
    const before = JSON.stringify(t);
    const once = redactTrace(t);
    expect(JSON.stringify(t)).toBe(before);
    expect(redactTrace(once)).toEqual(once);
    const custom = redactTrace(t, ['since']);
    expect((custom.events[13] as { url: string }).url).toBe(`/v1/sync?since=${redactionMark('42')}&access_token=AT-SECRET-DDDD`);
  });
});
