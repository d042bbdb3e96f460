/**
 * `subscriptions-transport-ws`: Apollo's legacy GraphQL over WebSocket protocol, subprotocol
 * `graphql-ws` (not to be confused with the newer `graphql-ws` *library*, whose subprotocol is
 * `graphql-transport-ws`).
 *
 * Source: github.com/apollographql/subscriptions-transport-ws PROTOCOL.md — JSON messages
 * with `type`: `connection_init`, `connection_ack`, `connection_error`, `ka` (server keep
 * alive, one-way, sent after `connection_ack` and then periodically), `start`, `data`,
 * `error`, `complete`, `stop`, `connection_terminate`.
 * Interval: the server's `keepAlive` is configuration without a default; the client drops a
 * connection after `timeout` (default 30000 ms) without `ka`, so 20000 ms is used, making
 * 1.5 × interval equal to the client's own limit.
 * Backoff: the client uses backo2 with its defaults (min 100 ms, max 10000 ms, factor 2,
 * jitter 0.5), reset when a connection opens: k=0 ≈ 100 ms, then 200, 400 … 10000 ms.
 *
 * Not modelled: positions and resume (the client re-sends `start` for each operation).
 */
import type { Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** The `subscriptions-transport-ws` preset; sources and what is not modelled: see the module comment. */
export const SUBSCRIPTIONS_TRANSPORT_WS_PROFILE: Profile = {
  name: 'subscriptions-transport-ws',
  description: 'Apollo subscriptions-transport-ws, subprotocol graphql-ws (its PROTOCOL.md); one-way "ka"',
  match: {
    subprotocol: 'graphql-ws',
    firstFrame: { dir: 'out', json: { type: 'start' } },
    firstFrameName: 'subscriptions-transport-ws start',
  },
  hello: { match: { dir: 'in', json: { type: 'connection_ack' } }, fields: [] },
  heartbeat: { intervalMs: 20000, ping: { dir: 'in', json: { type: 'ka' } } },
  backoff: { immediateMs: 150, baseMs: 200, factor: 2, maxMs: 10000, jitter: 0.5, stableAfterMs: 0 },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
