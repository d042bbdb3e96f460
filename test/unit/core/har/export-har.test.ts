import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/core/events';
import { exportHar } from '../../../../src/core/har/export-har';
import type { HarEntry, HarWavetraceConnection } from '../../../../src/core/har/har-types';
import { importHar } from '../../../../src/core/har/import-har';
import { createTrace } from '../../../../src/core/trace/create-trace';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { readTraceOrHar } from '../../../../src/core/trace/read-trace-or-har';
import { serializeTrace } from '../../../../src/core/trace/serialize-trace';
import { fixtureText } from '../trace/helpers';

const resume = parseTrace(fixtureText('traces/scaiwave-resume.wavetrace.json'));
const minimal = parseTrace(fixtureText('traces/minimal.wavetrace.json'));

/** The frame view the round trip must preserve: type, time (ms precision), opcode, data. */
function frames(events: TraceEvent[]) {
  return events
    .filter((e) => e.type === 'ws-send' || e.type === 'ws-message')
    .map((e) => ({ type: e.type, t: Math.round(e.t), opcode: e.opcode, data: e.data, conn: e.conn }));
}

/** Events without seq, with t rounded to µs (HAR message times are float seconds). */
function comparable(events: TraceEvent[]) {
  return events.map(({ seq: _s, ...e }) => ({ ...e, t: Math.round(e.t * 1000) / 1000 }));
}

const viaFile = (t: ReturnType<typeof createTrace>) => importHar(JSON.parse(JSON.stringify(exportHar(t))));

describe('exportHar', () => {
  const har = exportHar(resume);
  const ws = har.log.entries.filter((e) => e._resourceType === 'websocket');

  it('writes HAR 1.2: one entry per connection plus HTTP entries, in start order', () => {
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'Wavetrace', version: '0.1.0', comment: 'wavetrace 0.1.0' });
    expect(har.log.browser).toEqual({ name: 'Chromium', version: '126.0.6478.126' });
    expect(har.log.pages).toEqual([
      { startedDateTime: '2024-06-01T10:00:00.000Z', id: 'page_1', title: 'https://app.example.com/dashboard?session=REDACTED~5e1c', pageTimings: {} },
    ]);
    expect(har.log.entries.map((e) => e._resourceType)).toEqual(['websocket', 'websocket', 'websocket', 'fetch']);
    expect(ws.map((e) => (e._wavetrace as HarWavetraceConnection).conn)).toEqual(['a1.1', 'a1.2', 'a1.3']);
  });

  it('writes the handshake, the messages and the _wavetrace fields of a connection', () => {
    const e = ws[0]!;
    expect(e.startedDateTime).toBe('2024-06-01T10:00:00.100Z');
    expect(e.request.method).toBe('GET');
    expect(e.request.url).toBe('wss://app.example.com/v1/stream?token=REDACTED~9f2a');
    expect(e.request.headers).toEqual(
      expect.arrayContaining([
        { name: 'Host', value: 'app.example.com' },
        { name: 'Upgrade', value: 'websocket' },
        { name: 'Connection', value: 'Upgrade' },
        { name: 'Sec-WebSocket-Version', value: '13' },
        { name: 'Origin', value: 'https://app.example.com' },
      ]),
    );
    expect(e.request.queryString).toEqual([{ name: 'token', value: 'REDACTED~9f2a' }]);
    expect(e.response.status).toBe(101);
    expect(e.response.headers).toContainEqual({ name: 'Sec-WebSocket-Extensions', value: 'permessage-deflate' });
    expect(e._webSocketMessages![0]).toEqual({
      type: 'receive',
      time: 1717236000.150125,
      opcode: 1,
      data: '{"type":"hello","tenant_id":"t-1","stream_position":40}',
    });
    expect(e._webSocketMessages!.map((m) => m.type)).toEqual(['receive', 'receive', 'receive', 'receive', 'send']);
    expect(e._wavetrace).toEqual({
      conn: 'a1.1',
      session: 'wss://app.example.com/v1/stream',
      createT: 1717236000100.5,
      frameUrl: 'https://app.example.com/dashboard?session=REDACTED~5e1c',
      protocols: [],
      openT: 1717236000140.75,
      close: { t: 1717236040000, code: 1006, reason: '', wasClean: false },
    });
    expect(e.time).toBeCloseTo(1717236040000 - 1717236000100.5, 6);
    expect(ws[1]!.response.status).toBe(0); // never opened
    const m3 = ws[2]!._webSocketMessages!;
    expect(m3.find((m) => m.opcode === 2)).toEqual({ type: 'receive', time: 1717236043.3, opcode: 2, data: '3q2+7w==' });
    expect(m3.find((m) => m._wavetrace)).toMatchObject({ type: 'send', _wavetrace: { size: 70000, truncated: true } });
  });

  it('writes every field Chrome DevTools\' HAR importer requires', () => {
    const num = (x: unknown) => typeof x === 'number' && !Number.isNaN(x);
    for (const e of har.log.entries as HarEntry[]) {
      expect(Number.isNaN(Date.parse(e.startedDateTime))).toBe(false);
      for (const x of [e.time, e.request.headersSize, e.request.bodySize, e.response.status, e.response.headersSize, e.response.bodySize, e.response.content.size, e.timings.send, e.timings.wait, e.timings.receive]) {
        expect(num(x)).toBe(true);
      }
      expect(e.time).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(e.request.headers) && Array.isArray(e.response.headers)).toBe(true);
      expect(typeof e.response.content.mimeType).toBe('string');
    }
    const http = har.log.entries[3]!;
    expect(http.response).toMatchObject({ status: 200, content: { mimeType: 'application/json', text: expect.stringContaining('stream_position') } });
    expect(http._wavetrace).toMatchObject({ req: 'a1.r1', initiator: 'fetch' });
  });
});

describe('exportHar → importHar round trip', () => {
  it('gives the same frames (type, time to the ms, opcode, data)', () => {
    for (const t of [resume, minimal]) {
      const back = viaFile(t);
      expect(frames(back.events)).toEqual(frames(t.events));
      expect(back.skipped).toBe(0);
      expect(back.warnings).toEqual([]);
    }
  });

  it('restores every event (conn/req ids, closes, errors, close calls, page and worker events)', () => {
    for (const t of [resume, minimal]) {
      const back = viaFile(t);
      expect(comparable(back.events)).toEqual(comparable(t.events));
    }
    const r = readTraceOrHar(JSON.stringify(exportHar(minimal)));
    expect(r.trace.profile).toEqual(minimal.profile);
    expect(r.trace.source).toEqual(minimal.source);
    expect(r.trace.dropped).toBe(3);
    expect(r.trace.createdAt).toBe(minimal.createdAt);
  });

  it('round-trips a HAR saved by Chrome DevTools, mitmproxy and HTTP Toolkit', () => {
    for (const f of ['chrome-devtools.har', 'mitmproxy.har', 'httptoolkit.har']) {
      const first = readTraceOrHar(fixtureText(`har/${f}`)).trace;
      const again = viaFile(first);
      expect(frames(again.events)).toEqual(frames(first.events));
      expect(comparable(again.events)).toEqual(comparable(first.events));
      // and through the trace file too
      expect(parseTrace(serializeTrace(first)).events).toEqual(first.events);
    }
  });

  it('converts payload encodings to what HAR expects, and invents no create for orphan frames', () => {
    const events: TraceEvent[] = [
      { seq: 1, t: 5000, type: 'ws-message', conn: 'x', opcode: 1, size: 2, data: 'aGk=', encoding: 'base64', truncated: false },
      { seq: 2, t: 5001, type: 'ws-send', conn: 'x', opcode: 2, size: 3, data: 'abc', encoding: 'text', truncated: false, readyState: 1 },
    ];
    const har = exportHar(createTrace(events, { createdAt: 0 }));
    expect(har.log.entries[0]!._webSocketMessages).toEqual([
      { type: 'receive', time: 5, opcode: 1, data: 'hi' },
      { type: 'send', time: 5.001, opcode: 2, data: 'YWJj' },
    ]);
    const back = importHar(JSON.parse(JSON.stringify(har)));
    expect(back.events.map((e) => e.type)).toEqual(['ws-message', 'ws-send']);
  });
});
