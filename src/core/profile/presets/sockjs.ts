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
 * Not modelled: the protocol carried inside (e.g. STOMP heart-beats arrive as `a["\n"]` and
 * are data frames here); the `c[…]` close code (in-band, shown as a data frame); positions.
 */
import type { Profile } from '../types';
import { DEFAULT_BACKOFF, MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** The `sockjs` preset; sources and what is not modelled: see the module comment. */
export const SOCKJS_PROFILE: Profile = {
  name: 'sockjs',
  description: 'SockJS raw WebSocket transport (github.com/sockjs/sockjs-protocol); server heartbeat "h"',
  match: {
    urlRegex: '/\\d{3}/[^/?#]+/websocket(?:[?#]|$)',
    firstFrame: { dir: 'in', text: 'o' },
    firstFrameName: 'SockJS open frame',
  },
  hello: { match: { dir: 'in', text: 'o' }, fields: [] },
  heartbeat: { intervalMs: 25000, ping: { dir: 'in', text: 'h' } },
  backoff: { ...DEFAULT_BACKOFF },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
