/**
 * The live preview budget recovers (page/recorder.ts → hub → panel store): an export while
 * recording is paused, a reload while fills are owed, a fill lost in a service worker
 * restart, and a reopened panel each end with no frame pending. Found by a break-it pass.
 */
import { describe, expect, it } from 'vitest';
import { Hub } from '../../../../src/background/hub';
import type { WsMessageEvent } from '../../../../src/core/events';
import { PanelStore } from '../../../../src/panel/store';
import { manualScheduler } from '../../panel/harness';
import { connectPanel, makePanel, makeTab, settle } from '../../../integration/bridge-harness';

const KIB = 1024;
const big = (i: number): string => JSON.stringify({ type: 'event', stream_position: i, pad: 'x'.repeat(64 * KIB) });
const frames = (events: readonly unknown[]): WsMessageEvent[] => events.filter((e): e is WsMessageEvent => (e as WsMessageEvent).type === 'ws-message');

/** A panel running the real PanelStore (manual scheduler) behind a panel client, as panel/main.tsx wires it. */
function makeStorePanel(hubRef: { hub: Hub }, tabId: number) {
  const sched = manualScheduler();
  const store = new PanelStore(sched, () => Date.now());
  const { client, links } = connectPanel(hubRef, tabId, () => store.state, (b) => store.ingest(b));
  store.requestFills = () => client.fillAll();
  return { store, client, links, sched };
}

const BUDGET = { liveBurstBytes: 4 * big(0).length, liveBytesPerSec: 0, livePreviewCap: 256, fillBytesPerFlush: 128 * KIB };

/** Once `tab`'s panel is attached: 20 frames of 64 KiB at once, flushed and delivered (the burst takes 4, 16 are owed). */
async function burst(tab: ReturnType<typeof makeTab>): Promise<void> {
  await settle([tab], 3);
  for (let i = 0; i < 20; i++) tab.text('c', big(i));
  tab.rec.flush(false);
  await settle([], 3);
}

describe('live preview budget, recovery', () => {
  it('an export while recording is paused still gets the full previews', async () => {
    const hubRef = { hub: new Hub() };
    const doc = makeTab(hubRef, 11, { ...BUDGET, src: 'docA' });
    const p = makeStorePanel(hubRef, 11);
    await burst(doc);
    expect(p.store.state.pendingPreviews.size).toBe(16);
    // The user stops recording (toolbar), then exports: panel/main.tsx onToggleRecording → client.pause().
    p.store.recording.value = false;
    p.client.pause();
    await settle([doc], 3);
    // ExportDialog.save → store.completePreviews() → requestFills → panel-fill-all → hook.fillAll().
    const done = p.store.completePreviews(10_000);
    await settle([doc], 10);
    p.sched.advance(10_000);
    const left = await done;
    expect(left).toBe(0);
  });

  it('a reload right after a burst (preserve log on) leaves no frame pending or unmeasured', async () => {
    const hubRef = { hub: new Hub() };
    const doc1 = makeTab(hubRef, 12, { ...BUDGET, src: 'doc1' });
    const p = makeStorePanel(hubRef, 12);
    await burst(doc1);
    expect(p.store.state.pendingPreviews.size).toBe(16);
    // The user reloads the page right after the burst: pagehide, then the old document is gone.
    doc1.unload();
    const doc2 = makeTab(hubRef, 12, { ...BUDGET, src: 'doc2' });
    doc2.rec.record({ t: doc2.rec.now(), type: 'page-navigation', url: 'https://app.example/' });
    await settle([doc2], 20);
    const sizes = frames(p.store.state.events).map((e) => e.size);
    // pagehide sends the owed full previews (or reports them lost with their measured size).
    expect(p.store.state.pendingPreviews.size).toBe(0);
    expect(sizes.filter((s) => s < 0)).toEqual([]);
  });

  it('a fill lost in a service worker restart is sent again after the panel re-attaches', async () => {
    const hubRef = { hub: new Hub() };
    const doc = makeTab(hubRef, 13, { ...BUDGET, src: 'docS' });
    const panel = makePanel(hubRef, 13);
    await burst(doc);
    expect(panel.state.pendingPreviews.size).toBe(16);
    // The page is quiet: the hook sends a fill batch … and the service worker dies before it is delivered.
    doc.rec.flush(false);
    hubRef.hub = new Hub();
    for (const l of [...doc.links, ...panel.links]) l.disconnect();
    await settle([], 3); // the relay sees its port drop (relay-stop) before the hook's next timer
    await settle([doc], 60); // relay and panel reconnect; the hub restarts the stream from the panel's marks
    // The re-attaching panel says which frames it still holds short; the hook re-owes them.
    panel.client.fillAll();
    await settle([doc], 10);
    doc.rec.record({ t: doc.rec.now(), type: 'ws-message', conn: 'c', payload: { opcode: 1, text: 'after', size: -1, truncated: false, weight: 10 } });
    await settle([doc], 10);
    expect(frames(panel.state.events).at(-1)?.data).toBe('after'); // the stream itself recovered
    expect(doc.rec.owedCount).toBe(0);
    expect(panel.state.pendingPreviews.size).toBe(0);
  });

  it('a reopened panel is owed each frame once: no preview is reported lost while the hook holds it', async () => {
    const hubRef = { hub: new Hub() };
    // Owed queue holds 10 frames of weight 10.
    const doc = makeTab(hubRef, 14, { src: 'docR', liveBurstBytes: 0, liveBytesPerSec: 0, livePreviewCap: 64, owedMaxBytes: 100, fillBytesPerFlush: 128 * KIB });
    const a = makePanel(hubRef, 14);
    await settle([doc], 3);
    for (let i = 0; i < 8; i++) doc.rec.record({ t: doc.rec.now(), type: 'ws-message', conn: 'c', payload: { opcode: 1, text: big(i), size: -1, truncated: false, weight: 10 } });
    doc.rec.flush(false);
    await settle([], 3);
    expect(a.state.pendingPreviews.size).toBe(8);
    expect(doc.rec.owedCount).toBe(8);
    // DevTools closed (panel A detaches, hook stops) and reopened: panel B starts from scratch.
    a.client.close();
    await settle([], 3);
    const b = makePanel(hubRef, 14);
    await settle([], 3); // replay only, no timers yet
    doc.rec.flush(false);
    await settle([], 3);
    // The new panel's stream starts a fresh owed queue: the bound holds all 8 once.
    await settle([doc]);
    expect(b.state.cutPreviews).toBe(0);
    expect(frames(b.state.events).map((e) => e.data)).toEqual(Array.from({ length: 8 }, (_, i) => big(i)));
  });
});
