/**
 * The whole bridge in one Node test (DESIGN.md §1): hook recorder → relay → hub → panel client
 * → capture state, over in-memory links. Covers: backlog then live events, exactly once; a hub
 * restart mid-stream (new hub, every link dropped) after which the panel catches up with
 * nothing lost or doubled; a ring buffer overflow reported as one exact capture-dropped; and a
 * popup tab routed to its opener's panel.
 */
import { describe, expect, it } from 'vitest';
import { createLinkPair, type Link } from '../../../src/core/bridge/link';
import type { HubToPanel, HubToRelay, PanelToHub, RelayToHub, RelayToHook } from '../../../src/core/bridge/messages';
import { createRelay } from '../../../src/content/relay';
import { Hub } from '../../../src/background/hub';
import { createPanelClient } from '../../../src/core/bridge/panel-client';
import { createCaptureState } from '../../../src/core/store/capture-state';
import { ingestBatch } from '../../../src/core/store/ingest';
import { Recorder } from '../../../src/page/recorder';
import { nodeNatives } from '../hook/node-natives';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** One tab: a hook (recorder) and its relay, connected to whatever hub `hubRef` holds. */
function makeTab(hubRef: { hub: Hub }, tabId: number, opts: { maxEvents?: number } = {}) {
  const timers: (() => void)[] = [];
  const n = nodeNatives(timers);
  const src = `src${tabId}`;
  let relay: ReturnType<typeof createRelay> | undefined;
  const rec = new Recorder(n, (batch) => relay?.fromHook(JSON.parse(JSON.stringify({ kind: 'hook-batch', batch }))), { src, frameUrl: 'https://app.example/', top: true }, { maxEvents: opts.maxEvents ?? 50000, batchMaxEvents: 100 });
  const fromRelay = (msg: RelayToHook): void => {
    if (msg.kind === 'relay-start') rec.start(msg.after);
    else if (msg.kind === 'relay-stop') rec.stop();
  };
  /** Hub-side ends (disconnecting one is what the relay sees when the service worker dies). */
  const links: Link<HubToRelay, RelayToHub>[] = [];
  relay = createRelay({
    identity: { src, frameUrl: 'https://app.example/', top: true },
    hook: { send: fromRelay },
    connectHub: () => {
      const [relayEnd, hubEnd] = createLinkPair<RelayToHub, HubToRelay>({ name: 'relay', tabId, frameId: 0 });
      hubRef.hub.addRelay(hubEnd as unknown as Link<RelayToHub, HubToRelay>);
      links.push(hubEnd as unknown as Link<HubToRelay, RelayToHub>);
      return relayEnd as unknown as Link<HubToRelay, RelayToHub>;
    },
    schedule: (fn) => void setTimeout(fn, 1),
  });
  const runTimers = (): void => {
    for (let i = 0; i < 1000 && timers.length > 0; i++) timers.shift()!();
  };
  const frame = (conn: string, i: number) => rec.record({ t: rec.now(), type: 'ws-message', conn, payload: { opcode: 1, text: `m${i}`, size: -1, truncated: false, weight: 4 } });
  return { rec, runTimers, frame, links };
}

function makePanel(hubRef: { hub: Hub }, tabId: number) {
  const state = createCaptureState();
  const links: Link<HubToPanel, PanelToHub>[] = [];
  const client = createPanelClient({
    tabId,
    connect: () => {
      const [panelEnd, hubEnd] = createLinkPair<PanelToHub, HubToPanel>({ name: 'panel' });
      hubRef.hub.addPanel(hubEnd as unknown as Link<PanelToHub, HubToPanel>);
      links.push(hubEnd as unknown as Link<HubToPanel, PanelToHub>);
      return panelEnd as unknown as Link<HubToPanel, PanelToHub>;
    },
    marks: () => state.marks,
    onBatch: (b) => ingestBatch(state, b),
    schedule: (fn) => void setTimeout(fn, 1),
  });
  return { state, client, links };
}

async function settle(tabs: { runTimers(): void }[], rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    for (const t of tabs) t.runTimers();
    await tick();
    await new Promise((r) => setTimeout(r, 2));
  }
}

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
      if (m.kind !== 'hub-batch') return;
      seen.push({ tabId: m.tabId, top: m.batch.top });
      ingestBatch(state, m.batch);
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
