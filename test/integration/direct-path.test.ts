/**
 * The direct path in one Node test (docs/design.md#places-and-data-flow): hook recorder → relay
 * → the panel's own stream port → panel client → capture state, the hub only saying which relays
 * exist. Covers: backlog then live, exactly once, with no batch through the hub; a hub restart
 * mid-stream that the stream does not notice; a frame that appears after attach; a popup via
 * its opener; a direct and a hub-path panel on one tab; two direct panels on one tab; a paused panel still getting fills, and
 * fill-all before an export; a panel reload; the back/forward cache (every port closes, the
 * document comes back).
 */
import { describe, expect, it } from 'vitest';
import { Hub } from '../../src/background/hub';
import type { Link } from '../../src/core/bridge/link';
import type { EventBatch, HubToRelay, RelayToHub } from '../../src/core/bridge/messages';
import { createCaptureState } from '../../src/core/store/capture-state';
import { ingestBatch } from '../../src/core/store/ingest';
import type { WsMessageEvent } from '../../src/core/events';
import { connectPanel, makePanel, makeTab, settle } from './bridge-harness';

/** A hub that counts the batches relays post to it (the direct path should post none). */
class CountingHub extends Hub {
  batches = 0;
  override addRelay(link: Link<RelayToHub, HubToRelay>): void {
    const on = link.onMessage.bind(link);
    link.onMessage = (cb) =>
      on((m) => {
        if (m.kind === 'relay-batch-text') this.batches++;
        cb(m);
      });
    super.addRelay(link);
  }
}

const texts = (events: readonly unknown[]): string[] => events.filter((e): e is WsMessageEvent => (e as WsMessageEvent).type === 'ws-message').map((e) => e.data);
const range = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `m${from + i}`);

/** A direct panel that also counts every frame event delivered to it (a repeat would show). */
function countingPanel(hubRef: { hub: Hub }, tabId: number) {
  const state = createCaptureState();
  const seen = { frames: 0, frameIds: new Set<number>(), batches: [] as EventBatch[] };
  const p = connectPanel(
    hubRef,
    tabId,
    () => state,
    (b, frameId) => {
      seen.batches.push(b);
      seen.frameIds.add(frameId);
      if (!b.fill) seen.frames += b.events.filter((e) => e.type === 'ws-message').length;
      ingestBatch(state, b);
    },
    { direct: true },
  );
  return { state, seen, ...p };
}

describe('hook → relay → panel on the direct path, in memory', () => {
  it('delivers the backlog and live events exactly once, none through the hub, and a hub restart does not interrupt the stream', async () => {
    const hubRef: { hub: Hub } = { hub: new CountingHub() };
    const first = hubRef.hub as CountingHub;
    const tab = makeTab(hubRef, 7);
    for (let i = 0; i < 250; i++) tab.frame('a.1', i);
    const panel = countingPanel(hubRef, 7);
    expect(panel.client.transport).toBe('direct');
    await settle([tab]);
    expect(texts(panel.state.events)).toEqual(range(0, 250));
    // The service worker dies: a new hub, every control port gone; the stream port stays.
    const second = new CountingHub();
    hubRef.hub = second;
    for (const l of [...tab.links, ...panel.links]) l.disconnect();
    for (let i = 250; i < 700; i++) tab.frame('a.1', i);
    await settle([tab], 60);
    expect(texts(panel.state.events)).toEqual(range(0, 700));
    expect(panel.seen.frames).toBe(700);
    expect(panel.state.dropped).toBe(0);
    expect(first.batches + second.batches).toBe(0);
    expect(second.stats(7).relays).toBe(1); // the relay found the new hub again
    panel.client.close();
  });

  it('streams a frame that appears after attach, with its frame id', async () => {
    const hubRef = { hub: new Hub() };
    const top = makeTab(hubRef, 9);
    const panel = countingPanel(hubRef, 9);
    await settle([top], 5);
    top.frame('t.1', 0);
    const child = makeTab(hubRef, 9, { src: 'child9', frameId: 4 });
    child.frame('c.1', 1);
    await settle([top, child]);
    expect(texts(panel.state.events).sort()).toEqual(['m0', 'm1']);
    expect([...panel.seen.frameIds].sort()).toEqual([0, 4]);
    const fromChild = panel.seen.batches.filter((b) => b.src === 'child9');
    expect(fromChild.length).toBeGreaterThan(0);
    expect(panel.seen.frames).toBe(2);
  });

  it("streams a popup's batches to its opener's panel, marked not top", async () => {
    const hubRef = { hub: new Hub({ openerOf: async (t) => (t === 21 ? 20 : undefined) }) };
    const opener = makeTab(hubRef, 20);
    const panel = countingPanel(hubRef, 20);
    await settle([opener], 5);
    const popup = makeTab(hubRef, 21); // opened after the panel attached
    opener.frame('o.1', 1);
    popup.frame('p.1', 2);
    await settle([opener, popup]);
    expect(texts(panel.state.events).sort()).toEqual(['m1', 'm2']);
    expect(panel.seen.batches.find((b) => b.src === 'src21')?.top).toBe(false);
    expect(panel.seen.batches.find((b) => b.src === 'src20')?.top).toBe(true);
  });

  it('feeds a direct panel and a hub-path panel of one tab, each everything once, and keeps streaming to one when the other leaves', async () => {
    const hubRef = { hub: new Hub() };
    const tab = makeTab(hubRef, 11);
    for (let i = 0; i < 120; i++) tab.frame('d.1', i);
    const direct = countingPanel(hubRef, 11);
    await settle([tab]);
    for (let i = 120; i < 200; i++) tab.frame('d.1', i);
    const viaHub = makePanel(hubRef, 11); // joins mid-stream from the start of the buffer
    await settle([tab]);
    for (let i = 200; i < 300; i++) tab.frame('d.1', i);
    await settle([tab]);
    expect(texts(direct.state.events)).toEqual(range(0, 300));
    expect(texts(viaHub.state.events)).toEqual(range(0, 300));
    viaHub.client.close();
    await settle([tab], 5);
    for (let i = 300; i < 350; i++) tab.frame('d.1', i);
    await settle([tab]);
    expect(texts(direct.state.events)).toEqual(range(0, 350));
    expect(direct.state.dropped).toBe(0);
    direct.client.close();
    await settle([tab], 5);
    expect(tab.rec.isStreaming).toBe(false); // nobody reads: the hook only records
  });

  it('feeds two direct panels of one tab (DevTools and a panel in a tab), the second joining mid-stream, each everything once', async () => {
    const hubRef = { hub: new Hub() };
    const tab = makeTab(hubRef, 14);
    for (let i = 0; i < 80; i++) tab.frame('t.1', i);
    const first = countingPanel(hubRef, 14);
    await settle([tab]);
    for (let i = 80; i < 160; i++) tab.frame('t.1', i);
    const second = countingPanel(hubRef, 14);
    await settle([tab]);
    for (let i = 160; i < 200; i++) tab.frame('t.1', i);
    await settle([tab]);
    expect(texts(first.state.events)).toEqual(range(0, 200));
    expect(texts(second.state.events)).toEqual(range(0, 200));
    expect(second.seen.frames).toBe(200); // its backlog came once
    expect(tab.streams).toHaveLength(2);
    second.client.pause();
    for (let i = 200; i < 220; i++) tab.frame('t.1', i);
    await settle([tab]);
    expect(texts(first.state.events)).toEqual(range(0, 220));
    expect(texts(second.state.events)).toEqual(range(0, 200)); // paused: no live frames
  });

  it('a paused panel still gets fills, and fill-all before an export completes every preview', async () => {
    const hubRef = { hub: new Hub() };
    const big = (i: number): string => `${i}:${'x'.repeat(4096)}`;
    const tab = makeTab(hubRef, 12, { liveBurstBytes: 0, liveBytesPerSec: 0, livePreviewCap: 64, fillBytesPerFlush: 1 });
    const panel = countingPanel(hubRef, 12);
    await settle([], 3);
    for (let i = 0; i < 20; i++) tab.text('f.1', big(i));
    tab.rec.flush(false);
    await settle([], 3);
    expect(panel.state.pendingPreviews.size).toBe(20);
    panel.client.pause();
    await settle([], 3);
    expect(tab.rec.isStreaming).toBe(false);
    tab.text('f.1', 'while paused'); // not sent to a paused panel
    panel.client.fillAll();
    await settle([], 3);
    expect(panel.state.pendingPreviews.size).toBe(0);
    expect(texts(panel.state.events)).toEqual(Array.from({ length: 20 }, (_, i) => big(i)));
    panel.client.resume();
    await settle([tab]);
    expect(texts(panel.state.events).at(-1)).toBe('while paused');
    expect(panel.seen.frames).toBe(21);
  });

  it('a reloaded panel gets the whole buffer again; the back/forward cache loses and repeats nothing', async () => {
    const hubRef = { hub: new Hub() };
    const tab = makeTab(hubRef, 13);
    for (let i = 0; i < 100; i++) tab.frame('r.1', i);
    const before = countingPanel(hubRef, 13);
    await settle([tab]);
    before.client.close(); // the panel reloads
    await settle([tab], 5);
    for (let i = 100; i < 150; i++) tab.frame('r.1', i);
    const panel = countingPanel(hubRef, 13);
    await settle([tab]);
    expect(texts(panel.state.events)).toEqual(range(0, 150));
    for (let i = 150; i < 180; i++) tab.frame('r.1', i);
    tab.freeze(); // pagehide sends what is unsent, then every port of the document closes
    await settle([], 5);
    expect(texts(panel.state.events)).toEqual(range(0, 180));
    expect(tab.streams).toHaveLength(0);
    tab.restore();
    await settle([tab]);
    expect(tab.streams).toHaveLength(1); // announced again, the panel reopened its port
    for (let i = 180; i < 200; i++) tab.frame('r.1', i);
    await settle([tab]);
    expect(texts(panel.state.events)).toEqual(range(0, 200));
    expect(panel.seen.frames).toBe(200);
  });
});
