/**
 * The default `scaiwave` profile, following the ScaiWave troubleshooting page "WebSocket keeps
 * disconnecting" (summarised in docs/design.md#the-scaiwave-profile).
 *
 * From that page: pings every 30 s; reconnect immediately after the first drop, then
 * 1, 2, 4, 8 … max 30 s; `/v1/sync?since=<last_stream_position>` before resuming; close 4001
 * SW_AUTH_INVALID_TOKEN (refresh and reconnect); 4003 server abort with reasons
 * `ping_timeout` and `duplicate_connection`; idle timeouts of 20 s and 60 s cut sockets.
 * The page does not show frames: the JSON shapes with a `type` field are our assumption.
 */
import type { Profile } from './types';

export const SCAIWAVE_PROFILE: Profile = {
  name: 'scaiwave',
  description: 'ScaiWave stream (troubleshooting page "WebSocket keeps disconnecting"); frame shapes assumed',
  assumedWireFormat: true,
  match: { urlPath: '/v1/stream' },
  hello: { match: { dir: 'in', json: { type: 'hello' } }, fields: ['tenant_id'] },
  heartbeat: {
    intervalMs: 30000,
    ping: { dir: 'in', json: { type: 'ping' } },
    pong: { dir: 'out', json: { type: 'pong' } },
    pongTimeoutMs: 10000,
  },
  // Assumed like the frames: a hello may name the stream's epoch; a sync response may say it is partial.
  position: { path: 'stream_position', contiguous: false, epoch: { path: 'epoch' } },
  sync: { urlPath: '/v1/sync', param: 'since', responsePositions: 'events[].stream_position', partial: ['truncated', 'has_more', 'next_cursor'] },
  backoff: { immediateMs: 1000, baseMs: 1000, factor: 2, maxMs: 30000, jitter: 0.5, stableAfterMs: 10000 },
  closeCodes: {
    '4001': { name: 'SW_AUTH_INVALID_TOKEN', kind: 'auth', meaning: 'token expired or invalid: refresh it, then reconnect', fatalUnlessNewCredentials: true },
    '4003': {
      name: 'server abort',
      kind: 'server-abort',
      meaning: 'the server aborted the connection (see ws.disconnect in its logs)',
      reasons: {
        ping_timeout: 'the client missed too many pongs',
        duplicate_connection: 'another client signed in with the same token; the older one is closed',
      },
    },
  },
  idleTimeoutsMs: [20000, 60000, 100000],
  error: { match: { dir: 'in', json: { type: 'error' } }, messagePath: 'message' },
};
