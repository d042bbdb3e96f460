/**
 * Messages between the places of docs/design.md#messages-between-places, named by direction (Redux DevTools style):
 * hook → relay → panel carry event batches (on the panel's own stream port, or through the
 * hub where the panel cannot open one); panel → relay → hook (or panel → hub → relay → hook)
 * carry start/stop streaming. Every message is a plain object with a `kind` discriminator so each
 * place can validate what it receives (Apollo Client DevTools style typed adapters).
 */
import type { FaultCommand } from '../fault/fault-command';
import type { ConnId, TraceEvent } from '../events';
import type { CaptureConfig } from '../store/capture-config';

/** Per-source high-water marks: source id → highest seq the panel already holds. */
export type SeqMarks = Record<string, number>;

/** Per source: hook-local seqs the panel holds with a short live preview, waiting for their fill. */
export type PendingSeqs = Record<string, number[]>;

/** A batch of events from one hook instance (one document in one frame). */
export interface EventBatch {
  /** Random id of the hook instance (one per document). */
  src: string;
  /** URL of the document the hook runs in. */
  frameUrl: string;
  /** True for the top-level document of the tab. */
  top: boolean;
  /**
   * Events in capture order. `seq` is local to `src` and contiguous, so a jump between
   * batches means the ring buffer overwrote exactly that many events before they were sent.
   */
  events: TraceEvent[];
  /**
   * Live batch: hook-local seqs of frames sent with a short preview (over the live budget);
   * their full preview follows in a `fill` batch. Such a text frame may carry `size` -1: its
   * UTF-8 size is measured later (it comes with the fill, or in `lostSizes`).
   */
  owed?: number[];
  /**
   * Fill batch: `events` are frames sent earlier with a short preview, now with their full
   * preview (same hook-local seq); nothing new is appended.
   */
  fill?: boolean;
  /** Fill batch: owed seqs whose full preview the hook could not keep (their short preview stays). */
  lost?: number[];
  /** Fill batch: true size in bytes of each `lost` frame, in the same order. */
  lostSizes?: number[];
  /**
   * Fill batch: the hook has sent everything a fill-all asked for (every held event, every owed
   * preview), so a panel about to export holds all of this source up to now.
   */
  caughtUp?: true;
  /**
   * Live batch served to a pulling reader while the page is busy (its events arrive at least
   * the busy rate, docs/design.md#ring-buffer-and-streaming). A paced serve carries fewer
   * events than the page made, so the reader cannot tell from its own arrival rate that the
   * page is busy: this says so, and the panel steps back as for a busy stream.
   */
  busy?: true;
}

/**
 * hook → relay (over the page's private DOM-event channel, JSON text). `last`: the highest
 * hook-local seq of a live batch (0 for a fill), written before `batch` so the hub can read
 * it from the text's first characters without parsing the rest.
 */
export type HookToRelay = { kind: 'hook-batch'; last?: number; batch: WireBatch };

/**
 * A frame event as the hook writes it into a batch's text: a tuple instead of an object, so the
 * text carries no key names (a 100-byte frame's share of the text falls from about 250 to about
 * 150 characters, and every place the text passes pays per character):
 * `[kind, t, seq, conn, opcode, size, data, flags, readyState?]` with kind 0 `ws-message` or
 * 1 `ws-send` (then `readyState` follows), `encoding` implied by `opcode` (1 text, 2 base64)
 * and `flags` bit 1 `truncated`, bit 2 `faulted`, bit 4 `synthetic`, bit 8 `blobUnread`.
 * Written by `page/wire-batch.ts`, read by `core/bridge/wire-frames.ts`.
 */
export type FrameTuple = [kind: 0 | 1, t: number, seq: number, conn: ConnId, opcode: 1 | 2, size: number, data: string, flags: number, readyState?: number];

/** `flags` bits of a {@link FrameTuple}. */
export const FRAME_TRUNCATED = 1;
export const FRAME_FAULTED = 2;
export const FRAME_SYNTHETIC = 4;
export const FRAME_BLOB_UNREAD = 8;

/** An {@link EventBatch} as the hook writes it: frame events as {@link FrameTuple}s, other events as objects. */
export type WireBatch = Omit<EventBatch, 'events'> & { events: (TraceEvent | FrameTuple)[] };

/**
 * relay → hook. `after`: send events with seq > after, then stream live (a `relay-start` also
 * grants one pull credit). `relay-config`
 * carries the capture settings from `storage.local` (sync paths of the active profile, ring
 * buffer limits, preview caps); the hook starts with the compiled-in defaults.
 * `relay-demand`: whether every active reader pulls (`pull` true: the hook holds events until a
 * `relay-pull`) or at least one takes pushed batches (false, the hook's default);
 * `relay-pull`: one credit to serve, with the reader's pace (docs/design.md#ring-buffer-and-streaming).
 */
export type RelayToHook =
  | { kind: 'relay-start'; after: number; pending?: number[] }
  | { kind: 'relay-demand'; pull: boolean }
  | ({ kind: 'relay-pull' } & PullPace)
  | { kind: 'relay-stop' }
  | { kind: 'relay-ready' }
  | { kind: 'relay-config'; config: CaptureConfig }
  | { kind: 'relay-fill-all' }
  /** Apply a fault (docs/design.md#fault-commands); a hook without the named socket ignores it. */
  | { kind: 'relay-fault'; command: FaultCommand };

/** relay → hub (runtime port named "relay"). */
export type RelayToHub =
  /**
   * The hook's `hook-batch` message as the JSON text it arrived in. The relay forwards it
   * unparsed, off the page's main thread (the isolated world shares that thread with the
   * page); the hub routes it unparsed too, reading only its last seq, and the panel parses and
   * validates it (`hub-batch-text`).
   */
  | { kind: 'relay-batch-text'; src: string; text: string }
  | { kind: 'relay-hello'; src: string; frameUrl: string; top: boolean };

/**
 * hub → relay. `hub-start`: stream from the panel's marks (`after`, per source); `hub-stop`:
 * no panel listens any more; `hub-fill-all`: send every owed full preview now (a panel is
 * about to export); `hub-fault`: a fault command for the hooks of the tab
 * (docs/design.md#fault-commands).
 */
export type HubToRelay = { kind: 'hub-start'; after: SeqMarks; pending?: PendingSeqs } | { kind: 'hub-stop' } | { kind: 'hub-fill-all' } | { kind: 'hub-fault'; command: FaultCommand };

/**
 * panel → hub (runtime port named "panel").
 * `panel-attach`: stream the tab to this panel from `after`; `pending` lists frames it holds
 * with a short preview (their hooks rebuild what they owe from it). `panel-detach`: stop
 * streaming (recording paused); fills asked for with `panel-fill-all` still reach the panel.
 * `panel-list-tabs`: asks for the captured tabs (`hub-tabs`), for a panel opened outside DevTools.
 * `panel-fill-all`: asks the tab's hooks for every owed full preview now (before an export).
 */
/** `panel-fault`: a fault command for the inspected tab's hooks (docs/design.md#fault-commands). */
/**
 * `direct`: the panel reads the tab's batches straight from its relays
 * (docs/design.md#places-and-data-flow): the hub then starts no relay for it, and answers with
 * `hub-relays` (now and whenever a relay joins) instead of routing batches; `after` and
 * `pending` travel on each relay's stream port (`panel-start`) instead.
 */
export type PanelToHub =
  | { kind: 'panel-attach'; tabId: number; after: SeqMarks; pending?: PendingSeqs; direct?: true }
  | { kind: 'panel-detach' }
  | { kind: 'panel-list-tabs' }
  | { kind: 'panel-fill-all' }
  | { kind: 'panel-fault'; command: FaultCommand };

/** A tab with at least one live relay, as listed for a panel opened outside DevTools. */
export interface CapturedTab {
  tabId: number;
  /** URL of the tab's top-level document (from its hook's handshake). */
  url: string;
}

/**
 * hub → panel. `frameId` is the browser's frame id of the sending relay (0 = top frame).
 * `tabId` (optional) is set when the batch comes from another tab than the one the panel
 * inspects: a popup the inspected tab opened (its `openerTabId`).
 */
export type HubToPanel =
  /**
   * A hook batch still in the JSON text the hook wrote (`hook-batch` message of source
   * `src`): the hub routes it unparsed and the panel parses and validates it, so the service
   * worker neither parses nor re-serialises event objects. `notTop`: the batch's document is
   * not the top-level document of the panel's tab (a popup's, routed to its opener).
   */
  | { kind: 'hub-batch-text'; frameId: number; src: string; text: string; tabId?: number; notTop?: true }
  | { kind: 'hub-tabs'; tabs: CapturedTab[] }
  /**
   * To a panel attached with `direct`: relays it should open a stream port to. Sent with every
   * attach (all the tab's relays, and its popups') and again, one relay at a time, when a relay
   * joins; a relay the panel already streams from is listed again after a hub restart.
   */
  | { kind: 'hub-relays'; relays: RelayInfo[] };

/**
 * A relay as the hub announces it to a direct panel: where to open the stream port
 * (`tabs.connect(tabId, { frameId, documentId })`) and which hook it serves (`src`, checked by
 * the relay on `panel-start`, so a port that reaches a newer document of the frame is refused).
 */
export interface RelayInfo {
  tabId: number;
  /** The browser's frame id (0 = top frame). */
  frameId: number;
  /** The browser's document id (`sender.documentId`), where the browser gives one. */
  documentId?: string;
  /** The hook instance the relay serves. */
  src: string;
  /** True when the relay's tab is not the panel's own (a popup of it, by `openerTabId`). */
  notTop?: true;
}

/**
 * A pulling reader's pace (docs/design.md#ring-buffer-and-streaming): while the page is busy
 * the hook serves at most `max` live events per serve, and serves at least `gapMs` ms apart.
 * While the page is quiet it serves its usual chunk.
 */
export interface PullPace {
  /** Most live events per serve while the page is busy (≥ 1). */
  max: number;
  /** Least time between serves while the page is busy, ms. */
  gapMs: number;
}

/**
 * panel → relay, on a stream port the panel opened to one relay (docs/design.md#messages-between-places).
 * `panel-start`: stream to this port what the hook holds after `after` (the panel's mark for
 * `src`), then live; the relay refuses (disconnects) a port whose `src` is not its hook's.
 * `panel-pause`: recording paused; only fills still reach the port. `panel-fill-all`: send every
 * owed full preview now (before an export). With `pull` on `panel-start` the port pulls: it
 * gets live batches only when it asks with `panel-pull` (after ingesting one), paced by its
 * {@link PullPace} (docs/design.md#ring-buffer-and-streaming).
 */
export type PanelToRelay =
  | { kind: 'panel-start'; src: string; after: number; pending?: number[]; pull?: true }
  | ({ kind: 'panel-pull' } & PullPace)
  | { kind: 'panel-pause' }
  | { kind: 'panel-fill-all' };

/**
 * relay → panel, on a stream port: a `hook-batch` message of the relay's hook, still in the JSON
 * text the hook wrote, parsed and validated by the panel as on the hub path (`hub-batch-text`).
 */
export type RelayToPanel = { kind: 'relay-batch-text'; text: string };

/**
 * The `default` branch of a `switch (msg.kind)` over one of the unions above. Its parameter is
 * typed `never`, so a kind added to a union fails typecheck in every handler that does not
 * handle it (docs/design.md#messages-between-places). At run time it does nothing: a message of
 * a kind this build does not know (e.g. from a content script of an older build still running in
 * a tab after an update) is ignored, like any message a place cannot use.
 */
export function ignoreUnknownKind(msg: never): void {
  void msg;
}

/** Names of the runtime ports, one word per place (docs/design.md#places-and-data-flow). */
export const PORT_RELAY = 'relay';
export const PORT_PANEL = 'panel';
/** A panel's stream port to one relay (`tabs.connect`), carrying batches without the hub. */
export const PORT_STREAM = 'stream';
