/**
 * The server's ordered activity log: HTTP requests, stream connects/disconnects and test
 * controls, in arrival order. Tests read it to check orderings such as "GET /v1/sync?since=N
 * came before the next /v1/stream upgrade" (ScaiWave rule: on reconnect, sync first, then resume
 * the WS).
 *
 * The kinds `ws.connect` and `ws.disconnect` mirror the admin log names of the ScaiWave troubleshooting page
 * ("Look for `ws.disconnect` in logs: reason = …"); `ws.fanout_failed` likewise.
 */

interface LogBase {
  /** Strictly increasing position in the log (1, 2, …). */
  seq: number;
  /** Epoch milliseconds when the entry was written. */
  t: number;
}

/** A plain HTTP request (anything but a WebSocket upgrade), logged when the response is sent. */
export interface HttpLogEntry extends LogBase {
  kind: 'http';
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/** A `/v1/stream` upgrade was accepted (logged before the token is checked). */
export interface ConnectLogEntry extends LogBase {
  kind: 'ws.connect';
  conn: number;
  path: string;
  query: Record<string, string>;
  /** Tenant of the token, or null when the token was rejected. */
  tenant: string | null;
}

/** A stream connection closed; `code`/`reason` as seen by the server. */
export interface DisconnectLogEntry extends LogBase {
  kind: 'ws.disconnect';
  conn: number;
  code: number;
  reason: string;
  /** `server` when the server sent the close frame or killed the socket, else `client`. */
  by: 'server' | 'client';
}

/** Sending a frame to a connection failed. */
export interface FanoutFailedLogEntry extends LogBase {
  kind: 'ws.fanout_failed';
  conn: number;
  error: string;
}

/** A test control was used (`publish`, `killSockets`, …), to slice the log around it. */
export interface ControlLogEntry extends LogBase {
  kind: 'control';
  name: string;
  detail?: string;
}

export type RequestLogEntry = HttpLogEntry | ConnectLogEntry | DisconnectLogEntry | FanoutFailedLogEntry | ControlLogEntry;

/** `Omit` applied to each member of a union, so each variant keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An entry as given to {@link RequestLog.add}: without `seq` and `t`, which the log assigns. */
export type NewLogEntry = DistributiveOmit<RequestLogEntry, 'seq' | 't'>;

export class RequestLog {
  private readonly items: RequestLogEntry[] = [];
  private nextSeq = 1;

  /** @param onEntry called for every entry (the CLI prints them). */
  constructor(private readonly onEntry?: (entry: RequestLogEntry) => void) {}

  add(entry: NewLogEntry): RequestLogEntry {
    const full = { ...entry, seq: this.nextSeq++, t: Date.now() } as RequestLogEntry;
    this.items.push(full);
    this.onEntry?.(full);
    return full;
  }

  /** A copy of all entries, oldest first. */
  entries(): RequestLogEntry[] {
    return [...this.items];
  }

  /** Entries written after the entry with `seq` (exclusive). */
  after(seq: number): RequestLogEntry[] {
    return this.items.filter((e) => e.seq > seq);
  }

  /** Seq of the newest entry (0 when empty). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }
}

/** Query string of a request URL as a plain object (last value wins). */
export function queryOf(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}

/** One-line human form of an entry, for the CLI. */
export function formatLogEntry(e: RequestLogEntry): string {
  const time = new Date(e.t).toISOString().slice(11, 23);
  switch (e.kind) {
    case 'http': {
      const q = new URLSearchParams(e.query).toString();
      return `${time} http ${e.method} ${e.path}${q ? `?${q}` : ''} → ${e.status}`;
    }
    case 'ws.connect':
      return `${time} ws.connect conn=${e.conn} tenant=${e.tenant ?? '(rejected)'}`;
    case 'ws.disconnect':
      return `${time} ws.disconnect conn=${e.conn} code=${e.code} reason=${JSON.stringify(e.reason)} by=${e.by}`;
    case 'ws.fanout_failed':
      return `${time} ws.fanout_failed conn=${e.conn} ${e.error}`;
    case 'control':
      return `${time} control ${e.name}${e.detail ? ` ${e.detail}` : ''}`;
  }
}
