/**
 * The panel's end of the bridge, independent of transport: attaches to the hub for one tab,
 * hands each batch to `onBatch`, and re-attaches after a disconnect (service worker restart)
 * with the current marks, so the hooks resend exactly what is missing. Two transports for the
 * batches, chosen by what the panel's context can do (docs/design.md#places-and-data-flow): with
 * `connectRelay` (the panel can open a port to a content script) each relay's batches come on
 * the panel's own stream port to it (relay-streams.ts) and the hub only says which relays
 * exist; without it the hub routes every batch (`hub-batch-text`).
 */
import type { FaultCommand } from '../fault/fault-command';
import { ignoreUnknownKind, type EventBatch, type HubToPanel, type PanelToHub, type PendingSeqs, type RelayInfo, type SeqMarks } from './messages';
import { panelBatch } from './validate-batch';
import type { Link } from './link';
import { createRelayStreams, type StreamLink } from './relay-streams';

/** Options of {@link createPanelClient}. */
export interface PanelClientOptions {
  tabId: number;
  connect: () => Link<HubToPanel, PanelToHub>;
  /** Current marks (highest hook-local seq held per source). */
  marks: () => SeqMarks;
  /** Frames held with a short preview, waiting for their fill, per source (default none). */
  pending?: () => PendingSeqs;
  onBatch: (batch: EventBatch, frameId: number) => void;
  /** Reports link state changes for the UI ("reconnecting…"). */
  onStatus?: (connected: boolean) => void;
  /** Runs `fn` after `ms` milliseconds; `ms` 0 means as soon as possible (never a throttled timer). */
  schedule: (fn: () => void, ms: number) => void;
  /**
   * Opens a stream port to one relay (direct path, e.g. `tabs.connect`); absent where the
   * panel's context cannot (a Firefox DevTools panel has no `tabs`), and then the hub routes
   * the batches. May throw (the tab is gone).
   */
  connectRelay?: (relay: RelayInfo) => StreamLink;
}

/** A running panel client. */
export interface PanelClient {
  /** Stops streaming (record paused) without closing the link. */
  pause(): void;
  /** Resumes streaming from the current marks. */
  resume(): void;
  /** Asks the tab's hooks for every full preview still owed, and on the direct path every event they hold unsent (before an export). */
  fillAll(): void;
  /** True while a hook asked by {@link PanelClient.fillAll} on the direct path has not sent all it held. */
  readonly catchingUp: boolean;
  /** Sends a fault command to the inspected tab's hooks (docs/design.md#fault-commands). */
  fault(command: FaultCommand): void;
  /** Detaches and closes the link for good. */
  close(): void;
  /** Which way batches come: `direct` (stream ports to the relays) or `hub`. */
  readonly transport: 'direct' | 'hub';
}

/** First reconnect delay after a failed attempt, ms (the first attempt after a drop is at once). */
const RETRY_MS = 50;
/** Longest reconnect delay, ms. */
const RETRY_MAX_MS = 2000;

/**
 * Starts the client. After a drop it reconnects at once (delay 0: a service worker or event
 * page restart wakes on the connect, and a hidden panel tab's timers are throttled to 1 s or
 * more, while the hooks buffer meanwhile), then after 50 ms doubling to 2 s while attempts fail.
 */
export function createPanelClient(o: PanelClientOptions): PanelClient {
  let link: Link<HubToPanel, PanelToHub> | undefined;
  let closed = false;
  let paused = false;
  let delay = 0;
  const streams = o.connectRelay ? createRelayStreams({ connect: o.connectRelay, marks: o.marks, pending: o.pending, onBatch: o.onBatch }) : undefined;
  const retry = (): void => {
    o.schedule(connect, delay);
    delay = delay === 0 ? RETRY_MS : Math.min(delay * 2, RETRY_MAX_MS);
  };
  const attach = (): void => {
    if (streams) {
      // Marks and pending previews go to each relay on its stream port (panel-start).
      link?.post({ kind: 'panel-attach', tabId: o.tabId, after: {}, direct: true });
      return;
    }
    const pending = o.pending?.();
    link?.post(pending && Object.keys(pending).length > 0 ? { kind: 'panel-attach', tabId: o.tabId, after: o.marks(), pending } : { kind: 'panel-attach', tabId: o.tabId, after: o.marks() });
  };
  const connect = (): void => {
    if (closed) return;
    let l: Link<HubToPanel, PanelToHub>;
    try {
      l = o.connect();
    } catch {
      o.onStatus?.(false);
      retry();
      return;
    }
    link = l;
    l.onMessage((msg) => {
      delay = 0;
      switch (msg.kind) {
        case 'hub-batch-text': {
          const batch = panelBatch(msg.text, msg.src, paused, msg.notTop);
          if (batch) o.onBatch(batch, msg.frameId);
          return;
        }
        case 'hub-relays':
          if (!paused) streams?.add(msg.relays);
          return;
        case 'hub-tabs':
          return; // the answer to `panel-list-tabs`, which only the tab picker asks (panel/main.tsx)
        default:
          ignoreUnknownKind(msg);
      }
    });
    l.onDisconnect(() => {
      if (link === l) link = undefined;
      o.onStatus?.(false);
      retry();
    });
    o.onStatus?.(true);
    if (!paused) attach();
  };
  connect();
  return {
    pause() {
      paused = true;
      streams?.pause();
      link?.post({ kind: 'panel-detach' });
    },
    resume() {
      paused = false;
      streams?.resume();
      attach();
    },
    fillAll() {
      if (streams) streams.fillAll();
      else link?.post({ kind: 'panel-fill-all' });
    },
    get catchingUp() {
      return streams?.catchingUp ?? false;
    },
    fault(command) {
      link?.post({ kind: 'panel-fault', command });
    },
    close() {
      closed = true;
      streams?.close();
      link?.post({ kind: 'panel-detach' });
      link?.disconnect();
    },
    transport: streams ? 'direct' : 'hub',
  };
}
