/**
 * Test traces shaped like real app protocols, for profile learning: each builds a session of
 * several connections with heartbeats, data frames, reconnects and a catch-up, healthy or with
 * the catch-up skipped. Times and shapes follow what the servers in test/e2e send.
 */
import type { TraceEvent } from '../../../../../src/core/events';
import { Scenario } from '../../analysis/scenario';

/** Options shared by the protocol builders. */
export interface Shape {
  /** The client skips its catch-up after reconnecting. */
  skipSync?: boolean;
  /** Connections (≥ 2 for carry-over). */
  conns?: number;
  /** Data frames per connection. */
  perConn?: number;
}

type Step = (s: Scenario, conn: string, i: number, pos: number) => void;

/**
 * A generic session: `conns` connections of `perConn` data frames each, a heartbeat every
 * `hbMs` (server `ping`, client `pong` when given), a drop (1006) between connections, and
 * `sync(s, conn, last)` before resuming unless `skipSync`. Positions rise by `step`.
 */
export function session(opts: {
  url: (conn: number, last: string | undefined) => string;
  hello?: (s: Scenario, conn: string, i: number) => void;
  data: (s: Scenario, conn: string, pos: number, i: number) => void;
  ping?: Step;
  pong?: Step;
  hbMs?: number;
  sync?: (s: Scenario, conn: string, last: number, i: number) => void;
  startup?: (s: Scenario) => void;
  step?: number;
  shape?: Shape;
}): TraceEvent[] {
  const s = new Scenario();
  const conns = opts.shape?.conns ?? 3;
  const per = opts.shape?.perConn ?? 12;
  const step = opts.step ?? 1;
  let pos = 100;
  let received = pos;
  opts.startup?.(s);
  for (let i = 0; i < conns; i++) {
    const conn = `c${i + 1}`;
    s.create(conn, opts.url(i, i > 0 ? String(received) : undefined)).wait(5).open(conn);
    if (i > 0 && !opts.shape?.skipSync) opts.sync?.(s, conn, received, i);
    opts.hello?.(s, conn, i);
    const hb = opts.hbMs ?? 3000;
    let sinceHb = 0;
    for (let k = 0; k < per; k++) {
      const gap = 150 + ((k * 37 + i * 11) % 200); // irregular, as app traffic is
      if (opts.ping && sinceHb + gap >= hb) {
        // The heartbeat keeps its own clock.
        s.wait(hb - sinceHb);
        opts.ping(s, conn, k, pos);
        s.wait(3);
        opts.pong?.(s, conn, k, pos);
        s.wait(gap - (hb - sinceHb) - 3);
        sinceHb = gap - (hb - sinceHb);
      } else {
        s.wait(gap);
        sinceHb += gap;
      }
      pos += step;
      opts.data(s, conn, pos, k);
      received = pos;
    }
    s.wait(100).close(conn, 1006, '', false).wait(1000);
    if (i < conns - 1) pos += 3 * step; // the server moves on while the client is away
  }
  return s.build();
}

/** Chat: `{"seq":N,"msg":{…}}`, `{"op":"hb"}` / `{"op":"hb_ack"}` every 3 s, `GET /api/history?after=N`. */
export function chat(shape: Shape = {}): TraceEvent[] {
  let req = 0;
  const history = (s: Scenario, after: number, upto: number) => {
    const id = `r${++req}`;
    s.request(id, `http://127.0.0.1:8080/api/history?after=${after}`).wait(4);
    const msgs = [];
    for (let p = after + 1; p <= upto; p++) msgs.push({ seq: p, msg: { from: 'ann', text: 'hi' } });
    s.response(id, 200, { messages: msgs });
  };
  return session({
    url: () => 'ws://127.0.0.1:8080/chat',
    startup: (s) => history(s, 0, 100),
    data: (s, c, pos) => s.recv(c, { seq: pos, msg: { from: 'bob', text: `m${pos}` } }),
    ping: (s, c) => s.recv(c, { op: 'hb' }),
    pong: (s, c) => s.send(c, { op: 'hb_ack' }),
    sync: (s, _c, last) => history(s, last, last + 3), // the 3 positions sent while the client was away
    shape: { perConn: 30, ...shape },
  });
}
