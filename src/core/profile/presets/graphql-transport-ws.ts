/**
 * `graphql-transport-ws`: the GraphQL over WebSocket protocol of the `graphql-ws` library,
 * subprotocol `graphql-transport-ws`.
 *
 * Source: github.com/enisdenjo/graphql-ws PROTOCOL.md — JSON messages with `type`:
 * `connection_init` (client), `connection_ack` (server), `ping`/`pong` (either side; a pong
 * answers a ping and may also be sent unsolicited as a one-way heartbeat), `subscribe`,
 * `next`, `error`, `complete`. Close codes: 4400 invalid message, 4401 unauthorized
 * (operation before `connection_ack`), 4403 forbidden, 4406 subprotocol not acceptable,
 * 4408 connection initialisation timeout, 4409 subscriber already exists, 4429 too many
 * initialisation requests; the graphql-ws client itself closes with 4004 bad response, 4005
 * internal client error, 4499 terminated and 4504 connection acknowledgement timeout, and the
 * server with 4500 internal server error (graphql-ws 6 `CloseCode`). The client does not retry
 * 4004, 4005, 4400, 4401, 4406, 4409, 4429, 4500 (client.ts `shouldRetryConnectOrThrow`); an
 * `error` message ends one operation with its GraphQL errors (`payload[0].message`).
 * Backoff: graphql-ws client `retryWait` default `randomisedExponentialBackoff`,
 * 1000·2^retries + a random 300–3000 ms, 5 attempts; retries reset after `connection_ack`.
 * Approximated as k=0 within 4 s, then 3, 6, 12, 24 s (E) with jitter 0.5.
 *
 * Heartbeat: pings are off by default (client `keepAlive: 0`) and their interval is app
 * configuration: 30000 ms is our assumption; `pongTimeoutMs` (10000) is the scaiwave value,
 * the protocol only says a pong "must be sent as soon as" the ping arrives.
 * Not modelled: positions and resume (the client re-subscribes after reconnecting; no cursor).
 */
import type { Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** The `graphql-transport-ws` preset; sources and what is not modelled: see the module comment. */
export const GRAPHQL_TRANSPORT_WS_PROFILE: Profile = {
  name: 'graphql-transport-ws',
  description: 'GraphQL over WebSocket, graphql-ws library (github.com/enisdenjo/graphql-ws PROTOCOL.md)',
  match: {
    subprotocol: 'graphql-transport-ws',
    firstFrame: { dir: 'out', json: { type: 'subscribe' } },
    firstFrameName: 'graphql-transport-ws subscribe',
  },
  hello: { match: { dir: 'in', json: { type: 'connection_ack' } }, fields: [] },
  heartbeat: {
    intervalMs: 30000,
    ping: { dir: 'out', json: { type: 'ping' } },
    pong: { dir: 'in', json: { type: 'pong' } },
    pongTimeoutMs: 10000,
    bidirectional: true,
  },
  backoff: { immediateMs: 4000, baseMs: 3000, factor: 2, maxMs: 24000, jitter: 0.5, stableAfterMs: 0 },
  closeCodes: {
    '4400': { name: 'Bad Request', kind: 'protocol', meaning: 'a message of an unknown type or format was received', fatal: true },
    '4401': { name: 'Unauthorized', kind: 'protocol', meaning: 'an operation was sent before connection_ack (client bug)', fatal: true },
    '4403': { name: 'Forbidden', kind: 'auth', meaning: 'the server rejected connection_init (e.g. invalid credentials in its payload)' },
    '4406': { name: 'Subprotocol not acceptable', kind: 'protocol', meaning: 'the server does not speak graphql-transport-ws', fatal: true },
    '4408': { name: 'Connection initialisation timeout', kind: 'protocol', meaning: 'connection_init did not arrive within connectionInitWaitTimeout' },
    '4409': { name: 'Subscriber already exists', kind: 'protocol', meaning: 'a subscribe reused the id of an active subscription', fatal: true },
    '4429': { name: 'Too many initialisation requests', kind: 'protocol', meaning: 'more than one connection_init was sent', fatal: true },
    '4004': { name: 'Bad Response', kind: 'protocol', meaning: 'the client received a message it could not understand and closed (sent by the client)', fatal: true },
    '4005': { name: 'Internal client error', kind: 'protocol', meaning: 'the client failed internally and closed (sent by the client)', fatal: true },
    '4499': { name: 'Terminated', kind: 'client', meaning: 'the client terminated the socket (e.g. it froze) and retries' },
    '4500': { name: 'Internal server error', kind: 'server', meaning: 'the server failed internally; the client does not retry', fatal: true },
    '4504': { name: 'Connection acknowledgement timeout', kind: 'protocol', meaning: 'connection_ack did not arrive in time (sent by the client, which retries)' },
  },
  error: { match: { dir: 'in', json: { type: 'error' } }, messagePath: 'payload[0].message' },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
