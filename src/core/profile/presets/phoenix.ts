/**
 * `phoenix`: Phoenix channels over WebSocket with the v2 JSON serializer (`vsn=2.0.0`).
 *
 * Source: Phoenix docs "Writing a Channels Client" (hexdocs.pm/phoenix/writing_a_channels_client.html)
 * and phoenix.js `socket.js`: messages are arrays `[join_ref, ref, topic, event, payload]`;
 * the client sends `[null,"<ref>","phoenix","heartbeat",{}]` every `heartbeatIntervalMs`
 * (default 30000) and the server answers `[null,"<ref>","phoenix","phx_reply",
 * {"status":"ok","response":{}}]`; when a heartbeat is still unanswered as the next is due,
 * phoenix.js closes with 1000 and reason "heartbeat timeout" — a 1000 that is not a clean
 * shutdown. Joins are `[…,"<topic>","phx_join",{…}]`. URL: `/socket/websocket?vsn=2.0.0`.
 * Backoff: phoenix.js `reconnectAfterMs` default steps 10, 50, 100, 150, 200, 250, 500,
 * 1000, 2000, then 5000 ms (tries counted from 1, reset on open). Approximated: k=0 within
 * 10 ms, then 50·1.7^(k−1) capped at 5000 with jitter 0.5, which keeps every step within the
 * too-fast/too-slow bounds of docs/design.md#reconnects-and-backoff.
 *
 * Not modelled: pairing a reply with its heartbeat by `ref`; positions (Phoenix has none,
 * apps refetch after rejoin); the v1 object serializer (`{"topic":…,"event":…}`).
 */
import type { Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** The `phoenix` preset; sources and what is not modelled: see the module comment. */
export const PHOENIX_PROFILE: Profile = {
  name: 'phoenix',
  description: 'Phoenix channels, v2 array serializer (hexdocs.pm/phoenix/writing_a_channels_client.html)',
  match: {
    urlRegex: '/websocket\\?(?:[^#]*&)?vsn=2\\.',
    firstFrame: { dir: 'out', json: { '[3]': 'phx_join' } },
    firstFrameName: 'Phoenix phx_join',
  },
  heartbeat: {
    intervalMs: 30000,
    ping: { dir: 'out', json: { '[2]': 'phoenix', '[3]': 'heartbeat' } },
    pong: { dir: 'in', json: { '[2]': 'phoenix', '[3]': 'phx_reply' } },
    pongTimeoutMs: 30000,
  },
  backoff: { immediateMs: 10, baseMs: 50, factor: 1.7, maxMs: 5000, jitter: 0.5, stableAfterMs: 0 },
  closeCodes: {
    '1000': {
      name: 'Normal Closure',
      meaning: 'normal closure — unless the reason is "heartbeat timeout"',
      reasons: { 'heartbeat timeout': 'phoenix.js closed the socket because a heartbeat got no phx_reply before the next one was due: not a clean shutdown' },
    },
  },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
