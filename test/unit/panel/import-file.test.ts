/**
 * Import into the panel store, in Node: a trace or HAR whose WebSocket URLs do not parse as URLs
 * (the trace format keeps them as strings, docs/design.md#trace-format) loads whole and is
 * analysed without throwing; a file that cannot be read leaves the loaded capture as it was.
 */
import { describe, expect, it } from 'vitest';
import { PanelStore } from '../../../src/panel/store';
import { loadTraceBytes } from '../../../src/panel/import-file';
import type { TraceEvent } from '../../../src/core/events';
import { manualScheduler } from './harness';
import { skipSyncEvents } from '../core/view/fixtures';

const enc = (s: string) => new TextEncoder().encode(s);

/** A HAR with three WebSocket entries whose `request.url` is "not a url". */
function badUrlHar(): string {
  const t0 = Date.parse('2023-08-29T13:03:20.000Z');
  const entry = (i: number) => ({
    startedDateTime: new Date(t0 + i * 5000).toISOString(),
    time: 3000,
    request: { method: 'GET', url: 'not a url', httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { send: 0, wait: 50, receive: 0 },
    _resourceType: 'websocket',
    _webSocketMessages: [0, 1, 2, 3, 4, 5].map((k) => ({ type: k % 2 ? 'receive' : 'send', time: (t0 + i * 5000 + 100 + k * 400) / 1000, opcode: 1, data: JSON.stringify({ type: k % 2 ? 'event' : 'ping', seq: i * 10 + k }) })),
  });
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'mitmproxy', version: '1.2.3' }, pages: [], entries: [entry(0), entry(1), entry(2)] } });
}

/** A trace, profile auto, whose `ws-create` URLs are not URLs. */
function badUrlTrace(): string {
  const events = skipSyncEvents().map((e) => (e.type === 'ws-create' ? { ...e, url: 'not a url', frameUrl: '::' } : e));
  return JSON.stringify({ format: 'wavetrace', version: 1, createdAt: '2023-11-14T22:14:00.000Z', source: { tool: 'wavetrace 0.1.0', browser: '', page: 'not a page' }, redacted: true, profile: 'auto', dropped: 0, events });
}

function goodStore(): { store: PanelStore; events: readonly TraceEvent[] } {
  const store = new PanelStore(manualScheduler(), () => 1_700_000_100_000);
  const events = skipSyncEvents();
  store.load(events, { profile: 'auto', page: 'https://app.example.com/' });
  store.flush();
  return { store, events: store.state.events };
}

describe('import into the store', () => {
  for (const [name, text] of [['bad-url.har', badUrlHar()], ['bad-url.wavetrace.json', badUrlTrace()]] as const) {
    it(`loads ${name} (URLs that do not parse) after a good trace, whole, and analyses it`, () => {
      const { store } = goodStore();
      const msg = loadTraceBytes(store, enc(text), name);
      expect(msg).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}: [\\d,]+ events loaded`));
      expect(() => store.flush()).not.toThrow();
      const urls = store.state.events.filter((e) => e.type === 'ws-create').map((e) => (e as { url: string }).url);
      expect(urls.length).toBeGreaterThan(0);
      expect(urls.every((u) => u === 'not a url')).toBe(true); // nothing of the earlier trace is left
      expect(store.analysis.value).toBeDefined();
      expect(store.profile.value.profile.name).toBeTruthy();
    });
  }

  it('a file that cannot be read keeps the loaded capture as it was', () => {
    const { store, events } = goodStore();
    const before = store.source.value;
    const msg = loadTraceBytes(store, enc('{"format":"wavetrace","version":1,"events":[{"seq":1}]'), 'broken.wavetrace.json');
    expect(msg).toMatch(/^cannot open broken\.wavetrace\.json: /);
    expect(store.state.events).toBe(events);
    expect(store.source.value).toBe(before);
  });
});
