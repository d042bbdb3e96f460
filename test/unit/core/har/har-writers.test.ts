/**
 * Other writers' HARs read as their writers mean them (real files in test/fixtures/har/realworld,
 * see its README): entry `time`, message time units, empty `_webSocketMessages`, HTTP
 * Toolkit's close timestamps, entries without `startedDateTime`.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/analysis';
import { importHar } from '../../../../src/core/har/import-har';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { readTraceOrHar } from '../../../../src/core/trace/read-trace-or-har';
import { validateEvents } from '../../../../src/core/trace/validate-trace';
import { fixtureText } from '../trace/helpers';

const real = (f: string) => JSON.parse(fixtureText(`har/realworld/${f}`));
const frames = (r: { events: { type: string; t: number }[] }) => r.events.filter((e) => e.type === 'ws-send' || e.type === 'ws-message');

describe('entry time is the socket lifetime only where the writer means it so', () => {
  it('mitmproxy: the handshake-only entry time (351–508 ms) gives no entry end; the last message bounds the socket', () => {
    const har = real('mitmproxy-websocket.har');
    const r = importHar(har);
    expect(r.sockets).toBe(3);
    expect([...r.entryEnds]).toEqual([]);
    const a = analyze(r.events, SCAIWAVE_PROFILE, { input: 'har', connEnds: r.entryEnds });
    const third = a.connections.find((c) => c.id === 'har-2')!;
    // Its messages run on to 13:04:04.039 (11.8 s after the start); the entry's time says 508 ms.
    expect(third.end.t).toBe(1693314244039.395);
    expect(third.end.t - third.created.t).toBeGreaterThan(11_000);
  });

  it('Chrome DevTools: entry time is the lifetime and gives the entry end', () => {
    const r = importHar(real('chrome133-aviator-ws-excerpt.har'));
    const entry = real('chrome133-aviator-ws-excerpt.har').log.entries.find((e: { _resourceType?: string }) => e._resourceType === 'websocket');
    const [conn, end] = [...r.entryEnds][0]!;
    expect(conn).toMatch(/^har-\d+$/);
    expect(end).toBeCloseTo(Date.parse(entry.startedDateTime) + entry.time, 3);
    expect(r.warnings).toEqual([]);
  });
});

describe('Playwright: message time in epoch milliseconds', () => {
  const har = real('playwright-chromium-ws.har');
  const r = importHar(har);

  it('reads the 11 messages at their real time (2026), not 1000× later, and says so', () => {
    expect(har.log.creator.name).toBe('Playwright');
    expect(frames(r)).toHaveLength(11);
    const first = frames(r)[0]!;
    expect(new Date(first.t).toISOString()).toBe('2026-12-07T07:50:48.005Z');
    for (const e of r.events) expect(e.t).toBeLessThan(Date.parse('2027-01-01T00:00:00Z'));
    expect(r.warnings).toContain('message times read as milliseconds (Playwright writes epoch ms; Chrome writes seconds)');
    // Its entry time spans first to last message: not the socket's lifetime.
    expect([...r.entryEnds]).toEqual([]);
    expect(() => validateEvents(r.events)).not.toThrow();
  });

  it('frames fall after their ws-create, within seconds of startedDateTime', () => {
    for (const e of har.log.entries.filter((x: { _resourceType?: string }) => x._resourceType === 'websocket')) {
      const start = Date.parse(e.startedDateTime);
      for (const m of e._webSocketMessages) expect(Math.abs(m.time - start)).toBeLessThan(1000);
    }
    const created = new Map<unknown, number>();
    for (const e of r.events) {
      if (e.type === 'ws-create') created.set(e.conn, e.t);
      if (e.type === 'ws-send' || e.type === 'ws-message') expect(e.t).toBeGreaterThanOrEqual(created.get(e.conn)!);
    }
  });

  it('magnitude, not the creator, decides: ms from another writer are read as ms with a note; seconds from Playwright as seconds', () => {
    const other = { ...har, log: { ...har.log, creator: { name: 'SomeProxy', version: '1' } } };
    const o = importHar(other);
    expect(frames(o).map((e) => e.t)).toEqual(frames(r).map((e) => e.t));
    expect(o.warnings).toContain('11 message time(s) read as milliseconds by their magnitude (≥ 1e11; SomeProxy is expected to write seconds)');
    const secs = structuredClone(har);
    for (const e of secs.log.entries) for (const m of e._webSocketMessages ?? []) m.time /= 1000;
    const s = importHar(secs);
    expect(frames(s).map((e) => Math.round(e.t))).toEqual(frames(r).map((e) => Math.round(e.t)));
    expect(s.warnings).toContain('11 message time(s) of this Playwright HAR are too small for epoch ms and were read as seconds');
  });
});

describe('BrowserUp: `_webSocketMessages: []` on every entry', () => {
  it('does not make HTTP entries WebSockets; their HTTP events stay', () => {
    const plain = real('mitmproxy-firefox111.har');
    const browserup = structuredClone(plain);
    for (const e of browserup.log.entries) e._webSocketMessages = [];
    const a = importHar(plain);
    const b = importHar(browserup);
    expect(b.sockets).toBe(0);
    expect(b.events.filter((e) => e.type === 'ws-create')).toEqual([]);
    expect(b.events.map((e) => e.type)).toEqual(a.events.map((e) => e.type));
    expect(b.events.filter((e) => e.type === 'http-request')).toHaveLength(plain.log.entries.length);
  });

  it('an empty list on a real WebSocket entry (ws URL, websocket type, or 101 + Upgrade) still imports the socket', () => {
    const base = { startedDateTime: '2024-06-01T10:00:00Z', time: 5, response: { status: 101, headers: [] }, _webSocketMessages: [] };
    const r = importHar({
      log: {
        entries: [
          { ...base, request: { url: 'https://h/a', headers: [{ name: 'Upgrade', value: 'websocket' }] } },
          { ...base, request: { url: 'https://h/b' }, _resourceType: 'websocket' },
          { ...base, request: { url: 'wss://h/c' } },
          { ...base, request: { url: 'https://h/d' }, response: { status: 200 } },
        ],
      },
    });
    expect(r.events.filter((e) => e.type === 'ws-create').map((e) => (e as { url: string }).url)).toEqual(['wss://h/a', 'wss://h/b', 'wss://h/c']);
    expect(r.events.filter((e) => e.type === 'http-request')).toHaveLength(1);
  });
});

describe("HTTP Toolkit's _webSocketClose.timestamp on a monotonic clock", () => {
  const har = real('derived-mitmproxy-ws-with-httptoolkit-close.har');

  it('puts no close in 1970, lists each connection once, and says why the closes were ignored', () => {
    const r = readTraceOrHar(JSON.stringify(har));
    const ev = r.trace.events;
    expect(ev.filter((e) => e.type === 'ws-close')).toEqual([]);
    for (const e of ev) expect(e.t).toBeGreaterThan(Date.parse('2023-01-01T00:00:00Z'));
    expect(r.warnings).toContain(
      "ignored 2 _webSocketClose record(s) (code 1000, 1006) whose timestamp is not on the epoch clock (HTTP Toolkit's monotonic clock): close time unknown",
    );
    const a = analyze(ev, SCAIWAVE_PROFILE, { input: 'har', connEnds: r.entryEnds });
    const ids = a.connections.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(ev.filter((e) => e.type === 'ws-create').length);
    expect(a.sessions.reduce((n, s) => n + s.connections.length, 0)).toBe(ids.length);
  });

  it('an epoch timestamp near the entry is still a recorded close', () => {
    const fixed = structuredClone(har);
    const e0 = fixed.log.entries[0];
    e0._webSocketClose.timestamp = Date.parse(e0.startedDateTime) / 1000 + 12;
    const r = importHar(fixed);
    expect(r.events.filter((e) => e.type === 'ws-close')).toMatchObject([{ conn: 'har-0', code: 1000, t: Date.parse(e0.startedDateTime) + 12_000 }]);
  });
});

describe('entries without startedDateTime', () => {
  it('are skipped and counted in one note, not a rejected file', () => {
    const har = {
      log: {
        entries: [
          { startedDateTime: '2024-06-01T10:00:00Z', request: { url: 'wss://h/s' }, response: { status: 101 }, _webSocketMessages: [{ type: 'receive', time: 1717236000.5, opcode: 1, data: 'x' }] },
          { request: { url: 'https://h/api' }, response: { status: 200 } },
          { startedDateTime: 'noon', request: { url: 'https://h/api' }, response: { status: 200 } },
        ],
      },
    };
    const r = importHar(har);
    expect(r.warnings).toEqual(['skipped 2 entries without a usable startedDateTime (log.entries[1], log.entries[2])']);
    expect(r.events.map((e) => e.type)).toEqual(['ws-create', 'ws-open', 'ws-message']);
  });

  it('a real hand-written HAR whose entries all lack it reads (no frames), with the note', () => {
    const r = readTraceOrHar(fixtureText('har/realworld/hartoopenapi-invalid-url.har'), 'x.har');
    expect(r.trace.events).toEqual([]);
    expect(r.warnings).toEqual(['skipped 2 entries without a usable startedDateTime (log.entries[0], log.entries[1])']);
  });
});
