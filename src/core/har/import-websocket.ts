/**
 * One WebSocket entry of a HAR → `ws-create`, `ws-open`, frames, errors and recorded closes
 * (docs/design.md#har-import-and-export). No `ws-close` is invented: only a close the writer
 * recorded, at a time on the epoch clock, becomes one.
 */
import type { ConnId, WsCloseCallEvent } from '../events';
import { base64ByteLength, base64ToBytes, utf8ByteLength } from './base64';
import { freshId, headerMap, isCloseCode, isId, isMs, isRec, splitList, str, toNumber, toWsScheme, waitedMs, type Rec } from './har-fields';
import { closeTimestampMs, messageTimeMs } from './har-writer';
import type { ImportContext } from './import-context';
import { importFaults } from './import-faults';

type Frame = { t: number; dir: 'send' | 'receive'; opcode: 1 | 2; data: string; size: number; truncated: boolean; blobUnread?: true; previewLost?: true };

/**
 * True when an entry is a WebSocket: `_resourceType: "websocket"`, a ws/wss URL, a non-empty
 * `_webSocketMessages`, or a 101 response to an `Upgrade: websocket` request. An empty
 * `_webSocketMessages` alone does not make one (BrowserUp's writer puts it on every entry).
 */
export function isWebSocketEntry(entry: Rec, request: Rec, response: Rec): boolean {
  if (entry._resourceType === 'websocket') return true;
  if (typeof request.url === 'string' && /^wss?:/i.test(request.url)) return true;
  if (Array.isArray(entry._webSocketMessages) && entry._webSocketMessages.length > 0) return true;
  return toNumber(response.status) === 101 && /\bwebsocket\b/i.test(headerMap(request.headers).get('upgrade') ?? '');
}

/**
 * Imports entry `i` (a WebSocket, see {@link isWebSocketEntry}) that started at `start` ms.
 * Returns its connection id (`_wavetrace.conn`, else `har-<i>`, made unique).
 */
export function importWebSocket(entry: Rec, request: Rec, response: Rec, start: number, i: number, pageTitle: string | undefined, ctx: ImportContext): ConnId {
  const { push, counts } = ctx;
  const wt = isRec(entry._wavetrace) && isId(entry._wavetrace.conn) ? entry._wavetrace : undefined;
  let conn: ConnId = wt ? (wt.conn as ConnId) : `har-${i}`;
  if (ctx.usedConns.has(conn)) {
    if (wt) counts.dupIds++;
    conn = freshId(ctx.usedConns, i);
  }
  ctx.usedConns.add(conn);
  counts.sockets++;

  // Messages first: their times bound the synthetic create/open times.
  const { frames, errors } = readMessages(entry, ctx);
  let firstT = Infinity;
  for (const f of frames) firstT = Math.min(firstT, f.t);

  const url = wt ? str(request.url) : toWsScheme(str(request.url));
  const reqHeaders = headerMap(request.headers);
  const resHeaders = headerMap(response.headers);
  const protocol = resHeaders.get('sec-websocket-protocol') ?? '';
  const extensions = resHeaders.get('sec-websocket-extensions') ?? '';

  if (wt) {
    const createT = isMs(wt.createT) ? Math.min(wt.createT, firstT) : undefined;
    if (createT !== undefined) {
      const protocols = Array.isArray(wt.protocols) ? wt.protocols.filter((p): p is string => typeof p === 'string') : [];
      push(createT, { type: 'ws-create', t: createT, conn, url, protocols, frameUrl: str(wt.frameUrl) });
    }
    if (isMs(wt.openT)) {
      const openT = Math.min(wt.openT, firstT);
      push(openT, { type: 'ws-open', t: openT, conn, protocol, extensions });
    }
  } else {
    const createT = Math.min(start, firstT);
    const frameUrl = pageTitle && /^https?:\/\//i.test(pageTitle) ? pageTitle : '';
    push(createT, { type: 'ws-create', t: createT, conn, url, protocols: splitList(reqHeaders.get('sec-websocket-protocol')), frameUrl });
    if (toNumber(response.status) === 101 || frames.length > 0) {
      const timings = isRec(entry.timings) ? entry.timings : {};
      const openT = Math.max(createT, Math.min(start + waitedMs(timings), firstT));
      push(openT, { type: 'ws-open', t: openT, conn, protocol, extensions });
    }
  }

  let lastT = -Infinity;
  for (const f of frames) {
    lastT = Math.max(lastT, f.t);
    const common = { t: f.t, conn, opcode: f.opcode, size: f.size, data: f.data, encoding: f.opcode === 1 ? 'text' : 'base64', truncated: f.truncated, ...(f.blobUnread ? { blobUnread: true } : {}), ...(f.previewLost ? { previewLost: true } : {}) } as const;
    if (f.dir === 'send') push(f.t, { type: 'ws-send', ...common, readyState: 1 });
    else push(f.t, { type: 'ws-message', ...common });
  }
  counts.frames += frames.length;
  for (const t of errors) push(t, { type: 'ws-error', t, conn });

  if (wt) {
    importFaults(wt, conn, ctx); // first: a fault and the close it caused may share a time stamp
    importWavetraceCloses(wt, conn, ctx);
  }
  else if (isRec(entry._webSocketClose)) {
    // HTTP Toolkit: a close it saw (code from the close frame, or absent = 1005 "No Status Received").
    const c = entry._webSocketClose;
    const ts = toNumber(c.timestamp);
    const code = isCloseCode(c.code) ? c.code : 1005;
    const closeT = ts === undefined ? undefined : closeTimestampMs(ts, start);
    if (closeT !== undefined) {
      const t = Math.max(closeT, lastT);
      push(t, { type: 'ws-close', t, conn, code, reason: str(c.reason), wasClean: code !== 1006 });
    } else if (ts !== undefined) {
      counts.offClockCloses++;
      counts.offClockCodes.push(code);
    }
  } else if (entry._webSocketClose === 'aborted') {
    counts.aborted++;
  }
  return conn;
}

/** `_webSocketMessages` → data frames and Chrome `error` messages (times in ms), counting what is skipped. */
function readMessages(entry: Rec, ctx: ImportContext): { frames: Frame[]; errors: number[] } {
  const counts = ctx.counts;
  const frames: Frame[] = [];
  const errors: number[] = [];
  const messages = Array.isArray(entry._webSocketMessages) ? entry._webSocketMessages : [];
  for (const m of messages) {
    if (!isRec(m)) {
      counts.skipped++;
      continue;
    }
    const time = toNumber(m.time);
    const opcode = toNumber(m.opcode);
    const t = time === undefined ? undefined : messageTimeMs(time, ctx.units);
    if (t === undefined || opcode === undefined || m.data === undefined || m.data === null) {
      counts.skipped++;
      continue;
    }
    if (m.type === 'error') {
      counts.errorFrames++;
      errors.push(t);
      continue;
    }
    if (m.type !== 'send' && m.type !== 'receive') {
      counts.skipped++;
      continue;
    }
    if (opcode !== 1 && opcode !== 2) {
      counts.control++;
      continue;
    }
    const data = str(m.data);
    let size: number;
    if (opcode === 1) size = utf8ByteLength(data);
    else {
      if (base64ToBytes(data) === undefined) counts.badBase64++;
      size = base64ByteLength(data);
    }
    let truncated = false;
    let blobUnread = false;
    let previewLost = false;
    const mw = isRec(m._wavetrace) ? m._wavetrace : undefined;
    if (mw && typeof mw.size === 'number' && Number.isSafeInteger(mw.size) && mw.size >= 0) {
      size = mw.size;
      truncated = mw.truncated === true;
      blobUnread = mw.blobUnread === true && opcode === 2;
      previewLost = mw.previewLost === true && truncated;
    }
    const f: Frame = { t, dir: m.type, opcode, data, size, truncated };
    if (blobUnread) f.blobUnread = true;
    if (previewLost) f.previewLost = true;
    frames.push(f);
  }
  return { frames, errors };
}

/** The error, close-call and close events `exportHar` kept in an entry's `_wavetrace`. */
function importWavetraceCloses(wt: Rec, conn: ConnId, ctx: ImportContext): void {
  const push = ctx.push;
  if (Array.isArray(wt.errors)) for (const t of wt.errors) if (isMs(t)) push(t, { type: 'ws-error', t, conn });
  if (Array.isArray(wt.closeCalls)) {
    for (const c of wt.closeCalls) {
      if (!isRec(c) || !isMs(c.t)) continue;
      const e: Omit<WsCloseCallEvent, 'seq'> = { type: 'ws-close-call', t: c.t, conn };
      if (isCloseCode(c.code)) e.code = c.code;
      if (typeof c.reason === 'string') e.reason = c.reason;
      if (typeof c.error === 'string') e.error = c.error;
      push(c.t, e);
    }
  }
  const close = isRec(wt.close) ? wt.close : undefined;
  if (close && isMs(close.t) && isCloseCode(close.code)) {
    push(close.t, { type: 'ws-close', t: close.t, conn, code: close.code, reason: str(close.reason), wasClean: close.wasClean === true });
  }
}
