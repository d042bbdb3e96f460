/**
 * HAR → Wavetrace events.
 *
 * Rules: docs/design.md#trace-format (HAR) and §5 (HAR input has no close events: none is invented).
 * Formats read (see har-types.ts for the sources):
 * - Chrome DevTools "Save all as HAR": WebSocket entries have `_resourceType: "websocket"`,
 *   a `wss://` URL, status 101 and `_webSocketMessages` with `type` send/receive/error,
 *   `time` in epoch seconds, `opcode`, `data` (base64 when opcode ≠ 1).
 * - mitmproxy `save.har` / `hardump`: same fields; the URL keeps the `https://` scheme and
 *   `startedDateTime` has microseconds and a `+00:00` offset; `.zhar` dumps are zlib
 *   (handled by `readTraceOrHar`).
 * - HTTP Toolkit: same fields; header names are lower-case, `startedDateTime` carries a
 *   local offset, message times have ms precision; `_webSocketClose: {code, reason,
 *   timestamp (epoch s)} | "aborted"` records the close.
 * - Wavetrace `exportHar`: the `_wavetrace` extension fields restore conn/req ids, exact
 *   times, opens, errors, close calls, closes and the events a HAR has no place for.
 * Like Chrome's importer (front_end/models/har/Importer.ts), a WebSocket message lacking any
 * of time/type/opcode/data (or with another `type`) is skipped and counted.
 */
import type { ConnId, HttpRequestEvent, HttpResponseEvent, ReqId, TraceEvent, UnsequencedEvent, WsCloseCallEvent } from '../events';
import { isValidEvent } from '../trace/fast-event-check';
import type { TraceHeader } from '../trace/trace-format';
import { TraceReadError } from '../trace/trace-read-error';
import { base64ByteLength, base64ToBytes, utf8ByteLength } from './base64';

/** What {@link importHar} found. */
export interface HarImportResult {
  /** Events in time order (stable), `seq` = 1, 2, 3 …; `t` in ms since the Unix epoch. */
  events: TraceEvent[];
  /**
   * WebSocket messages skipped: lacking any of time/type/opcode/data (as Chrome's importer),
   * with a time that is not a number of seconds from 1970 on, or of unknown `type`.
   */
  skipped: number;
  /** One line per notable thing that was dropped or guessed (aggregated, not per message). */
  warnings: string[];
  /**
   * Per WebSocket connection: its HAR entry's end, `startedDateTime + time` in ms since the
   * Unix epoch (entries whose `time` is not a number >= 0 are left out). docs/design.md#analysis: "a HAR
   * connection ends, for overlap and resume, at `startedDateTime + time` or its last
   * message, whichever is later" — the analysis takes the later of this and the last frame.
   */
  entryEnds: Map<ConnId, number>;
  /** Header facts for `createTrace`: the creator as `source.tool`, the browser, the first page URL. */
  meta: {
    tool: string;
    browser: string;
    page: string;
    /** The trace header of a HAR written by `exportHar` (`log._wavetrace`), if present. */
    header?: Partial<TraceHeader>;
  };
}

type Rec = Record<string, unknown>;
type Pending = { t: number; order: number; e: UnsequencedEvent };

const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
/** A usable event time: finite ms since the Unix epoch, not before it (docs/design.md#trace-format `t`). */
const isMs = (x: unknown): x is number => finite(x) && x >= 0;
const isId = (x: unknown): x is string | number => typeof x === 'string' || finite(x);

/**
 * Imports a parsed HAR document (`JSON.parse` of a `.har` file).
 *
 * - WebSocket entry (`_resourceType: "websocket"`, `_webSocketMessages`, or a ws/wss URL) →
 *   `ws-create` (t = `startedDateTime`, URL scheme http(s) → ws(s), requested protocols from
 *   the `Sec-WebSocket-Protocol` request header), `ws-open` when the status is 101 or frames
 *   exist (t = start + blocked/dns/connect/send/wait timings, kept between create and the first
 *   frame; `protocol`/`extensions` from the response headers), then one `ws-send`
 *   (readyState 1) / `ws-message` per message (t = time × 1000), a `ws-error` per Chrome
 *   `error` message. No `ws-close` is invented: only recorded closes become one
 *   (`_wavetrace.close`, or HTTP Toolkit's `_webSocketClose` with a timestamp).
 * - Other entry → `http-request` (t = `startedDateTime`; initiator `xhr` for Chrome
 *   `_resourceType: "xhr"`, `beacon` for `ping`, else `fetch`) and `http-response`
 *   (status > 0; t = start + timings up to `wait`; `body` only when `content.text` is given,
 *   base64 bodies only when they decode as UTF-8) or `http-error` (status 0 with `_error`).
 * - `log.pages` titled with an http(s) URL → `page-navigation` (Chrome titles pages with
 *   their URL); with `log._wavetrace`, its `otherEvents` are restored instead.
 * Events are sorted by `t` (stable: file order breaks ties) and numbered from seq 1.
 * Conn ids are `_wavetrace.conn` or `har-<entry index>`; req ids likewise.
 *
 * @throws {TraceReadError} kind `har`, one line, when the structure is broken:
 *   `not a HAR file: log.entries must be an array`, `log.entries[3]: expected object`,
 *   `log.entries[3].startedDateTime: expected ISO 8601 date-time (from 1970 on)`,
 *   `log.entries[3].request.url: expected string`.
 */
export function importHar(json: unknown): HarImportResult {
  if (!isRec(json) || !isRec(json.log)) throw new TraceReadError('har', 'not a HAR file: expected an object with "log"');
  const log = json.log;
  if (!Array.isArray(log.entries)) throw new TraceReadError('har', 'not a HAR file: log.entries must be an array', 'log.entries');

  const out: Pending[] = [];
  let order = 0;
  const push = (t: number, e: UnsequencedEvent): void => {
    out.push({ t, order: order++, e });
  };
  const counts = { skipped: 0, control: 0, badBase64: 0, aborted: 0, errorFrames: 0, dupIds: 0, badOther: 0 };

  const pages = new Map<string, string>();
  if (Array.isArray(log.pages)) {
    for (const p of log.pages) if (isRec(p) && typeof p.id === 'string' && typeof p.title === 'string') pages.set(p.id, p.title);
  }
  const wt = isRec(log._wavetrace) ? log._wavetrace : undefined;
  let firstPage = '';

  if (wt && Array.isArray(wt.otherEvents)) {
    for (const raw of wt.otherEvents) {
      if (isRec(raw) && isValidEvent({ ...raw, seq: 0 }) && !('conn' in raw) && !('req' in raw)) {
        const { seq: _seq, ...e } = raw as unknown as TraceEvent;
        push(e.t, e as UnsequencedEvent);
      } else counts.badOther++;
    }
  } else if (Array.isArray(log.pages)) {
    for (const p of log.pages) {
      if (!isRec(p) || typeof p.title !== 'string' || !/^https?:\/\//i.test(p.title)) continue;
      const t = parseDate(p.startedDateTime);
      if (t === undefined) continue;
      if (!firstPage) firstPage = p.title;
      push(t, { type: 'page-navigation', t, url: p.title });
    }
  }

  const usedConns = new Set<ConnId>();
  const entryEnds = new Map<ConnId, number>();
  const usedReqs = new Set<ReqId>();
  log.entries.forEach((entry: unknown, i: number) => {
    const at = `log.entries[${i}]`;
    if (!isRec(entry)) throw new TraceReadError('har', `${at}: expected object`, at);
    const start = parseDate(entry.startedDateTime);
    if (start === undefined) {
      throw new TraceReadError('har', `${at}.startedDateTime: expected ISO 8601 date-time (from 1970 on)`, `${at}.startedDateTime`);
    }
    const request = isRec(entry.request) ? entry.request : undefined;
    if (!request || typeof request.url !== 'string') {
      throw new TraceReadError('har', `${at}.request.url: expected string`, `${at}.request.url`);
    }
    const response = isRec(entry.response) ? entry.response : {};
    const pageTitle = typeof entry.pageref === 'string' ? pages.get(entry.pageref) : undefined;
    const isWs =
      entry._resourceType === 'websocket' || Array.isArray(entry._webSocketMessages) || /^wss?:/i.test(request.url);
    if (isWs) {
      const conn = importWebSocket(entry, request, response, start, i, pageTitle, usedConns, push, counts);
      const total = toNumber(entry.time);
      if (total !== undefined && total >= 0 && isMs(start + total)) entryEnds.set(conn, start + total);
    } else {
      importHttp(entry, request, response, start, i, usedReqs, push);
    }
  });

  out.sort((a, b) => a.t - b.t || a.order - b.order);
  const events = out.map((p, n) => Object.assign({ seq: n + 1 }, p.e) as TraceEvent);

  const warnings: string[] = [];
  if (counts.skipped) warnings.push(`skipped ${counts.skipped} WebSocket message(s) lacking time/type/opcode/data or of unknown type`);
  if (counts.control) warnings.push(`ignored ${counts.control} WebSocket control/continuation frame(s) (opcode not 1 or 2)`);
  if (counts.badBase64) warnings.push(`${counts.badBase64} binary message(s) with invalid base64 data kept as is`);
  if (counts.errorFrames) warnings.push(`${counts.errorFrames} Chrome WebSocket "error" message(s) imported as ws-error`);
  if (counts.aborted) warnings.push(`${counts.aborted} connection(s) marked aborted without a close code: no close event invented`);
  if (counts.dupIds) warnings.push(`${counts.dupIds} duplicate _wavetrace id(s) replaced by har-<index> ids`);
  if (counts.badOther) warnings.push(`dropped ${counts.badOther} invalid event(s) from log._wavetrace.otherEvents`);

  const creator = isRec(log.creator) ? log.creator : {};
  const browser = isRec(log.browser) ? log.browser : undefined;
  const header = wt && isRec(wt.header) ? (wt.header as Partial<TraceHeader>) : undefined;
  return {
    events,
    skipped: counts.skipped,
    warnings,
    entryEnds,
    meta: {
      tool: `${str(creator.name) || 'unknown'}${creator.version !== undefined ? ' ' + str(creator.version) : ''} (HAR import)`,
      browser: browser ? `${str(browser.name)} ${str(browser.version)}`.trim() : '',
      page: firstPage,
      ...(header ? { header } : {}),
    },
  };
}

type Counts = { skipped: number; control: number; badBase64: number; aborted: number; errorFrames: number; dupIds: number };

function importWebSocket(
  entry: Rec,
  request: Rec,
  response: Rec,
  start: number,
  i: number,
  pageTitle: string | undefined,
  used: Set<ConnId>,
  push: (t: number, e: UnsequencedEvent) => void,
  counts: Counts,
): ConnId {
  const wt = isRec(entry._wavetrace) && isId(entry._wavetrace.conn) ? entry._wavetrace : undefined;
  let conn: ConnId = wt ? (wt.conn as ConnId) : `har-${i}`;
  if (used.has(conn)) {
    if (wt) counts.dupIds++;
    conn = freshId(used, i);
  }
  used.add(conn);

  // Messages first: their times bound the synthetic create/open times.
  type Frame = { t: number; dir: 'send' | 'receive'; opcode: 1 | 2; data: string; size: number; truncated: boolean };
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
    if (!isMs(time === undefined ? undefined : time * 1000) || opcode === undefined || m.data === undefined || m.data === null) {
      counts.skipped++;
      continue;
    }
    if (m.type === 'error') {
      counts.errorFrames++;
      errors.push(time! * 1000);
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
    const data = typeof m.data === 'string' ? m.data : String(m.data);
    let size: number;
    if (opcode === 1) size = utf8ByteLength(data);
    else {
      if (base64ToBytes(data) === undefined) counts.badBase64++;
      size = base64ByteLength(data);
    }
    let truncated = false;
    const mw = isRec(m._wavetrace) ? m._wavetrace : undefined;
    if (mw && typeof mw.size === 'number' && Number.isSafeInteger(mw.size) && mw.size >= 0) {
      size = mw.size;
      truncated = mw.truncated === true;
    }
    frames.push({ t: time! * 1000, dir: m.type, opcode, data, size, truncated });
  }
  let firstT = Infinity;
  for (const f of frames) firstT = Math.min(firstT, f.t);

  const url = wt ? str(request.url) : toWsScheme(str(request.url));
  const reqHeaders = headerMap(request.headers);
  const resHeaders = headerMap(response.headers);

  if (wt) {
    const createT = isMs(wt.createT) ? Math.min(wt.createT, firstT) : undefined;
    if (createT !== undefined) {
      push(createT, {
        type: 'ws-create',
        t: createT,
        conn,
        url,
        protocols: Array.isArray(wt.protocols) ? wt.protocols.filter((p): p is string => typeof p === 'string') : [],
        frameUrl: str(wt.frameUrl),
      });
    }
    if (isMs(wt.openT)) {
      const openT = Math.min(wt.openT, firstT);
      push(openT, { type: 'ws-open', t: openT, conn, protocol: resHeaders.get('sec-websocket-protocol') ?? '', extensions: resHeaders.get('sec-websocket-extensions') ?? '' });
    }
  } else {
    const createT = Math.min(start, firstT);
    push(createT, {
      type: 'ws-create',
      t: createT,
      conn,
      url,
      protocols: splitList(reqHeaders.get('sec-websocket-protocol')),
      frameUrl: pageTitle && /^https?:\/\//i.test(pageTitle) ? pageTitle : '',
    });
    if (toNumber(response.status) === 101 || frames.length > 0) {
      const timings = isRec(entry.timings) ? entry.timings : {};
      const openT = Math.max(createT, Math.min(start + waitedMs(timings), firstT));
      push(openT, {
        type: 'ws-open',
        t: openT,
        conn,
        protocol: resHeaders.get('sec-websocket-protocol') ?? '',
        extensions: resHeaders.get('sec-websocket-extensions') ?? '',
      });
    }
  }

  let lastT = -Infinity;
  for (const f of frames) {
    lastT = Math.max(lastT, f.t);
    const common = { t: f.t, conn, opcode: f.opcode, size: f.size, data: f.data, encoding: f.opcode === 1 ? 'text' : 'base64', truncated: f.truncated } as const;
    if (f.dir === 'send') push(f.t, { type: 'ws-send', ...common, readyState: 1 });
    else push(f.t, { type: 'ws-message', ...common });
  }
  for (const t of errors) push(t, { type: 'ws-error', t, conn });

  if (wt) {
    if (Array.isArray(wt.errors)) for (const t of wt.errors) if (isMs(t)) push(t, { type: 'ws-error', t, conn });
    if (Array.isArray(wt.closeCalls)) {
      for (const c of wt.closeCalls) {
        if (!isRec(c) || !isMs(c.t)) continue;
        const e: Omit<WsCloseCallEvent, 'seq'> = { type: 'ws-close-call', t: c.t, conn };
        if (typeof c.code === 'number' && Number.isSafeInteger(c.code) && c.code >= 0 && c.code <= 65535) e.code = c.code;
        if (typeof c.reason === 'string') e.reason = c.reason;
        if (typeof c.error === 'string') e.error = c.error;
        push(c.t, e);
      }
    }
    const close = isRec(wt.close) ? wt.close : undefined;
    if (close && isMs(close.t) && isCloseCode(close.code)) {
      push(close.t, { type: 'ws-close', t: close.t, conn, code: close.code, reason: str(close.reason), wasClean: close.wasClean === true });
    }
  } else if (isRec(entry._webSocketClose)) {
    // HTTP Toolkit: a close it saw (code from the close frame, or absent = 1005 "No Status Received").
    const c = entry._webSocketClose;
    const ts = toNumber(c.timestamp);
    if (ts !== undefined && isMs(ts * 1000)) {
      const t = Math.max(ts * 1000, lastT);
      const code = isCloseCode(c.code) ? c.code : 1005;
      push(t, { type: 'ws-close', t, conn, code, reason: str(c.reason), wasClean: code !== 1006 });
    }
  } else if (entry._webSocketClose === 'aborted') {
    counts.aborted++;
  }
  return conn;
}

function importHttp(
  entry: Rec,
  request: Rec,
  response: Rec,
  start: number,
  i: number,
  used: Set<ReqId>,
  push: (t: number, e: UnsequencedEvent) => void,
): void {
  const wt = isRec(entry._wavetrace) && isId(entry._wavetrace.req) ? entry._wavetrace : undefined;
  let req: ReqId = wt ? (wt.req as ReqId) : `har-${i}`;
  if (used.has(req)) req = freshId(used, i);
  used.add(req);
  const rt = entry._resourceType;
  const initiator =
    wt && (wt.initiator === 'fetch' || wt.initiator === 'xhr' || wt.initiator === 'beacon')
      ? wt.initiator
      : rt === 'xhr'
        ? 'xhr'
        : rt === 'ping'
          ? 'beacon'
          : 'fetch';
  const t = wt && isMs(wt.t) ? wt.t : start;
  const reqEv: Omit<HttpRequestEvent, 'seq'> = { type: 'http-request', t, req, method: typeof request.method === 'string' ? request.method : 'GET', url: str(request.url), initiator };
  const post = isRec(request.postData) ? request.postData.text : undefined;
  if (typeof post === 'string' && post !== '') reqEv.body = post;
  push(t, reqEv);

  const status = toNumber(response.status);
  const error = typeof response._error === 'string' && response._error !== '' ? response._error : undefined;
  let endT: number | undefined;
  if (wt) endT = isMs(wt.endT) ? Math.max(wt.endT, t) : undefined;
  else if (status !== undefined && status > 0) {
    endT = t + waitedMs(isRec(entry.timings) ? entry.timings : {});
  } else if (error !== undefined) {
    const total = toNumber(entry.time);
    endT = isMs(total) && isMs(t + total) ? t + total : t;
  }
  if (endT === undefined) return;

  if (status !== undefined && status > 0 && Number.isSafeInteger(status) && status <= 999) {
    const e: Omit<HttpResponseEvent, 'seq'> = { type: 'http-response', t: endT, req, status };
    const body = bodyText(response.content);
    if (body !== undefined) e.body = body;
    if (wt && wt.bodyTruncated === true) e.bodyTruncated = true;
    push(endT, e);
  } else if (error !== undefined || wt) {
    push(endT, { type: 'http-error', t: endT, req, error: error ?? 'no response' });
  }
}

/**
 * Time from the start of an entry to its response headers, ms: the sum of the non-negative
 * HAR timings blocked + dns + connect + send + wait (`ssl` is part of `connect`, HAR 1.2).
 * Absurd values (sum not finite or over a day) count as 0.
 */
function waitedMs(timings: Rec): number {
  let waited = 0;
  for (const k of ['blocked', 'dns', 'connect', 'send', 'wait']) {
    const v = toNumber(timings[k]);
    if (v !== undefined && v > 0) waited += v;
  }
  return Number.isFinite(waited) && waited <= 86_400_000 ? waited : 0;
}

/** `content.text` as text: as is, or decoded from base64 when that is valid UTF-8. */
function bodyText(content: unknown): string | undefined {
  if (!isRec(content) || typeof content.text !== 'string') return undefined;
  if (content.encoding !== 'base64') return content.text;
  const bytes = base64ToBytes(content.text);
  if (!bytes) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Lower-cased header name → last value (HTTP Toolkit writes lower-case names, Chrome mixed case). */
function headerMap(headers: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (!Array.isArray(headers)) return map;
  for (const h of headers) if (isRec(h) && typeof h.name === 'string' && typeof h.value === 'string') map.set(h.name.toLowerCase(), h.value);
  return map;
}

function splitList(v: string | undefined): string[] {
  return v ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

/** `http://` → `ws://`, `https://` → `wss://` (mitmproxy writes the handshake's HTTP scheme). */
function toWsScheme(url: string): string {
  return url.replace(/^http(s?):/i, (_m, s: string) => `ws${s.toLowerCase()}:`);
}

/** ms since the Unix epoch of an ISO 8601 string (any fraction length, `Z` or offset), or undefined (also before 1970). */
function parseDate(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  // Date.parse is not required to accept more than 3 fraction digits (mitmproxy writes 6).
  const norm = v.replace(/(\.\d{3})\d+/, '$1');
  const t = Date.parse(norm);
  return Number.isNaN(t) || t < 0 ? undefined : t;
}

/** A number, or a numeric string (Chrome's importer converts with Number()); undefined otherwise. */
function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function isCloseCode(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 65535;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** An id not in `used`: `har-<entry index>`, else `har-<entry index>-<k>` for the first free k. */
function freshId(used: ReadonlySet<string | number>, i: number): string {
  let id = `har-${i}`;
  for (let k = 2; used.has(id); k++) id = `har-${i}-${k}`;
  return id;
}
