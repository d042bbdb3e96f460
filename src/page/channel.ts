/**
 * Hook side of the private page channel (see core/bridge/page-channel.ts). All DOM calls go
 * through captured natives so later page tampering cannot intercept them.
 */
import { channelEvents, HANDSHAKE_EVENT, parseAnnouncement, type HookAnnouncement } from '../core/bridge/page-channel';
import type { RelayToHook } from '../core/bridge/messages';
import type { Natives } from './natives';

/** The hook's end: send JSON-able messages up, receive relay messages down. */
export interface HookChannel {
  send(msg: unknown): void;
}

/**
 * Opens the channel on `win`. `onDown` receives each relay message. The handshake listener is
 * removed as soon as the relay has answered on the private channel.
 */
export function openHookChannel(
  win: Window,
  n: Natives,
  identity: { src: string; frameUrl: string; top: boolean },
  onDown: (msg: RelayToHook) => void,
): HookChannel {
  const rnd = n.getRandomValues(new Uint32Array(4));
  let channel = 'wt';
  for (let i = 0; i < rnd.length; i++) channel += ((rnd[i] as number) >>> 0).toString(16).padStart(8, '0');
  const { up, down } = channelEvents(channel);
  const announcement: HookAnnouncement = { role: 'hook', channel, ...identity };
  const dispatch = (name: string, detail: string): void => {
    const ev = n.construct(n.CustomEventCtor, [name, { detail }]) as CustomEvent;
    n.apply(n.dispatchEvent, win, [ev]);
  };
  const announce = (): void => dispatch(HANDSHAKE_EVENT, n.stringify(announcement));
  let handshakeOpen = true;
  const onHandshake = (ev: Event): void => {
    const a = parseAnnouncement(n.apply(n.getDetail, ev, []));
    if (a && a.role === 'relay') announce();
  };
  const closeHandshake = (): void => {
    if (!handshakeOpen) return;
    handshakeOpen = false;
    n.apply(n.removeEventListener, win, [HANDSHAKE_EVENT, onHandshake]);
  };
  n.apply(n.addEventListener, win, [
    down,
    (ev: Event) => {
      closeHandshake();
      const detail = n.apply(n.getDetail, ev, []);
      if (typeof detail !== 'string') return;
      try {
        const msg = n.parse(detail) as RelayToHook;
        if (msg && typeof msg.kind === 'string') onDown(msg);
      } catch {
        // a malformed message is ignored
      }
    },
  ]);
  n.apply(n.addEventListener, win, [HANDSHAKE_EVENT, onHandshake]);
  announce();
  return {
    send(msg) {
      dispatch(up, n.stringify(msg));
    },
  };
}
