/**
 * Eight small apps with their own WebSocket protocols, each served on 127.0.0.1 by a real `ws`
 * server plus a tiny HTTP catch-up endpoint, and a page whose client connects, is dropped twice
 * by the server (no close frame: 1006), catches up correctly after the first drop and skips its
 * catch-up after the second. Used to check profile learning through the real extension.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Profile } from '../../../src/core/profile/types';

/** Heartbeat interval of every app, ms (several per connection, so the interval can be learned). */
export const HEARTBEAT_MS = 500;
const BACKOFF = { immediateMs: 1000, baseMs: 1000, factor: 2, maxMs: 30000, jitter: 0.5, stableAfterMs: 10000 };

/** One app protocol: server side (node), client side (JS source for the page), and the profile a person would write. */
export interface AppProtocol {
  name: string;
  /** Data frame for stream position `pos` (the k-th event). */
  data: (pos: number, k: number) => string;
  /** Positions advance by this much per event (1 = contiguous). */
  step: number;
  /** Server heartbeat frame and the client's answer, or the client's ping and the server's answer. */
  serverPing?: string;
  clientPing?: string;
  pong: string;
  hello?: string;
  /** How a resume tells the server where to continue: the stream position it asks for, if any. */
  resumeFromUrl?: (u: URL) => number | undefined;
  resumeFromFrame?: (text: string) => number | undefined;
  /** HTTP catch-up: method, path, cursor from request, and the response for events after it. */
  http?: { method: 'GET' | 'POST'; path: string; cursor: (u: URL, body: string) => number; respond: (events: Array<{ pos: number; frame: string }>) => unknown };
  /** Client-side snippets (JS source): url(last), pos(text), catchup(last) → Promise, resumeFrame(last), startup. */
  client: { url: string; pos: string; catchup?: string; resumeFrame?: string; startup?: boolean };
  /** The profile a person would write for it. */
  profile: Profile;
}

const cur = (p: number) => `cA${(p * 7919).toString(36)}x${p}`;
const fromCur = (s: string | null | undefined) => (s ? Number(/x(\d+)$/.exec(s)?.[1]) : undefined);

/** The eight protocols. */
export const APP_PROTOCOLS: AppProtocol[] = [
  {
    name: 'chat-seq',
    data: (pos) => JSON.stringify({ seq: pos, msg: { from: 'bob', text: `m${pos}` } }),
    step: 1,
    serverPing: '{"op":"hb"}',
    pong: '{"op":"hb_ack"}',
    http: { method: 'GET', path: '/api/history', cursor: (u) => Number(u.searchParams.get('after')), respond: (ev) => ({ messages: ev.map((e) => JSON.parse(e.frame)) }) },
    client: { url: `(last) => 'ws://' + location.host + '/chat'`, pos: `(t) => JSON.parse(t).seq`, catchup: `(last) => fetch('/api/history?after=' + last).then((r) => r.json()).then((j) => j.messages.map((m) => m.seq))`, startup: true },
    profile: { name: 'chat-seq', backoff: BACKOFF, match: { urlPath: '/chat' }, heartbeat: { intervalMs: HEARTBEAT_MS, ping: { dir: 'in', json: { op: 'hb' } }, pong: { dir: 'out', json: { op: 'hb_ack' } } }, position: { path: 'seq', contiguous: true }, sync: { urlPath: '/api/history', param: 'after', responsePositions: 'messages[].seq' } },
  },
  {
    name: 'nested-offset',
    data: (pos, k) => JSON.stringify({ type: 'update', n: k, data: { meta: { offset: pos, ts: Date.now() }, body: { x: pos % 7 } } }),
    step: 3,
    serverPing: '{"type":"ping"}',
    pong: '{"type":"pong"}',
    http: { method: 'GET', path: '/api/replay', cursor: (u) => Number(u.searchParams.get('from')), respond: (ev) => ({ updates: ev.map((e) => JSON.parse(e.frame).data) }) },
    client: { url: `(last) => 'ws://' + location.host + '/live'`, pos: `(t) => JSON.parse(t).data?.meta?.offset`, catchup: `(last) => fetch('/api/replay?from=' + last).then((r) => r.json()).then((j) => j.updates.map((u) => u.meta.offset))`, startup: true },
    profile: { name: 'nested-offset', backoff: BACKOFF, match: { urlPath: '/live' }, heartbeat: { intervalMs: HEARTBEAT_MS, ping: { dir: 'in', json: { type: 'ping' } }, pong: { dir: 'out', json: { type: 'pong' } } }, position: { path: 'data.meta.offset', contiguous: false }, sync: { urlPath: '/api/replay', param: 'from', responsePositions: 'updates[].meta.offset' } },
  },
  {
    name: 'opaque-cursor-url',
    data: (pos) => JSON.stringify({ kind: 'item', cursor: cur(pos), item: { v: pos % 5 } }),
    step: 1,
    serverPing: '{"kind":"keepalive"}',
    pong: '{"kind":"keepalive_ack"}',
    resumeFromUrl: (u) => fromCur(u.searchParams.get('resume')),
    client: { url: `(last) => 'ws://' + location.host + '/stream' + (last ? '?resume=' + last : '')`, pos: `(t) => JSON.parse(t).cursor` },
    profile: { name: 'opaque-cursor-url', backoff: BACKOFF, match: { urlPath: '/stream' }, heartbeat: { intervalMs: HEARTBEAT_MS, ping: { dir: 'in', json: { kind: 'keepalive' } }, pong: { dir: 'out', json: { kind: 'keepalive_ack' } } }, position: { path: 'cursor', contiguous: false, opaque: true }, sync: { resumeParam: 'resume' } },
  },
  {
    name: 'sequence-in-url',
    data: (pos) => JSON.stringify({ event: 'tick', sequence: pos, price: 100 + (pos % 9) }),
    step: 1,
    clientPing: '{"event":"ping"}',
    pong: '{"event":"pong"}',
    resumeFromUrl: (u) => (u.searchParams.has('sequence_number') ? Number(u.searchParams.get('sequence_number')) : undefined),
    client: { url: `(last) => 'ws://' + location.host + '/ws' + (last ? '?sequence_number=' + last : '')`, pos: `(t) => JSON.parse(t).sequence` },
    profile: { name: 'sequence-in-url', backoff: BACKOFF, match: { urlPath: '/ws' }, heartbeat: { intervalMs: HEARTBEAT_MS, ping: { dir: 'out', json: { event: 'ping' } }, pong: { dir: 'in', json: { event: 'pong' } } }, position: { path: 'sequence', contiguous: true }, sync: { resumeParam: 'sequence_number' } },
  },
  {
    name: 'post-body-catchup',
    data: (pos) => JSON.stringify({ type: 'row', watermark: pos, row: [pos % 3, 'x'] }),
    step: 2,
    serverPing: '{"type":"hb"}',
    pong: '{"type":"hb_ack"}',
    http: { method: 'POST', path: '/api/catchup', cursor: (_u, body) => Number(JSON.parse(body || '{}').from?.watermark), respond: (ev) => ({ rows: ev.map((e) => ({ watermark: JSON.parse(e.frame).watermark })) }) },
    client: { url: `(last) => 'ws://' + location.host + '/rt'`, pos: `(t) => JSON.parse(t).watermark`, catchup: `(last) => fetch('/api/catchup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: { watermark: last } }) }).then((r) => r.json()).then((j) => j.rows.map((r) => r.watermark))` },
    profile: { name: 'post-body-catchup', backoff: BACKOFF, match: { urlPath: '/rt' }, heartbeat: { intervalMs: HEARTBEAT_MS, ping: { dir: 'in', json: { type: 'hb' } }, pong: { dir: 'out', json: { type: 'hb_ack' } } }, position: { path: 'watermark', contiguous: false }, sync: { urlPath: '/api/catchup', bodyPath: 'from.watermark', responsePositions: 'rows[].watermark' } },
  },
  {
    name: 'inband-resume',
    data: (pos) => JSON.stringify({ type: 'event', rev: pos, doc: { id: 'd1' } }),
    step: 1,
    hello: '{"type":"ready","server":"n1"}', // not "welcome": that is Action Cable's, whose preset would be picked
    serverPing: '{"type":"ping"}',
    pong: '{"type":"pong"}',
    resumeFromFrame: (t) => (t.includes('"resume"') ? Number(JSON.parse(t).rev) : undefined),
    client: { url: `(last) => 'ws://' + location.host + '/sock'`, pos: `(t) => JSON.parse(t).rev`, resumeFrame: `(last) => JSON.stringify({ type: 'resume', rev: last })` },
    profile: { name: 'inband-resume', backoff: BACKOFF, match: { urlPath: '/sock' }, hello: { match: { dir: 'in', json: { type: 'ready' } }, fields: [] }, heartbeat: { intervalMs: HEARTBEAT_MS, ping: { dir: 'in', json: { type: 'ping' } }, pong: { dir: 'out', json: { type: 'pong' } } }, position: { path: 'rev', contiguous: true }, sync: { frame: { dir: 'out', json: { type: 'resume' } }, cursorPath: 'rev' } },
  },
  {
    name: 'array-framing',
    data: (pos) => `42${JSON.stringify(['chat', { text: 'x', off: pos }])}`,
    step: 1,
    serverPing: '2',
    pong: '3',
    http: { method: 'GET', path: '/api/messages', cursor: (u) => Number(u.searchParams.get('offset')), respond: (ev) => ({ items: ev.map((e) => JSON.parse(e.frame.slice(2))[1]) }) },
    client: { url: `(last) => 'ws://' + location.host + '/rt2'`, pos: `(t) => t.startsWith('42') ? JSON.parse(t.slice(2))[1]?.off : undefined`, catchup: `(last) => fetch('/api/messages?offset=' + last).then((r) => r.json()).then((j) => j.items.map((m) => m.off))`, startup: true },
    profile: { name: 'array-framing', backoff: BACKOFF, match: { urlPath: '/rt2' }, heartbeat: { intervalMs: HEARTBEAT_MS, ping: { dir: 'in', text: '2' }, pong: { dir: 'out', text: '3' } }, position: { path: '[1].off', contiguous: true, when: { dir: 'in', prefix: '42', json: {} } }, sync: { urlPath: '/api/messages', param: 'offset', responsePositions: 'items[].off' } },
  },
  {
    name: 'terse-codes',
    data: (pos) => JSON.stringify({ t: 'd', v: { i: pos, s: 'ok' } }),
    step: 5,
    serverPing: '{"t":"beat"}',
    pong: '{"t":"beat_ack"}',
    http: { method: 'GET', path: '/api/updates', cursor: (u) => Number(u.searchParams.get('cursor')), respond: (ev) => ({ list: ev.map((e) => JSON.parse(e.frame).v) }) },
    client: { url: `(last) => 'ws://' + location.host + '/t'`, pos: `(t) => JSON.parse(t).v?.i`, catchup: `(last) => fetch('/api/updates?cursor=' + last).then((r) => r.json()).then((j) => j.list.map((m) => m.i))`, startup: true },
    profile: { name: 'terse-codes', backoff: BACKOFF, match: { urlPath: '/t' }, heartbeat: { intervalMs: HEARTBEAT_MS, ping: { dir: 'in', json: { t: 'beat' } }, pong: { dir: 'out', json: { t: 'beat_ack' } } }, position: { path: 'v.i', contiguous: false }, sync: { urlPath: '/api/updates', param: 'cursor', responsePositions: 'list[].i' } },
  },
];

/** The page: connects, is dropped twice; catches up after the first drop, skips it after the second. */
function page(p: AppProtocol): string {
  const c = p.client;
  return `<!doctype html><meta charset="utf-8"><title>${p.name}</title><body><script>
const url = ${c.url}; const posOf = ${c.pos};
const catchup = ${c.catchup ?? 'null'}; const resumeFrame = ${c.resumeFrame ?? 'null'};
let last = null; let n = 0;
const ping = ${JSON.stringify(p.serverPing ?? null)}, cping = ${JSON.stringify(p.clientPing ?? null)}, pong = ${JSON.stringify(p.pong)};
function connect() {
  const k = ++n; const sync = k === 2; const from = last;
  const ws = new WebSocket(url(sync ? last : null));
  let timer = 0;
  ws.onopen = () => {
    // Catch up once the socket is open (live frames from then on arrive on it, so nothing
    // published in between is lost), from the position held when the link dropped.
    if (sync && catchup) catchup(from).then((list) => { for (const x of list) last = typeof x === 'number' && typeof last === 'number' ? Math.max(last, x) : x; });
    if (sync && resumeFrame) ws.send(resumeFrame(last));
    if (cping) timer = setInterval(() => ws.readyState === 1 && ws.send(cping), ${HEARTBEAT_MS});
  };
  ws.onmessage = (ev) => {
    if (ping !== null && ev.data === ping) { ws.send(pong); return; }
    let p; try { p = posOf(ev.data); } catch { p = undefined; }
    if (p !== undefined && p !== null) last = typeof p === 'number' && typeof last === 'number' ? Math.max(last, p) : p;
  };
  ws.onclose = () => { clearInterval(timer); if (k < 3) setTimeout(connect, 300); };
}
${c.startup && c.catchup ? 'catchup(0).then(connect);' : 'connect();'}
</script></body>`;
}

/** A running app: its URL and a close function. */
export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

/** Serves protocol `p` on 127.0.0.1 (a fresh port): the page, its catch-up endpoint and its WebSocket. */
export async function startApp(p: AppProtocol): Promise<RunningApp> {
  const history: Array<{ pos: number; frame: string }> = [];
  let pos = 100;
  let k = 0;
  const sockets = new Set<WebSocket>();
  const sent = new Map<WebSocket, number>();
  const send = (ws: WebSocket, frame: string) => {
    if (ws.readyState !== 1) return;
    ws.send(frame);
    const c = (sent.get(ws) ?? 0) + 1;
    sent.set(ws, c);
    if (c === 30) ws.terminate(); // the server side drops: the client sees 1006
  };
  const tick = setInterval(() => {
    pos += p.step;
    history.push({ pos, frame: p.data(pos, ++k) });
    // `k` of a frame counts per connection (a per-connection counter is not a stream position).
    for (const ws of sockets) send(ws, p.data(pos, (sent.get(ws) ?? 0) + 1));
  }, 110);
  const beat = setInterval(() => {
    if (p.serverPing) for (const ws of sockets) if (ws.readyState === 1) ws.send(p.serverPing);
  }, HEARTBEAT_MS);
  const after = (c: number) => history.filter((e) => e.pos > c);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (u.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(page(p));
      } else if (p.http && u.pathname === p.http.path && req.method === p.http.method) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(p.http.respond(after(p.http.cursor(u, body)))));
      } else res.writeHead(404).end();
    });
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => {
    // An in-band resume: live frames wait for the client's first frame (or 400 ms), as a server
    // that replays first must.
    if (p.resumeFromFrame) setTimeout(() => ws.readyState === 1 && sockets.add(ws), 400);
    else sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    if (p.hello) ws.send(p.hello);
    const from = p.resumeFromUrl?.(new URL(req.url ?? '/', 'http://127.0.0.1'));
    if (from !== undefined) for (const e of after(from)) send(ws, e.frame);
    ws.on('message', (m) => {
      const t = m.toString();
      if (p.clientPing && t === p.clientPing) ws.send(p.pong);
      const f = p.resumeFromFrame?.(t);
      if (f !== undefined) for (const e of after(f)) send(ws, e.frame);
      if (p.resumeFromFrame && t !== p.clientPing) sockets.add(ws);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      clearInterval(tick);
      clearInterval(beat);
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
