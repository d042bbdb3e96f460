/**
 * HAR → Wavetrace events (docs/design.md#har-import-and-export; docs/design.md#har-input: HAR
 * input has no close events, none is invented).
 *
 * Formats read (see har-types.ts for the sources, har-writer.ts for what each writer means):
 * - Chrome DevTools "Save all as HAR": WebSocket entries have `_resourceType: "websocket"`,
 *   a `wss://` URL, status 101 and `_webSocketMessages` with `type` send/receive/error,
 *   `time` in epoch seconds, `opcode`, `data` (base64 when opcode ≠ 1); entry `time` is the
 *   socket's lifetime.
 * - mitmproxy `save.har` / `hardump`: same fields; the URL keeps the `https://` scheme,
 *   `startedDateTime` has microseconds and a `+00:00` offset, entry `time` is the handshake
 *   only; `.zhar` dumps are zlib (handled by `readTraceOrHar`).
 * - HTTP Toolkit: same fields; lower-case header names, local-offset dates, ms-precision
 *   message times; `_webSocketClose: {code, reason, timestamp} | "aborted"`.
 * - Playwright (`recordHar`): message `time` in epoch **milliseconds**.
 * - BrowserUp: `_webSocketMessages: []` on every entry, WebSocket or not.
 * - Wavetrace `exportHar`: the `_wavetrace` extension fields restore conn/req ids, exact
 *   times, opens, errors, close calls, closes and the events a HAR has no place for.
 * Like Chrome's importer (front_end/models/har/Importer.ts), a WebSocket message lacking any
 * of time/type/opcode/data (or with another `type`) is skipped and counted.
 */
import type { ConnId, TraceEvent, UnsequencedEvent } from '../events';
import { isValidEvent } from '../trace/fast-event-check';
import type { TraceHeader } from '../trace/trace-format';
import { TraceReadError } from '../trace/trace-read-error';
import { isRec, parseDate, str, toNumber, isMs } from './har-fields';
import { entryTimeIsLifetime, harWriter, timeUnitNote } from './har-writer';
import { emptyCounts, type ImportContext, type ImportCounts } from './import-context';
import { importHttp } from './import-http';
import { importWebSocket, isWebSocketEntry } from './import-websocket';

/** What {@link importHar} found. */
export interface HarImportResult {
  /** Events in time order (stable), `seq` = 1, 2, 3 …; `t` in ms since the Unix epoch. */
  events: TraceEvent[];
  /**
   * WebSocket messages skipped: lacking any of time/type/opcode/data (as Chrome's importer),
   * with a time that is not a usable epoch time, or of unknown `type`.
   */
  skipped: number;
  /** One line per notable thing that was dropped, guessed or read in an unusual unit (aggregated, not per message). */
  warnings: string[];
  /**
   * Per WebSocket connection whose writer records the socket's lifetime in the entry's `time`
   * (Chrome DevTools, Wavetrace; see har-writer.ts): `startedDateTime + time` in ms since the
   * Unix epoch. Other writers' entries are left out: their `time` is the handshake (mitmproxy)
   * or the span of the messages (Playwright), so the last event bounds the connection.
   * docs/design.md#har-input: a HAR connection ends at the later of this and its last event.
   */
  entryEnds: Map<ConnId, number>;
  /** WebSocket entries imported, and data frames (`ws-send` + `ws-message`) among the events. */
  sockets: number;
  frames: number;
  /** Header facts for `createTrace`: the creator as `source.tool`, the browser, the first page URL. */
  meta: {
    tool: string;
    browser: string;
    page: string;
    /** The trace header of a HAR written by `exportHar` (`log._wavetrace`), if present. */
    header?: Partial<TraceHeader>;
  };
}

type Pending = { t: number; order: number; e: UnsequencedEvent };

/**
 * Imports a parsed HAR document (`JSON.parse` of a `.har` file).
 *
 * - WebSocket entry ({@link isWebSocketEntry}) → `ws-create` (t = `startedDateTime`, URL scheme
 *   http(s) → ws(s), requested protocols from the `Sec-WebSocket-Protocol` request header),
 *   `ws-open` when the status is 101 or frames exist (t = start + blocked/dns/connect/send/wait
 *   timings, kept between create and the first frame), one `ws-send` (readyState 1) /
 *   `ws-message` per message (time read in the writer's unit), a `ws-error` per Chrome `error`
 *   message, and only recorded closes (`_wavetrace.close`, HTTP Toolkit's `_webSocketClose`
 *   with an epoch timestamp).
 * - Other entry → `http-request` and `http-response` / `http-error` (import-http.ts).
 * - `log.pages` titled with an http(s) URL → `page-navigation` (Chrome titles pages with
 *   their URL); with `log._wavetrace`, its `otherEvents` are restored instead.
 * - An entry without a usable `startedDateTime` is skipped and counted in one note.
 * Events are sorted by `t` (stable: file order breaks ties) and numbered from seq 1.
 *
 * @throws {TraceReadError} kind `har`, one line, when the structure is broken:
 *   `not a HAR file: log.entries must be an array`, `log.entries[3]: expected object`,
 *   `log.entries[3].request.url: expected string`.
 */
export function importHar(json: unknown): HarImportResult {
  if (!isRec(json) || !isRec(json.log)) throw new TraceReadError('har', 'not a HAR file: expected an object with "log"');
  const log = json.log;
  if (!Array.isArray(log.entries)) throw new TraceReadError('har', 'not a HAR file: log.entries must be an array', 'log.entries');

  const out: Pending[] = [];
  let order = 0;
  const ctx: ImportContext = {
    push: (t, e) => void out.push({ t, order: order++, e }),
    counts: emptyCounts(),
    units: { seconds: 0, ms: 0 },
    usedConns: new Set(),
    usedReqs: new Set(),
  };
  const counts = ctx.counts;
  const writer = harWriter(log);

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
        ctx.push(e.t, e as UnsequencedEvent);
      } else counts.badOther++;
    }
  } else if (Array.isArray(log.pages)) {
    for (const p of log.pages) {
      if (!isRec(p) || typeof p.title !== 'string' || !/^https?:\/\//i.test(p.title)) continue;
      const t = parseDate(p.startedDateTime);
      if (t === undefined) continue;
      if (!firstPage) firstPage = p.title;
      ctx.push(t, { type: 'page-navigation', t, url: p.title });
    }
  }

  const entryEnds = new Map<ConnId, number>();
  const lifetime = entryTimeIsLifetime(writer);
  log.entries.forEach((entry: unknown, i: number) => {
    const at = `log.entries[${i}]`;
    if (!isRec(entry)) throw new TraceReadError('har', `${at}: expected object`, at);
    const request = isRec(entry.request) ? entry.request : undefined;
    if (!request || typeof request.url !== 'string') {
      throw new TraceReadError('har', `${at}.request.url: expected string`, `${at}.request.url`);
    }
    const start = parseDate(entry.startedDateTime);
    if (start === undefined) {
      counts.noStart++;
      if (counts.noStartAt.length < 3) counts.noStartAt.push(i);
      return;
    }
    const response = isRec(entry.response) ? entry.response : {};
    const pageTitle = typeof entry.pageref === 'string' ? pages.get(entry.pageref) : undefined;
    if (isWebSocketEntry(entry, request, response)) {
      const conn = importWebSocket(entry, request, response, start, i, pageTitle, ctx);
      const total = toNumber(entry.time);
      if (lifetime && total !== undefined && total >= 0 && isMs(start + total)) entryEnds.set(conn, start + total);
    } else {
      importHttp(entry, request, response, start, i, ctx);
    }
  });

  out.sort((a, b) => a.t - b.t || a.order - b.order);
  const events = out.map((p, n) => Object.assign({ seq: n + 1 }, p.e) as TraceEvent);

  const warnings = notes(counts);
  const unitNote = timeUnitNote(writer, ctx.units);
  if (unitNote) warnings.unshift(unitNote);

  const creator = isRec(log.creator) ? log.creator : {};
  const browser = isRec(log.browser) ? log.browser : undefined;
  const header = wt && isRec(wt.header) ? (wt.header as Partial<TraceHeader>) : undefined;
  return {
    events,
    skipped: counts.skipped,
    warnings,
    entryEnds,
    sockets: counts.sockets,
    frames: counts.frames,
    meta: {
      tool: `${str(creator.name) || 'unknown'}${creator.version !== undefined ? ' ' + str(creator.version) : ''} (HAR import)`,
      browser: browser ? `${str(browser.name)} ${str(browser.version)}`.trim() : '',
      page: firstPage,
      ...(header ? { header } : {}),
    },
  };
}

/** The importer's one-line notes, one per kind of thing dropped or guessed. */
function notes(c: ImportCounts): string[] {
  const w: string[] = [];
  if (c.noStart) {
    const where = c.noStartAt.map((i) => `log.entries[${i}]`).join(', ') + (c.noStart > c.noStartAt.length ? ', …' : '');
    w.push(`skipped ${c.noStart} entr${c.noStart === 1 ? 'y' : 'ies'} without a usable startedDateTime (${where})`);
  }
  if (c.skipped) w.push(`skipped ${c.skipped} WebSocket message(s) lacking time/type/opcode/data or of unknown type`);
  if (c.control) w.push(`ignored ${c.control} WebSocket control/continuation frame(s) (opcode not 1 or 2)`);
  if (c.badBase64) w.push(`${c.badBase64} binary message(s) with invalid base64 data kept as is`);
  if (c.errorFrames) w.push(`${c.errorFrames} Chrome WebSocket "error" message(s) imported as ws-error`);
  if (c.aborted) w.push(`${c.aborted} connection(s) marked aborted without a close code: no close event invented`);
  if (c.offClockCloses) {
    const codes = [...new Set(c.offClockCodes)].join(', ');
    w.push(`ignored ${c.offClockCloses} _webSocketClose record(s) (code ${codes}) whose timestamp is not on the epoch clock (HTTP Toolkit's monotonic clock): close time unknown`);
  }
  if (c.dupIds) w.push(`${c.dupIds} duplicate _wavetrace id(s) replaced by har-<index> ids`);
  if (c.badOther) w.push(`dropped ${c.badOther} invalid event(s) from log._wavetrace.otherEvents`);
  return w;
}
