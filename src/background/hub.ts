/**
 * The hub's routing logic, independent of transport: relays (one per frame) and panels
 * (one per DevTools window) meet here per tab. The hub keeps no event log; it remembers only
 * the highest hook-local seq it forwarded per source (a few numbers per tab), so a relay that
 * reconnects after a service worker restart resumes its stream where the panel left off.
 */
import type { CapturedTab, HubToPanel, HubToRelay, PanelToHub, RelayToHub, SeqMarks } from '../core/bridge/messages';
import type { Link } from '../core/bridge/link';

type RelayLink = Link<RelayToHub, HubToRelay>;
type PanelLink = Link<PanelToHub, HubToPanel>;

/** Per-tab routing state. */
interface TabRoute {
  relays: Set<RelayLink>;
  /** URL of the top-level document, from the top frame relay's hello. */
  url: string;
  panels: Set<PanelLink>;
  marks: SeqMarks;
}

/** Routes batches from relays to the panels of the same tab, and start/stop the other way. */
export class Hub {
  private readonly tabs = new Map<number, TabRoute>();

  private route(tabId: number): TabRoute {
    let r = this.tabs.get(tabId);
    if (!r) {
      r = { relays: new Set(), panels: new Set(), marks: {}, url: '' };
      this.tabs.set(tabId, r);
    }
    return r;
  }

  /** Accepts a relay link; its tab comes from the link's sender metadata. */
  addRelay(link: RelayLink): void {
    const tabId = link.meta.tabId;
    if (tabId === undefined) {
      link.disconnect();
      return;
    }
    const r = this.route(tabId);
    r.relays.add(link);
    link.onMessage((msg) => {
      if (msg.kind === 'relay-hello') {
        if (msg.top) r.url = msg.frameUrl;
      } else if (msg.kind === 'relay-batch') {
        const last = msg.batch.events[msg.batch.events.length - 1];
        if (last && last.seq > (r.marks[msg.batch.src] ?? 0)) r.marks[msg.batch.src] = last.seq;
        for (const p of r.panels) p.post({ kind: 'hub-batch', frameId: link.meta.frameId ?? 0, batch: msg.batch });
      }
    });
    link.onDisconnect(() => {
      r.relays.delete(link);
      this.gc(tabId);
    });
    if (r.panels.size > 0) link.post({ kind: 'hub-start', after: r.marks });
  }

  /** Accepts a panel link; it names its tab in `panel-attach`. */
  addPanel(link: PanelLink): void {
    let tabId: number | undefined;
    link.onMessage((msg) => {
      if (msg.kind === 'panel-attach') {
        tabId = msg.tabId;
        const r = this.route(tabId);
        r.panels.add(link);
        r.marks = { ...msg.after };
        for (const relay of r.relays) relay.post({ kind: 'hub-start', after: r.marks });
      } else if (msg.kind === 'panel-detach' && tabId !== undefined) {
        this.detach(tabId, link);
      } else if (msg.kind === 'panel-list-tabs') {
        link.post({ kind: 'hub-tabs', tabs: this.capturedTabs() });
      }
    });
    link.onDisconnect(() => {
      if (tabId !== undefined) this.detach(tabId, link);
    });
  }

  /** Tabs with at least one connected relay (for a panel opened outside DevTools). */
  capturedTabs(): CapturedTab[] {
    const out: CapturedTab[] = [];
    for (const [tabId, r] of this.tabs) if (r.relays.size > 0) out.push({ tabId, url: r.url });
    return out;
  }

  /** Number of relays and panels connected for a tab (for tests and diagnostics). */
  stats(tabId: number): { relays: number; panels: number } {
    const r = this.tabs.get(tabId);
    return { relays: r?.relays.size ?? 0, panels: r?.panels.size ?? 0 };
  }

  private detach(tabId: number, link: PanelLink): void {
    const r = this.tabs.get(tabId);
    if (!r || !r.panels.delete(link)) return;
    if (r.panels.size === 0) for (const relay of r.relays) relay.post({ kind: 'hub-stop' });
    this.gc(tabId);
  }

  private gc(tabId: number): void {
    const r = this.tabs.get(tabId);
    if (r && r.relays.size === 0 && r.panels.size === 0) this.tabs.delete(tabId);
  }
}
