/**
 * Installs every wrapper of the hook into one realm (a window's JS world): WebSocket, fetch,
 * XMLHttpRequest, sendBeacon, Worker and SharedWorker. Each part is installed on its own, so
 * one that fails (an exotic context) leaves the others working and the page untouched.
 */
import type { HookContext } from './hook-context';
import type { Natives } from './natives';
import { installWebSocketHook } from './ws-hook';
import { installFetchHook } from './fetch-hook';
import { installXhrHook } from './xhr-hook';
import { installBeaconHook } from './beacon-hook';
import { installWorkerHooks } from './worker-hook';

/** Installs all wrappers into `win` (`rn`: its natives); `frameUrl` labels its sockets. */
export function installRealm(win: Window & typeof globalThis, rn: Natives, ctx: HookContext, frameUrl: () => string): void {
  const parts = [
    () => installWebSocketHook(win, rn, ctx, frameUrl),
    () => installFetchHook(win, rn, ctx),
    () => installXhrHook(win, rn, ctx),
    () => installBeaconHook(rn, ctx),
    () => installWorkerHooks(win, rn, ctx),
  ];
  for (let i = 0; i < parts.length; i++) ctx.guard(parts[i] as () => void);
}
