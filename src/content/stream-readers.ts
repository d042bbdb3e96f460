/**
 * Who reads one relay's stream (docs/design.md#places-and-data-flow): the hub (for panels on
 * the hub path) and the stream ports of panels on the direct path. The hook has one stream
 * position, so the readers share it: the hook streams while at least one reader is active,
 * and a reader that starts while others read moves the position back to its own mark, never
 * forward past what the others already got (they see a repeat, which the store drops by
 * hook-local seq, and never a gap).
 *
 * A reader may pull (docs/design.md#ring-buffer-and-streaming): it gets live batches when it
 * asks. The hook holds events for pulling readers only while EVERY active reader pulls; one
 * push reader (the hub, the Playwright fixture) means the hook pushes, as it always did. The
 * relay tells the hook on each change (`relay-demand`), and forwards one `relay-pull` per live
 * batch at most (a serve sends several batches, and the panel pulls after each).
 */
import type { Link } from '../core/bridge/link';
import type { PanelToRelay, PullPace, RelayToHook, RelayToPanel } from '../core/bridge/messages';

/** A panel's stream port as the relay holds it. */
export type PanelPort = Link<PanelToRelay, RelayToPanel>;

/** A reader: the hub, or one panel's stream port. */
export type Reader = 'hub' | PanelPort;

/** The readers of one relay. */
export interface StreamReaders {
  /**
   * Starts (or restarts) `reader` from the hook-local seq `after`. `pending`: seqs the reader
   * holds with a short preview (their fill is owed again). `pull`: the reader pulls.
   */
  start(reader: Reader, after: number, pending?: readonly number[], pull?: boolean): void;
  /** A pulling reader asks for the next serve; forwarded to the hook as `relay-pull` (once per live batch at most). */
  pull(reader: Reader, pace: PullPace): void;
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
  /** Reader → whether it is active (gets live batches) and pulls, in the order the readers came. */
  const readers = new Map<Reader, { active: boolean; pull: boolean }>();
  let streaming = false;
  /** The last seq of the newest live batch: what every active reader got up to. */
  let lastSent = 0;
  /** What the hook was last told (`relay-demand`); a hook starts out pushing. */
  let pullMode = false;
  /** A `relay-pull` went to the hook since its last live batch. */
  let pullSent = false;
  const anyActive = (): boolean => {
    for (const r of readers.values()) if (r.active) return true;
    return false;
  };
  /** Tells the hook when "every active reader pulls" changed. */
  const demand = (): void => {
    let active = 0;
    let pulling = 0;
    for (const r of readers.values()) {
      if (!r.active) continue;
      active++;
      if (r.pull) pulling++;
    }
    const all = active > 0 && pulling === active;
    if (all === pullMode) return;
    pullMode = all;
    pullSent = false;
    hook.send({ kind: 'relay-demand', pull: all });
  };
  const stopIfIdle = (): void => {
    demand();
    if (streaming && !anyActive()) {
      streaming = false;
      hook.send({ kind: 'relay-stop' });
    }
  };
  return {
    start(reader, after, pending, pull) {
      const others = streaming;
      readers.set(reader, { active: true, pull: pull === true });
      demand();
      const owed = pending && pending.length > 0 ? [...pending] : undefined;
      // Already streaming to others and this reader is not behind them: nothing to resend.
      if (others && after >= lastSent && !owed) return;
      const from = others ? Math.min(after, lastSent) : after;
      streaming = true;
      lastSent = from;
      pullSent = false; // the start grants the hook a credit
      hook.send(owed ? { kind: 'relay-start', after: from, pending: owed } : { kind: 'relay-start', after: from });
    },
    pull(reader, pace) {
      const r = readers.get(reader);
      if (!r || !r.active || !r.pull || !pullMode || pullSent) return;
      if (!(pace.max >= 1) || !(pace.gapMs >= 0)) return; // not a pace: ignored
      pullSent = true;
      hook.send({ kind: 'relay-pull', max: Math.floor(pace.max), gapMs: pace.gapMs });
    },
    pause(reader) {
      const r = readers.get(reader);
      if (r) r.active = false;
      stopIfIdle();
    },
    remove(reader) {
      readers.delete(reader);
      stopIfIdle();
    },
    addPort(port) {
      if (!readers.has(port)) readers.set(port, { active: false, pull: false });
    },
    reads(reader) {
      return readers.get(reader)?.active === true;
    },
    sent(last) {
      if (last > 0) {
        lastSent = last;
        pullSent = false;
      }
    },
    forEachPort(fill, fn) {
      for (const [r, { active }] of readers) if (r !== 'hub' && (fill || active)) fn(r);
    },
  };
}
