/**
 * The frames profile learning works on (docs/design.md#profile-learning): connections of the
 * busiest endpoint, each with a bounded sample of its frames (the first 1,000 and the last
 * 250), parsed once (the parse kept for the next learn when small to hold: parsed-frames.ts).
 * Sampling keeps learning on a 1,000,000-event trace to a few hundred milliseconds while still
 * seeing every connection's start and end (where hellos, resumes and carry-over across
 * reconnects happen).
 */
import type { ConnId, HttpRequestEvent, HttpResponseEvent, TraceEvent, WsMessageEvent, WsSendEvent } from '../../events';
import { sessionKey } from '../../analysis/url-parts';
import type { LConn, LFrame } from './types';
import { keepParse, keptParse } from './parsed-frames';

const HEAD = 1000;
const TAIL = 250;

/** Connections of the learned endpoint plus the trace's HTTP exchanges, in `seq` order. */
export interface LearnInput {
  /** Session key (scheme + host + path) of the endpoint learned from. */
  endpoint: string;
  /** Its connections in creation order. */
  conns: LConn[];
  /** Other endpoints seen (key → frame count), for the notes. */
  others: Map<string, number>;
  /** HTTP requests and their responses (bodies when recorded). */
  http: Array<{ req: HttpRequestEvent; res?: HttpResponseEvent }>;
}

interface Building {
  conn: LConn;
  key: string;
  head: Array<WsMessageEvent | WsSendEvent>;
  tail: Array<WsMessageEvent | WsSendEvent>;
  tailAt: number;
}

/**
 * Collects connections and HTTP exchanges from `events` (in `seq` order) and picks the
 * endpoint whose connections carry the most frames. Frames of the sample are parsed here.
 */
export function collectInput(events: readonly TraceEvent[]): LearnInput {
  const byConn = new Map<ConnId, Building>();
  const list: Building[] = [];
  const http: LearnInput['http'] = [];
  const httpByReq = new Map<string, LearnInput['http'][number]>();
  /** Connections a drop, close or refuse fault is about to close (their close is the fault's). */
  const faultClosing = new Set<ConnId>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    switch (e.type) {
      case 'ws-create': {
        const b: Building = {
          conn: { id: e.conn, url: e.url, createSeq: e.seq, createT: e.t, frames: [], total: 0, binary: 0 },
          key: sessionKey(e.url),
          head: [],
          tail: [],
          tailAt: 0,
        };
        byConn.set(e.conn, b);
        list.push(b);
        break;
      }
      case 'ws-message':
      case 'ws-send': {
        const b = byConn.get(e.conn);
        if (!b) break;
        b.conn.total++;
        if (e.encoding === 'base64') b.conn.binary++;
        if (b.head.length < HEAD) b.head.push(e);
        else if (b.tail.length < TAIL) b.tail.push(e);
        else {
          b.tail[b.tailAt] = e;
          b.tailAt = (b.tailAt + 1) % TAIL;
        }
        break;
      }
      case 'ws-close': {
        const b = byConn.get(e.conn);
        if (b && b.conn.closeSeq === undefined) {
          b.conn.closeSeq = e.seq;
          b.conn.closeT = e.t;
          b.conn.code = e.code;
          if (e.synthetic === true || faultClosing.has(e.conn)) b.conn.injectedClose = true;
        }
        faultClosing.delete(e.conn);
        break;
      }
      case 'fault':
        if ((e.kind === 'drop' || e.kind === 'close' || e.kind === 'refuse') && e.conn !== undefined) faultClosing.add(e.conn);
        break;
      case 'http-request': {
        const x = { req: e };
        http.push(x);
        httpByReq.set(String(e.req), x);
        break;
      }
      case 'http-response': {
        const x = httpByReq.get(String(e.req));
        if (x && !('res' in x)) (x as { res?: HttpResponseEvent }).res = e;
        break;
      }
      default:
        break;
    }
  }
  const frameCount = new Map<string, number>();
  for (const b of list) frameCount.set(b.key, (frameCount.get(b.key) ?? 0) + b.conn.total);
  let endpoint = '';
  let best = -1;
  for (const [k, n] of frameCount) {
    if (n > best) {
      best = n;
      endpoint = k;
    }
  }
  const conns: LConn[] = [];
  for (const b of list) {
    if (b.key !== endpoint) continue;
    const tail = b.tail.length < TAIL ? b.tail : [...b.tail.slice(b.tailAt), ...b.tail.slice(0, b.tailAt)];
    const picked = tail.length ? b.head.concat(tail) : b.head;
    const frames: LFrame[] = [];
    for (let i = 0; i < picked.length; i++) {
      const e = picked[i]!;
      const f: LFrame = {
        seq: e.seq,
        t: e.t,
        conn: e.conn,
        dir: e.type === 'ws-message' ? 'in' : 'out',
        text: e.encoding === 'base64' ? '' : e.data,
        binary: e.encoding === 'base64',
        size: e.size,
        prefix: '',
        json: undefined,
        kind: '',
        index: i,
      };
      if (e.faulted === true) f.faulted = true;
      const kept = keptParse(e);
      if (kept === undefined) {
        parseFrame(f);
        keepParse(e, f.text, f.prefix, f.json);
      } else if (kept !== null) {
        f.prefix = kept.prefix;
        f.json = kept.json;
      }
      frames.push(f);
    }
    b.conn.frames = frames;
    conns.push(b.conn);
  }
  frameCount.delete(endpoint);
  return { endpoint, conns, others: frameCount, http };
}

const PREFIXED = /^(\d{0,3})\s*[[{]/;

/** Sets `prefix` and `json` of a text frame: `{…}` / `[…]`, optionally after up to 3 digits. */
export function parseFrame(f: LFrame): void {
  if (f.binary) return;
  const t = f.text;
  const m = PREFIXED.exec(t);
  if (!m) return;
  const last = t.trimEnd().slice(-1);
  if (last !== '}' && last !== ']') return;
  try {
    const v: unknown = JSON.parse(m[1] ? t.slice(m[1].length) : t);
    if (v !== null && typeof v === 'object') {
      f.json = v;
      f.prefix = m[1] ?? '';
    }
  } catch {
    // not JSON: a text kind
  }
}
