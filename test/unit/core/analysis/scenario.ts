/**
 * Fluent scenario builder for analysis tests: emits docs/design.md#trace-format TraceEvents with strictly
 * increasing `seq` and explicit `t`. Time is set with `at(ms)` (offset from `T0`) or advanced
 * with `wait(ms)`; every method appends one event at the current time. `last` is the `seq` of
 * the last event; `mark(name)` remembers it for evidence checks.
 *
 * Frame shapes follow the scaiwave profile (docs/design.md#the-scaiwave-profile): hello/ping/pong/events are JSON
 * objects with a `type` field, positions in `stream_position`.
 */
import { analyze } from '../../../../src/core/analysis';
import type { Analysis, AnalyzeOptions, Finding, FindingCode } from '../../../../src/core/analysis';
import type { ConnId, ReadyState, ReqId, TraceEvent } from '../../../../src/core/events';
import type { Profile } from '../../../../src/core/profile/types';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';

/** Epoch ms of offset 0 (2023-11-14T22:13:20Z). */
export const T0 = 1_700_000_000_000;
/** Default stream URL (scaiwave `/v1/stream`). */
export const WS_URL = 'wss://api.example.com/v1/stream?token=tok-A';

/** Builds a list of trace events. */
export class Scenario {
  readonly events: TraceEvent[] = [];
  private seq = 0;
  /** Current time, ms since the epoch. */
  t = T0;
  private readonly marks = new Map<string, number>();

  /** Sets the current time to `T0 + ms`. */
  at(ms: number): this {
    this.t = T0 + ms;
    return this;
  }

  /** Advances the current time by `ms`. */
  wait(ms: number): this {
    this.t += ms;
    return this;
  }

  /** `seq` of the last event. */
  get last(): number {
    return this.seq;
  }

  /** Remembers the last event's seq under `name`. */
  mark(name: string): this {
    this.marks.set(name, this.seq);
    return this;
  }

  /** The seq remembered under `name`. */
  seqOf(name: string): number {
    const s = this.marks.get(name);
    if (s === undefined) throw new Error(`no mark ${name}`);
    return s;
  }

  /** Appends a raw event (seq and t filled in). */
  push(e: Record<string, unknown>): this {
    this.events.push({ ...e, seq: ++this.seq, t: this.t } as unknown as TraceEvent);
    return this;
  }

  create(conn: ConnId, url: string = WS_URL, protocols: string[] = []): this {
    return this.push({ type: 'ws-create', conn, url, protocols, frameUrl: 'https://app.example.com/' });
  }

  open(conn: ConnId, protocol = ''): this {
    return this.push({ type: 'ws-open', conn, protocol, extensions: '' });
  }

  /** `create` then `open` at the same time. */
  connect(conn: ConnId, url: string = WS_URL): this {
    return this.create(conn, url).open(conn);
  }

  /** Inbound frame: objects are JSON-encoded. */
  recv(conn: ConnId, data: unknown): this {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return this.push({ type: 'ws-message', conn, opcode: 1, size: Buffer.byteLength(text), data: text, encoding: 'text', truncated: false });
  }

  /** Outbound frame (`send()` call) with the readyState at call time. */
  send(conn: ConnId, data: unknown, readyState: ReadyState = 1): this {
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    return this.push({ type: 'ws-send', conn, opcode: 1, size: Buffer.byteLength(text), data: text, encoding: 'text', truncated: false, readyState });
  }

  hello(conn: ConnId, fields: Record<string, unknown> = { tenant_id: 'acme' }): this {
    return this.recv(conn, { type: 'hello', ...fields });
  }

  ping(conn: ConnId): this {
    return this.recv(conn, { type: 'ping' });
  }

  pong(conn: ConnId): this {
    return this.send(conn, { type: 'pong' });
  }

  /** Inbound event frame carrying `stream_position`. */
  data(conn: ConnId, position: number): this {
    return this.recv(conn, { type: 'event', stream_position: position, payload: { text: 'hi' } });
  }

  error(conn: ConnId): this {
    return this.push({ type: 'ws-error', conn });
  }

  close(conn: ConnId, code: number, reason = '', wasClean = code !== 1006): this {
    return this.push({ type: 'ws-close', conn, code, reason, wasClean });
  }

  request(req: ReqId, url: string, method = 'GET'): this {
    return this.push({ type: 'http-request', req, method, url, initiator: 'fetch' });
  }

  response(req: ReqId, status: number, body?: unknown): this {
    const e: Record<string, unknown> = { type: 'http-response', req, status };
    if (body !== undefined) e.body = typeof body === 'string' ? body : JSON.stringify(body);
    return this.push(e);
  }

  httpError(req: ReqId, error = 'TypeError: Failed to fetch'): this {
    return this.push({ type: 'http-error', req, error });
  }

  /** `GET /v1/sync?since=<since>` (no parameter when `since` is null) and, unless `status` is null, its response listing `positions`. */
  sync(req: ReqId, since: number | string | null, status: number | null = 200, positions: number[] = [], respondAfterMs = 0): this {
    const url = since === null ? 'https://api.example.com/v1/sync' : `https://api.example.com/v1/sync?since=${since}`;
    this.request(req, url);
    if (status === null) return this;
    this.wait(respondAfterMs);
    return this.response(req, status, status >= 200 && status < 300 ? { events: positions.map((p) => ({ stream_position: p })) } : undefined);
  }

  navigate(url = 'https://app.example.com/'): this {
    return this.push({ type: 'page-navigation', url });
  }

  visibility(state: 'visible' | 'hidden'): this {
    return this.push({ type: 'page-visibility', state });
  }

  worker(url = 'https://app.example.com/worker.js', kind: 'worker' | 'shared-worker' = 'worker'): this {
    return this.push({ type: 'worker-created', kind, url });
  }

  dropped(count: number): this {
    return this.push({ type: 'capture-dropped', count });
  }

  /**
   * An established connection: connect, hello, then `positions` as data frames 100 ms apart,
   * staying open until `openForMs` after connect, then close with `code` (no close when null).
   */
  session(conn: ConnId, opts: { url?: string; positions?: number[]; openForMs?: number; code?: number | null; reason?: string; tenant?: string; pings?: boolean } = {}): this {
    const start = this.t;
    this.connect(conn, opts.url);
    this.wait(10).hello(conn, { tenant_id: opts.tenant ?? 'acme' });
    for (const p of opts.positions ?? []) this.wait(100).data(conn, p);
    const end = start + (opts.openForMs ?? 12000);
    if (opts.pings) {
      for (let t = start + 30000; t < end; t += 30000) {
        this.t = t;
        this.ping(conn).wait(5).pong(conn);
      }
    }
    this.t = end;
    if (opts.code !== null) this.close(conn, opts.code ?? 1006, opts.reason ?? '');
    return this;
  }

  build(): TraceEvent[] {
    return this.events;
  }
}

/** Analyses a scenario with the scaiwave profile (or `profile`). */
export function run(s: Scenario | TraceEvent[], profile: Profile = SCAIWAVE_PROFILE, opts: AnalyzeOptions = {}): Analysis {
  return analyze(Array.isArray(s) ? s : s.build(), profile, opts);
}

/** Findings of one code. */
export function only(a: Analysis, code: FindingCode): Finding[] {
  return a.findings.filter((f) => f.code === code);
}

/** Codes of all findings, in order. */
export function codes(a: Analysis): FindingCode[] {
  return a.findings.map((f) => f.code);
}

/** A copy of the scaiwave profile with changes. */
export function scaiwaveWith(changes: Partial<Profile>): Profile {
  return { ...SCAIWAVE_PROFILE, ...changes };
}
