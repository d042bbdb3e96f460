/**
 * `socketio-v3`: Engine.IO protocol **v3** (`EIO=3`), as spoken by Socket.IO 2.x. (Socket.IO
 * 3.x and 4.x speak Engine.IO v4: use `socketio-v4`.)
 *
 * Source: Engine.IO protocol v3 (github.com/socketio/engine.io-protocol, branch v3): the
 * heartbeat is reversed from v4 — the *client* sends ping `2` every `pingInterval` (default
 * 25000 ms) and the server answers pong `3`; the client gives up after `pingTimeout`
 * (engine.io 3.x default 5000 ms). The open packet is `0{"sid":…,"upgrades":[],
 * "pingInterval":25000,"pingTimeout":5000}` (no `maxPayload`, which v4 added).
 * Backoff: socket.io-client 2.x Manager, same defaults as v4 (1000 ms ± 50 %, ×2, max 5000).
 *
 * Not modelled: positions and resume (Socket.IO 2.x has no connection state recovery);
 * the payload encoding of polling transports (only the WebSocket transport is seen).
 */
import { regexNotContaining } from '../linear-regex';
import type { Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** The `socketio-v3` preset; sources and what is not modelled: see the module comment. */
export const SOCKETIO_V3_PROFILE: Profile = {
  name: 'socketio-v3',
  description: 'Engine.IO v3 / Socket.IO 2.x (github.com/socketio/engine.io-protocol v3): client pings',
  match: {
    urlRegex: '[?&]EIO=3(?:&|$)',
    // "An open packet without maxPayload", written without lookahead for the linear-time matcher.
    firstFrame: { dir: 'in', regex: `^0\\{"sid":${regexNotContaining('"maxPayload"')}$` },
    firstFrameName: 'Engine.IO v3 open',
  },
  hello: { match: { dir: 'in', prefix: '0', json: {} }, fields: [] },
  heartbeat: {
    intervalMs: 25000,
    ping: { dir: 'out', text: '2' },
    pong: { dir: 'in', text: '3' },
    pongTimeoutMs: 5000,
    intervalPath: 'pingInterval',
  },
  backoff: { immediateMs: 1500, baseMs: 2000, factor: 2, maxMs: 5000, jitter: 0.5, stableAfterMs: 0 },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
