/**
 * Text of table rows: kind labels, time relative to the connection's open, and the one-line
 * preview of frames (payload text, binary as hex), lifecycle events (close code with its name)
 * and sync requests (method, redacted URL, status). Pure; payloads stay plain strings.
 */
import type { CaptureState } from '../store/capture-state';
import type { KeptBy } from './fault-track';
import type { TraceEvent } from '../events';
import type { Profile } from '../profile/types';
import { describeCloseCode } from '../close-codes';
import { formatBytes, previewPayload, formatFrameSize } from '../format';
import { redactUrl } from '../redact';
import { readyStateName } from '../analysis/format';
import { DIR_IN, DIR_OUT, KIND_HEARTBEAT, KIND_LIFECYCLE, KIND_SYNC, SUB_PING, type RowIndex } from './row-index';

/** What row text needs: the events, the index, the capture (connection open times) and the profile. */
export interface RowTextContext {
  events: readonly TraceEvent[];
  index: RowIndex;
  state: CaptureState;
  profile: Profile;
  /** Lower-cased redaction keys (docs/design.md#redaction) for URLs shown in rows. */
  redactKeys: ReadonlySet<string>;
}

/** Label of the Kind column: data, ping, pong, hello, sync, or the lifecycle event (create, open, error, close(), close). */
export function kindLabel(ctx: RowTextContext, r: number): string {
  const k = ctx.index.kind.get(r);
  if (k === KIND_HEARTBEAT) return ctx.index.sub.get(r) === SUB_PING ? 'ping' : 'pong';
  if (k === KIND_LIFECYCLE) {
    const e = ctx.events[ctx.index.ev.get(r)];
    switch (e?.type) {
      case 'ws-create':
        return 'create';
      case 'ws-open':
        return 'open';
      case 'ws-error':
        return 'error';
      case 'ws-close-call':
        return 'close()';
      case 'ws-close':
        return 'close';
      default:
        return 'event';
    }
  }
  return ctx.index.kindName(r);
}

/** Arrow of the Dir column: ↓ received by the page, ↑ sent by the page, blank otherwise. */
export function dirArrow(ctx: RowTextContext, r: number): string {
  const d = ctx.index.dir.get(r);
  return d === DIR_IN ? '↓' : d === DIR_OUT ? '↑' : '';
}

/**
 * Time relative to the connection's `open` (ms): "+1.234 s", "+12 ms"; "−5 ms" before open;
 * "" when the row has no connection or the connection never opened.
 */
export function relativeToOpen(ctx: RowTextContext, r: number): string {
  const lane = ctx.index.lane.get(r);
  if (lane < 0) return '';
  const conn = ctx.index.lanes[lane]?.conn;
  const c = conn === undefined ? undefined : ctx.state.connections.get(conn);
  const e = ctx.events[ctx.index.ev.get(r)];
  if (!c || c.openT === undefined || !e) return '';
  return formatOffset(e.t - c.openT);
}

/**
 * What a "Δ open" value means, for its tooltip: rows before `open` (the `create` row, a
 * `send()` while connecting) get a negative offset, which reads as a glitch without a word:
 * "32 ms before open: the opening handshake was still running" (RFC 6455 §4). Rows at or after
 * open: "1.234 s after the connection opened". "" where {@link relativeToOpen} is "".
 */
export function relativeToOpenNote(ctx: RowTextContext, r: number): string {
  const text = relativeToOpen(ctx, r);
  if (!text) return '';
  const abs = text.slice(1);
  return text.startsWith('−') ? `${abs} before open: the opening handshake was still running` : `${abs} after the connection opened`;
}

/** Formats an offset in ms with its sign: "+850 ms", "+1.234 s", "+2 min 05.0 s", "−12 ms". */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '−' : '+';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)} ms`;
  if (a < 60000) return `${sign}${(a / 1000).toFixed(3)} s`;
  const m = Math.floor(a / 60000);
  return `${sign}${m} min ${((a % 60000) / 1000).toFixed(1).padStart(4, '0')} s`;
}

/** The Size column: true size of a frame in bytes ("" for other rows). */
export function sizeLabel(ctx: RowTextContext, r: number): string {
  const e = ctx.events[ctx.index.ev.get(r)];
  return e && (e.type === 'ws-send' || e.type === 'ws-message') ? formatFrameSize(e.size) : '';
}

/** The Position column: the stream position (or in-band sync cursor) the row carries. */
export function positionLabel(ctx: RowTextContext, r: number): string {
  const p = ctx.index.pos.get(r);
  return Number.isNaN(p) ? '' : String(p);
}

/** One-line preview of a row (see module comment); at most `maxChars` of payload. */
export function rowPreview(ctx: RowTextContext, r: number, maxChars = 200): string {
  const e = ctx.events[ctx.index.ev.get(r)];
  if (!e) return '';
  switch (e.type) {
    case 'ws-send':
    case 'ws-message':
      return previewPayload(e.data, e.encoding, maxChars);
    case 'ws-create':
      return `new WebSocket(${redactUrl(e.url, ctx.redactKeys)})${e.protocols.length ? ` protocols ${e.protocols.join(', ')}` : ''}`;
    case 'ws-open':
      return `open${e.protocol ? ` · subprotocol ${e.protocol}` : ''}${e.extensions ? ` · ${e.extensions}` : ''}`;
    case 'ws-error':
      return 'error event';
    case 'ws-close-call':
      return `page called close(${e.code ?? ''}${e.reason ? `, ${JSON.stringify(e.reason)}` : ''})${e.error ? ` — threw ${e.error}` : ''}`;
    case 'ws-close': {
      const info = describeCloseCode(e.code, ctx.profile.closeCodes, ctx.profile.name);
      return `closed ${e.code} ${info.name}${e.reason ? ` · reason ${JSON.stringify(e.reason)}` : ''}${e.wasClean ? '' : ' · not clean'}`;
    }
    case 'http-request': {
      const done = ctx.index.syncDone.get(r);
      const d = done === undefined ? undefined : ctx.events[done];
      const result = d?.type === 'http-response' ? ` → ${d.status}` : d?.type === 'http-error' ? ` → ${d.error}` : ' → pending';
      return `${e.method} ${redactUrl(e.url, ctx.redactKeys)}${result}`;
    }
    default:
      return e.type;
  }
}

/** Text the table search looks at: the payload for text frames, the hex preview for binary, the preview otherwise. */
export function rowSearchText(ctx: RowTextContext, r: number): string {
  const e = ctx.events[ctx.index.ev.get(r)];
  if (!e) return '';
  if (e.type === 'ws-send' || e.type === 'ws-message') return e.encoding === 'text' ? e.data : previewPayload(e.data, 'base64', 192);
  return rowPreview(ctx, r);
}

/** `readyState` note for a `send()` made while not OPEN ("" when it was OPEN). */
export function sendStateNote(e: TraceEvent): string {
  return e.type === 'ws-send' && e.readyState !== 1 ? `sent while ${readyStateName(e.readyState)}` : '';
}

/**
 * What a fault did to this event (docs/design.md#fault-events-and-flags), '' when nothing: a
 * `faulted` received frame was "kept from the page by freeze" (or skip, or after a drop/close,
 * per `keptBy` from core/view/fault-track.ts), a `faulted` sent frame never left (freeze); a
 * `synthetic` event was "made up by Wavetrace (fault)".
 */
export function faultNote(e: TraceEvent, keptBy: KeptBy | undefined): string {
  if (e.type === 'ws-send' && e.faulted) return 'never left the page: held back by freeze (fault)';
  if (e.type === 'ws-message' && e.faulted) return `kept from the page by ${keptBy === 'skip' ? 'skip' : keptBy === 'close' ? 'drop/close (the page already saw the socket closed)' : keptBy === 'freeze' ? 'freeze' : 'freeze/skip'} (fault)`;
  return e.synthetic ? 'made up by Wavetrace (fault)' : '';
}

/** True for sync rows (HTTP sync requests and in-band sync frames). */
export function isSyncRow(index: RowIndex, r: number): boolean {
  return index.kind.get(r) === KIND_SYNC;
}
