import { describe, expect, it } from 'vitest';
import { Hub } from '../../../src/background/hub';
import { createLinkPair, type Link, type LinkMeta } from '../../../src/core/bridge/link';
import type { HubToPanel, HubToRelay, PanelToHub, RelayToHub } from '../../../src/core/bridge/messages';

const delivered = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** A relay end connected to `hub`, recording what the hub tells it. */
function relay(hub: Hub, meta: Omit<LinkMeta, 'name'>, src: string) {
  const [relayEnd, hubEnd] = createLinkPair<RelayToHub, HubToRelay>({ name: 'relay', ...meta });
  const got: HubToRelay[] = [];
  const r = relayEnd as unknown as Link<HubToRelay, RelayToHub>;
  r.onMessage((m) => got.push(m));
  hub.addRelay(hubEnd as unknown as Link<RelayToHub, HubToRelay>);
  r.post({ kind: 'relay-hello', src, frameUrl: 'https://app.example/', top: meta.frameId === 0 });
  return { r, got };
}

/** A panel end connected to `hub`, recording what the hub tells it. */
function panel(hub: Hub) {
  const [panelEnd, hubEnd] = createLinkPair<PanelToHub, HubToPanel>({ name: 'panel' });
  const got: HubToPanel[] = [];
  const p = panelEnd as unknown as Link<HubToPanel, PanelToHub>;
  p.onMessage((m) => got.push(m));
  hub.addPanel(hubEnd as unknown as Link<PanelToHub, HubToPanel>);
  return { p, got };
}

describe('hub with direct panels', () => {
  it('names the tab’s relays to a direct panel, and each relay that joins later, without starting any', async () => {
    const hub = new Hub();
    const top = relay(hub, { tabId: 5, frameId: 0, documentId: 'DOC0' }, 'top');
    const d = panel(hub);
    await delivered();
    d.p.post({ kind: 'panel-attach', tabId: 5, after: {}, direct: true });
    await delivered();
    expect(d.got).toEqual([{ kind: 'hub-relays', relays: [{ tabId: 5, frameId: 0, documentId: 'DOC0', src: 'top' }] }]);
    relay(hub, { tabId: 5, frameId: 7 }, 'child');
    await delivered();
    expect(d.got.at(-1)).toEqual({ kind: 'hub-relays', relays: [{ tabId: 5, frameId: 7, src: 'child' }] });
    expect(top.got).toEqual([]); // no hub-start: the panel starts each relay on its own port
    d.p.post({ kind: 'panel-detach' });
    await delivered();
    relay(hub, { tabId: 5, frameId: 8 }, 'late');
    await delivered();
    expect(d.got).toHaveLength(2); // detached: no more announcements
    expect(hub.stats(5)).toEqual({ relays: 3, panels: 0 });
  });

  it('starts relays for a hub-path panel beside a direct one, and stops them when it leaves', async () => {
    const hub = new Hub();
    const top = relay(hub, { tabId: 6, frameId: 0 }, 'top');
    const d = panel(hub);
    const h = panel(hub);
    d.p.post({ kind: 'panel-attach', tabId: 6, after: {}, direct: true });
    h.p.post({ kind: 'panel-attach', tabId: 6, after: { top: 3 } });
    await delivered();
    expect(top.got).toEqual([{ kind: 'hub-start', after: { top: 3 }, pending: {} }]);
    h.p.disconnect();
    await delivered();
    expect(top.got.at(-1)).toEqual({ kind: 'hub-stop' });
  });

  it("names a popup's relays to its opener's direct panel, marked not top", async () => {
    const hub = new Hub({ openerOf: async (t) => (t === 31 ? 30 : undefined) });
    relay(hub, { tabId: 30, frameId: 0 }, 'opener');
    const d = panel(hub);
    d.p.post({ kind: 'panel-attach', tabId: 30, after: {}, direct: true });
    await delivered();
    relay(hub, { tabId: 31, frameId: 0 }, 'popup');
    await delivered();
    await delivered();
    expect(d.got.flatMap((m) => (m.kind === 'hub-relays' ? m.relays : []))).toContainEqual({ tabId: 31, frameId: 0, src: 'popup', notTop: true });
    // A direct panel attaching later gets the popup in its first list.
    const later = panel(hub);
    later.p.post({ kind: 'panel-attach', tabId: 30, after: {}, direct: true });
    await delivered();
    expect(later.got).toEqual([
      {
        kind: 'hub-relays',
        relays: [
          { tabId: 30, frameId: 0, src: 'opener' },
          { tabId: 31, frameId: 0, src: 'popup', notTop: true },
        ],
      },
    ]);
  });

  it('passes faults from a direct panel to the relays of its tab', async () => {
    const hub = new Hub();
    const top = relay(hub, { tabId: 9, frameId: 0 }, 'top');
    const d = panel(hub);
    d.p.post({ kind: 'panel-attach', tabId: 9, after: {}, direct: true });
    d.p.post({ kind: 'panel-fault', command: { kind: 'close', code: 4000, origin: 'panel' } });
    await delivered();
    expect(top.got).toEqual([{ kind: 'hub-fault', command: { kind: 'close', code: 4000, origin: 'panel' } }]);
  });
});
