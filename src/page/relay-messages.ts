/**
 * What the hook does with each message from its relay (docs/design.md#messages-between-places).
 * The switch is exhaustive: a new `RelayToHook` kind fails the typecheck here until it is handled.
 */
import type { CaptureConfig } from '../core/store/capture-config';
import type { PullPace, RelayToHook } from '../core/bridge/messages';
import type { FaultCommand } from '../core/fault/fault-command';

/** The hook's answers to its relay. */
export interface RelayMessageHandlers {
  /** A panel listens: stream every held event after `after`; `pending` = seqs it holds short. */
  start(after: number, pending: readonly number[]): void;
  /** No panel listens any more. */
  stop(): void;
  /** Every reader pulls (true: hold events until a pull) or one takes pushed batches (false). */
  demand(pull: boolean): void;
  /** A pulling reader asks for the next serve, at its pace. */
  pull(pace: PullPace): void;
  /** A panel is about to export: send every owed full preview now. */
  fillAll(): void;
  /** New capture limits. */
  config(config: CaptureConfig): void;
  /** Apply a fault command (docs/design.md#fault-commands). */
  fault(command: FaultCommand): void;
}

/** Routes one message from the relay; a kind this hook does not know (a newer relay) is ignored. */
export function handleRelayMessage(msg: RelayToHook, h: RelayMessageHandlers): void {
  switch (msg.kind) {
    case 'relay-start':
      h.start(msg.after, Array.isArray(msg.pending) ? msg.pending : []);
      return;
    case 'relay-stop':
      h.stop();
      return;
    case 'relay-demand':
      h.demand(msg.pull === true);
      return;
    case 'relay-pull':
      if (typeof msg.max === 'number' && msg.max >= 1 && typeof msg.gapMs === 'number' && msg.gapMs >= 0) h.pull({ max: msg.max, gapMs: msg.gapMs });
      return;
    case 'relay-fill-all':
      h.fillAll();
      return;
    case 'relay-config':
      h.config(msg.config);
      return;
    case 'relay-fault':
      if (msg.command !== null && typeof msg.command === 'object' && typeof msg.command.kind === 'string') h.fault(msg.command);
      return;
    case 'relay-ready':
      return; // its arrival already closed the handshake (channel.ts)
    default: {
      const unhandled: never = msg;
      void unhandled;
    }
  }
}
