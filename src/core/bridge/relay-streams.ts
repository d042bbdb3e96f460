/**
 * The panel's stream ports on the direct path (docs/design.md#places-and-data-flow): one port
 * per relay the hub announced (`hub-relays`), opened by the panel itself (`tabs.connect` in the
 * browser), carrying that relay's batches without passing through the hub. The panel names its
 * mark on each port (`panel-start`), so a port opened late, or again after its relay's document
 * came back from the back/forward cache, resumes exactly where the panel's store left off.
 * Ports outlive the hub: a service worker restart does not touch them.
 *
 * Each port pulls (docs/design.md#ring-buffer-and-streaming): its `panel-start` says `pull`,
 * and after ingesting each live batch the panel asks for the next with `panel-pull`, right in
 * the message handler (never from a timer or an animation frame: a standalone panel is often a
 * hidden tab, whose timers are throttled), naming the pace its measured cost allows (pull-pace.ts).
 */
import { ignoreUnknownKind, type EventBatch, type PanelToRelay, type RelayInfo, type RelayToPanel, type SeqMarks } from './messages';
import { lastSeqOfHookText, panelBatch } from './validate-batch';
import { createPullMeter, nextPull, notePullCost } from './pull-pace';
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
  /** Monotonic clock, ms, that times parse + ingest of each live batch (default `performance.now`). */
  now?: () => number;
}

/** The set of stream ports of one panel. */
export interface RelayStreams {
  /** Opens a port to each announced relay not streamed from yet (and starts it unless paused). */
  add(relays: readonly RelayInfo[]): void;
  /** Stops live batches on every port (fills still come); {@link RelayStreams.resume} restarts them from the marks. */
  pause(): void;
  /** Restarts every port from the current marks. */
  resume(): void;
  /** Asks every relay for everything its hook holds: unsent events and owed full previews (before an export). */
  fillAll(): void;
  /** True while a relay asked with {@link RelayStreams.fillAll} has not said its hook caught up (its port still open). */
  readonly catchingUp: boolean;
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
  const clock = (globalThis as { performance?: { now(): number } }).performance;
  const now = o.now ?? (clock ? () => clock.now() : () => Date.now());
  /** Sources asked for everything (`panel-fill-all`) that have not answered `caughtUp` yet. */
  const awaiting = new Set<string>();
  /** Parse + ingest cost per live event, over every port (one panel, one store). */
  const meter = createPullMeter();
  const start = (link: StreamLink, src: string): void => {
    const pending = o.pending?.()[src];
    const after = o.marks()[src] ?? 0;
    link.post(pending && pending.length > 0 ? { kind: 'panel-start', src, after, pending, pull: true } : { kind: 'panel-start', src, after, pull: true });
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
          const t0 = now();
          const batch = panelBatch(msg.text, info.src, paused, info.notTop);
          if (batch) o.onBatch(batch, info.frameId);
          if (batch?.caughtUp) awaiting.delete(info.src);
          if (paused || open.get(info.src) !== entry || (batch ? batch.fill : lastSeqOfHookText(msg.text) === 0)) return;
          // A live batch is in (or was refused: the stream must not stall on it): ask for the
          // next one, at the pace this panel can take.
          if (batch) notePullCost(meter, batch.events.length, now() - t0);
          link.post({ kind: 'panel-pull', ...nextPull(meter) });
          return;
        }
        default:
          ignoreUnknownKind(msg.kind);
      }
    });
    // The relay's document went away (navigation, close, back/forward cache): the hub
    // announces it again if it comes back.
    link.onDisconnect(() => {
      if (open.get(info.src) !== entry) return;
      open.delete(info.src);
      awaiting.delete(info.src);
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
      for (const [src, { link }] of open) {
        awaiting.add(src);
        link.post({ kind: 'panel-fill-all' });
      }
    },
    get catchingUp() {
      return awaiting.size > 0;
    },
    close() {
      for (const { link } of open.values()) link.disconnect();
      open.clear();
      awaiting.clear();
    },
    get size() {
      return open.size;
    },
  };
}
