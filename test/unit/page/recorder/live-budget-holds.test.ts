/** Live preview budget: adversarial cases that held up. */
import { describe, expect, it } from 'vitest';
import { Hub } from '../../../../src/background/hub';
import type { EventBatch } from '../../../../src/core/bridge/messages';
import type { WsMessageEvent } from '../../../../src/core/events';
import { Recorder } from '../../../../src/page/recorder';
import { fromWireBatch } from '../../../../src/core/bridge/wire-frames';
import { PanelStore } from '../../../../src/panel/store';
import { nodeNatives } from '../node-natives';
import { manualScheduler } from '../../panel/harness';
import { makePanel, makeTab, settle } from '../../../integration/bridge-harness';

const frames = (events: readonly unknown[]): WsMessageEvent[] => events.filter((e): e is WsMessageEvent => (e as WsMessageEvent).type === 'ws-message');

function rec(store: PanelStore, src: string) {
  const timers: (() => void)[] = [];
  const r = new Recorder(nodeNatives(timers), (b) => store.ingest(JSON.parse(JSON.stringify(fromWireBatch(b))) as EventBatch), { src, frameUrl: 'https://a.example/', top: true }, { liveBurstBytes: 0, liveBytesPerSec: 0, livePreviewCap: 256 });
  r.start(0);
  return r;
}
const txt = (r: Recorder, conn: string, text: string) => r.record({ t: r.now(), type: 'ws-message', conn, payload: { opcode: 1, text, size: -1, truncated: false, weight: text.length * 2 } });

describe('live budget: holds', () => {
  it('panel closed and reopened while fills are owed: the new panel gets every full preview', async () => {
    const hubRef = { hub: new Hub() };
    const tab = makeTab(hubRef, 30, { liveBurstBytes: 0, liveBytesPerSec: 0, livePreviewCap: 64 });
    const a = makePanel(hubRef, 30);
    await settle([tab], 3);
    for (let i = 0; i < 10; i++) tab.rec.record({ t: tab.rec.now(), type: 'ws-message', conn: 'c', payload: { opcode: 1, text: `${i}`.padEnd(1000, 'z'), size: -1, truncated: false, weight: 2000 } });
    tab.rec.flush(false);
    await settle([], 3);
    a.client.close();
    await settle([], 3);
    const b = makePanel(hubRef, 30);
    await settle([tab]);
    expect(b.state.pendingPreviews.size).toBe(0);
    expect(frames(b.state.events).every((e) => e.data.length === 1000 && e.size === 1000 && !e.truncated)).toBe(true);
  });

  it('emoji / lone surrogates at the 256 cut: short preview never splits a pair, fill restores the exact text and UTF-8 size', () => {
    const store = new PanelStore(manualScheduler());
    const r = rec(store, 's');
    const texts = ['a'.repeat(255) + '😀' + 'b'.repeat(300), 'a'.repeat(255) + '\ud800' + 'b'.repeat(300), 'a'.repeat(254) + '\udc00\ud800' + 'é'.repeat(300), '€'.repeat(1000)];
    for (const t of texts) txt(r, 'c', t);
    r.flush(false);
    const short = frames(store.state.events);
    for (const e of short) {
      expect(e.size).toBe(-1);
      const last = e.data.charCodeAt(e.data.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
    for (let i = 0; i < 20 && r.owedCount > 0; i++) r.flush(false);
    const full = frames(store.state.events);
    expect(full.map((e) => e.data)).toEqual(texts);
    expect(full.map((e) => e.size)).toEqual(texts.map((t) => Buffer.byteLength(t)));
    expect(store.state.connections.get('c')!.bytesIn).toBe(texts.reduce((n, t) => n + Buffer.byteLength(t), 0));
  });

  it('binary frames: cut by bytes, true size from the start, fill restores them', () => {
    const store = new PanelStore(manualScheduler());
    const r = rec(store, 's');
    const bytes = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
    r.record({ t: r.now(), type: 'ws-message', conn: 'c', payload: { opcode: 2, bytes: bytes.subarray(100, 900), size: 5000, truncated: true, weight: 800 } });
    r.flush(false);
    const [e] = frames(store.state.events);
    expect(e).toMatchObject({ size: 5000, truncated: true, data: Buffer.from(bytes.subarray(100, 356)).toString('base64') });
    r.flush(false);
    expect(frames(store.state.events)[0]).toMatchObject({ size: 5000, truncated: true, data: Buffer.from(bytes.subarray(100, 900)).toString('base64') });
    expect(store.state.pendingPreviews.size).toBe(0);
  });

  it('fill after Clear is ignored; fill after a preserve-log-off navigation lands on the right (re-indexed) frame', () => {
    const store = new PanelStore(manualScheduler());
    const r1 = rec(store, 'doc1');
    txt(r1, 'c1', 'x'.repeat(500));
    r1.flush(false);
    store.clear();
    r1.flush(false); // fill for a cleared frame
    expect(store.state.events).toHaveLength(0);
    expect(store.state.pendingPreviews.size).toBe(0);

    txt(r1, 'c1', 'y'.repeat(500));
    r1.flush(false);
    store.preserveLog.value = false;
    const r2 = rec(store, 'doc2');
    txt(r2, 'c2', 'before-nav'.repeat(60));
    r2.record({ t: r2.now(), type: 'page-navigation', url: 'https://a.example/2' });
    txt(r2, 'c2', 'after-nav'.repeat(60));
    r2.flush(false);
    expect(store.state.events.map((e) => e.type)).toEqual(['page-navigation', 'ws-message']);
    expect(store.state.pendingPreviews.size).toBe(1);
    for (let i = 0; i < 5; i++) { r1.flush(false); r2.flush(false); }
    expect(store.state.pendingPreviews.size).toBe(0);
    expect(frames(store.state.events).map((e) => e.data)).toEqual(['after-nav'.repeat(60)]);
    expect(store.state.connections.get('c2')!.bytesIn).toBe(540);
  });
});
