/**
 * The built-in profiles (docs/design.md#built-in-presets), `scaiwave` first (the default). Each preset's module
 * cites the specification it follows and says what it does not model.
 */
import { SCAIWAVE_PROFILE } from '../scaiwave';
import type { Profile } from '../types';
import { ACTIONCABLE_PROFILE } from './actioncable';
import { CENTRIFUGO_PROFILE } from './centrifugo';
import { DISCORD_GATEWAY_PROFILE } from './discord-gateway';
import { GRAPHQL_TRANSPORT_WS_PROFILE } from './graphql-transport-ws';
import { MQTT_PROFILE } from './mqtt';
import { PHOENIX_PROFILE } from './phoenix';
import { PUSHER_PROFILE } from './pusher';
import { SIGNALR_JSON_PROFILE } from './signalr-json';
import { SOCKETIO_V3_PROFILE } from './socketio-v3';
import { SOCKETIO_V4_PROFILE } from './socketio-v4';
import { SOCKJS_PROFILE } from './sockjs';
import { STOMP_PROFILE } from './stomp';
import { STOMP_SOCKJS_PROFILE } from './stomp-sockjs';
import { SUBSCRIPTIONS_TRANSPORT_WS_PROFILE } from './subscriptions-transport-ws';

export {
  ACTIONCABLE_PROFILE,
  CENTRIFUGO_PROFILE,
  DISCORD_GATEWAY_PROFILE,
  GRAPHQL_TRANSPORT_WS_PROFILE,
  MQTT_PROFILE,
  PHOENIX_PROFILE,
  PUSHER_PROFILE,
  SCAIWAVE_PROFILE,
  SIGNALR_JSON_PROFILE,
  SOCKETIO_V3_PROFILE,
  SOCKETIO_V4_PROFILE,
  SOCKJS_PROFILE,
  STOMP_PROFILE,
  STOMP_SOCKJS_PROFILE,
  SUBSCRIPTIONS_TRANSPORT_WS_PROFILE,
};

/**
 * Every built-in profile, `scaiwave` first. Detection (detect.ts) tries them in this order
 * within each precedence level.
 */
export const BUILTIN_PROFILES: Profile[] = [
  SCAIWAVE_PROFILE,
  SOCKETIO_V4_PROFILE,
  SOCKETIO_V3_PROFILE,
  GRAPHQL_TRANSPORT_WS_PROFILE,
  SUBSCRIPTIONS_TRANSPORT_WS_PROFILE,
  PHOENIX_PROFILE,
  SIGNALR_JSON_PROFILE,
  ACTIONCABLE_PROFILE,
  STOMP_PROFILE,
  STOMP_SOCKJS_PROFILE,
  SOCKJS_PROFILE,
  MQTT_PROFILE,
  CENTRIFUGO_PROFILE,
  PUSHER_PROFILE,
  DISCORD_GATEWAY_PROFILE,
];

/** Names of the built-in profiles, in {@link BUILTIN_PROFILES} order. */
export const BUILTIN_PROFILE_NAMES: string[] = BUILTIN_PROFILES.map((p) => p.name);

/** The built-in profile with this exact name, or `undefined`. */
export function getBuiltinProfile(name: string): Profile | undefined {
  return BUILTIN_PROFILES.find((p) => p.name === name);
}
