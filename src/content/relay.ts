/**
 * The relay's logic, independent of transport: it validates what the hook sends and forwards
 * it to whoever reads this document's stream (docs/design.md#places-and-data-flow): the hub,
 * after a `hub-start` (a panel without the direct path), and each panel that opened a stream
 * port to it and sent `panel-start` (the direct path). It keeps no events: the hook streams
 * while at least one of them reads, and a reader that joins or comes back names its mark, from
 * which the hook resends, so nothing is lost or sent twice.
 */
import { ignoreUnknownKind, type HubToRelay, type PanelToRelay, type RelayToHook, type RelayToHub, type RelayToPanel } from '../core/bridge/messages';
import type { Link } from '../core/bridge/link';
import type { CaptureConfig } from '../core/store/capture-config';
import { isHookBatchText, lastSeqOfHookText } from '../core/bridge/validate-batch';
import { createStreamReaders } from './stream-readers';

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
  /** Takes a panel's stream port (direct path); the port is refused unless its first message is a `panel-start` for this relay's hook. */
  acceptPanel(link: Link<PanelToRelay, RelayToPanel>): void;
}

export { isHookBatchText, MAX_HOOK_TEXT } from '../core/bridge/validate-batch';

/** Starts a relay. Reconnect delays to the hub: 50 ms doubling to 5 s. */
export function createRelay(opts: RelayOptions): Relay {
  const src = opts.identity.src;
  let hub: Link<HubToRelay, RelayToHub> | undefined;
  /** The hub asked for this stream since the link opened: its paused panels still want fills. */
  let hubStarted = false;
  let delay = 50;
  const readers = createStreamReaders(opts.hook);
  const connect = (): void => {
    let link: Link<HubToRelay, RelayToHub>;
    try {
      link = opts.connectHub();
    } catch {
      return; // extension context invalidated: the relay is orphaned for good
    }
    hub = link;
    hubStarted = false;
    link.onMessage((msg) => {
      delay = 50;
      switch (msg.kind) {
        case 'hub-start':
          hubStarted = true;
          readers.start('hub', msg.after[src] ?? 0, msg.pending?.[src]);
          return;
        case 'hub-stop':
          readers.pause('hub');
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
      readers.remove('hub');
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
      // A live batch names its last seq (> 0); a fill batch has 0 and goes to paused readers too.
      const last = lastSeqOfHookText(text);
      readers.sent(last);
      if (hub && (last === 0 ? hubStarted : readers.reads('hub'))) hub.post({ kind: 'relay-batch-text', src, text });
      readers.forEachPort(last === 0, (port) => port.post({ kind: 'relay-batch-text', text }));
    },
    acceptPanel(link) {
      let started = false;
      link.onMessage((msg) => {
        switch (msg.kind) {
          case 'panel-start':
            if (msg.src !== src || typeof msg.after !== 'number') {
              link.disconnect(); // a port meant for an earlier document of this frame
              return;
            }
            if (!started) readers.addPort(link);
            started = true;
            readers.start(link, msg.after, Array.isArray(msg.pending) ? msg.pending : undefined, msg.pull === true);
            return;
          case 'panel-pull':
            if (started && typeof msg.max === 'number' && typeof msg.gapMs === 'number') readers.pull(link, msg);
            return;
          case 'panel-pause':
            if (started) readers.pause(link);
            return;
          case 'panel-fill-all':
            if (started) opts.hook.send({ kind: 'relay-fill-all' });
            return;
          default:
            ignoreUnknownKind(msg);
        }
      });
      link.onDisconnect(() => readers.remove(link));
    },
  };
}
