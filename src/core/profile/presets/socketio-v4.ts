/**
 * `socketio-v4`: Engine.IO protocol v4 carrying Socket.IO (Socket.IO 3.x and 4.x).
 *
 * Sources: Engine.IO protocol v4 (https://socket.io/docs/v4/engine-io-protocol/ and
 * github.com/socketio/engine.io-protocol): packet types 0 open, 1 close, 2 ping, 3 pong,
 * 4 message, 5 upgrade, 6 noop; the server pings every `pingInterval` (default 25000 ms) and
 * the client must answer within `pingTimeout` (default 20000 ms); the open packet is
 * `0{"sid":…,"upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}`.
 * Socket.IO protocol v5 (https://socket.io/docs/v4/socket-io-protocol/): inside Engine.IO
 * message `4`, `0` connect, `1` disconnect, `2` event, `3` ack, `4` connect error — so `40`,
 * `42[…]` on the wire. Connection state recovery (Socket.IO ≥ 4.6,
 * https://socket.io/docs/v4/connection-state-recovery): the connect reply carries `pid`, the
 * server appends an offset as the last argument of each event, and the client reconnects
 * with `40{"pid":…,"offset":…}`, after which the server replays missed events.
 * Backoff: socket.io-client Manager defaults reconnectionDelay 1000, reconnectionDelayMax
 * 5000, randomizationFactor 0.5, factor 2, attempt counter reset on a successful reconnect:
 * delays 1000·2^attempt ± 50 %, capped at 5000 — so k=0 is 0.5–1.5 s, k≥1 is 2, 4, 5, 5 … s.
 *
 * Modelled: heartbeats ("2" in, "3" out), the open packet as hello (its `pingInterval` is
 * reported as the interval; over default transports the open packet is the body of the first
 * long-polling response, `hello.http`, matched to the WebSocket by `sid`; no hello fields, since `sid` changes on every connection),
 * the recovery offset as position (last argument of `42[…]` events, read only on connections
 * whose connect reply carried `pid`), and `40{…"pid"…}` as the in-band sync frame with
 * `offset` as cursor; the connect reply's `pid` as the epoch (a reconnect that asked for a pid
 * and got another one was not recovered: the server restores a session only from a pid and
 * an offset), and `44{…}` CONNECT_ERROR as a server error. Not modelled: offsets that are not numeric — the default in-memory
 * adapter uses yeast ids such as "OPe5Xo1" (Redis streams use "1700000000000-0", MongoDB
 * ObjectIds); only numeric offsets (e.g. a database row id as a string) become positions.
 * Events in a custom namespace (`42/chat,[…]`) or with an ack id (`4217[…]`) are not parsed;
 * binary attachments (`45…`) are data frames without positions.
 */
import type { Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** Regex for a Socket.IO CONNECT packet with a JSON body carrying `pid` (any namespace). */
const CONNECT_WITH_PID = '^40(?:/[^,]*,)?\\{.*"pid":';

/** The `socketio-v4` preset; sources and what is not modelled: see the module comment. */
export const SOCKETIO_V4_PROFILE: Profile = {
  name: 'socketio-v4',
  description: 'Engine.IO v4 / Socket.IO 3–4 (socket.io/docs/v4/engine-io-protocol, socket-io-protocol)',
  match: {
    urlRegex: '[?&]EIO=4(?:&|$)',
    firstFrame: { dir: 'in', regex: '^0\\{.*"maxPayload"' },
    firstFrameName: 'Engine.IO v4 open',
  },
  // With default transports the open packet is the body of the first long-polling response
  // (GET /socket.io/?EIO=4&transport=polling); the WebSocket then carries `sid` in its URL.
  hello: { match: { dir: 'in', prefix: '0', json: {} }, fields: [], http: { urlPath: '/socket.io/', param: 'sid', idPath: 'sid' } },
  heartbeat: {
    intervalMs: 25000,
    ping: { dir: 'in', text: '2' },
    pong: { dir: 'out', text: '3' },
    pongTimeoutMs: 20000,
    intervalPath: 'pingInterval',
  },
  position: {
    path: '[-1]',
    contiguous: false,
    when: { dir: 'in', prefix: '42', json: {} },
    after: { dir: 'in', regex: CONNECT_WITH_PID },
    // The session: a connect reply with another pid than the one asked for is a new session.
    epoch: { path: 'pid', when: { dir: 'in', prefix: '40', regex: CONNECT_WITH_PID } },
  },
  // prefix '40': the cursor is read from the JSON after it (default namespace only).
  sync: { frame: { dir: 'out', prefix: '40', regex: CONNECT_WITH_PID }, cursorPath: 'offset', sessionPath: 'pid' },
  // CONNECT_ERROR: the server refused the namespace connection (e.g. a middleware's auth error).
  error: { match: { dir: 'in', prefix: '44', json: {} }, messagePath: 'message' },
  backoff: { immediateMs: 1500, baseMs: 2000, factor: 2, maxMs: 5000, jitter: 0.5, stableAfterMs: 0 },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
