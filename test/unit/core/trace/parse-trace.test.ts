import { gzipSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createTrace } from '../../../../src/core/trace/create-trace';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { serializeTrace } from '../../../../src/core/trace/serialize-trace';
import { TraceReadError } from '../../../../src/core/trace/trace-read-error';
import { fixtureBytes, fixtureText, prng, readError } from './helpers';

const RESUME = 'traces/scaiwave-resume.wavetrace.json';
const MINIMAL = 'traces/minimal.wavetrace.json';

function header(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'wavetrace',
    version: 1,
    createdAt: '2024-06-01T10:00:00.000Z',
    source: { tool: 'wavetrace 0.1.0', browser: 'Chromium 126', page: 'https://a.example/' },
    redacted: true,
    profile: 'scaiwave',
    dropped: 0,
    events: [],
    ...extra,
  };
}

describe('parseTrace: valid files', () => {
  it('reads the hand-written fixtures (text and bytes)', () => {
    const a = parseTrace(fixtureText(RESUME));
    expect(a.events).toHaveLength(26);
    expect(a.profile).toBe('scaiwave');
    expect(parseTrace(fixtureBytes(RESUME))).toEqual(a);
    const m = parseTrace(fixtureBytes(MINIMAL));
    expect(m.profile).toMatchObject({ name: 'inline-echo' });
    expect(m.dropped).toBe(3);
    expect(m.events[0]).toMatchObject({ type: 'ws-create', conn: 1 });
  });

  it('round-trips plain JSON and gzip', () => {
    for (const f of [RESUME, MINIMAL]) {
      const trace = parseTrace(fixtureText(f));
      const text = serializeTrace(trace);
      expect(typeof text).toBe('string');
      expect(parseTrace(text)).toEqual(trace);
      const gz = serializeTrace(trace, { gzip: true });
      expect(gz[0]).toBe(0x1f);
      expect(gz[1]).toBe(0x8b);
      expect(parseTrace(gz)).toEqual(trace);
      expect(serializeTrace(parseTrace(gz))).toBe(text);
    }
  });

  it('accepts a UTF-8 BOM, zlib data and UTF-16 text with BOM', () => {
    const text = fixtureText(MINIMAL);
    const utf8 = new TextEncoder().encode(text);
    const expected = parseTrace(text);
    expect(parseTrace(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual(expected);
    expect(parseTrace('\ufeff' + text)).toEqual(expected);
    expect(parseTrace(zlibSync(utf8))).toEqual(expected);
    const u16 = new Uint8Array(2 + text.length * 2);
    u16[0] = 0xff;
    u16[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      u16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      u16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    expect(parseTrace(u16)).toEqual(expected);
  });

  it('keeps unknown extra fields (forward compatible)', () => {
    const t = parseTrace(JSON.stringify(header({ note: 'x', events: [{ seq: 1, t: 5, type: 'page-online', online: true, extra: [1] }] })));
    expect((t as unknown as { note: string }).note).toBe('x');
    expect(t.events[0]).toMatchObject({ extra: [1] });
  });
});

describe('parseTrace: one-line errors', () => {
  const cases: [string, string | Uint8Array, string, string][] = [
    ['not JSON', '{"format":"wavetrace",\n  "version": 1,,}', 'not-json', 'not JSON: expected a string key, found "," at line 2, column 16 (offset 38)'],
    ['truncated JSON', '{"format":"wavetrace"', 'not-json', 'not JSON: unexpected end of input at line 1, column 22 (offset 21)'],
    ['empty', '   ', 'not-json', 'not JSON: empty input'],
    ['trailing garbage', '{}x', 'not-json', 'not JSON: unexpected "x" after the JSON value at line 1, column 3 (offset 2)'],
    ['not UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), 'not-json', 'not JSON: not UTF-8 text (invalid byte 0xff at offset 2)'],
    ['array', '[]', 'unknown-format', 'unknown format: expected a JSON object with "format": "wavetrace"'],
    ['other format', '{"format":"otel"}', 'unknown-format', 'unknown format "otel": expected "format": "wavetrace"'],
    ['no format', '{"log":{"entries":[]}}', 'unknown-format', 'unknown format: expected "format": "wavetrace"'],
    ['version 2', JSON.stringify(header({ version: 2 })), 'unsupported-version', 'unsupported version 2 (this Wavetrace reads version 1)'],
    ['version "1"', JSON.stringify(header({ version: '1' })), 'schema', 'version: expected 1'],
    ['corrupt gzip', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8]), 'corrupt-compression', 'corrupt gzip data: invalid block type'],
  ];
  for (const [name, input, kind, message] of cases) {
    it(name, () => {
      const e = readError(() => parseTrace(input));
      expect(e.kind).toBe(kind);
      expect(e.message).toBe(message);
      expect(e.message).not.toMatch(/\n/);
    });
  }

  it('names the bad header field', () => {
    const msg = (h: Record<string, unknown>) => readError(() => parseTrace(JSON.stringify(h))).message;
    expect(msg(header({ createdAt: 'yesterday' }))).toBe('createdAt: expected ISO 8601 date-time string');
    expect(msg(header({ source: { tool: 'x', browser: 'y' } }))).toBe('source.page: missing (expected string)');
    expect(msg(header({ redacted: 'yes' }))).toBe('redacted: expected boolean');
    expect(msg(header({ profile: 42 }))).toBe('profile: expected a profile name or profile object');
    expect(msg(header({ dropped: -1 }))).toBe('dropped: expected integer >= 0');
    expect(msg(header({ events: {} }))).toBe('events: expected array');
    const { events: _e, ...noEvents } = header();
    expect(msg(noEvents)).toBe('events: missing (expected array)');
  });

  it('names the bad event field', () => {
    const ev = (e: Record<string, unknown>, i = 17) => {
      const events = Array.from({ length: i }, (_, k) => ({ seq: k + 1, t: 1000 + k, type: 'page-online', online: true }));
      events.push({ seq: i + 1, t: 2000, ...e } as never);
      return readError(() => parseTrace(JSON.stringify(header({ events })))).message;
    };
    const frame = { type: 'ws-message', conn: 'c', opcode: 1, size: 1, data: 'x', encoding: 'text', truncated: false };
    expect(ev({ ...frame, conn: true })).toBe('events[17].conn: expected string or number');
    expect(ev({ ...frame, conn: undefined })).toBe('events[17].conn: missing (expected string or number)');
    expect(ev({ ...frame, opcode: 9 })).toBe('events[17].opcode: expected 1 or 2');
    expect(ev({ ...frame, size: 1.5 })).toBe('events[17].size: expected integer');
    expect(ev({ ...frame, encoding: 'hex' })).toBe('events[17].encoding: expected "text" or "base64"');
    expect(ev({ ...frame, type: 'ws-send' })).toBe('events[17].readyState: missing (expected 0, 1, 2 or 3)');
    expect(ev({ ...frame, t: -1 })).toBe('events[17].t: expected number >= 0 (ms since the Unix epoch)');
    expect(ev({ ...frame, t: '5' })).toBe('events[17].t: expected number (ms since the Unix epoch)');
    expect(ev({ type: 'ws-teleport' })).toBe('events[17].type: unknown event type "ws-teleport"');
    expect(ev({ conn: 1 })).toBe('events[17].type: missing (expected an event type)');
    expect(ev({ type: 'ws-create', conn: 1, url: 'ws://x', protocols: ['a', 2], frameUrl: '' })).toBe('events[17].protocols[1]: expected string');
    expect(ev({ type: 'ws-close', conn: 1, code: 70000, reason: '', wasClean: true })).toBe('events[17].code: expected integer 0..65535');
    expect(ev({ type: 'ws-close-call', conn: 1, code: null })).toBe('events[17].code: expected integer');
    expect(ev({ type: 'http-request', req: 1, method: 'GET', url: '/', initiator: 'curl' })).toBe('events[17].initiator: expected "fetch", "xhr" or "beacon"');
    expect(ev({ type: 'http-response', req: 1, status: 200, body: {} })).toBe('events[17].body: expected string');
    expect(ev({ type: 'page-visibility', state: 'minimized' })).toBe('events[17].state: expected "visible" or "hidden"');
    expect(ev({ type: 'worker-created', kind: 'service-worker', url: '' })).toBe('events[17].kind: expected "worker" or "shared-worker"');
    expect(ev({ type: 'capture-dropped', count: -3 })).toBe('events[17].count: expected integer >= 0');
    const notObject = readError(() => parseTrace(JSON.stringify(header({ events: [5] })))).message;
    expect(notObject).toBe('events[0]: expected object');
  });

  it('rejects seq that does not strictly increase, naming the index', () => {
    const events = [
      { seq: 1, t: 1, type: 'page-online', online: true },
      { seq: 9, t: 2, type: 'page-online', online: true },
      { seq: 9, t: 3, type: 'page-online', online: true },
    ];
    const e = readError(() => parseTrace(JSON.stringify(header({ events }))));
    expect(e.kind).toBe('order');
    expect(e.message).toBe('events[2].seq: 9 is not greater than the previous seq 9 (events[1]); seq must be strictly increasing');
    expect(e.path).toBe('events[2].seq');
  });

  it('rejects a connection created twice', () => {
    const c = { type: 'ws-create', conn: 'a', url: 'ws://x', protocols: [], frameUrl: '' };
    const e = readError(() => parseTrace(JSON.stringify(header({ events: [{ seq: 1, t: 1, ...c }, { seq: 2, t: 2, ...c }] }))));
    expect(e.message).toBe('events[1].conn: connection "a" was already created at events[0]; conn must be unique in a trace');
  });

  it('enforces maxBytes, also after decompression', () => {
    const text = serializeTrace(createTrace([], { createdAt: 0 }));
    expect(readError(() => parseTrace(text, { maxBytes: 10 })).kind).toBe('too-large');
    const gz = gzipSync(new TextEncoder().encode(text + ' '.repeat(100000)));
    expect(gz.length).toBeLessThan(2000);
    const e = readError(() => parseTrace(gz, { maxBytes: 50000 }));
    expect(e.kind).toBe('too-large');
  });
});

describe('parseTrace: hostile input', () => {
  it('survives a payload nested 10,000 (and 200,000) levels deep', () => {
    for (const depth of [10_000, 200_000]) {
      const deep = '['.repeat(depth) + ']'.repeat(depth);
      expect(readError(() => parseTrace(deep)).kind).toBe('unknown-format');
      const unclosed = '{"a":'.repeat(depth);
      expect(readError(() => parseTrace(unclosed)).message).toMatch(/^not JSON: unexpected end of input/);
      const inEvent = JSON.stringify(header({ events: [{ seq: 1, t: 1, type: 'page-online', online: true }] })).replace(
        '"online":true',
        `"online":true,"deep":${deep}`,
      );
      expect(parseTrace(inEvent).events).toHaveLength(1);
      const asData = inEvent.replace('"online":true,"deep":', '"online":');
      expect(readError(() => parseTrace(asData)).message).toBe('events[0].online: expected boolean');
      const asProfile = JSON.stringify(header()).replace('"profile":"scaiwave"', `"profile":${deep}`);
      expect(readError(() => parseTrace(asProfile)).message).toBe('profile: expected a profile name or profile object');
    }
  });

  it('turns random binary garbage into TraceReadError', () => {
    const rnd = prng(7);
    for (let n = 0; n < 500; n++) {
      const len = Math.floor(rnd() * 300);
      const b = new Uint8Array(len);
      for (let i = 0; i < len; i++) b[i] = Math.floor(rnd() * 256);
      if (n % 3 === 0 && len > 2) {
        b[0] = 0x1f;
        b[1] = 0x8b;
      }
      if (n % 3 === 1 && len > 2) {
        b[0] = 0x78;
        b[1] = 0x9c;
      }
      expect(readError(() => parseTrace(b))).toBeInstanceOf(TraceReadError);
    }
  });

  it('is not fooled by a forged gzip size field', () => {
    const gz = serializeTrace(parseTrace(fixtureText(MINIMAL)), { gzip: true }).slice();
    gz.set([0xff, 0xff, 0xff, 0xff], gz.length - 4); // ISIZE = 4 GiB
    expect(parseTrace(gz).events).toHaveLength(8);
  });
});
