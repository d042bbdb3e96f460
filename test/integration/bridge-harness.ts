/**
 * The in-memory bridge used by the bridge tests: a tab (hook recorder + relay) and a panel
 * (panel client + capture state) meeting in a {@link Hub} over in-memory links, with the
 * hook's timers run by hand. A panel takes the hub path by default, or the direct path
 * (`direct: true`: stream ports to the relays, as `tabs.connect` gives them in the browser).
 */
import { createLinkPair, type Link } from '../../src/core/bridge/link';
import type { EventBatch, HubToPanel, HubToRelay, PanelToHub, PanelToRelay, RelayInfo, RelayToHub, RelayToHook, RelayToPanel } from '../../src/core/bridge/messages';
import { createRelay, type Relay } from '../../src/content/relay';
import { Hub } from '../../src/background/hub';
import { createPanelClient } from '../../src/core/bridge/panel-client';
import { createCaptureState, type CaptureState } from '../../src/core/store/capture-state';
import { ingestBatch, pendingSeqs } from '../../src/core/store/ingest';
import { Recorder, type RecorderOptions } from '../../src/page/recorder';
import { nodeNatives } from '../unit/page/node-natives';

export const tick = () => new Promise((r) => setTimeout(r, 0));

/** The documents' relays by tab and frame, as `tabs.connect(tabId, { frameId })` reaches them. */
const relayDirectory = new Map<string, { src: string; relay: Relay; streams: Link<RelayToPanel, PanelToRelay>[] }>();

/** What `tabs.connect` does in the harness: a stream port to the relay now in that frame (throws when there is none). */
export function connectRelay(info: RelayInfo): Link<RelayToPanel, PanelToRelay> {
  const d = relayDirectory.get(`${info.tabId}/${info.frameId}`);
  if (!d) throw new Error('no relay in that frame');
  const [panelEnd, relayEnd] = createLinkPair<PanelToRelay, RelayToPanel>({ name: 'stream' });
  d.relay.acceptPanel(relayEnd as unknown as Link<PanelToRelay, RelayToPanel>);
  d.streams.push(relayEnd as unknown as Link<RelayToPanel, PanelToRelay>);
  return panelEnd as unknown as Link<RelayToPanel, PanelToRelay>;
}

/**
 * One tab's document: a hook (recorder) and its relay, connected to whatever hub `hubRef`
 * holds. `opts.src` names the document (default `src<tabId>`; a navigation = a new src).
 */
export function makeTab(hubRef: { hub: Hub }, tabId: number, opts: Partial<RecorderOptions> & { src?: string; frameId?: number } = {}) {
  const timers: (() => void)[] = [];
  const n = nodeNatives(timers);
  const { src = `src${tabId}`, frameId = 0, ...recOpts } = opts;
  let dead = false;
  /** While frozen (back/forward cache) the relay's reconnect timer waits. */
  let frozen = false;
  const frozenTimers: (() => void)[] = [];
  let relay: ReturnType<typeof createRelay> | undefined;
  const rec = new Recorder(n, (batch, last) => relay?.fromHookText(JSON.stringify({ kind: 'hook-batch', last, batch })), { src, frameUrl: 'https://app.example/', top: true }, { maxEvents: 50000, batchMaxEvents: 100, ...recOpts });
  const fromRelay = (msg: RelayToHook): void => {
    if (msg.kind === 'relay-start') rec.start(msg.after, msg.pending);
    else if (msg.kind === 'relay-stop') rec.stop();
    else if (msg.kind === 'relay-fill-all') rec.fillAll();
  };
  /** Hub-side ends (disconnecting one is what the relay sees when the service worker dies). */
  const links: Link<HubToRelay, RelayToHub>[] = [];
  relay = createRelay({
    identity: { src, frameUrl: 'https://app.example/', top: true },
    hook: { send: fromRelay },
    connectHub: () => {
      if (dead) throw new Error('document gone');
      const [relayEnd, hubEnd] = createLinkPair<RelayToHub, HubToRelay>({ name: 'relay', tabId, frameId, documentId: `doc-${src}` });
      hubRef.hub.addRelay(hubEnd as unknown as Link<RelayToHub, HubToRelay>);
      links.push(hubEnd as unknown as Link<HubToRelay, RelayToHub>);
      return relayEnd as unknown as Link<HubToRelay, RelayToHub>;
    },
    schedule: (fn) => void (frozen ? frozenTimers.push(fn) : setTimeout(fn, 1)),
  });
  const entry = { src, relay, streams: [] as Link<RelayToPanel, PanelToRelay>[] };
  relayDirectory.set(`${tabId}/${frameId}`, entry);
  /** Every port of the document closes, as when it enters the back/forward cache (after pagehide). */
  const freeze = (): void => {
    rec.flushAll();
    frozen = true;
    for (const l of [...links, ...entry.streams]) l.disconnect();
    entry.streams.length = 0;
  };
  /** The document comes back from the back/forward cache: its relay reconnects to the hub. */
  const restore = (): void => {
    frozen = false;
    for (const fn of frozenTimers.splice(0)) setTimeout(fn, 1);
  };
  const runTimers = (): void => {
    for (let i = 0; i < 1000 && timers.length > 0; i++) timers.shift()!();
  };
  const frame = (conn: string, i: number) => rec.record({ t: rec.now(), type: 'ws-message', conn, payload: { opcode: 1, text: `m${i}`, size: -1, truncated: false, weight: 4 } });
  /** A text frame on connection `conn` (weight as the recorder counts it: 2 bytes a unit). */
  const text = (conn: string, t: string) => rec.record({ t: rec.now(), type: 'ws-message', conn, payload: { opcode: 1, text: t, size: -1, truncated: false, weight: t.length * 2 } });
  /** The document unloads: pagehide (hook.iife.ts: recorder.flushAll()), then its relay goes away. */
  const unload = (): void => {
    rec.flushAll();
    dead = true;
    timers.length = 0;
    for (const l of [...links, ...entry.streams]) l.disconnect();
    if (relayDirectory.get(`${tabId}/${frameId}`) === entry) relayDirectory.delete(`${tabId}/${frameId}`);
  };
  return { rec, runTimers, frame, text, links, streams: entry.streams, unload, freeze, restore };
}

/**
 * A panel client for `tabId` over in-memory links to whatever hub `hubRef` holds, fed from and
 * feeding `state` (as panel/main.tsx wires it: marks, pending previews, batches).
 */
export function connectPanel(hubRef: { hub: Hub }, tabId: number, state: () => CaptureState, onBatch: (b: EventBatch, frameId: number) => void, opts: { direct?: boolean } = {}) {
  const links: Link<HubToPanel, PanelToHub>[] = [];
  const client = createPanelClient({
    tabId,
    connect: () => {
      const [panelEnd, hubEnd] = createLinkPair<PanelToHub, HubToPanel>({ name: 'panel' });
      hubRef.hub.addPanel(hubEnd as unknown as Link<PanelToHub, HubToPanel>);
      links.push(hubEnd as unknown as Link<HubToPanel, PanelToHub>);
      return panelEnd as unknown as Link<HubToPanel, PanelToHub>;
    },
    marks: () => state().marks,
    pending: () => pendingSeqs(state()),
    onBatch,
    schedule: (fn) => void setTimeout(fn, 1),
    ...(opts.direct ? { connectRelay } : {}),
  });
  return { client, links };
}

/** A panel holding a bare capture state (hub path unless `direct`). */
export function makePanel(hubRef: { hub: Hub }, tabId: number, opts: { direct?: boolean } = {}) {
  const state = createCaptureState();
  return { state, ...connectPanel(hubRef, tabId, () => state, (b) => ingestBatch(state, b), opts) };
}

export async function settle(tabs: { runTimers(): void }[], rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    for (const t of tabs) t.runTimers();
    await tick();
    await new Promise((r) => setTimeout(r, 2));
  }
}

