/**
 * The panel's end of the bridge, independent of transport: attaches to the hub for one tab,
 * hands each batch to `onBatch`, and re-attaches after a disconnect (service worker restart)
 * with the current marks, so the hooks resend exactly what is missing.
 */
import type { EventBatch, HubToPanel, PanelToHub, PendingSeqs, SeqMarks } from './messages';
import { parseHookBatchText } from './validate-batch';
import type { Link } from './link';

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
  schedule: (fn: () => void, ms: number) => void;
}

/** A running panel client. */
export interface PanelClient {
  /** Stops streaming (record paused) without closing the link. */
  pause(): void;
  /** Resumes streaming from the current marks. */
  resume(): void;
  /** Asks the tab's hooks for every full preview still owed (before an export). */
  fillAll(): void;
  /** Detaches and closes the link for good. */
  close(): void;
}

/** Starts the client; reconnect delays: 50 ms doubling to 2 s. */
export function createPanelClient(o: PanelClientOptions): PanelClient {
  let link: Link<HubToPanel, PanelToHub> | undefined;
  let closed = false;
  let paused = false;
  let delay = 50;
  const attach = (): void => {
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
      o.schedule(connect, delay);
      delay = Math.min(delay * 2, 2000);
      return;
    }
    link = l;
    l.onMessage((msg) => {
      delay = 50;
      if (msg.kind === 'hub-batch-text') {
        const batch = parseHookBatchText(msg.text, msg.src);
        // While paused only fills pass: they complete frames already held, they add none.
        if (!batch || (paused && !batch.fill)) return;
        if (msg.notTop) batch.top = false;
        o.onBatch(batch, msg.frameId);
      }
    });
    l.onDisconnect(() => {
      if (link === l) link = undefined;
      o.onStatus?.(false);
      o.schedule(connect, delay);
      delay = Math.min(delay * 2, 2000);
    });
    o.onStatus?.(true);
    if (!paused) attach();
  };
  connect();
  return {
    pause() {
      paused = true;
      link?.post({ kind: 'panel-detach' });
    },
    resume() {
      paused = false;
      attach();
    },
    fillAll() {
      link?.post({ kind: 'panel-fill-all' });
    },
    close() {
      closed = true;
      link?.post({ kind: 'panel-detach' });
      link?.disconnect();
    },
  };
}
