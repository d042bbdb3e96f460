/**
 * The whole bridge in one Node test (docs/design.md#places-and-data-flow): hook recorder → relay → hub → panel client
 * → capture state, over in-memory links. Covers: backlog then live events, exactly once; a hub
 * restart mid-stream (new hub, every link dropped) after which the panel catches up with
 * nothing lost or doubled; a ring buffer overflow reported as one exact capture-dropped; and a
 * popup tab routed to its opener's panel.
 */
import { describe, expect, it } from 'vitest';
import { Hub } from '../../src/background/hub';
import { createLinkPair, type Link } from '../../src/core/bridge/link';
import type { HubToPanel, PanelToHub } from '../../src/core/bridge/messages';
import { createCaptureState } from '../../src/core/store/capture-state';
import { ingestBatch } from '../../src/core/store/ingest';
import { parseHookBatchText } from '../../src/core/bridge/validate-batch';
import { makePanel, makeTab, settle, tick } from './bridge-harness';

describe('hook → relay → hub → panel, in memory', () => {
  it('delivers the backlog and live events exactly once, and catches up after a hub restart', async () => {
    const hubRef = { hub: new Hub() };
    const tab = makeTab(hubRef, 7);
    for (let i = 0; i < 250; i++) tab.frame('a.1', i); // before any panel: ring buffer only
    const panel = makePanel(hubRef, 7);
    await settle([tab]);
    expect(panel.state.events).toHaveLength(250);
    for (let i = 250; i < 400; i++) tab.frame('a.1', i);
    await settle([tab]);
    expect(panel.state.events).toHaveLength(400);
    // The service worker dies: a new hub, every port gone.
    hubRef.hub = new Hub();
    for (const l of [...tab.links, ...panel.links]) l.disconnect();
    for (let i = 400; i < 700; i++) tab.frame('a.1', i); // recorded while nobody listens
    await settle([tab], 60);
    const texts = panel.state.events.map((e) => (e as { data?: string }).data);
    expect(texts).toEqual(Array.from({ length: 700 }, (_, i) => `m${i}`));
    expect(panel.state.dropped).toBe(0);
    panel.client.close();
  });

  it('reports a ring buffer overflow as one exact capture-dropped event', async () => {
    const hubRef = { hub: new Hub() };
    const tab = makeTab(hubRef, 8, { maxEvents: 100 });
    for (let i = 0; i < 1234; i++) tab.frame('b.1', i);
    const panel = makePanel(hubRef, 8);
    await settle([tab]);
    expect(panel.state.events[0]).toMatchObject({ type: 'capture-dropped', count: 1134 });
    expect(panel.state.events).toHaveLength(101);
    expect(panel.state.dropped).toBe(1134);
    expect((panel.state.events[1] as { data: string }).data).toBe('m1134');
  });

  it("routes a popup's batches to its opener's panel, marked with their tab", async () => {
    const hubRef = { hub: new Hub({ openerOf: async (t) => (t === 21 ? 20 : undefined) }) };
    const opener = makeTab(hubRef, 20);
    const popup = makeTab(hubRef, 21);
    const seen: { tabId?: number; top: boolean }[] = [];
    const state = createCaptureState();
    const [panelEnd, hubEnd] = createLinkPair<PanelToHub, HubToPanel>({ name: 'panel' });
    hubRef.hub.addPanel(hubEnd as unknown as Link<PanelToHub, HubToPanel>);
    (panelEnd as unknown as Link<HubToPanel, PanelToHub>).onMessage((m) => {
      if (m.kind !== 'hub-batch-text') return;
      const batch = parseHookBatchText(m.text, m.src)!;
      if (m.notTop) batch.top = false;
      seen.push({ tabId: m.tabId, top: batch.top });
      ingestBatch(state, batch);
    });
    await settle([opener, popup], 5);
    (panelEnd as unknown as Link<HubToPanel, PanelToHub>).post({ kind: 'panel-attach', tabId: 20, after: {} });
    opener.frame('o.1', 1);
    popup.frame('p.1', 2);
    await settle([opener, popup]);
    expect(state.events.map((e) => (e as { data: string }).data).sort()).toEqual(['m1', 'm2']);
    expect(seen).toContainEqual({ tabId: 21, top: false });
    expect(seen).toContainEqual({ tabId: undefined, top: true });
  });
});
