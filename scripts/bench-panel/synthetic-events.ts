/**
 * Synthetic scaiwave traffic for the panel benchmark: session 0 is the stream (hello, data
 * events carrying `stream_position`, pings/pongs every 30 s, abnormal closes, reconnects —
 * every other one after a /v1/sync); other sessions are presence sockets without positions.
 * About 10 % of frames are client acks. Deterministic (seeded), pure.
 */
import type { TraceEvent } from '../../src/core/events';

/** Options of {@link syntheticEvents}. Times in ms. */
export interface SyntheticOptions {
  /** Number of events to produce. */
  count: number;
  /** First event time, ms since the epoch. */
  startT?: number;
  /** Mean gap between data frames, ms (default 2). */
  gapMs?: number;
  /** Data frames per connection before it drops (default 50,000). */
  framesPerConn?: number;
  /** Parallel sessions (endpoints), default 2. */
  sessions?: number;
  /** First seq (default 1). */
  firstSeq?: number;
}

/** Returns `count` events of plausible scaiwave traffic, seq 1…count, t increasing. */
export function syntheticEvents(o: SyntheticOptions): TraceEvent[] {
  const out: TraceEvent[] = [];
  const gap = o.gapMs ?? 2;
  const perConn = o.framesPerConn ?? 50000;
  const sessions = o.sessions ?? 2;
  let t = o.startT ?? 1_700_000_000_000;
  let seq = (o.firstSeq ?? 1) - 1;
  let rnd = 12345;
  const rand = (): number => {
    rnd = (rnd * 1103515245 + 12345) & 0x7fffffff;
    return rnd / 0x7fffffff;
  };
  const push = (e: Record<string, unknown>): void => {
    out.push({ seq: ++seq, t, ...e } as TraceEvent);
  };
  const state = Array.from({ length: sessions }, (_, i) => ({ i, n: 0, conn: '', left: 0, pos: 1000 * (i + 1), open: false, nextPing: 0, req: 0 }));
  while (out.length < o.count) {
    const s = state[Math.floor(rand() * sessions)]!;
    t += gap * (0.5 + rand());
    if (!s.open) {
      s.n++;
      s.conn = `s${s.i}.${s.n}`;
      const url = s.i === 0 ? 'wss://app.example.com/v1/stream?token=REDACTED~9f2a' : `wss://app.example.com/presence/${s.i}?token=REDACTED~9f2a`;
      if (s.i === 0 && s.n > 1 && s.n % 2 === 0) {
        const req = `r${s.i}.${++s.req}`;
        push({ type: 'http-request', req, method: 'GET', url: `https://app.example.com/v1/sync?since=${s.pos}`, initiator: 'fetch' });
        t += 20;
        push({ type: 'http-response', req, status: 200, body: `{"events":[{"stream_position":${s.pos + 1}}]}` });
        s.pos++;
      }
      push({ type: 'ws-create', conn: s.conn, url, protocols: [], frameUrl: 'https://app.example.com/' });
      t += 5;
      push({ type: 'ws-open', conn: s.conn, protocol: '', extensions: 'permessage-deflate' });
      const hello = s.i === 0 ? `{"type":"hello","tenant_id":"t-1","stream_position":${s.pos + 3}}` : '{"type":"hello","tenant_id":"t-1"}';
      push({ type: 'ws-message', conn: s.conn, opcode: 1, size: hello.length, data: hello, encoding: 'text', truncated: false });
      s.open = true;
      s.left = Math.floor(perConn * (0.5 + rand()));
      s.nextPing = t + 30000;
      continue;
    }
    if (t >= s.nextPing) {
      push({ type: 'ws-message', conn: s.conn, opcode: 1, size: 15, data: '{"type":"ping"}', encoding: 'text', truncated: false });
      t += 1;
      push({ type: 'ws-send', conn: s.conn, opcode: 1, size: 15, data: '{"type":"pong"}', encoding: 'text', truncated: false, readyState: 1 });
      s.nextPing = t + 30000;
      continue;
    }
    if (s.left-- <= 0) {
      push({ type: 'ws-close', conn: s.conn, code: 1006, reason: '', wasClean: false });
      s.open = false;
      t += 1000 * rand();
      continue;
    }
    if (rand() < 0.1) {
      const d = `{"type":"ack","id":${seq}}`;
      push({ type: 'ws-send', conn: s.conn, opcode: 1, size: d.length, data: d, encoding: 'text', truncated: false, readyState: 1 });
    } else if (s.i > 0) {
      const d = `{"type":"presence","user":"u${seq % 97}","status":"${rand() < 0.5 ? 'online' : 'away'}"}`;
      push({ type: 'ws-message', conn: s.conn, opcode: 1, size: d.length, data: d, encoding: 'text', truncated: false });
    } else {
      s.pos++;
      const d = `{"type":"event","stream_position":${s.pos},"data":{"kind":"message.created","id":"m${seq}"}}`;
      push({ type: 'ws-message', conn: s.conn, opcode: 1, size: d.length, data: d, encoding: 'text', truncated: false });
    }
  }
  out.length = o.count;
  return out;
}
