/**
 * `discord-gateway`: a Discord-style gateway (JSON encoding, `?v=10&encoding=json`).
 *
 * Source: Discord developer docs, "Gateway" (discord.com/developers/docs/events/gateway) and
 * "Opcodes and Status Codes" (…/topics/opcodes-and-status-codes#gateway). Payloads
 * `{"op":…,"d":…,"s":…,"t":…}`. The server sends Hello `{"op":10,"d":{"heartbeat_interval":
 * 41250}}`; the client sends Heartbeat `{"op":1,"d":<last s or null>}` every
 * `heartbeat_interval` ms and the server answers Heartbeat ACK `{"op":11}`; a client that gets
 * no ACK before its next heartbeat should treat the connection as zombied, close it with a
 * code other than 1000/1001 and resume. Dispatches are op 0 with sequence `s`, which grows by
 * 1 per dispatch within a session; READY (a fresh IDENTIFY) starts a session at s = 1.
 * Resume is in-band: `{"op":6,"d":{"token":…,"session_id":…,"seq":<last s>}}`, then the server
 * replays missed dispatches and sends RESUMED. Close codes 4000–4014; 4004 and 4010–4014
 * must not be reconnected.
 * Backoff: not specified by the docs: scaiwave defaults.
 *
 * Modelled: `s` on op 0 as a contiguous position, READY as a position reset, op 6 as the
 * in-band sync with cursor `d.seq`. Not modelled: the server's op 1 (a request for an
 * immediate heartbeat; a data frame here), op 7 Reconnect and op 9 Invalid Session (data
 * frames), zlib/etf transport compression (binary).
 */
import type { Profile } from '../types';
import { DEFAULT_BACKOFF, MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

const code = (name: string, meaning: string, fatal = false, kind = 'protocol') => (fatal ? { name, kind, meaning, fatal } : { name, kind, meaning });

/** The `discord-gateway` preset; sources and what is not modelled: see the module comment. */
export const DISCORD_GATEWAY_PROFILE: Profile = {
  name: 'discord-gateway',
  description: 'Discord-style gateway (discord.com/developers/docs/events/gateway): op 1/11 heartbeat, s, op 6 RESUME',
  match: {
    urlRegex: 'gateway[^/?#]*\\.discord\\.gg',
    firstFrame: { dir: 'in', json: { op: 10 }, regex: '"heartbeat_interval"' },
    firstFrameName: 'gateway Hello (op 10)',
  },
  hello: { match: { dir: 'in', json: { op: 10 } }, fields: [] },
  heartbeat: {
    intervalMs: 41250,
    ping: { dir: 'out', json: { op: 1 } },
    pong: { dir: 'in', json: { op: 11 } },
    pongTimeoutMs: 41250,
    intervalPath: 'd.heartbeat_interval',
  },
  position: {
    path: 's',
    contiguous: true,
    when: { dir: 'in', json: { op: 0 } },
    resetWhen: { dir: 'in', json: { op: 0, t: 'READY' } },
  },
  sync: { frame: { dir: 'out', json: { op: 6 } }, cursorPath: 'd.seq' },
  backoff: { ...DEFAULT_BACKOFF },
  closeCodes: {
    '4000': code('Unknown error', 'the gateway is not sure what went wrong; reconnect'),
    '4001': code('Unknown opcode', 'an invalid opcode or payload was sent; reconnect'),
    '4002': code('Decode error', 'an invalid payload was sent; reconnect'),
    '4003': code('Not authenticated', 'a payload was sent before IDENTIFY; reconnect'),
    '4004': code('Authentication failed', 'the token sent with IDENTIFY is invalid — do not reconnect', true, 'auth'),
    '4005': code('Already authenticated', 'IDENTIFY was sent more than once; reconnect'),
    '4007': code('Invalid seq', 'the seq sent with RESUME was invalid; reconnect and start a new session'),
    '4008': code('Rate limited', 'payloads were sent too fast; reconnect'),
    '4009': code('Session timed out', 'the session timed out; reconnect and start a new session'),
    '4010': code('Invalid shard', 'an invalid shard was sent with IDENTIFY — do not reconnect', true),
    '4011': code('Sharding required', 'the session would handle too many guilds — do not reconnect', true),
    '4012': code('Invalid API version', 'the gateway version is invalid — do not reconnect', true),
    '4013': code('Invalid intent(s)', 'an invalid intent was sent — do not reconnect', true),
    '4014': code('Disallowed intent(s)', 'an intent not enabled or approved was sent — do not reconnect', true),
  },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
