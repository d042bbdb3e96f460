/**
 * The profile a resilience plan is built from (docs/design.md#record,
 * docs/design.md#panel-and-viewer): a chosen profile or a detected preset at once; a learned
 * one only once the first connection carried {@link LEARN_FRAMES} frames or closed, waiting at
 * most {@link LEARN_WAIT_MS}. Never the default profile in use before any connection, nor a
 * profile learned from a frame or two: a plan built from either would run one protocol's
 * faults (scaiwave's `/v1/sync`, close code 4001) on another. One rule for the panel's
 * *Resilience check…* and `wavetrace record --resilience` without `--profile`.
 */
import type { CaptureState } from '../store/capture-state';
import type { ProfileChoice, ResolvedProfile } from '../view/profile-choice';
import { MIN_LEARN_FRAMES } from '../profile/learn/learn-profile';
import { formatDuration } from '../format';

/** Frames of the first connection (both directions) a learned profile waits for before the plan is built. */
export const LEARN_FRAMES = 20;
/** Longest wait for them, ms. */
export const LEARN_WAIT_MS = 15_000;

/**
 * Where the auto profile stands: `auto` false when a profile was chosen; `learned` when no
 * preset matched and the profile in use is learned; `frames` and `closed` of the first
 * connection (`frames` undefined: no connection yet, the default profile in use).
 */
export interface ProfileStatus {
  auto: boolean;
  learned: boolean;
  frames?: number;
  closed: boolean;
}

/** The {@link ProfileStatus} of a capture under `choice`, whose resolved profile is `resolved`. */
export function profileStatusOf(state: CaptureState, choice: ProfileChoice, resolved: ResolvedProfile): ProfileStatus {
  const first = state.connOrder.length ? state.connections.get(state.connOrder[0]!) : undefined;
  const out: ProfileStatus = { auto: choice.kind === 'auto', learned: resolved.learned !== undefined, closed: first?.status === 'closed' };
  if (first) out.frames = first.frames.length;
  return out;
}

/**
 * Whether the plan may be built from the profile in use now: a chosen profile, or a detected
 * preset once a connection exists, at once; a learned one once the first connection carried
 * {@link LEARN_FRAMES} frames or closed.
 */
export function profileReady(s: ProfileStatus): boolean {
  if (!s.auto) return true;
  if (s.frames === undefined) return false;
  return !s.learned || s.closed || s.frames >= LEARN_FRAMES;
}

/**
 * What to do after waiting `waitedMs` (ms) for the profile:
 * - `ready`: build the plan now (`learned`: from a learned profile, which the caller learns once
 *   more from the whole capture first; `late`: the wait ran out with at least
 *   `MIN_LEARN_FRAMES` frames, enough to learn from);
 * - `wait`: look again later;
 * - `none`: nothing can be learned; `reason` says why in one line, without advice (the CLI adds
 *   "give --profile", the panel names its profile menu).
 */
export type ProfileWait = { kind: 'ready'; learned: boolean; late: boolean } | { kind: 'wait' } | { kind: 'none'; reason: string };

/** Decides {@link ProfileWait} from the status and the time waited so far (ms); `waitMs` is the longest wait (ms). */
export function profileWait(s: ProfileStatus, waitedMs: number, waitMs = LEARN_WAIT_MS): ProfileWait {
  if (profileReady(s)) return { kind: 'ready', learned: s.auto && s.learned, late: false };
  if (waitedMs < waitMs) return { kind: 'wait' };
  if (s.frames === undefined) return { kind: 'none', reason: `no WebSocket connection in ${formatDuration(waitedMs)}: nothing to learn a profile from` };
  if (s.frames < MIN_LEARN_FRAMES) return { kind: 'none', reason: `nothing learned: the first connection carried ${s.frames} frame(s) in ${formatDuration(waitedMs)}` };
  return { kind: 'ready', learned: true, late: true };
}
