/**
 * `pusher`: Pusher Channels WebSocket protocol (protocol 7), URL `/app/<key>?protocol=7&…`.
 *
 * Source: pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol —
 * messages `{"event":…,"channel"?:…,"data":…}` where `data` is usually a JSON-encoded
 * string. The server opens with `pusher:connection_established` (data `{"socket_id":…,
 * "activity_timeout":120}`). Either side sends `{"event":"pusher:ping","data":{}}` after
 * `activity_timeout` seconds without messages and the other answers
 * `{"event":"pusher:pong","data":{}}`; pusher-js waits `pongTimeout` (30 s) for it.
 * Close codes: 4000–4099 do not reconnect, 4100–4199 reconnect after backing off,
 * 4200–4299 reconnect immediately, 4300–4399 other errors.
 * Backoff: not specified by the protocol: scaiwave defaults.
 *
 * Not modelled: `activity_timeout` and `socket_id` (inside the string-encoded `data`, so the
 * interval stays 120 s); positions and resume (none in the protocol).
 */
import type { Profile } from '../types';
import { DEFAULT_BACKOFF, MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

const noReconnect = (name: string) => ({ name, kind: 'protocol', meaning: `${name} — the client must not reconnect (4000–4099)`, fatal: true });

/** The `pusher` preset; sources and what is not modelled: see the module comment. */
export const PUSHER_PROFILE: Profile = {
  name: 'pusher',
  description: 'Pusher Channels protocol 7 (pusher.com/docs/channels/library_auth_reference/pusher-websockets-protocol)',
  match: {
    urlRegex: '/app/[^/?#]+\\?(?:[^#]*&)?protocol=\\d',
    firstFrame: { dir: 'in', json: { event: 'pusher:connection_established' } },
    firstFrameName: 'pusher:connection_established',
  },
  hello: { match: { dir: 'in', json: { event: 'pusher:connection_established' } }, fields: [] },
  heartbeat: {
    intervalMs: 120000,
    ping: { dir: 'out', json: { event: 'pusher:ping' } },
    pong: { dir: 'in', json: { event: 'pusher:pong' } },
    pongTimeoutMs: 30000,
    bidirectional: true,
    idleOnly: true,
  },
  backoff: { ...DEFAULT_BACKOFF },
  closeCodes: {
    '4000': noReconnect('Application only accepts SSL connections'),
    '4001': noReconnect('Application does not exist'),
    '4003': noReconnect('Application disabled'),
    '4004': noReconnect('Application is over connection quota'),
    '4005': noReconnect('Path not found'),
    '4006': noReconnect('Invalid version string format'),
    '4007': noReconnect('Unsupported protocol version'),
    '4008': noReconnect('No protocol version supplied'),
    '4009': { name: 'Connection is unauthorized', kind: 'auth', meaning: 'the connection is unauthorized — do not reconnect (4000–4099)', fatal: true },
    '4100': { name: 'Over capacity', kind: 'server', meaning: 'reconnect after backing off (4100–4199)' },
    '4200': { name: 'Generic reconnect immediately', kind: 'server', meaning: 'reconnect immediately (4200–4299)' },
    '4201': { name: 'Pong reply not received', kind: 'server-abort', meaning: 'the server pinged and got no pusher:pong; reconnect immediately' },
    '4202': { name: 'Closed after inactivity', kind: 'server', meaning: 'the client was inactive too long and does not support ping' },
    '4301': { name: 'Client event rejected due to rate limit', kind: 'server', meaning: 'too many client events' },
  },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
