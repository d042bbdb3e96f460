/**
 * Trace → HAR 1.2 document.
 *
 * Rule: docs/design.md#har-import-and-export (HAR): "export writes HAR 1.2 with one entry per connection,
 * `_resourceType: "websocket"` and `_webSocketMessages: [{type: "send"|"receive", time:
 * <epoch seconds, float>, opcode: 1|2, data: <text, or base64 for opcode 2>}]` — the format
 * Chrome DevTools, mitmproxy, HTTP Toolkit and Proxyman read and write — plus `_wavetrace`
 * extension fields (conn, session, close code/reason/wasClean) and ordinary entries for
 * captured HTTP requests." Entries carry every field Chrome's importer requires
 * (front_end/models/har/HARFormat.ts: numeric `time`, `headersSize`, `bodySize`, `timings`).
 */
import type {
  ConnId,
  FaultEvent,
  HttpErrorEvent,
  HttpRequestEvent,
  HttpResponseEvent,
  ReqId,
  UnsequencedEvent,
  WsCloseCallEvent,
  WsCloseEvent,
  WsCreateEvent,
  WsErrorEvent,
  WsMessageEvent,
  WsOpenEvent,
  WsSendEvent,
} from '../events';
import type { Trace, TraceHeader } from '../trace/trace-format';
import { base64ToBytes, bytesToBase64, base64ByteLength, utf8ByteLength } from './base64';
import type { HarDocument, HarEntry, HarNameValue, HarPage, HarWavetraceConnection, HarWavetraceLog, HarWavetraceRequest, HarWebSocketMessage } from './har-types';
import type { RecoveryRecord } from '../analysis/recovery-types';
import { sessionKey } from './session-key';

type Conn = {
  first: number;
  create?: WsCreateEvent;
  open?: WsOpenEvent;
  frames: (WsSendEvent | WsMessageEvent)[];
  errors: WsErrorEvent[];
  closeCalls: WsCloseCallEvent[];
  close?: WsCloseEvent;
  faults: FaultEvent[];
  last: number;
};
type Req = { request?: HttpRequestEvent; end?: HttpResponseEvent | HttpErrorEvent };

/**
 * Writes `trace` as a HAR 1.2 document (a plain object: `JSON.stringify` it to save).
 *
 * - One entry per connection (`conn`), in order of first appearance sorted by start time:
 *   `startedDateTime` = `ws-create` t (ISO, ms), request `GET <url>` with Host, Upgrade,
 *   Connection, Sec-WebSocket-Version and Sec-WebSocket-Protocol headers, response 101
 *   (0 when it never opened) with the negotiated protocol/extensions, `time`/`timings.wait`
 *   in ms, `_resourceType: "websocket"`, `_webSocketMessages` (time = t / 1000 s; opcode 2 →
 *   base64 data; truncated previews carry `_wavetrace: {size, truncated}`, frames a fault kept
 *   from their destination `faulted: true`), and `_wavetrace` ({@link HarWavetraceConnection}:
 *   conn, session key, exact times, close code/reason/wasClean, `synthetic` when the hook made
 *   the close up for a fault, and the connection's `faults`, docs/design.md#fault-events-and-flags).
 * - One entry per HTTP request (`req`) with its status, `_error`, text body and `_wavetrace`.
 * - `log.pages`: one page per `page-navigation` (title = URL, as Chrome writes pages).
 * - `log._wavetrace`: `{header, otherEvents}` — the trace header and the events a HAR has no
 *   place for (page-*, worker-created, capture-dropped, ws-create-failed), so that
 *   `importHar(exportHar(t))` restores them; with `extra.recoveries` (non-empty) also
 *   `recoveries`, the recovery records of the trace's faults (docs/design.md#recovery-records).
 * Does not redact: call `redactTrace` first. Events of a `req` without `http-request` are
 * dropped (no URL to write). Never throws for a valid trace.
 */
export function exportHar(trace: Trace, extra: { recoveries?: readonly RecoveryRecord[] } = {}): HarDocument {
  const conns = new Map<ConnId, Conn>();
  const reqs = new Map<ReqId, Req>();
  const other: UnsequencedEvent[] = [];
  const pages: HarPage[] = [];

  for (const e of trace.events) {
    if ('conn' in e && e.conn !== undefined) {
      let c = conns.get(e.conn);
      if (!c) {
        c = { first: e.t, frames: [], errors: [], closeCalls: [], faults: [], last: e.t };
        conns.set(e.conn, c);
      }
      c.last = Math.max(c.last, e.t);
      switch (e.type) {
        case 'ws-create':
          c.create = e;
          break;
        case 'ws-open':
          c.open ??= e;
          break;
        case 'ws-send':
        case 'ws-message':
          c.frames.push(e);
          break;
        case 'ws-error':
          c.errors.push(e);
          break;
        case 'ws-close-call':
          c.closeCalls.push(e);
          break;
        case 'ws-close':
          c.close = e;
          break;
        case 'fault':
          c.faults.push(e);
          break;
      }
    } else if ('req' in e) {
      let r = reqs.get(e.req);
      if (!r) {
        r = {};
        reqs.set(e.req, r);
      }
      if (e.type === 'http-request') r.request ??= e;
      else r.end ??= e;
    } else {
      const { seq: _seq, ...rest } = e;
      other.push(rest as UnsequencedEvent);
      if (e.type === 'page-navigation') {
        pages.push({ startedDateTime: iso(e.t), id: `page_${pages.length + 1}`, title: e.url, pageTimings: {} });
      }
    }
  }

  const entries: { t: number; entry: HarEntry }[] = [];
  for (const [conn, c] of conns) entries.push({ t: c.create?.t ?? c.first, entry: wsEntry(conn, c) });
  for (const [req, r] of reqs) if (r.request) entries.push({ t: r.request.t, entry: httpEntry(req, r.request, r.end) });
  entries.sort((a, b) => a.t - b.t);

  const { events: _events, ...header } = trace;
  const [browserName, browserVersion] = splitNameVersion(trace.source.browser);
  const log: HarDocument['log'] = {
    version: '1.2',
    creator: { name: 'Wavetrace', version: splitNameVersion(trace.source.tool)[1] || '0', comment: trace.source.tool },
    pages,
    entries: entries.map((x) => x.entry),
    _wavetrace: { header: header as TraceHeader, otherEvents: other },
  };
  if (extra.recoveries && extra.recoveries.length > 0) (log._wavetrace as HarWavetraceLog).recoveries = extra.recoveries.slice();
  if (browserName) log.browser = { name: browserName, version: browserVersion };
  return { log };
}

function wsEntry(conn: ConnId, c: Conn): HarEntry {
  const url = c.create?.url ?? '';
  const start = c.create?.t ?? c.first;
  const end = Math.max(c.close?.t ?? c.last, start);
  const wait = c.open ? Math.max(0, c.open.t - start) : 0;
  const protocols = c.create?.protocols ?? [];
  const reqHeaders: HarNameValue[] = [];
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(url)?.[1];
  if (host) reqHeaders.push({ name: 'Host', value: host });
  reqHeaders.push({ name: 'Connection', value: 'Upgrade' }, { name: 'Upgrade', value: 'websocket' }, { name: 'Sec-WebSocket-Version', value: '13' });
  const origin = /^(https?:\/\/[^/?#]+)/i.exec(c.create?.frameUrl ?? '')?.[1];
  if (origin) reqHeaders.push({ name: 'Origin', value: origin });
  if (protocols.length) reqHeaders.push({ name: 'Sec-WebSocket-Protocol', value: protocols.join(', ') });
  const resHeaders: HarNameValue[] = [];
  if (c.open) {
    resHeaders.push({ name: 'Connection', value: 'Upgrade' }, { name: 'Upgrade', value: 'websocket' });
    if (c.open.protocol) resHeaders.push({ name: 'Sec-WebSocket-Protocol', value: c.open.protocol });
    if (c.open.extensions) resHeaders.push({ name: 'Sec-WebSocket-Extensions', value: c.open.extensions });
  }

  const wt: HarWavetraceConnection = {
    conn,
    session: sessionKey(url),
    createT: c.create?.t as number,
    frameUrl: c.create?.frameUrl ?? '',
    protocols,
  };
  if (!c.create) delete (wt as Partial<HarWavetraceConnection>).createT;
  if (c.open) wt.openT = c.open.t;
  if (c.close) wt.close = { t: c.close.t, code: c.close.code, reason: c.close.reason, wasClean: c.close.wasClean, ...(c.close.synthetic ? { synthetic: true } : {}) };
  if (c.faults.length) wt.faults = c.faults.map(({ seq: _seq, type: _type, conn: _conn, ...f }) => f);
  if (c.errors.length) wt.errors = c.errors.map((e) => e.t);
  if (c.closeCalls.length) {
    wt.closeCalls = c.closeCalls.map((e) => {
      const x: { t: number; code?: number; reason?: string; error?: string } = { t: e.t };
      if (e.code !== undefined) x.code = e.code;
      if (e.reason !== undefined) x.reason = e.reason;
      if (e.error !== undefined) x.error = e.error;
      return x;
    });
  }

  return {
    startedDateTime: iso(start),
    time: end - start,
    request: {
      method: 'GET',
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: reqHeaders,
      queryString: queryString(url),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: c.open ? 101 : 0,
      statusText: c.open ? 'Switching Protocols' : '',
      httpVersion: c.open ? 'HTTP/1.1' : '',
      cookies: [],
      headers: resHeaders,
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive: Math.max(0, end - start - wait) },
    _resourceType: 'websocket',
    _webSocketMessages: c.frames.map(harMessage),
    _wavetrace: wt,
  };
}

function harMessage(f: WsSendEvent | WsMessageEvent): HarWebSocketMessage {
  let data: string;
  let size: number;
  if (f.opcode === 2) {
    data = f.encoding === 'base64' ? f.data : bytesToBase64(new TextEncoder().encode(f.data));
    size = base64ByteLength(data);
  } else {
    if (f.encoding === 'base64') {
      const bytes = base64ToBytes(f.data);
      data = bytes ? new TextDecoder().decode(bytes) : f.data;
    } else data = f.data;
    size = utf8ByteLength(data);
  }
  const m: HarWebSocketMessage = { type: f.type === 'ws-send' ? 'send' : 'receive', time: f.t / 1000, opcode: f.opcode, data };
  if (f.truncated || f.size !== size || f.faulted || f.blobUnread) m._wavetrace = { size: f.size, truncated: f.truncated, ...(f.faulted ? { faulted: true } : {}), ...(f.blobUnread ? { blobUnread: true } : {}), ...(f.previewLost ? { previewLost: true } : {}) };
  return m;
}

function httpEntry(req: ReqId, r: HttpRequestEvent, end: HttpResponseEvent | HttpErrorEvent | undefined): HarEntry {
  const endT = end ? Math.max(end.t, r.t) : r.t;
  const wait = endT - r.t;
  const wt: HarWavetraceRequest = { req, initiator: r.initiator, t: r.t };
  if (end) wt.endT = end.t;
  const response: HarEntry['response'] = {
    status: end?.type === 'http-response' ? end.status : 0,
    statusText: '',
    httpVersion: end?.type === 'http-response' ? 'HTTP/1.1' : '',
    cookies: [],
    headers: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
  };
  if (end?.type === 'http-response' && end.body !== undefined) {
    const b = end.body.trimStart();
    response.content = {
      size: utf8ByteLength(end.body),
      mimeType: b.startsWith('{') || b.startsWith('[') ? 'application/json' : 'text/plain',
      text: end.body,
    };
    if (end.bodyTruncated) wt.bodyTruncated = true;
  }
  if (end?.type === 'http-error') response._error = end.error;
  const request: HarEntry['request'] = {
    method: r.method,
    url: r.url,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers: [],
    queryString: queryString(r.url),
    headersSize: -1,
    bodySize: r.body === undefined ? 0 : utf8ByteLength(r.body),
  };
  if (r.body !== undefined) {
    const b = r.body.trimStart();
    request.postData = { mimeType: b.startsWith('{') || b.startsWith('[') ? 'application/json' : 'text/plain', text: r.body };
  }
  return {
    startedDateTime: iso(r.t),
    time: wait,
    request,
    response,
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive: 0 },
    _resourceType: r.initiator === 'xhr' ? 'xhr' : r.initiator === 'beacon' ? 'ping' : 'fetch',
    _wavetrace: wt,
  };
}

/** HAR `queryString`: the URL's query pairs, decoded, in order (HAR 1.2 §queryString). */
function queryString(url: string): HarNameValue[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const hash = url.indexOf('#', q);
  const query = hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
  if (query === '') return [];
  return query.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? { name: decode(part), value: '' } : { name: decode(part.slice(0, eq)), value: decode(part.slice(eq + 1)) };
  });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** ISO 8601 (UTC, ms precision) of a time in ms since the Unix epoch; out-of-range times clamp to the epoch. */
function iso(t: number): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

/** `"Chrome 126.0"` → `["Chrome", "126.0"]`; `"wavetrace 0.1.0"` → `["wavetrace", "0.1.0"]`. */
function splitNameVersion(s: string): [string, string] {
  const m = /^(.*\S)\s+(\S*\d\S*)$/.exec(s.trim());
  return m ? [m[1]!, m[2]!] : [s.trim(), ''];
}
