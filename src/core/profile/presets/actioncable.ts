/**
 * `actioncable`: Rails Action Cable, subprotocol `actioncable-v1-json`.
 *
 * Source: Rails actioncable (lib/action_cable/server/connections.rb `BEAT_INTERVAL = 3`,
 * app/javascript/action_cable/connection_monitor.js, internal.js): the server sends
 * `{"type":"welcome"}` after connecting and `{"type":"ping","message":<unix seconds>}` every
 * 3 s (one-way); the client treats 6 s (`staleThreshold`) without a ping as stale.
 * Other frames: `{"identifier":…,"type":"confirm_subscription"}`, `{"identifier":…,
 * "message":{…}}`, `{"type":"disconnect","reason":…,"reconnect":bool}`. The client requests
 * subprotocols `actioncable-v1-json` and `actioncable-unsupported`; the endpoint is usually `/cable`.
 * Backoff: the ConnectionMonitor reopens a stale connection when it polls, every
 * 6 s · 1.15^min(attempts,10) · (1 + jitter) (jitter up to 100 % on the first attempt, 15 %
 * after), and not within 6 s of the disconnect; attempts reset at `welcome`. Approximated:
 * k=0 within 12 s, then 9000·1.15^(k−1) capped at 24000, jitter 0.75.
 *
 * Not modelled: positions and resume (none in the protocol); the `disconnect` message with
 * `reconnect:false` (it is a data frame here; a reconnect after it is not flagged).
 */
import type { Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** The `actioncable` preset; sources and what is not modelled: see the module comment. */
export const ACTIONCABLE_PROFILE: Profile = {
  name: 'actioncable',
  description: 'Rails Action Cable, actioncable-v1-json (rails/actioncable); server ping every 3 s',
  match: {
    subprotocol: 'actioncable-v1-json',
    urlPath: '/cable',
    firstFrame: { dir: 'in', json: { type: 'welcome' } },
    firstFrameName: 'Action Cable welcome',
  },
  hello: { match: { dir: 'in', json: { type: 'welcome' } }, fields: [] },
  heartbeat: { intervalMs: 3000, ping: { dir: 'in', json: { type: 'ping' } } },
  backoff: { immediateMs: 12000, baseMs: 9000, factor: 1.15, maxMs: 24000, jitter: 0.75, stableAfterMs: 0 },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
