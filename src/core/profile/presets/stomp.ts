/**
 * `stomp`: STOMP 1.0–1.2 over WebSocket (subprotocols `v12.stomp`, `v11.stomp`, `v10.stomp`).
 *
 * Source: STOMP 1.2 specification (stomp.github.io/stomp-specification-1.2.html): frames are
 * `COMMAND\nheader:value\n…\n\nbody\0`; the client opens with CONNECT (or STOMP), the server
 * answers CONNECTED. Heart-beating ("Heart-beating" section): negotiated by the
 * `heart-beat:cx,cy` headers of CONNECT/CONNECTED (ms, 0 = off); each side that must send
 * heart-beats sends an end-of-line (`\n`, or `\r\n`) whenever it had nothing else to send for
 * the negotiated time. There is no answer: both directions are independent one-way heart-beats.
 * Interval: @stomp/stompjs defaults `heartbeatIncoming`/`heartbeatOutgoing` 10000 ms.
 * Backoff: @stomp/stompjs `reconnectDelay` default 5000 ms, fixed.
 *
 * The `heart-beat` header of CONNECT and CONNECTED is read (`heartbeat.negotiate`): per
 * direction the interval in use is max(sender's x, receiver's y), none when either is 0, so
 * a server answering `heart-beat:0,20000` promises silence and gets no silence finding.
 * The 10000 ms default applies until (or unless) CONNECTED arrives.
 *
 * Not modelled: positions (brokers' ids such as RabbitMQ `x-stream-offset` live
 * in headers); several STOMP frames in one WebSocket message.
 */
import type { FrameMatcher, Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** The client's CONNECT (or STOMP) frame: the first frame of a STOMP session. */
export const STOMP_CONNECT: FrameMatcher = { dir: 'out', regex: '^(?:CONNECT|STOMP)\\r?\\n' };

/** The `stomp` preset; sources and what is not modelled: see the module comment. */
export const STOMP_PROFILE: Profile = {
  name: 'stomp',
  description: 'STOMP 1.2 over WebSocket (stomp.github.io/stomp-specification-1.2.html); heart-beat = bare EOL',
  match: {
    subprotocols: ['v12.stomp', 'v11.stomp', 'v10.stomp'],
    firstFrame: STOMP_CONNECT,
    firstFrameName: 'STOMP CONNECT frame',
  },
  hello: { match: { dir: 'in', regex: '^CONNECTED\\r?\\n' }, fields: [] },
  heartbeat: {
    intervalMs: 10000,
    ping: { dir: 'in', regex: '^(?:\\r?\\n)+$' },
    bidirectional: true,
    idleOnly: true,
    negotiate: { header: 'heart-beat', request: STOMP_CONNECT },
  },
  backoff: { immediateMs: 5000, baseMs: 5000, factor: 1, maxMs: 5000, jitter: 0.1, stableAfterMs: 0 },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
