/**
 * The panel's captures as documents, in Node: Clear keeps the marks and the open sockets, and
 * its Undo brings back the events, the selection and the views in front of what arrived since;
 * a learned profile survives a Clear; an import replaces the live capture (Undo puts it back),
 * never merges with it; Resume after an import asks first and starts a fresh live capture from
 * the marks as of now, so nothing cleared or imported comes back and an export is one capture.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PanelStore } from '../../../src/panel/store';
import { loadTraceBytes } from '../../../src/panel/import-file';
import type { EventBatch } from '../../../src/core/bridge/messages';
import type { TraceEvent } from '../../../src/core/events';
import { manualScheduler } from './harness';
import { skipSyncEvents } from '../core/view/fixtures';
import { chat } from '../core/profile/learn/protocols';

const batch = (events: TraceEvent[]): EventBatch => ({ src: 'hook-1', frameUrl: 'https://app.example.com/', top: true, events });
const liveStore = (events: TraceEvent[]): PanelStore => {
  const store = new PanelStore(manualScheduler(), () => 1_700_000_100_000);
  store.ingest(batch(events));
  store.flush();
  return store;
};
/** A small HAR with one WebSocket entry of `n` frames, dated 2023 (far from the live capture). */
function har(n: number): Uint8Array {
  const t0 = Date.parse('2023-08-29T13:03:20.000Z');
  const entry = {
    startedDateTime: new Date(t0).toISOString(), time: 3000,
    request: { method: 'GET', url: 'wss://imported.example.org/ws', httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
    cache: {}, timings: { send: 0, wait: 50, receive: 0 }, _resourceType: 'websocket',
    _webSocketMessages: Array.from({ length: n }, (_, k) => ({ type: 'receive', time: (t0 + 100 + k * 400) / 1000, opcode: 1, data: JSON.stringify({ seq: k }) })),
  };
  return new TextEncoder().encode(JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, pages: [], entries: [entry] } }));
}
const urls = (store: PanelStore): string[] => [...store.state.connections.values()].map((c) => c.url);

describe('clear', () => {
  it('keeps the marks and the open socket; Undo brings back events, selection and rows in front of what arrived since', () => {
    const evs = skipSyncEvents();
    const store = liveStore(evs.slice(0, 12));
    store.selectEvent(4);
    const rows = store.index.rowCount;
    store.clear();
    store.flush();
    expect(store.state.events.map((e) => e.type)).toEqual(['ws-create', 'ws-open']);
    expect(store.state.connections.get('a.2')!.url).toBe('wss://app.example.com/v1/stream?token=tok');
    expect(store.selectedEvent.value).toBeUndefined();
    expect(store.toast.value?.text).toBe('Cleared 10 events');
    // The hooks re-send from 1 (a reconnect): nothing cleared comes back; the new frames do.
    store.ingest(batch(evs));
    store.flush();
    expect(store.state.events.length).toBe(2 + evs.length - 12);
    store.toast.value!.actions.find((a) => a.label === 'Undo')!.run();
    store.flush();
    expect(store.state.events.map((e) => e.type)).toEqual(evs.map((e) => e.type));
    expect(store.selectedEvent.value).toBe(4);
    expect(store.index.rowCount).toBeGreaterThan(rows);
    expect(store.analysis.value?.events).toBe(evs.length);
  });

  it('keeps a learned profile until the events since teach as much', () => {
    const store = liveStore(chat({ skipSync: true }));
    const learned = store.profile.value;
    expect(learned.learned!.parts.length).toBeGreaterThan(0);
    store.clear();
    store.flush();
    expect(store.profile.value.profile).toBe(learned.profile);
    expect(store.profile.value.reason).not.toMatch(/nothing usable/);
    // A new connection's first frame teaches less: the carried profile stays.
    store.ingest({ ...batch(chat({ skipSync: true }).filter((e) => e.type.startsWith('ws-')).slice(0, 3)), src: 'hook-2' });
    store.flush();
    expect(store.state.connOrder.length).toBeGreaterThan(0);
    expect(store.profile.value.profile).toBe(learned.profile);
  });
});

describe('import, then resume', () => {
  it('an import replaces the live capture (Undo puts it back); Resume asks, then records a fresh capture from the marks', () => {
    const evs = skipSyncEvents();
    const store = liveStore(evs.slice(0, 12));
    store.clear();
    const marks = { ...store.state.marks };
    loadTraceBytes(store, har(5), 'x.har');
    store.flush();
    expect(store.live.value).toBe(false);
    expect(urls(store)).toEqual(['wss://imported.example.org/ws']);
    expect(store.state.marks).toEqual(marks);
    expect(store.toast.value?.text).toBe('x.har replaced the live capture (recording paused)');
    // A live batch still in flight when recording paused stays out of the imported capture, marks unmoved.
    store.ingest(batch(evs.slice(12, 13)));
    expect(urls(store)).toEqual(['wss://imported.example.org/ws']);
    expect(store.state.marks).toEqual(marks);

    // Undo: the live capture is back, then the import again.
    store.toast.value!.actions[0]!.run();
    expect(store.live.value).toBe(true);
    expect(store.state.events.map((e) => e.type)).toEqual(['ws-create', 'ws-open']);
    loadTraceBytes(store, har(5), 'x.har');

    // Resume asks first; Cancel keeps the imported capture.
    let resumed = 0;
    expect(store.askToResume(() => resumed++)).toBe(true);
    expect(store.toast.value).toMatchObject({ ask: true, text: expect.stringMatching(/^Resume recording\? The imported capture is closed/) });
    store.toast.value!.actions.find((a) => a.label === 'Cancel')!.run();
    expect(resumed).toBe(0);
    expect(store.live.value).toBe(false);
    store.askToResume(() => resumed++);
    store.toast.value!.actions.find((a) => a.label === 'Resume recording')!.run();
    expect(resumed).toBe(1);
    expect(store.live.value).toBe(true);
    expect(store.source.value).toEqual({ page: '', dropped: 0, input: 'trace' });
    // A fresh live capture: the open socket's start, and from the hooks only what is past the marks.
    expect(urls(store)).toEqual(['wss://app.example.com/v1/stream?token=tok']);
    store.ingest(batch(evs));
    store.flush();
    expect(store.state.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(store.state.events.every((e) => e.t >= evs[0]!.t)).toBe(true);
    expect(store.askToResume(() => resumed++)).toBe(false);
  });

  it('with the realworld mitmproxy HAR: 5 frames shown, none of the live ones', () => {
    const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL('../../fixtures/har/realworld/mitmproxy-websocket.har', import.meta.url))));
    const store = liveStore(skipSyncEvents());
    loadTraceBytes(store, bytes, 'mitmproxy-websocket.har');
    let frames = 0;
    for (const c of store.state.connections.values()) frames += c.framesIn + c.framesOut;
    expect(frames).toBe(5);
    expect(urls(store).some((u) => u.includes('app.example.com'))).toBe(false);
  });
});
