import { describe, expect, it } from 'vitest';
import { createRelay } from '../../../src/content/relay';
import { createLinkPair, type Link } from '../../../src/core/bridge/link';
import type { HubToRelay, PanelToRelay, RelayToHook, RelayToHub, RelayToPanel } from '../../../src/core/bridge/messages';

const delivered = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const live = (last: number): string => `{"kind":"hook-batch","last":${last},"batch":{"src":"s1","events":[]}}`;
const fill = `{"kind":"hook-batch","last":0,"batch":{"src":"s1","fill":true,"events":[]}}`;

/** A relay for hook `s1` with its hub end and a way to open stream ports to it. */
function relay() {
  const hook: RelayToHook[] = [];
  const hubEnds: Link<RelayToHub, HubToRelay>[] = [];
  const fromHub: RelayToHub[] = [];
  const reconnects: (() => void)[] = [];
  const r = createRelay({
    identity: { src: 's1', frameUrl: 'https://app.example/', top: true },
    hook: { send: (m) => hook.push(m) },
    connectHub: () => {
      const [relayEnd, hubEnd] = createLinkPair<RelayToHub, HubToRelay>({ name: 'relay', tabId: 1, frameId: 0 });
      const h = hubEnd as unknown as Link<RelayToHub, HubToRelay>;
      h.onMessage((m) => fromHub.push(m));
      hubEnds.push(h);
      return relayEnd as unknown as Link<HubToRelay, RelayToHub>;
    },
    schedule: (fn) => void reconnects.push(fn),
  });
  const openPort = () => {
    const [panelEnd, relayEnd] = createLinkPair<PanelToRelay, RelayToPanel>({ name: 'stream' });
    const got: RelayToPanel[] = [];
    const p = panelEnd as unknown as Link<RelayToPanel, PanelToRelay>;
    let closed = false;
    p.onMessage((m) => got.push(m));
    p.onDisconnect(() => (closed = true));
    r.acceptPanel(relayEnd as unknown as Link<PanelToRelay, RelayToPanel>);
    return { p, got, closed: () => closed };
  };
  return { r, hook, hubEnds, fromHub, reconnects, openPort };
}

describe('relay with stream ports', () => {
  it('streams to a port that starts with its hook, and refuses one meant for another document', async () => {
    const x = relay();
    const good = x.openPort();
    const stale = x.openPort();
    good.p.post({ kind: 'panel-start', src: 's1', after: 12 });
    stale.p.post({ kind: 'panel-start', src: 'older-document', after: 3 });
    await delivered();
    expect(x.hook).toContainEqual({ kind: 'relay-start', after: 12 });
    expect(x.hook.filter((m) => m.kind === 'relay-start')).toHaveLength(1);
    expect(stale.closed()).toBe(true);
    x.r.fromHookText(live(13));
    await delivered();
    expect(good.got).toEqual([{ kind: 'relay-batch-text', text: live(13) }]);
    expect(x.fromHub.filter((m) => m.kind === 'relay-batch-text')).toHaveLength(0); // nothing through the hub
    x.r.fromHookText('{"kind":"something-else"}');
    await delivered();
    expect(good.got).toHaveLength(1);
  });

  it('keeps the stream going when the hub goes away, and the hub path still works beside it', async () => {
    const x = relay();
    const port = x.openPort();
    port.p.post({ kind: 'panel-start', src: 's1', after: 0 });
    await delivered();
    x.hubEnds[0]!.disconnect(); // service worker restart
    await delivered();
    expect(x.hook).not.toContainEqual({ kind: 'relay-stop' });
    x.r.fromHookText(live(1));
    x.reconnects.shift()!();
    x.hubEnds[1]!.post({ kind: 'hub-start', after: { s1: 1 } }); // a hub-path panel attaches
    await delivered();
    x.r.fromHookText(live(2));
    await delivered();
    expect(port.got.map((m) => m.text)).toEqual([live(1), live(2)]);
    expect(x.fromHub.filter((m) => m.kind === 'relay-batch-text').map((m) => (m as { text: string }).text)).toEqual([live(2)]);
    x.hubEnds[1]!.post({ kind: 'hub-stop' });
    await delivered();
    expect(x.hook).not.toContainEqual({ kind: 'relay-stop' });
    port.p.disconnect();
    await delivered();
    expect(x.hook.at(-1)).toEqual({ kind: 'relay-stop' });
  });

  it('a paused port gets fills but no live batches, and asks the hook for every owed preview', async () => {
    const x = relay();
    const port = x.openPort();
    port.p.post({ kind: 'panel-start', src: 's1', after: 0 });
    port.p.post({ kind: 'panel-pause' });
    port.p.post({ kind: 'panel-fill-all' });
    await delivered();
    expect(x.hook.slice(-2)).toEqual([{ kind: 'relay-stop' }, { kind: 'relay-fill-all' }]);
    x.r.fromHookText(live(5));
    x.r.fromHookText(fill);
    await delivered();
    expect(port.got.map((m) => m.text)).toEqual([fill]);
    // The hub never started this stream: no fill goes its way either.
    expect(x.fromHub.filter((m) => m.kind === 'relay-batch-text')).toHaveLength(0);
    x.hubEnds[0]!.post({ kind: 'hub-start', after: {} });
    x.hubEnds[0]!.post({ kind: 'hub-stop' }); // a hub-path panel paused: it still wants fills
    await delivered();
    x.r.fromHookText(fill);
    await delivered();
    expect(x.fromHub.filter((m) => m.kind === 'relay-batch-text')).toHaveLength(1);
  });

  it('ignores pause and fill-all on a port that never started', async () => {
    const x = relay();
    const port = x.openPort();
    port.p.post({ kind: 'panel-fill-all' });
    port.p.post({ kind: 'panel-pause' });
    await delivered();
    expect(x.hook.filter((m) => m.kind !== 'relay-ready')).toEqual([]);
  });
});
