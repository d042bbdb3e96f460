/**
 * The parts of HAR 1.2 that Wavetrace reads and writes, with the WebSocket extension fields.
 *
 * Sources: HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/); Chrome DevTools
 * (`front_end/models/har/Log.ts`, `HARFormat.ts`, `Importer.ts`): `_resourceType:
 * "websocket"`, `_webSocketMessages: [{type, time, opcode, data}]`; mitmproxy
 * (`mitmproxy/addons/savehar.py`): same message shape; HTTP Toolkit
 * (`httptoolkit-ui src/model/http/har.ts`): same message shape plus `_webSocketClose`.
 * docs/design.md#har-import-and-export (HAR) adds the `_wavetrace` extension fields written by `exportHar`.
 */
import type { RecoveryRecord } from '../analysis/recovery-types';
import type { ConnId, FaultEvent, ReqId, UnsequencedEvent } from '../events';
import type { TraceHeader } from '../trace/trace-format';

/** A name/value pair (headers, query string). */
export interface HarNameValue {
  name: string;
  value: string;
}

/**
 * One WebSocket message as Chrome DevTools, mitmproxy, HTTP Toolkit and Proxyman write it.
 * - `type`: `send` (client → server) or `receive`; Chrome also writes `error` (opcode -1,
 *   `data` = the error text).
 * - `time`: seconds since the Unix epoch, float (Chrome: pseudo wall time; mitmproxy: message
 *   timestamp; HTTP Toolkit: start time + relative time, ms precision) — but milliseconds in
 *   Playwright's HARs; the importer reads it by magnitude (har-writer.ts).
 * - `opcode`: 1 text, 2 binary (RFC 6455 §5.2).
 * - `data`: the text, or base64 of the bytes for opcode 2.
 * - `_wavetrace`: written by `exportHar` only when the preview was truncated (the true `size`
 *   in bytes and `truncated: true`) or an injected fault kept the frame from its destination
 *   (`faulted: true`), or a Blob's bytes never came (`blobUnread: true`: `data` is empty), or the
 *   full preview was lost in capture (`previewLost: true`: `data` is the short live preview).
 */
export interface HarWebSocketMessage {
  type: 'send' | 'receive' | 'error';
  time: number;
  opcode: number;
  data: string;
  _wavetrace?: { size: number; truncated: boolean; faulted?: boolean; blobUnread?: boolean; previewLost?: boolean };
}

/** `_wavetrace` on a WebSocket entry (docs/design.md#har-import-and-export): everything a HAR cannot say itself. Times in ms since the Unix epoch. */
export interface HarWavetraceConnection {
  conn: ConnId;
  /** Session key: scheme + host + path of the URL, query ignored (docs/design.md#order-sessions-and-connections). */
  session: string;
  /** `ws-create` time, ms (exact; `startedDateTime` only has ms precision). */
  createT: number;
  frameUrl: string;
  protocols: string[];
  /** `ws-open` time, ms, when the connection opened. */
  openT?: number;
  /** The `close` event, when one was recorded. */
  close?: { t: number; code: number; reason: string; wasClean: boolean; synthetic?: boolean };
  /** Faults injected on this connection (the `fault` events without seq, type and conn), in order. */
  faults?: Omit<FaultEvent, 'seq' | 'type' | 'conn'>[];
  /** `error` events, ms. */
  errors?: number[];
  /** `close()` calls by the page. */
  closeCalls?: { t: number; code?: number; reason?: string; error?: string }[];
}

/** `_wavetrace` on an HTTP entry. Times in ms since the Unix epoch. */
export interface HarWavetraceRequest {
  req: ReqId;
  initiator: 'fetch' | 'xhr' | 'beacon';
  /** `http-request` time, ms (exact). */
  t: number;
  /** `http-response` or `http-error` time, ms. */
  endT?: number;
  bodyTruncated?: boolean;
}

/** A HAR entry as `exportHar` writes it (a subset of HAR 1.2 plus extension fields). */
export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    /** The request body (HAR 1.2 §postData), when recorded. */
    postData?: { mimeType: string; text: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; connect: number; ssl: number; send: number; wait: number; receive: number };
  _resourceType?: string;
  _webSocketMessages?: HarWebSocketMessage[];
  _wavetrace?: HarWavetraceConnection | HarWavetraceRequest;
}

/** A HAR page (`log.pages[]`): `exportHar` writes one per `page-navigation`, titled with its URL. */
export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad?: number; onLoad?: number };
}

/**
 * `log._wavetrace`: the trace header, the events that have no HAR entry (page-navigation,
 * page-visibility, page-online, worker-created, capture-dropped, ws-create-failed), without `seq`,
 * and the recovery records when the trace holds faults.
 */
export interface HarWavetraceLog {
  header: TraceHeader;
  otherEvents: UnsequencedEvent[];
  /**
   * The recovery records of the trace's injected faults (docs/design.md#recovery-records), as
   * `wavetrace check --format json` prints them; absent without faults. Derived from the
   * events: the importer ignores them and the analysis recomputes them.
   */
  recoveries?: RecoveryRecord[];
}

/** The HAR document `exportHar` returns. `log._wavetrace` carries the trace header. */
export interface HarDocument {
  log: {
    version: '1.2';
    creator: { name: string; version: string; comment?: string };
    browser?: { name: string; version: string };
    pages: HarPage[];
    entries: HarEntry[];
    comment?: string;
    _wavetrace?: HarWavetraceLog;
  };
}
