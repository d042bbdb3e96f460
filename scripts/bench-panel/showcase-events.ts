/**
 * A short hand-made scaiwave capture that shows every kind of timeline mark at once, for
 * looking at the panel (bench page `?showcase`): a drop with a correct sync, an auth close,
 * a too-fast retry, a server abort (ping_timeout), a resume without sync, a position gap and a
 * regression, heartbeats, and a second endpoint. Pure.
 */
import type { TraceEvent } from '../../src/core/events';

/** The showcase events, starting at `t0` (ms since the epoch). */
export function showcaseEvents(t0 = Date.UTC(2024, 5, 1, 10, 0, 0)): TraceEvent[] {
  const out: TraceEvent[] = [];
  let t = t0;
  let pos = 100;
  const push = (dt: number, e: Record<string, unknown>): void => {
    t += dt;
    out.push({ seq: out.length + 1, t, ...e } as TraceEvent);
  };
  const url = (tok: string) => `wss://app.example.com/v1/stream?token=${tok}`;
  const msg = (conn: string, data: string) => ({ type: 'ws-message', conn, opcode: 1, size: data.length, data, encoding: 'text', truncated: false });
  const send = (conn: string, data: string) => ({ type: 'ws-send', conn, opcode: 1, size: data.length, data, encoding: 'text', truncated: false, readyState: 1 });
  const open = (conn: string, tok: string, head: number) => {
    push(0, { type: 'ws-create', conn, url: url(tok), protocols: [], frameUrl: 'https://app.example.com/inbox' });
    push(40, { type: 'ws-open', conn, protocol: '', extensions: 'permessage-deflate' });
    push(10, msg(conn, `{"type":"hello","tenant_id":"acme","stream_position":${head}}`));
  };
  const events = (conn: string, n: number, every: number) => {
    for (let i = 0; i < n; i++) push(every, msg(conn, `{"type":"event","stream_position":${++pos},"data":{"kind":"message.created","id":"m${pos}","text":"hello <b>${pos}</b>"}}`));
  };
  const ping = (conn: string) => {
    push(300, msg(conn, '{"type":"ping"}'));
    push(2, send(conn, '{"type":"pong"}'));
  };
  push(0, { type: 'page-navigation', url: 'https://app.example.com/inbox' });
  open('c.1', 'tok-1', 100);
  for (let k = 0; k < 4; k++) {
    events('c.1', 6, 400);
    ping('c.1');
    push(0, send('c.1', '{"type":"typing","room":"general"}'));
  }
  push(900, { type: 'ws-close', conn: 'c.1', code: 1006, reason: '', wasClean: false });
  // Reconnect at once, sync first (the ScaiWave pattern).
  push(300, { type: 'http-request', req: 1, method: 'GET', url: `https://app.example.com/v1/sync?since=${pos}`, initiator: 'fetch' });
  push(180, { type: 'http-response', req: 1, status: 200, body: `{"events":[{"type":"event","stream_position":${pos + 1}},{"type":"event","stream_position":${pos + 2}}],"head":${pos + 2}}` });
  pos += 2;
  open('c.2', 'tok-1', pos);
  events('c.2', 5, 350);
  pos += 4; // a gap of 4 positions
  events('c.2', 3, 350);
  ping('c.2');
  push(2500, { type: 'ws-close', conn: 'c.2', code: 4001, reason: 'token_expired', wasClean: true });
  // Too fast, same token (4001 again).
  push(60, { type: 'ws-create', conn: 'c.3', url: url('tok-1'), protocols: [], frameUrl: 'https://app.example.com/inbox' });
  push(35, { type: 'ws-open', conn: 'c.3', protocol: '', extensions: '' });
  push(20, { type: 'ws-close', conn: 'c.3', code: 4001, reason: 'token_expired', wasClean: true });
  // New token, sync, then the server aborts for missed pongs.
  push(1500, { type: 'http-request', req: 2, method: 'GET', url: `https://app.example.com/v1/sync?since=${pos}&token=tok-2`, initiator: 'fetch' });
  push(220, { type: 'http-response', req: 2, status: 200, body: '{"events":[],"head":' + pos + '}' });
  open('c.4', 'tok-2', pos);
  events('c.4', 4, 300);
  push(300, msg('c.4', '{"type":"ping"}'));
  events('c.4', 2, 300);
  pos -= 3; // duplicate delivery
  events('c.4', 2, 300);
  pos += 3;
  push(3000, { type: 'ws-close', conn: 'c.4', code: 4003, reason: 'ping_timeout', wasClean: true });
  // Resume without sync.
  push(1000, { type: 'ws-create', conn: 'c.5', url: url('tok-2'), protocols: [], frameUrl: 'https://app.example.com/inbox' });
  push(45, { type: 'ws-open', conn: 'c.5', protocol: '', extensions: '' });
  push(10, msg('c.5', `{"type":"hello","tenant_id":"acme","stream_position":${pos + 3}}`));
  events('c.5', 8, 300);
  ping('c.5');
  // A second endpoint: presence, binary frames.
  const p0 = out.findIndex((e) => e.type === 'ws-open');
  const tp = out[p0]!.t + 500;
  const presence: TraceEvent[] = [
    { seq: 0, t: tp, type: 'ws-create', conn: 'p.1', url: 'wss://rt.example.com/presence', protocols: ['presence.v2'], frameUrl: 'https://app.example.com/inbox' },
    { seq: 0, t: tp + 30, type: 'ws-open', conn: 'p.1', protocol: 'presence.v2', extensions: '' },
  ];
  for (let i = 0; i < 40; i++) presence.push({ seq: 0, t: tp + 60 + i * 450, type: 'ws-message', conn: 'p.1', opcode: 2, size: 18, data: 'AQIDBAUGBwgJCgsMDQ4PEBES', encoding: 'base64', truncated: false });
  const all = [...out, ...presence].sort((a, b) => a.t - b.t);
  return all.map((e, i) => ({ ...e, seq: i + 1 }));
}
