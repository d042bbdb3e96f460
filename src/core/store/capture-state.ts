/**
 * The capture state the panel and viewer render: every event (re-numbered with a trace-wide
 * `seq`) plus per-connection summaries. Updated by the pure reducer {@link applyEvent}
 * (Preact DevTools style): given the same events in the same order it always produces the
 * same state, so a snapshot is readable and testable in Node.
 */
import type { ConnId, TraceEvent, WsMessageEvent, WsSendEvent } from '../events';
import type { SeqMarks } from '../bridge/messages';

/** Lifecycle of a connection as the page saw it (WebSocket.readyState names, plus `failed`). */
export type ConnectionStatus = 'connecting' | 'open' | 'closing' | 'closed' | 'gone';

/** What the panel shows per connection. Times in ms since the Unix epoch, sizes in bytes. */
export interface ConnectionSummary {
  conn: ConnId;
  url: string;
  frameUrl: string;
  protocols: string[];
  /** Negotiated subprotocol ("" until open or when none). */
  protocol: string;
  extensions: string;
  status: ConnectionStatus;
  createdT: number;
  openT?: number;
  closeT?: number;
  /** When the connection's document went away (a top-level navigation) with no close event, ms since the epoch. */
  goneT?: number;
  closeCode?: number;
  closeReason?: string;
  wasClean?: boolean;
  errors: number;
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Indexes into {@link CaptureState.events} of this connection's frames, in order. */
  frames: number[];
}

/** The whole capture: events in trace order and derived per-connection summaries. */
export interface CaptureState {
  /** Events in trace order; `seq` is trace-wide (1, 2, 3 …). */
  events: TraceEvent[];
  connections: Map<ConnId, ConnectionSummary>;
  /** Connection ids in creation order. */
  connOrder: ConnId[];
  /** Highest hook-local seq ingested per source (for dedupe and for resuming a stream). */
  marks: SeqMarks;
  /** Sum over sources of events the hooks dropped (ring buffer overwrites). */
  dropped: number;
  /** Per source: dropped count already reported. */
  droppedBySrc: Record<string, number>;
  /**
   * Workers and SharedWorkers the page created (`worker-created`), in order: contexts whose
   * WebSockets the page hook cannot see (docs/design.md#what-the-hook-cannot-see, `coverage-worker`).
   */
  workers: { kind: 'worker' | 'shared-worker'; url: string; t: number }[];
  /**
   * Frames that arrived with a short live preview (over the hook's live budget) and whose full
   * preview is still to come in a fill batch: `src + " " + hook-local seq` → event index.
   */
  pendingPreviews: Map<string, number>;
  /**
   * Frames whose full preview was lost (`previewLost`): they keep their short live preview for
   * good, because the hook's owed queue pushed it out, or its ring buffer no longer held it
   * when a panel re-attached (docs/design.md#live-preview-budget). Counted on ingest of a fill
   * batch's `lost` and on loading a trace's flagged frames.
   */
  cutPreviews: number;
  /** Bumped on every change, so views can cheaply tell that something changed. */
  version: number;
}

/** A new, empty capture state. */
export function createCaptureState(): CaptureState {
  return { events: [], connections: new Map(), connOrder: [], marks: {}, dropped: 0, droppedBySrc: {}, workers: [], pendingPreviews: new Map(), cutPreviews: 0, version: 0 };
}

/**
 * Applies one event (already numbered with its trace-wide seq) to the state, mutating it in
 * place (O(1) per event). Unknown connections referenced by later events are created on the
 * fly so a trace that starts mid-connection still renders.
 */
export function applyEvent(state: CaptureState, e: TraceEvent): void {
  const index = state.events.length;
  state.events.push(e);
  state.version++;
  switch (e.type) {
    case 'ws-create': {
      const c: ConnectionSummary = {
        conn: e.conn, url: e.url, frameUrl: e.frameUrl, protocols: e.protocols, protocol: '', extensions: '',
        status: 'connecting', createdT: e.t, errors: 0, framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, frames: [],
      };
      if (!state.connections.has(e.conn)) state.connOrder.push(e.conn);
      state.connections.set(e.conn, c);
      return;
    }
    case 'ws-open': {
      const c = ensureConn(state, e.conn, e.t);
      c.status = 'open';
      c.openT = e.t;
      c.protocol = e.protocol;
      c.extensions = e.extensions;
      return;
    }
    case 'ws-send':
    case 'ws-message':
      addFrame(state, e, index);
      if (e.previewLost) state.cutPreviews++;
      return;
    case 'ws-error':
      ensureConn(state, e.conn, e.t).errors++;
      return;
    case 'ws-close-call': {
      const c = ensureConn(state, e.conn, e.t);
      if (!e.error && c.status !== 'closed') c.status = 'closing';
      return;
    }
    case 'ws-close': {
      const c = ensureConn(state, e.conn, e.t);
      c.status = 'closed';
      c.closeT = e.t;
      c.closeCode = e.code;
      c.closeReason = e.reason;
      c.wasClean = e.wasClean;
      return;
    }
    case 'page-navigation':
      // A new top-level document: the old documents' sockets are gone, without a close event
      // (the page unloaded before one could fire). docs/design.md#analysis ends them at the navigation.
      for (const c of state.connections.values()) {
        if (c.status === 'closed' || c.status === 'gone') continue;
        c.status = 'gone';
        c.goneT = e.t;
      }
      return;
    case 'worker-created':
      state.workers.push({ kind: e.kind, url: e.url, t: e.t });
      return;
    case 'capture-dropped':
      return;
    default:
      return;
  }
}

function addFrame(state: CaptureState, e: WsSendEvent | WsMessageEvent, index: number): void {
  const c = ensureConn(state, e.conn, e.t);
  c.frames.push(index);
  // size -1 = not measured yet (a live frame over the hook's budget): counted when its fill comes.
  if (e.type === 'ws-send') {
    c.framesOut++;
    c.bytesOut += e.size > 0 ? e.size : 0;
  } else {
    c.framesIn++;
    c.bytesIn += e.size > 0 ? e.size : 0;
  }
}

/**
 * Replaces the frame at event index `i` with `e` (same event, its full preview or measured
 * size arrived), keeping its trace-wide seq and the connection's byte counts right.
 */
export function replaceFrame(state: CaptureState, i: number, e: WsSendEvent | WsMessageEvent): void {
  const old = state.events[i];
  if (!old || old.type !== e.type) return;
  const c = state.connections.get(e.conn);
  const delta = (e.size > 0 ? e.size : 0) - (old.size > 0 ? old.size : 0);
  if (c && e.type === 'ws-send') c.bytesOut += delta;
  else if (c) c.bytesIn += delta;
  state.events[i] = { ...e, seq: old.seq };
  state.version++;
}

function ensureConn(state: CaptureState, conn: ConnId, t: number): ConnectionSummary {
  let c = state.connections.get(conn);
  if (!c) {
    c = {
      conn, url: '(created before capture started)', frameUrl: '', protocols: [], protocol: '', extensions: '',
      status: 'open', createdT: t, errors: 0, framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0, frames: [],
    };
    state.connections.set(conn, c);
    state.connOrder.push(conn);
  }
  return c;
}
