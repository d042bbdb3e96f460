/**
 * Who reads one relay's stream (docs/design.md#places-and-data-flow): the hub (for panels on
 * the hub path) and the stream ports of panels on the direct path. The hook has one stream
 * position, so the readers share it: the hook streams while at least one reader is active,
 * and a reader that starts while others read moves the position back to its own mark, never
 * forward past what the others already got (they see a repeat, which the store drops by
 * hook-local seq, and never a gap).
 */
import type { Link } from '../core/bridge/link';
import type { PanelToRelay, RelayToHook, RelayToPanel } from '../core/bridge/messages';

/** A panel's stream port as the relay holds it. */
export type PanelPort = Link<PanelToRelay, RelayToPanel>;

/** A reader: the hub, or one panel's stream port. */
export type Reader = 'hub' | PanelPort;

/** The readers of one relay. */
export interface StreamReaders {
  /**
   * Starts (or restarts) `reader` from the hook-local seq `after`. `pending`: seqs the reader
   * holds with a short preview (their fill is owed again).
   */
  start(reader: Reader, after: number, pending?: readonly number[]): void;
  /** Stops live batches to `reader`; fills still reach it. */
  pause(reader: Reader): void;
  /** Forgets `reader` (its link is gone). */
  remove(reader: Reader): void;
  /** Adds a panel's stream port (paused until {@link StreamReaders.start}). */
  addPort(port: PanelPort): void;
  /** True while `reader` gets live batches. */
  reads(reader: Reader): boolean;
  /** Notes a batch the hook sent: `last` its last seq, 0 for a fill. */
  sent(last: number): void;
  /** Calls `fn` for every port that gets the current batch: active ports, and paused ones too for a fill. */
  forEachPort(fill: boolean, fn: (port: PanelPort) => void): void;
}

/** Creates the reader set; it tells the hook `relay-start` / `relay-stop` through `hook`. */
export function createStreamReaders(hook: { send(msg: RelayToHook): void }): StreamReaders {
  /** Reader → active (gets live batches), in the order the readers came. */
  const readers = new Map<Reader, boolean>();
  let streaming = false;
  /** The last seq of the newest live batch: what every active reader got up to. */
  let lastSent = 0;
  const anyActive = (): boolean => {
    for (const active of readers.values()) if (active) return true;
    return false;
  };
  const stopIfIdle = (): void => {
    if (streaming && !anyActive()) {
      streaming = false;
      hook.send({ kind: 'relay-stop' });
    }
  };
  return {
    start(reader, after, pending) {
      const others = streaming;
      readers.set(reader, true);
      const owed = pending && pending.length > 0 ? [...pending] : undefined;
      // Already streaming to others and this reader is not behind them: nothing to resend.
      if (others && after >= lastSent && !owed) return;
      const from = others ? Math.min(after, lastSent) : after;
      streaming = true;
      lastSent = from;
      hook.send(owed ? { kind: 'relay-start', after: from, pending: owed } : { kind: 'relay-start', after: from });
    },
    pause(reader) {
      if (readers.has(reader)) readers.set(reader, false);
      stopIfIdle();
    },
    remove(reader) {
      readers.delete(reader);
      stopIfIdle();
    },
    addPort(port) {
      if (!readers.has(port)) readers.set(port, false);
    },
    reads(reader) {
      return readers.get(reader) === true;
    },
    sent(last) {
      if (last > 0) lastSent = last;
    },
    forEachPort(fill, fn) {
      for (const [r, active] of readers) if (r !== 'hub' && (fill || active)) fn(r);
    },
  };
}
