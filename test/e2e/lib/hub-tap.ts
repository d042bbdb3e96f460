/**
 * A tap on the real hub, run inside one of the extension's own pages (Chromium: a tab on
 * chrome-extension://…/src/panel/panel.html; Firefox: the same page opened from chrome scope).
 * It connects a runtime port named "panel", exactly as the panel does, and keeps every batch
 * it receives, so a test can read what the hub delivered without depending on the panel's DOM.
 * The batches are then folded with the real store logic ({@link foldBatches}).
 */
import { createCaptureState, type CaptureState } from '../../../src/core/store/capture-state';
import { ingestBatch } from '../../../src/core/store/ingest';
import type { EventBatch } from '../../../src/core/bridge/messages';
import type { TraceEvent } from '../../../src/core/events';
import { frameFromTuple } from '../../../src/core/bridge/wire-frames';

/** A tapped batch with its frame tuples turned back into trace events (a malformed one fails the test). */
function readTuples(b: TappedBatch): TappedBatch {
  const events = (b.batch.events as unknown[]).map((x) => {
    if (!Array.isArray(x)) return x as TraceEvent;
    const e = frameFromTuple(x);
    if (!e) throw new Error(`malformed frame tuple from the hook: ${JSON.stringify(x).slice(0, 200)}`);
    return e;
  });
  return { ...b, batch: { ...b.batch, events } };
}

/** Evaluates an expression in an extension page and returns its JSON value. */
export type ExtensionEval = <T>(expr: string) => Promise<T>;

/** Installs the tap (idempotent). Evaluates to true. */
export const HUB_TAP_INSTALL_JS = `(() => {
  if (window.__wtTap) return true;
  const api = typeof browser !== 'undefined' ? browser : chrome;
  const tap = { batches: [], attached: new Map() };
  tap.listTabs = () => new Promise((resolve) => {
    const port = api.runtime.connect({ name: 'panel' });
    port.onMessage.addListener((m) => { if (m.kind === 'hub-tabs') { resolve(m.tabs); port.disconnect(); } });
    port.postMessage({ kind: 'panel-list-tabs' });
  });
  tap.attach = (tabId) => {
    if (tap.attached.has(tabId)) return;
    const port = api.runtime.connect({ name: 'panel' });
    port.onMessage.addListener((m) => { if (m.kind === 'hub-batch-text') { const batch = JSON.parse(m.text).batch; if (m.notTop) batch.top = false; tap.batches.push({ tabId, sourceTab: m.tabId === undefined ? tabId : m.tabId, frameId: m.frameId, batch }); } });
    port.postMessage({ kind: 'panel-attach', tabId, after: {} });
    tap.attached.set(tabId, port);
  };
  tap.detach = (tabId) => { const p = tap.attached.get(tabId); if (p) { p.postMessage({ kind: 'panel-detach' }); p.disconnect(); tap.attached.delete(tabId); } };
  window.__wtTap = tap;
  return true;
})()`;

/** A batch as the tap received it. */
export interface TappedBatch {
  /** The tab the tap attached to. */
  tabId: number;
  /** The tab the batch came from (differs for a popup of the attached tab). */
  sourceTab: number;
  frameId: number;
  batch: EventBatch;
}

/** Driver for a tap installed in an extension page. */
export interface HubTap {
  /** Tabs the hub knows, with their top-level URL. */
  listTabs(): Promise<{ tabId: number; url: string }[]>;
  /** The tab id whose top-level URL starts with `prefix` (waits until the hub lists it). */
  tabIdFor(prefix: string, timeoutMs?: number): Promise<number>;
  /** Starts receiving every event of the tab (from the start of each hook's buffer). */
  attach(tabId: number): Promise<void>;
  /** Stops receiving (the hooks stop streaming when no panel listens). */
  detach(tabId: number): Promise<void>;
  /** Batches received from index `from` on (default 0). */
  batches(from?: number): Promise<TappedBatch[]>;
  /** Number of batches received so far. */
  count(): Promise<number>;
}

/** Wraps an extension-page evaluator into a {@link HubTap} (installs the tap first). */
export async function openHubTap(evaluate: ExtensionEval): Promise<HubTap> {
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      if (await evaluate<boolean>(HUB_TAP_INSTALL_JS)) break;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    if (Date.now() > deadline) throw new Error('could not install the hub tap');
    await new Promise((r) => setTimeout(r, 100));
  }
  const tap: HubTap = {
    listTabs: () => evaluate(`window.__wtTap.listTabs()`),
    async tabIdFor(prefix, timeoutMs = 15000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const tabs = await tap.listTabs();
        const t = tabs.find((x) => x.url.startsWith(prefix));
        if (t) return t.tabId;
        if (Date.now() > end) throw new Error(`the hub lists no tab at ${prefix} (tabs: ${JSON.stringify(tabs)})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async attach(tabId) {
      await evaluate(`(window.__wtTap.attach(${tabId}), true)`);
    },
    async detach(tabId) {
      await evaluate(`(window.__wtTap.detach(${tabId}), true)`);
    },
    // The hook writes frame events as tuples (FrameTuple): read them back as the panel does.
    batches: async (from = 0) => ((await evaluate(`window.__wtTap.batches.slice(${from})`)) as TappedBatch[]).map(readTuples),
    count: () => evaluate(`window.__wtTap.batches.length`),
  };
  return tap;
}

/** Folds tapped batches of one tab into a capture state with the real ingest (dedupe, drop detection). */
export function foldBatches(batches: TappedBatch[], tabId?: number): CaptureState {
  const state = createCaptureState();
  for (const b of batches) if (tabId === undefined || b.tabId === tabId) ingestBatch(state, b.batch);
  return state;
}
