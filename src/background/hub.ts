/**
 * The hub's routing logic, independent of transport: relays (one per frame) and panels
 * (one per DevTools window) meet here per tab. A panel on the direct path
 * (docs/design.md#places-and-data-flow) only learns from the hub which relays to open a stream
 * port to (`hub-relays`, on attach and whenever a relay joins); its batches bypass the hub.
 * For a panel on the hub path the hub routes the batches: it keeps no event log, only the
 * highest hook-local seq it forwarded per source (a few numbers per tab), so a relay that
 * reconnects after a service worker restart resumes its stream where the panel left off.
 *
 * Popups: a tab opened by another tab (`openerTabId`, e.g. `window.open('about:blank')`) is
 * also routed to the opener's panels, its batches marked with their own `tabId`, so the
 * sockets a page creates in its popups show in that page's panel.
 */
import { ignoreUnknownKind, type CapturedTab, type HubToPanel, type HubToRelay, type PanelToHub, type PendingSeqs, type RelayInfo, type RelayToHub, type SeqMarks } from '../core/bridge/messages';
import type { Link } from '../core/bridge/link';
import { isHookBatchText, lastSeqOfHookText } from '../core/bridge/validate-batch';

type RelayLink = Link<RelayToHub, HubToRelay>;
type PanelLink = Link<PanelToHub, HubToPanel>;

/** Per-tab routing state. */
interface TabRoute {
  tabId: number;
  relays: Set<RelayLink>;
  /** The hook each relay serves, from its hello (a relay is announced to direct panels once known). */
  srcs: Map<RelayLink, string>;
  /** URL of the top-level document, from the top frame relay's hello. */
  url: string;
  panels: Set<PanelLink>;
  /** Panels on the direct path: told which relays exist, never sent batches. */
  direct: Set<PanelLink>;
  /** Panels attached once and now detached (recording paused): they still get fill batches. */
  paused: Set<PanelLink>;
  marks: SeqMarks;
  /** What the last attaching panel holds with a short preview (sent with every `hub-start`). */
  pending: PendingSeqs;
  /** The tab that opened this one (popups), once known. */
  opener?: number;
  openerLooked: boolean;
}

/** Hub options. */
export interface HubOptions {
  /** The tab that opened `tabId` (`tabs.Tab.openerTabId`), if any. Errors count as none. */
  openerOf?: (tabId: number) => Promise<number | undefined>;
}

/** Routes batches from relays to the panels of the same tab (and of its opener), and start/stop the other way. */
export class Hub {
  private readonly tabs = new Map<number, TabRoute>();

  constructor(private readonly opts: HubOptions = {}) {}

  private route(tabId: number): TabRoute {
    let r = this.tabs.get(tabId);
    if (!r) {
      r = { tabId, relays: new Set(), srcs: new Map(), panels: new Set(), direct: new Set(), paused: new Set(), marks: {}, pending: {}, url: '', openerLooked: false };
      this.tabs.set(tabId, r);
    }
    return r;
  }

  /** Panels that listen to a tab: its own, then those of its opener. */
  private listeners(r: TabRoute): PanelLink[] {
    const out = [...r.panels];
    const o = r.opener !== undefined ? this.tabs.get(r.opener) : undefined;
    if (o) for (const p of o.panels) out.push(p);
    return out;
  }

  private lookOpener(r: TabRoute): void {
    if (r.openerLooked || !this.opts.openerOf) return;
    r.openerLooked = true;
    this.opts.openerOf(r.tabId).then(
      (opener) => {
        if (opener === undefined || opener === r.tabId) return;
        r.opener = opener;
        const o = this.tabs.get(opener);
        if (o) this.announce(o.direct, this.relayInfos(r, true));
        if (o && o.panels.size > 0 && r.panels.size === 0) {
          for (const k of Object.keys(o.marks)) if ((r.marks[k] ?? 0) < (o.marks[k] ?? 0)) r.marks[k] = o.marks[k] as number;
          for (const relay of r.relays) relay.post({ kind: 'hub-start', after: r.marks, pending: r.pending });
        }
      },
      () => undefined,
    );
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
    this.lookOpener(r);
    link.onMessage((msg) => {
      switch (msg.kind) {
        case 'relay-hello': {
          if (msg.top) r.url = msg.frameUrl;
          if (typeof msg.src !== 'string' || r.srcs.has(link)) return;
          r.srcs.set(link, msg.src);
          const info = this.relayInfo(r, link, msg.src);
          this.announce(r.direct, [info]);
          const o = r.opener !== undefined && r.opener !== tabId ? this.tabs.get(r.opener) : undefined;
          if (o) this.announce(o.direct, [{ ...info, notTop: true }]);
          return;
        }
        case 'relay-batch-text': {
          // Routed unparsed: the panel parses and validates (validate-batch.ts). Only the
          // batch's last seq is read here, for the marks.
          if (!isHookBatchText(msg.text)) return;
          const last = lastSeqOfHookText(msg.text);
          if (last > (r.marks[msg.src] ?? 0)) r.marks[msg.src] = last;
          const frameId = link.meta.frameId ?? 0;
          const own = r.panels;
          // A fill (last 0) completes frames a paused panel already holds: it gets those too.
          const to = last === 0 && r.paused.size > 0 ? [...this.listeners(r), ...r.paused] : this.listeners(r);
          for (const p of to) {
            p.post(own.has(p) ? { kind: 'hub-batch-text', frameId, src: msg.src, text: msg.text } : { kind: 'hub-batch-text', frameId, src: msg.src, text: msg.text, tabId, notTop: true });
          }
          return;
        }
        default:
          ignoreUnknownKind(msg);
      }
    });
    link.onDisconnect(() => {
      r.relays.delete(link);
      r.srcs.delete(link);
      this.gc(tabId);
    });
    if (this.listeners(r).length > 0) link.post({ kind: 'hub-start', after: r.marks, pending: r.pending });
  }

  /** Accepts a panel link; it names its tab in `panel-attach`. */
  addPanel(link: PanelLink): void {
    let tabId: number | undefined;
    link.onMessage((msg) => {
      switch (msg.kind) {
        case 'panel-attach': {
          tabId = msg.tabId;
          const r = this.route(tabId);
          if (msg.direct === true) {
            // Direct path: the panel streams from the relays itself; start/stop and marks
            // travel on its stream ports.
            r.direct.add(link);
            const relays = this.relayInfos(r, false);
            for (const child of this.children(tabId)) relays.push(...this.relayInfos(child, true));
            link.post({ kind: 'hub-relays', relays });
            return;
          }
          r.panels.add(link);
          r.paused.delete(link);
          r.marks = { ...msg.after };
          r.pending = { ...(msg.pending ?? {}) };
          for (const relay of r.relays) relay.post({ kind: 'hub-start', after: r.marks, pending: r.pending });
          for (const child of this.children(tabId)) {
            child.marks = { ...child.marks, ...msg.after };
            child.pending = { ...child.pending, ...(msg.pending ?? {}) };
            for (const relay of child.relays) relay.post({ kind: 'hub-start', after: child.marks, pending: child.pending });
          }
          return;
        }
        case 'panel-fill-all': {
          if (tabId === undefined) return; // not attached yet: no tab to ask
          const r = this.tabs.get(tabId);
          for (const route of r ? [r, ...this.children(tabId)] : []) for (const relay of route.relays) relay.post({ kind: 'hub-fill-all' });
          return;
        }
        case 'panel-fault': {
          if (tabId === undefined) return; // not attached yet: no tab to break
          const r = this.tabs.get(tabId);
          for (const route of r ? [r, ...this.children(tabId)] : []) for (const relay of route.relays) relay.post({ kind: 'hub-fault', command: msg.command });
          return;
        }
        case 'panel-detach': {
          if (tabId === undefined) return;
          const r = this.tabs.get(tabId);
          if (r?.direct.delete(link)) return this.gc(tabId);
          this.detach(tabId, link);
          this.tabs.get(tabId)?.paused.add(link);
          return;
        }
        case 'panel-list-tabs':
          link.post({ kind: 'hub-tabs', tabs: this.capturedTabs() });
          return;
        default:
          ignoreUnknownKind(msg);
      }
    });
    link.onDisconnect(() => {
      if (tabId === undefined) return;
      const r = this.tabs.get(tabId);
      r?.paused.delete(link);
      r?.direct.delete(link);
      this.detach(tabId, link);
      this.gc(tabId);
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

  /** Where a direct panel finds `link`'s relay (its hook `src`). */
  private relayInfo(r: TabRoute, link: RelayLink, src: string): RelayInfo {
    const info: RelayInfo = { tabId: r.tabId, frameId: link.meta.frameId ?? 0, src };
    if (link.meta.documentId !== undefined) info.documentId = link.meta.documentId;
    return info;
  }

  /** The tab's relays that said hello; `notTop` for a popup's, announced to its opener's panels. */
  private relayInfos(r: TabRoute, notTop: boolean): RelayInfo[] {
    const out: RelayInfo[] = [];
    for (const [link, src] of r.srcs) out.push(notTop ? { ...this.relayInfo(r, link, src), notTop: true } : this.relayInfo(r, link, src));
    return out;
  }

  private announce(panels: Set<PanelLink>, relays: RelayInfo[]): void {
    if (relays.length > 0) for (const p of panels) p.post({ kind: 'hub-relays', relays });
  }

  private children(tabId: number): TabRoute[] {
    const out: TabRoute[] = [];
    for (const r of this.tabs.values()) if (r.opener === tabId && r.tabId !== tabId) out.push(r);
    return out;
  }

  private detach(tabId: number, link: PanelLink): void {
    const r = this.tabs.get(tabId);
    if (!r || !r.panels.delete(link)) return;
    if (this.listeners(r).length === 0) for (const relay of r.relays) relay.post({ kind: 'hub-stop' });
    for (const child of this.children(tabId)) if (this.listeners(child).length === 0) for (const relay of child.relays) relay.post({ kind: 'hub-stop' });
    this.gc(tabId);
  }

  private gc(tabId: number): void {
    const r = this.tabs.get(tabId);
    if (r && r.relays.size === 0 && r.panels.size === 0 && r.paused.size === 0 && r.direct.size === 0) this.tabs.delete(tabId);
  }
}
