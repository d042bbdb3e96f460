/**
 * `centrifugo`: Centrifugo / centrifuge-js bidirectional JSON protocol (client protocol v2,
 * Centrifugo ≥ 4), endpoint `/connection/websocket`.
 *
 * Sources: centrifugal.dev/docs/transports/client_protocol and docs/server/codes;
 * centrifuge-js. Commands and replies are JSON objects; several may share one frame,
 * separated by "\n". Connect: `{"id":1,"connect":{"token":…}}` → `{"id":1,"connect":
 * {"client":…,"version":…,"ping":25,"pong":true}}` (`ping` in seconds). Ping: the server
 * sends an empty reply `{}` every `ping` s (default 25) and, when `pong` is true, the client
 * answers with an empty command `{}`; the server disconnects with 3012 "no pong" after
 * `pong_timeout` (default 8 s). Publications: `{"push":{"channel":…,"pub":{"data":…,
 * "offset":N}}}`; offsets grow by 1 per publication within a channel's history stream
 * (`epoch` names the stream). Recovery: `{"id":2,"subscribe":{"channel":…,"recover":true,
 * "offset":N,"epoch":…}}`. Disconnect codes 3000–3499 reconnect, 3500–3999 are terminal.
 * Backoff: centrifuge-js `minReconnectDelay` 500, `maxReconnectDelay` 20000, full jitter:
 * delay = 500 + random(0, min(20000, 500·2^attempt)), attempts reset on connect. Approximated:
 * k=0 within 1 s, E = 1500·2^(k−1) capped at 16000, jitter 0.97 (only delays under about
 * 0.5 s are too fast).
 *
 * Modelled: `push.pub.offset` as position (not contiguous: with several channels their
 * offsets interleave; for one channel set `contiguous: true` and a `when` on
 * `push.channel`); subscribe with `recover: true` as the in-band sync, cursor
 * `subscribe.offset`; the subscribe reply's `epoch` (a new epoch means the history stream
 * restarted: offsets start again) and replies carrying `error`. Not modelled: offsets per channel, recovered publications inside a subscribe reply, server-side
 * subscriptions recovered through the connect command, the older protocol v1 (`result`
 * wrapper) and the Protobuf (binary) format.
 */
import type { Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

const CONNECT_REPLY = '^\\{(?:"id":\\d+,)?"connect":\\{';

/** The `centrifugo` preset; sources and what is not modelled: see the module comment. */
export const CENTRIFUGO_PROFILE: Profile = {
  name: 'centrifugo',
  description: 'Centrifugo JSON client protocol v2 (centrifugal.dev/docs/transports/client_protocol)',
  recordSeparator: '\n',
  match: {
    urlPath: '/connection/websocket',
    firstFrame: { dir: 'out', regex: '"connect":\\{' },
    firstFrameName: 'Centrifugo connect command',
  },
  hello: { match: { dir: 'in', regex: CONNECT_REPLY }, fields: [] },
  heartbeat: {
    intervalMs: 25000,
    ping: { dir: 'in', text: '{}' },
    pong: { dir: 'out', text: '{}' },
    pongTimeoutMs: 8000,
    intervalPath: 'connect.ping',
    intervalScale: 1000,
  },
  position: { path: 'push.pub.offset', contiguous: false, epoch: { path: 'subscribe.epoch', when: { dir: 'in', regex: '"subscribe":\\{' } } },
  sync: { frame: { dir: 'out', json: { 'subscribe.recover': true } }, cursorPath: 'subscribe.offset' },
  backoff: { immediateMs: 1000, baseMs: 1500, factor: 2, maxMs: 16000, jitter: 0.97, stableAfterMs: 0 },
  closeCodes: {
    '3001': { name: 'shutdown', kind: 'server', meaning: 'the node is shutting down; reconnect' },
    '3004': { name: 'internal server error', kind: 'server', meaning: 'server error; reconnect' },
    '3005': { name: 'connection expired', kind: 'auth', meaning: 'the connection token expired; refresh it and reconnect' },
    '3006': { name: 'subscription expired', kind: 'auth', meaning: 'a subscription token expired' },
    '3008': { name: 'slow', kind: 'server', meaning: 'the client did not read messages fast enough' },
    '3009': { name: 'write error', kind: 'server', meaning: 'writing to the connection failed' },
    '3010': { name: 'insufficient state', kind: 'server', meaning: 'the server saw a gap in a publication stream; reconnect and recover' },
    '3011': { name: 'force reconnect', kind: 'server', meaning: 'the server asked the client to reconnect' },
    '3012': { name: 'no pong', kind: 'server-abort', meaning: 'the client did not answer the server ping ({}) within pong_timeout' },
    '3013': { name: 'too many requests', kind: 'server', meaning: 'the client sent too many commands' },
    '3500': { name: 'invalid token', kind: 'auth', meaning: 'the connection token is invalid (terminal)', fatal: true },
    '3501': { name: 'bad request', kind: 'protocol', meaning: 'malformed protocol frames (terminal)', fatal: true },
    '3502': { name: 'stale', kind: 'protocol', meaning: 'the connection did not authenticate in time (terminal)', fatal: true },
    '3503': { name: 'force disconnect', kind: 'server', meaning: 'the server asked the client not to reconnect', fatal: true },
    '3504': { name: 'connection limit', kind: 'server', meaning: 'too many connections for this user (terminal)', fatal: true },
    '3505': { name: 'channel limit', kind: 'server', meaning: 'too many channels (terminal)', fatal: true },
    '3506': { name: 'inappropriate protocol', kind: 'protocol', meaning: 'a JSON client received binary data (terminal)', fatal: true },
    '3507': { name: 'permission denied', kind: 'auth', meaning: 'not enough permissions (terminal)', fatal: true },
    '3508': { name: 'not available', kind: 'server', meaning: 'a feature is not available (terminal)', fatal: true },
    '3509': { name: 'too many errors', kind: 'protocol', meaning: 'the client caused too many errors (terminal)', fatal: true },
  },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
  error: { match: { dir: 'in', regex: '^\\{(?:"id":\\d+,)?"error":\\{' }, messagePath: 'error.message' },
};
