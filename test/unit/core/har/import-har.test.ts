import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/core/events';
import { importHar } from '../../../../src/core/har/import-har';
import { validateEvents } from '../../../../src/core/trace/validate-trace';
import { fixtureText, readError } from '../trace/helpers';

const load = (f: string) => importHar(JSON.parse(fixtureText(`har/${f}`)));
const types = (events: TraceEvent[]) => events.map((e) => e.type);
const count = (events: TraceEvent[], type: string) => events.filter((e) => e.type === type).length;

describe('importHar: Chrome DevTools', () => {
  const r = load('chrome-devtools.har');

  it('imports the WebSocket entry, HTTP entries and the page, skipping 2 incomplete messages', () => {
    expect(r.skipped).toBe(2);
    expect(r.warnings).toEqual(['skipped 2 WebSocket message(s) lacking time/type/opcode/data or of unknown type']);
    expect(types(r.events)).toEqual([
      'page-navigation',
      'http-request', 'http-response', // the document
      'ws-create', 'ws-open', 'ws-message', 'ws-send',
      'http-request', 'http-response', // GET /v1/sync
      'ws-message', 'ws-message',
      'http-request', 'http-error', // the refused xhr
      'ws-message', 'ws-send', // ping/pong 30 s later
    ]);
    expect(r.events).toHaveLength(15);
    expect(count(r.events, 'ws-message') + count(r.events, 'ws-send')).toBe(6);
    expect(count(r.events, 'ws-close')).toBe(0); // HAR has no close events: none invented
    expect(r.events.map((e) => e.seq)).toEqual(r.events.map((_, i) => i + 1));
    for (let i = 1; i < r.events.length; i++) expect(r.events[i]!.t).toBeGreaterThanOrEqual(r.events[i - 1]!.t);
    expect(() => validateEvents(r.events)).not.toThrow();
    expect(r.meta).toEqual({ tool: 'WebInspector 537.36 (HAR import)', browser: '', page: 'https://app.example.com/dashboard' });
  });

  it('builds ws-create/ws-open from the handshake and frames from the messages', () => {
    const create = r.events.find((e) => e.type === 'ws-create');
    expect(create).toMatchObject({
      conn: 'har-1',
      t: Date.parse('2024-06-01T10:00:01.000Z'),
      url: 'wss://app.example.com/v1/stream?token=s3cr3t-chrome-token',
      protocols: ['scaiwave.v1', 'scaiwave.v0'],
      frameUrl: 'https://app.example.com/dashboard',
    });
    const open = r.events.find((e) => e.type === 'ws-open');
    expect(open).toMatchObject({ conn: 'har-1', protocol: 'scaiwave.v1', extensions: 'permessage-deflate' });
    expect(open!.t).toBeCloseTo(Date.parse('2024-06-01T10:00:01.000Z') + 35.2, 3);
    const frames = r.events.filter((e) => e.type === 'ws-message' || e.type === 'ws-send');
    expect(frames[0]).toMatchObject({ type: 'ws-message', opcode: 1, encoding: 'text', size: 55, truncated: false });
    expect(frames[0]!.t).toBeCloseTo(1717236001041.2, 3);
    expect(frames[1]).toMatchObject({ type: 'ws-send', readyState: 1, data: '{"type":"subscribe","channel":"orders"}' });
    expect(frames[3]).toMatchObject({ type: 'ws-message', opcode: 2, encoding: 'base64', data: 'AAECA/8=', size: 5 });
  });

  it('maps HTTP entries: initiators, status, body, and _error → http-error', () => {
    const sync = r.events.find((e) => e.type === 'http-request' && e.url.includes('/v1/sync'));
    expect(sync).toMatchObject({ method: 'GET', initiator: 'fetch', req: 'har-2' });
    const resp = r.events.find((e) => e.type === 'http-response' && e.req === 'har-2');
    expect(resp).toMatchObject({ status: 200, body: '{"events":[{"stream_position":43},{"stream_position":44},{"stream_position":45}]}' });
    expect(resp!.t).toBeCloseTo(Date.parse('2024-06-01T10:00:01.100Z') + 0.5 + 0.2 + 45.3, 3);
    const doc = r.events.find((e) => e.type === 'http-response' && e.req === 'har-0');
    expect(doc).not.toHaveProperty('body'); // no content.text given
    expect(r.events.find((e) => e.type === 'http-request' && e.req === 'har-3')).toMatchObject({ method: 'POST', initiator: 'xhr' });
    expect(r.events.find((e) => e.type === 'http-error')).toMatchObject({ req: 'har-3', error: 'net::ERR_CONNECTION_REFUSED' });
  });
});

describe('importHar: mitmproxy', () => {
  const r = load('mitmproxy.har');

  it('imports with correct counts and 1 skipped message', () => {
    expect(r.skipped).toBe(1);
    expect(r.events).toHaveLength(9);
    expect(types(r.events)).toEqual([
      'ws-create', 'ws-open', 'ws-message', 'ws-send', 'ws-message', 'http-request', 'http-response', 'http-request', 'http-error',
    ]);
    expect(r.meta.tool).toBe('mitmproxy exporthar 0.1 (HAR import)');
    expect(() => validateEvents(r.events)).not.toThrow();
  });

  it('handles its differences: https:// scheme, microsecond offsets, no protocol header', () => {
    const create = r.events[0] as Extract<TraceEvent, { type: 'ws-create' }>;
    expect(create.url).toBe('wss://app.example.com/v1/stream?token=s3cr3t-mitm-token');
    expect(create.t).toBe(Date.parse('2024-06-01T10:00:00.512Z'));
    expect(create.protocols).toEqual([]);
    expect(r.events[1]).toMatchObject({ type: 'ws-open', protocol: '', extensions: '' });
    expect(r.events[1]!.t).toBeCloseTo(create.t + 12.5 + 0.31 + 15.1, 3);
    expect(r.events[4]).toMatchObject({ opcode: 2, encoding: 'base64', data: 'gqR0eXBlpWV2ZW50', size: 12 });
    expect(r.events[5]).toMatchObject({ type: 'http-request', t: Date.parse('2024-06-01T10:00:01Z') });
    expect(r.events[8]).toMatchObject({ type: 'http-error', error: 'Connection killed.' });
  });
});

describe('importHar: HTTP Toolkit', () => {
  const r = load('httptoolkit.har');

  it('imports with correct counts and 3 skipped messages', () => {
    expect(r.skipped).toBe(3);
    expect(r.events).toHaveLength(13);
    expect(count(r.events, 'ws-create')).toBe(2);
    expect(count(r.events, 'ws-message') + count(r.events, 'ws-send')).toBe(6);
    expect(r.warnings).toContain('1 connection(s) marked aborted without a close code: no close event invented');
    // Only Chrome DevTools (and Wavetrace) write the socket's lifetime as the entry's `time`:
    // an HTTP Toolkit entry gives no entry end (its closes come from `_webSocketClose`).
    expect([...r.entryEnds]).toEqual([]);
    expect(() => validateEvents(r.events)).not.toThrow();
  });

  it('handles its differences: lower-case headers, local offsets, recorded _webSocketClose', () => {
    const create = r.events[0] as Extract<TraceEvent, { type: 'ws-create' }>;
    expect(create).toMatchObject({ type: 'ws-create', t: Date.parse('2024-06-01T10:00:00.100Z'), protocols: ['scaiwave.v1'], frameUrl: '' });
    expect(r.events[1]).toMatchObject({ type: 'ws-open', protocol: 'scaiwave.v1' });
    const closes = r.events.filter((e) => e.type === 'ws-close');
    expect(closes).toEqual([
      { seq: 8, type: 'ws-close', t: 1717236010112, conn: 'har-0', code: 4001, reason: 'SW_AUTH_INVALID_TOKEN', wasClean: true },
    ]);
    // The "aborted" connection gets no close event.
    expect(r.events.filter((e) => 'conn' in e && e.conn === 'har-2').map((e) => e.type)).toEqual(['ws-create', 'ws-open', 'ws-message']);
  });
});

describe('importHar: edge cases', () => {
  const entry = (extra: Record<string, unknown> = {}) => ({
    startedDateTime: '2024-06-01T10:00:00.000Z',
    time: 10,
    request: { method: 'GET', url: 'wss://x/s', headers: [] },
    response: { status: 101, headers: [] },
    timings: { send: 0, wait: 5, receive: 0 },
    _resourceType: 'websocket',
    ...extra,
  });

  it('skips like Chrome: missing time/type/opcode/data or unknown type; ignores control frames', () => {
    const messages = [
      { type: 'send', time: 1717236000.01, opcode: 1, data: 'ok' },
      { type: 'send', time: '1717236000.02', opcode: '1', data: 'numeric strings accepted, as Chrome does' },
      { type: 'send', opcode: 1, data: 'x' },
      { type: 'send', time: 1717236000.03, data: 'x' },
      { type: 'send', time: 1717236000.03, opcode: 1 },
      { time: 1717236000.03, opcode: 1, data: 'x' },
      { type: 'ping', time: 1717236000.03, opcode: 1, data: 'x' },
      { type: 'send', time: -5, opcode: 1, data: 'x' },
      'not an object',
      { type: 'receive', time: 1717236000.04, opcode: 9, data: '' },
      { type: 'error', time: 1717236000.05, opcode: -1, data: 'Invalid frame header' },
    ];
    const r = importHar({ log: { entries: [entry({ _webSocketMessages: messages })] } });
    expect(r.skipped).toBe(7);
    expect(types(r.events)).toEqual(['ws-create', 'ws-open', 'ws-send', 'ws-send', 'ws-error']);
    expect(r.warnings).toEqual([
      'skipped 7 WebSocket message(s) lacking time/type/opcode/data or of unknown type',
      'ignored 1 WebSocket control/continuation frame(s) (opcode not 1 or 2)',
      '1 Chrome WebSocket "error" message(s) imported as ws-error',
    ]);
  });

  it('keeps create ≤ open ≤ first frame when clocks disagree, and orders stably by time', () => {
    const r = importHar({
      log: {
        entries: [
          entry({ _webSocketMessages: [{ type: 'receive', time: 1717235999.5, opcode: 1, data: 'early' }] }),
          entry({ request: { url: 'wss://x/t' }, _webSocketMessages: [] }),
        ],
      },
    });
    expect(r.events.map((e) => [e.type, 'conn' in e ? e.conn : '', e.t])).toEqual([
      ['ws-create', 'har-0', 1717235999500],
      ['ws-open', 'har-0', 1717235999500],
      ['ws-message', 'har-0', 1717235999500],
      ['ws-create', 'har-1', 1717236000000],
      ['ws-open', 'har-1', 1717236000005],
    ]);
  });

  it('throws one-line TraceReadErrors naming the broken part', () => {
    expect(readError(() => importHar([])).message).toBe('not a HAR file: expected an object with "log"');
    expect(readError(() => importHar({ log: {} })).message).toBe('not a HAR file: log.entries must be an array');
    expect(readError(() => importHar({ log: { entries: [entry(), 3] } })).message).toBe('log.entries[1]: expected object');
    expect(readError(() => importHar({ log: { entries: [entry({ request: {} })] } })).message).toBe('log.entries[0].request.url: expected string');
  });
});
