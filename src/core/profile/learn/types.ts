/**
 * Types of profile learning (docs/design.md#profile-learning): what a learned profile is made
 * of, and the frames the learner works on.
 */
import type { ConnId } from '../../events';
import type { Direction, Profile } from '../types';

/** Names of the parts a learned profile is made of, in the order they are learned. */
export type LearnedPartName =
  | 'endpoint'
  | 'discriminator'
  | 'hello'
  | 'heartbeat'
  | 'position'
  | 'contiguous'
  | 'resetWhen'
  | 'sync'
  | 'closeCodes'
  | 'backoff';

/**
 * One learned part: `confidence` 0…1 (below {@link USE_THRESHOLD} the part is reported but not
 * put into the profile: never a guess shown as fact), `evidence` the `seq`s of the events that
 * taught it (the first few of each kind), `note` one or two sentences with the numbers.
 */
export interface LearnedPart {
  part: LearnedPartName;
  confidence: number;
  evidence: number[];
  note: string;
}

/**
 * Result of {@link learnProfile}: a profile that passes `parseProfile`, its parts, and `frames`,
 * the WebSocket frames (text and binary, both directions) of the endpoint learned from.
 */
export interface LearnResult {
  profile: Profile;
  parts: LearnedPart[];
  frames: number;
}

/**
 * Fewest frames `wavetrace profile learn` learns from (docs/design.md#profile-learning): with one
 * frame nothing can recur, rise or answer, so the profile would be the defaults under a name.
 */
export const MIN_LEARN_FRAMES = 2;

/** A part below this confidence is listed but left out of the profile. */
export const USE_THRESHOLD = 0.5;

/** A sampled frame, parsed once. */
export interface LFrame {
  seq: number;
  t: number;
  conn: ConnId;
  dir: Direction;
  /** Text payload ('' for binary frames). */
  text: string;
  binary: boolean;
  size: number;
  /** Leading digits before a JSON container (Engine.IO "42", "0"), else ''. */
  prefix: string;
  /** The JSON container after `prefix`, or undefined (not JSON, or a bare scalar). */
  json: unknown;
  /** Kind key, set once the discriminator is known (see frames.ts `kindOf`). */
  kind: string;
  /** Index of the frame in its connection's sampled list. */
  index: number;
  /**
   * A fault kept it from its destination (`faulted`, docs/design.md#fault-events-and-flags): the
   * other side never saw it, so it asks no reply of it.
   */
  faulted?: boolean;
}

/** One connection of the learned endpoint, in creation order. */
export interface LConn {
  id: ConnId;
  url: string;
  createSeq: number;
  createT: number;
  closeSeq?: number;
  closeT?: number;
  code?: number;
  /**
   * The close was injected by a fault (a `synthetic` close, or the close after a `drop`,
   * `close` or per-socket `refuse` fault of this connection): not the server's, so its code
   * teaches nothing (docs/design.md#fault-events-and-flags).
   */
  injectedClose?: boolean;
  /** Sampled frames in `seq` order (both directions). */
  frames: LFrame[];
  /** Frames of the connection in total (not only the sampled ones). */
  total: number;
  /** Binary frames among `total`: not learned from (a learned matcher selects text frames). */
  binary: number;
}
