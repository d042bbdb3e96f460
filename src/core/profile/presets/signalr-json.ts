/**
 * `signalr-json`: ASP.NET Core SignalR with the JSON hub protocol over WebSocket.
 *
 * Source: github.com/dotnet/aspnetcore specs/HubProtocol.md — every JSON message is a record
 * terminated by the record separator 0x1E, and one frame may carry several records. The
 * handshake request is `{"protocol":"json","version":1}` (client), the response `{}` (or
 * `{"error":…}`). Message `type`: 1 Invocation, 2 StreamItem, 3 Completion,
 * 4 StreamInvocation, 5 CancelInvocation, 6 Ping (either side, one-way, no answer), 7 Close,
 * 8 Ack `{"type":8,"sequenceId":N}` (last message received), 9 Sequence
 * `{"type":9,"sequenceId":N}` (stateful reconnect: sent by each side after reconnecting, the
 * id of the first message it will (re)send).
 * Intervals: server `KeepAliveInterval` 15 s, client `keepAliveIntervalInMilliseconds` 15 s
 * (pings are sent only when nothing else was sent); client `serverTimeoutInMilliseconds` 30 s.
 * Backoff: `withAutomaticReconnect()` default delays 0, 2000, 10000, 30000 ms, then stops;
 * modelled as k=0 immediate, then 2000·5^(k−1) capped at 30000, jitter 0.1 (no randomisation).
 *
 * Modelled: the client's Sequence message as the in-band sync frame, cursor `sequenceId`.
 * Not modelled: positions — messages are numbered implicitly (no id on the wire), so the
 * cursor cannot be compared with a received position; the MessagePack protocol (binary).
 */
import type { Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** The `signalr-json` preset; sources and what is not modelled: see the module comment. */
export const SIGNALR_JSON_PROFILE: Profile = {
  name: 'signalr-json',
  description: 'ASP.NET Core SignalR JSON hub protocol (dotnet/aspnetcore specs/HubProtocol.md)',
  recordSeparator: '\u001e',
  match: {
    firstFrame: { dir: 'out', json: { protocol: 'json' } },
    firstFrameName: 'SignalR JSON handshake',
  },
  hello: { match: { dir: 'in', text: '{}' }, fields: [] },
  heartbeat: { intervalMs: 15000, ping: { dir: 'in', json: { type: 6 } }, bidirectional: true, idleOnly: true },
  sync: { frame: { dir: 'out', json: { type: 9 } }, cursorPath: 'sequenceId' },
  backoff: { immediateMs: 1000, baseMs: 2000, factor: 5, maxMs: 30000, jitter: 0.1, stableAfterMs: 0 },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
