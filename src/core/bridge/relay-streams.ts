/**
 * The panel's stream ports on the direct path (docs/design.md#places-and-data-flow): one port
 * per relay the hub announced (`hub-relays`), opened by the panel itself (`tabs.connect` in the
 * browser), carrying that relay's batches without passing through the hub. The panel names its
 * mark on each port (`panel-start`), so a port opened late, or again after its relay's document
 * came back from the back/forward cache, resumes exactly where the panel's store left off.
 * Ports outlive the hub: a service worker restart does not touch them.
 */
import { ignoreUnknownKind, type EventBatch, type PanelToRelay, type RelayInfo, type RelayToPanel, type SeqMarks } from './messages';
import { panelBatch } from './validate-batch';
import type { Link } from './link';

/** A stream port as the panel holds it. */
export type StreamLink = Link<RelayToPanel, PanelToRelay>;

/** Options of {@link createRelayStreams}. */
export interface RelayStreamsOptions {
  /** Opens a stream port to a relay (`tabs.connect(tabId, { frameId, documentId, name: "stream" })`). May throw (tab gone). */
  connect: (relay: RelayInfo) => StreamLink;
  /** Current marks (highest hook-local seq held per source). */
  marks: () => SeqMarks;
  /** Frames held with a short preview, per source. */
  pending?: () => Record<string, number[]>;
  /** A parsed, validated batch and the browser's frame id of its relay. */
  onBatch: (batch: EventBatch, frameId: number) => void;
}

/** The set of stream ports of one panel. */
export interface RelayStreams {
  /** Opens a port to each announced relay not streamed from yet (and starts it unless paused). */
  add(relays: readonly RelayInfo[]): void;
  /** Stops live batches on every port (fills still come); {@link RelayStreams.resume} restarts them from the marks. */
  pause(): void;
  /** Restarts every port from the current marks. */
  resume(): void;
  /** Asks every relay for the full previews its hook still owes. */
  fillAll(): void;
  /** Closes every port. */
  close(): void;
  /** Number of open ports (for tests and diagnostics). */
  readonly size: number;
}

/** Creates the port set; it starts unpaused. */
export function createRelayStreams(o: RelayStreamsOptions): RelayStreams {
  /** Open ports by the `src` of the hook they serve. */
  const open = new Map<string, { link: StreamLink; info: RelayInfo }>();
  let paused = false;
  const start = (link: StreamLink, src: string): void => {
    const pending = o.pending?.()[src];
    const after = o.marks()[src] ?? 0;
    link.post(pending && pending.length > 0 ? { kind: 'panel-start', src, after, pending } : { kind: 'panel-start', src, after });
  };
  const connect = (info: RelayInfo): void => {
    let link: StreamLink;
    try {
      link = o.connect(info);
    } catch {
      return; // the tab is gone: nothing to stream
    }
    const entry = { link, info };
    open.set(info.src, entry);
    link.onMessage((msg) => {
      switch (msg.kind) {
        case 'relay-batch-text': {
          const batch = panelBatch(msg.text, info.src, paused, info.notTop);
          if (batch) o.onBatch(batch, info.frameId);
          return;
        }
        default:
          ignoreUnknownKind(msg.kind);
      }
    });
    // The relay's document went away (navigation, close, back/forward cache): the hub
    // announces it again if it comes back.
    link.onDisconnect(() => {
      if (open.get(info.src) === entry) open.delete(info.src);
    });
    if (!paused) start(link, info.src);
  };
  return {
    add(relays) {
      for (const r of relays) if (typeof r.src === 'string' && !open.has(r.src)) connect(r);
    },
    pause() {
      paused = true;
      for (const { link } of open.values()) link.post({ kind: 'panel-pause' });
    },
    resume() {
      paused = false;
      for (const [src, { link }] of open) start(link, src);
    },
    fillAll() {
      for (const { link } of open.values()) link.post({ kind: 'panel-fill-all' });
    },
    close() {
      for (const { link } of open.values()) link.disconnect();
      open.clear();
    },
    get size() {
      return open.size;
    },
  };
}
