/**
 * `sockjs`: the SockJS protocol on its raw WebSocket transport
 * (`/<prefix>/<server_id>/<session_id>/websocket`).
 *
 * Source: sockjs-protocol (github.com/sockjs/sockjs-protocol, sockjs-protocol-0.3.3.py):
 * server frames `o` open, `h` heartbeat, `a["msg",…]` array of messages, `m"msg"` one
 * message, `c[code,"reason"]` close (e.g. `c[3000,"Go away!"]`); the client sends JSON arrays
 * of strings `["msg"]`. The server sends `h` after about 25 s without other traffic
 * (sockjs-node `heartbeat_delay` 25000 ms); nothing answers it. `server_id` is three digits.
 * Backoff: SockJS itself does not reconnect (the application does): scaiwave defaults.
 *
 * Sessions: the `/<server_id>/<session_id>` part of the path changes on every connection, so
 * it is left out of the session key (`session`): one session per SockJS prefix.
 *
 * Not modelled here: the protocol carried inside — STOMP inside SockJS is the `stomp-sockjs`
 * preset (`framing: sockjs`); the `c[…]` close code (in-band, shown as a data frame); positions.
 */
import type { Profile, SessionSpec } from '../types';
import { DEFAULT_BACKOFF, MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** URL of SockJS's raw WebSocket transport: `/<prefix>/<server_id>/<session_id>/websocket`. */
export const SOCKJS_URL_REGEX = '/\\d{3}/[^/?#]+/websocket(?:[?#]|$)';

/** One session per SockJS prefix: server and session ids are dropped from the session key. */
export const SOCKJS_SESSION: SessionSpec = { pathPattern: '/\\d{3}/[^/]+/websocket$', replaceWith: '/*/*/websocket' };

/** The `sockjs` preset; sources and what is not modelled: see the module comment. */
export const SOCKJS_PROFILE: Profile = {
  name: 'sockjs',
  description: 'SockJS raw WebSocket transport (github.com/sockjs/sockjs-protocol); server heartbeat "h"',
  match: {
    urlRegex: SOCKJS_URL_REGEX,
    firstFrame: { dir: 'in', text: 'o' },
    firstFrameName: 'SockJS open frame',
  },
  hello: { match: { dir: 'in', text: 'o' }, fields: [] },
  heartbeat: { intervalMs: 25000, ping: { dir: 'in', text: 'h' } },
  session: SOCKJS_SESSION,
  backoff: { ...DEFAULT_BACKOFF },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
