/**
 * The hook's live preview budget (page/recorder.ts) through the whole in-memory bridge: frames
 * over the budget reach the panel at once with a short preview and are marked pending; fill
 * batches bring their full preview later, in place (same trace-wide seq); previews the ring
 * buffer overwrote first are reported lost and counted, never left pending.
 */
import { describe, expect, it } from 'vitest';
import { Hub } from '../../../../src/background/hub';
import type { EventBatch } from '../../../../src/core/bridge/messages';
import type { WsMessageEvent } from '../../../../src/core/events';
import { Recorder } from '../../../../src/page/recorder';
import { fromWireBatch } from '../../../../src/core/bridge/wire-frames';
import { nodeNatives } from '../node-natives';
import { makePanel, makeTab, settle } from '../../../integration/bridge-harness';

const KIB = 1024;
const big = (i: number): string => JSON.stringify({ type: 'event', stream_position: i, pad: 'x'.repeat(64 * KIB) });
const frames = (events: readonly unknown[]): WsMessageEvent[] => events.filter((e): e is WsMessageEvent => (e as WsMessageEvent).type === 'ws-message');

describe('live preview budget', () => {
  it('sends frames over budget with a short preview first and fills in the full preview once the page is quiet', async () => {
    const hubRef = { hub: new Hub() };
    // 4 full previews of burst, no refill: frames 5… go out short, then come back full.
    const tab = makeTab(hubRef, 3, { liveBurstBytes: 4 * big(0).length, liveBytesPerSec: 0, livePreviewCap: 256, fillBytesPerFlush: 128 * KIB });
    const panel = makePanel(hubRef, 3);
    await settle([tab], 3);
    for (let i = 0; i < 40; i++) tab.rec.record({ t: tab.rec.now(), type: 'ws-message', conn: 'c', payload: { opcode: 1, text: big(i), size: -1, truncated: false, weight: big(i).length * 2 } });
    // One flush: every event arrives, the first 4 in full, the rest cut at 256 units.
    tab.rec.flush(false);
    await settle([], 3);
    let got = frames(panel.state.events);
    expect(got).toHaveLength(40);
    expect(got.slice(0, 4).every((e, i) => e.data === big(i) && !e.truncated)).toBe(true);
    // The UTF-8 size of a cut text is measured later (-1), with the fill.
    expect(got.slice(4).every((e, i) => e.data === big(i + 4).slice(0, 256) && e.truncated && e.size === -1)).toBe(true);
    expect(panel.state.connections.get('c')!.bytesIn).toBe([0, 1, 2, 3].reduce((a, i) => a + big(i).length, 0));
    expect(panel.state.pendingPreviews.size).toBe(36);
    const seqsBefore = panel.state.events.map((e) => e.seq);

    await settle([tab]);
    got = frames(panel.state.events);
    expect(panel.state.pendingPreviews.size).toBe(0);
    expect(panel.state.cutPreviews).toBe(0);
    expect(got.map((e) => e.data)).toEqual(Array.from({ length: 40 }, (_, i) => big(i)));
    expect(got.every((e, i) => !e.truncated && e.size === big(i).length)).toBe(true);
    expect(panel.state.connections.get('c')!.bytesIn).toBe(got.reduce((a, e) => a + e.size, 0));
    expect(panel.state.events.map((e) => e.seq)).toEqual(seqsBefore);
    expect(tab.rec.owedCount).toBe(0);
  });

  it('reports owed previews beyond the memory bound as lost: they keep their short preview and get their measured size', async () => {
    const hubRef = { hub: new Hub() };
    // Each owed frame weighs 10 bytes here: the queue holds 20 of them.
    const tab = makeTab(hubRef, 4, { owedMaxBytes: 200, syncFlushEvents: 10, batchMaxEvents: 10, liveBurstBytes: 0, liveBytesPerSec: 0, livePreviewCap: 100 });
    const panel = makePanel(hubRef, 4);
    await settle([tab], 3);
    for (let i = 0; i < 50; i++) tab.rec.record({ t: tab.rec.now(), type: 'ws-message', conn: 'c', payload: { opcode: 1, text: big(i), size: -1, truncated: false, weight: 10 } });
    await settle([tab]);
    const got = frames(panel.state.events);
    expect(got).toHaveLength(50);
    expect(panel.state.pendingPreviews.size).toBe(0);
    expect(panel.state.cutPreviews).toBe(30);
    expect(got.slice(0, 30).every((e, i) => e.data === big(i).slice(0, 100) && e.truncated && e.size === big(i).length)).toBe(true);
    expect(got.slice(30).map((e) => e.data)).toEqual(Array.from({ length: 20 }, (_, i) => big(30 + i)));
    // The lost are marked as such (not cut by the preview cap), the filled not.
    expect(got.map((e) => e.previewLost === true)).toEqual(Array.from({ length: 50 }, (_, i) => i < 30));
  });

  it('sends every owed preview at once when the panel asks (before an export), whatever the budget', async () => {
    const hubRef = { hub: new Hub() };
    const tab = makeTab(hubRef, 5, { liveBurstBytes: 0, liveBytesPerSec: 0, livePreviewCap: 64, fillBytesPerFlush: 1 });
    const panel = makePanel(hubRef, 5);
    await settle([tab], 3);
    for (let i = 0; i < 30; i++) tab.rec.record({ t: tab.rec.now(), type: 'ws-message', conn: 'c', payload: { opcode: 1, text: big(i), size: -1, truncated: false, weight: 100 } });
    tab.rec.flush(false);
    await settle([], 3);
    expect(panel.state.pendingPreviews.size).toBe(30);
    panel.client.fillAll();
    await settle([], 3); // no timer runs: the request alone sends them
    expect(panel.state.pendingPreviews.size).toBe(0);
    expect(frames(panel.state.events).map((e) => e.data)).toEqual(Array.from({ length: 30 }, (_, i) => big(i)));
  });

  it('cuts text between surrogate pairs (size measured later), and binary previews by bytes (true size kept)', () => {
    const timers: (() => void)[] = [];
    const n = nodeNatives(timers);
    const sent: EventBatch[] = [];
    const rec = new Recorder(n, (b) => sent.push(fromWireBatch(b)!), { src: 's', frameUrl: 'https://a.example/', top: true }, { liveBurstBytes: 0, liveBytesPerSec: 0, livePreviewCap: 5 });
    rec.start(0);
    const text = 'abcd😀' + 'e'.repeat(20); // the emoji sits at units 4–5
    rec.record({ t: 1, type: 'ws-message', conn: 'c', payload: { opcode: 1, text, size: -1, truncated: false, weight: 52 } });
    const bytes = new Uint8Array(300).map((_, i) => i & 0xff);
    rec.record({ t: 2, type: 'ws-send', conn: 'c', readyState: 1, payload: { opcode: 2, bytes, size: 1000, truncated: true, weight: 300 } });
    rec.flush(false);
    const [t, b] = sent[0]!.events as [WsMessageEvent, WsMessageEvent];
    expect(sent[0]!.owed).toEqual([1, 2]);
    expect(t).toMatchObject({ data: 'abcd', truncated: true, size: -1 });
    expect(b).toMatchObject({ data: Buffer.from(bytes.subarray(0, 5)).toString('base64'), truncated: true, size: 1000, encoding: 'base64' });
  });
});
