/**
 * Panel entry. Inside DevTools it connects to the hub for the inspected tab; opened as a page
 * of its own it takes `?tabId=N`, or lists the hooked tabs to pick from. Where the panel can
 * open a port to a content script (`tabs.connect`: Chromium, also inside DevTools, and any
 * panel opened as a tab) batches come straight from the relays; else (a Firefox DevTools panel
 * has no `tabs`) through the hub (docs/design.md#places-and-data-flow).
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './app';
import { PanelStore } from './store';
import { TabPicker } from './tab-picker';
import { createPanelClient } from '../core/bridge/panel-client';
import { pendingSeqs } from '../core/store/ingest';
import { portLink } from '../core/bridge/port-link';
import { PORT_PANEL, PORT_STREAM, type CapturedTab, type HubToPanel, type PanelToHub, type PanelToRelay, type RelayInfo, type RelayToPanel } from '../core/bridge/messages';
import { applyTheme } from './theme';
import { installAutomation } from './automation';
import { pickTraceFile } from './import-file';
import { openExportDialog } from './export-dialog';
import { createSettingsStore, type SettingsChangeSource } from './settings-store';

const root = document.getElementById('app') as HTMLElement;
applyTheme();

const connectHub = () => portLink<HubToPanel, PanelToHub>(browser.runtime.connect({ name: PORT_PANEL }));

/** `tabs.connect` where this context has it; `documentId` is passed only where the hub knew it. */
type TabsConnect = (tabId: number, info: { frameId: number; name: string; documentId?: string }) => Parameters<typeof portLink>[0];

function relayConnector(): ((relay: RelayInfo) => ReturnType<typeof portLink<RelayToPanel, PanelToRelay>>) | undefined {
  let connect: TabsConnect | undefined;
  try {
    const tabs = (browser as { tabs?: { connect?: unknown } }).tabs;
    if (typeof tabs?.connect === 'function') connect = tabs.connect.bind(tabs) as TabsConnect;
  } catch {
    // no tabs API in this context
  }
  if (!connect) return undefined;
  const c = connect;
  return (r) => portLink<RelayToPanel, PanelToRelay>(c(r.tabId, r.documentId !== undefined ? { frameId: r.frameId, documentId: r.documentId, name: PORT_STREAM } : { frameId: r.frameId, name: PORT_STREAM }));
}

function inspectedTabId(): number | undefined {
  try {
    const id = browser.devtools?.inspectedWindow?.tabId;
    if (typeof id === 'number') return id;
  } catch {
    // not inside DevTools
  }
  const q = new URLSearchParams(location.search).get('tabId');
  return q !== null && /^\d+$/.test(q) ? Number(q) : undefined;
}

function listTabs(): Promise<CapturedTab[]> {
  return new Promise((resolve) => {
    const link = connectHub();
    link.onMessage((msg) => {
      if (msg.kind === 'hub-tabs') {
        resolve(msg.tabs);
        link.disconnect();
      }
    });
    link.post({ kind: 'panel-list-tabs' });
  });
}

function startPanel(tabId: number): void {
  const store = new PanelStore();
  installAutomation(store);
  const connectRelay = relayConnector();
  const client = createPanelClient({
    tabId,
    connect: connectHub,
    ...(connectRelay ? { connectRelay } : {}),
    marks: () => store.state.marks,
    pending: () => pendingSeqs(store.state),
    onBatch: (batch) => store.ingest(batch),
    onStatus: (up) => {
      store.linkUp.value = up;
    },
    // Delay 0 as a microtask: a hidden tab clamps even setTimeout(0) to 1 s or more.
    schedule: (fn, ms) => (ms <= 0 ? void Promise.resolve().then(fn) : void setTimeout(fn, ms)),
  });
  // Which transport the panel uses, for tests and bug reports (not shown).
  document.documentElement.dataset.transport = client.transport;
  store.requestFills = () => client.fillAll();
  store.hooksBehind = () => client.catchingUp;
  store.requestFault = (command) => client.fault(command);
  const actions = {
    onToggleRecording: () => {
      const resume = (): void => {
        store.recording.value = true;
        client.resume();
      };
      if (store.recording.value) {
        store.recording.value = false;
        client.pause();
      } else if (!store.askToResume(resume)) resume();
    },
    onClear: () => store.clear(),
    // An imported trace is a document of its own that replaces the live view (with Undo): recording
    // pauses until the user resumes it, which asks first and starts a fresh live capture
    // (docs/design.md#clear-import-and-resume).
    onImport: () => {
      store.recording.value = false;
      client.pause();
      pickTraceFile(store);
    },
    onExport: () => openExportDialog(store),
  };
  // Settings live in storage.local; relays read the capture part, other panels see changes.
  const changes: SettingsChangeSource = (cb) => {
    browser.storage.onChanged.addListener(cb);
    return () => browser.storage.onChanged.removeListener(cb);
  };
  const settings = createSettingsStore({ get: (keys) => browser.storage.local.get(keys), set: (items) => browser.storage.local.set(items) }, changes);
  render(<App store={store} actions={actions} settings={settings} />, root);
}

const tabId = inspectedTabId();
if (tabId === undefined) render(<TabPicker listTabs={listTabs} />, root);
else startPanel(tabId);
