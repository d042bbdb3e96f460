/**
 * The relay's logic, independent of transport: it validates what the hook sends, forwards it
 * to the hub, and passes start/stop from the hub to the hook. It keeps no events: if its hub
 * link drops (service worker restart), it stops the hook's stream, reconnects, and the hub
 * restarts the stream from the panel's marks, so nothing is lost or sent twice.
 */
import { ignoreUnknownKind, type HubToRelay, type RelayToHook, type RelayToHub } from '../core/bridge/messages';
import type { Link } from '../core/bridge/link';
import type { CaptureConfig } from '../core/store/capture-config';

/** The hook end as the relay sees it. */
export interface HookEnd {
  send(msg: RelayToHook): void;
}

/** Relay options. */
export interface RelayOptions {
  hook: HookEnd;
  /** The hook's identity from the handshake. */
  identity: { src: string; frameUrl: string; top: boolean };
  /** Opens a new link to the hub (e.g. `runtime.connect({name: "relay"})`). May throw when the extension context is gone. */
  connectHub: () => Link<HubToRelay, RelayToHub>;
  /** Schedules a reconnect attempt after `ms` milliseconds. */
  schedule: (fn: () => void, ms: number) => void;
  /**
   * Subscribes to the capture settings (e.g. from `storage.local`): `apply` is called with the
   * current settings and again on every change; each is forwarded to the hook as `relay-config`.
   */
  watchConfig?: (apply: (config: CaptureConfig) => void) => void;
}

/** A running relay: feed it hook messages with {@link Relay.fromHookText}. */
export interface Relay {
  /** Forwards a hook message still in its JSON text form; the panel parses and validates it. */
  fromHookText(text: string): void;
}


export { isHookBatchText, MAX_HOOK_TEXT } from '../core/bridge/validate-batch';
import { isHookBatchText } from '../core/bridge/validate-batch';

/** Starts a relay. Reconnect delays: 50 ms doubling to 5 s. */
export function createRelay(opts: RelayOptions): Relay {
  let hub: Link<HubToRelay, RelayToHub> | undefined;
  let delay = 50;
  const connect = (): void => {
    let link: Link<HubToRelay, RelayToHub>;
    try {
      link = opts.connectHub();
    } catch {
      return; // extension context invalidated: the relay is orphaned for good
    }
    hub = link;
    link.onMessage((msg) => {
      delay = 50;
      switch (msg.kind) {
        case 'hub-start': {
          const after = msg.after[opts.identity.src] ?? 0;
          const pending = msg.pending?.[opts.identity.src];
          opts.hook.send(pending && pending.length > 0 ? { kind: 'relay-start', after, pending } : { kind: 'relay-start', after });
          return;
        }
        case 'hub-stop':
          opts.hook.send({ kind: 'relay-stop' });
          return;
        case 'hub-fill-all':
          opts.hook.send({ kind: 'relay-fill-all' });
          return;
        case 'hub-fault':
          opts.hook.send({ kind: 'relay-fault', command: msg.command });
          return;
        default:
          ignoreUnknownKind(msg);
      }
    });
    link.onDisconnect(() => {
      if (hub === link) hub = undefined;
      opts.hook.send({ kind: 'relay-stop' });
      opts.schedule(connect, delay);
      delay = Math.min(delay * 2, 5000);
    });
    link.post({ kind: 'relay-hello', ...opts.identity });
  };
  connect();
  opts.hook.send({ kind: 'relay-ready' });
  opts.watchConfig?.((config) => opts.hook.send({ kind: 'relay-config', config }));
  return {
    fromHookText(text) {
      if (!isHookBatchText(text)) return;
      hub?.post({ kind: 'relay-batch-text', src: opts.identity.src, text });
    },
  };
}
