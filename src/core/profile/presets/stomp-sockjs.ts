/**
 * `stomp-sockjs`: STOMP carried inside SockJS (Spring's `withSockJS()`, RabbitMQ Web-STOMP's
 * SockJS endpoint, @stomp/stompjs with a sockjs-client `webSocketFactory`).
 *
 * Layering (`framing: sockjs`): the SockJS frames are unwrapped before matching, so the STOMP
 * matchers see the messages — CONNECT arrives as `["CONNECT\\n…"]`, a client heart-beat as
 * `["\\n"]`, a server heart-beat as `a["\\n"]`. SockJS's own `h` heartbeat counts as a ping
 * too (it keeps the link alive the same way); `o` and `c[…]` are transport records.
 * Detection needs both layers: a SockJS transport URL and a STOMP CONNECT inside one of the
 * first frames (a plain SockJS URL alone selects `sockjs`). Heart-beats, their negotiation
 * (`heart-beat` in CONNECT / CONNECTED) and backoff are the `stomp` preset's; sessions are
 * keyed as for `sockjs` (server and session ids dropped).
 */
import type { Profile } from '../types';
import { SOCKJS_SESSION, SOCKJS_URL_REGEX } from './sockjs';
import { STOMP_CONNECT, STOMP_PROFILE } from './stomp';

/** The `stomp-sockjs` preset; see the module comment. */
export const STOMP_SOCKJS_PROFILE: Profile = {
  ...STOMP_PROFILE,
  name: 'stomp-sockjs',
  description: 'STOMP 1.2 inside SockJS (stomp.github.io, github.com/sockjs/sockjs-protocol); SockJS frames unwrapped before matching',
  match: { urlRegex: SOCKJS_URL_REGEX, firstFrame: STOMP_CONNECT, firstFrameName: 'STOMP CONNECT frame inside SockJS' },
  framing: 'sockjs',
  session: SOCKJS_SESSION,
};
