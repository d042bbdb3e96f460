/**
 * `mqtt`: MQTT 3.1.1 / 5.0 over WebSocket (subprotocol `mqtt`; `mqttv3.1` for 3.1), binary frames.
 *
 * Sources: MQTT 3.1.1 (OASIS, docs.oasis-open.org/mqtt/mqtt/v3.1.1) §2.2 fixed header (packet
 * type in the high nibble: 1 CONNECT `10`, 2 CONNACK `20`, 12 PINGREQ `C0 00`, 13 PINGRESP
 * `D0 00`), §3.1.2.10 Keep Alive (the client must send a packet at least every Keep Alive
 * seconds and sends PINGREQ when it has nothing else to send; the broker answers PINGRESP),
 * §6 WebSocket (binary frames, subprotocol "mqtt"); MQTT 5.0 keeps the same packets.
 * Interval: mqtt.js default `keepalive` 60 s. `pongTimeoutMs` 10000 is the scaiwave value
 * (the spec only says "a reasonable amount of time"; brokers answer at once).
 * Backoff: mqtt.js `reconnectPeriod` default 1000 ms, fixed.
 *
 * Framing (`framing: mqtt`): WebSocket frames are a byte stream (§6: "a single WebSocket data
 * frame can contain multiple or partial MQTT Control Packets"); packets are reassembled per
 * connection and direction, so Aedes's CONNACK sent as four one-byte frames is one hello and
 * a frame holding PUBLISH + PINGRESP gives both. The Keep Alive in CONNECT (seconds) is the
 * interval in use on that connection, announced by the client; 0 turns keep-alive off.
 *
 * Not modelled: positions (packet identifiers are for acknowledgements); MQTT 5's Server Keep
 * Alive in CONNACK; MQTT 5 DISCONNECT reason codes (in-band).
 */
import type { Profile } from '../types';
import { MIDDLEBOX_IDLE_TIMEOUTS_MS } from './common';

/** The `mqtt` preset; sources and what is not modelled: see the module comment. */
export const MQTT_PROFILE: Profile = {
  name: 'mqtt',
  description: 'MQTT 3.1.1/5 over WebSocket (OASIS MQTT 3.1.1 §3.12–3.13, §6); binary PINGREQ C0 00 / PINGRESP D0 00',
  match: {
    subprotocols: ['mqtt', 'mqttv3.1'],
    firstFrame: { dir: 'out', hexPrefix: '10' },
    firstFrameName: 'MQTT CONNECT packet',
  },
  hello: { match: { dir: 'in', hexPrefix: '20' }, fields: [] },
  heartbeat: {
    intervalMs: 60000,
    ping: { dir: 'out', hexPrefix: 'c000' },
    pong: { dir: 'in', hexPrefix: 'd000' },
    pongTimeoutMs: 10000,
    idleOnly: true,
  },
  framing: 'mqtt',
  backoff: { immediateMs: 1000, baseMs: 1000, factor: 1, maxMs: 1000, jitter: 0.1, stableAfterMs: 0 },
  idleTimeoutsMs: MIDDLEBOX_IDLE_TIMEOUTS_MS,
};
