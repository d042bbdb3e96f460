/**
 * The auto profile of a capture (docs/design.md#where-a-profile-comes-from): resolved again at
 * each background slice until the first connection showed five frames or closed (or the
 * capture is not live), then only when a learned profile is due to be learned again
 * (core/view/profile-choice.ts `relearnDue`: a new connection showed its start, the events
 * doubled). Relearning
 * walks every event, so while the page streams fast it waits (the panel's slices, not `flush`),
 * and a relearn that became due waits {@link RELEARN_WAIT_MS} first: a burst on a new connection
 * is only known to be one once the stream pace has seen half a second of it, and learning in its
 * first frames took 240–280 ms of the panel's thread in the middle of a 64 KB burst.
 * Whatever writes the capture with its learned profile (the Export dialog, `wavetrace record`
 * through the automation handle) first learns it once more from the whole capture
 * ({@link AutoProfile.learnWhole}), so a part seen only late (a heartbeat that stops, a resume)
 * is judged on everything written; not when it was learned at the capture's current version.
 */
import type { Signal } from '@preact/signals';
import type { CaptureState } from '../core/store/capture-state';
import type { Profile } from '../core/profile/types';
import { relearnDue, resolveProfile, sameProfile, type ProfileChoice, type ResolvedProfile } from '../core/view/profile-choice';
import { PACE_WINDOW_MS } from '../core/view/stream-pace';

/** How long a due relearn of a live capture waits, quiet, before it runs, ms: the stream pace's window. */
export const RELEARN_WAIT_MS = PACE_WINDOW_MS;

/** What the auto profile reads from, and changes in, the store. */
export interface AutoProfileHost {
  readonly profileChoice: Signal<ProfileChoice>;
  readonly profile: Signal<ResolvedProfile>;
  readonly live: Signal<boolean>;
  readonly state: CaptureState;
  siteOrigin(): string;
  /** Uses the profile: when it is another one, rows rebuilt and the analysis re-run. */
  applyProfile(p: ResolvedProfile): void;
  /** Calls {@link AutoProfile.update} again (through the slices) after `ms` ms. */
  recheckAfter(ms: number): void;
}

/** Keeps an auto profile up to date; see module comment. */
export class AutoProfile {
  /** The first connection showed enough to settle on a profile (reset by a new capture or choice). */
  settled = false;
  /**
   * The learned profile in use when the capture was cleared (docs/design.md#clear-import-and-resume):
   * it stays in use until learning from the events since teaches as many parts, so a Clear does
   * not make the analysis forget the protocol. Reset by a new capture or choice.
   */
  carried: ResolvedProfile | undefined;

  constructor(private readonly host: AutoProfileHost) {}

  /** Forgets what it settled and carried: a new capture or a new choice. */
  reset(): void {
    this.settled = false;
    this.carried = undefined;
  }

  /**
   * Before a Clear: what to run after it so a learned auto profile stays in use ({@link
   * AutoProfile.carried}); nothing to do for any other profile.
   */
  keepThroughClear(): () => void {
    const h = this.host;
    const learned = h.profileChoice.value.kind === 'auto' && h.profile.value.learned ? h.profile.value : undefined;
    return () => {
      if (!learned) return;
      this.carried = learned;
      h.applyProfile(learned);
    };
  }

  /**
   * The profile an export writes into the trace header (docs/design.md#trace-header): an inline
   * or learned profile as an object, a built-in one by name. A learned auto profile is first
   * learned once more from the whole capture ({@link AutoProfile.learnWhole}; once per capture
   * version, so a preview and the export share it), so the file carries what the whole capture
   * teaches, not what its start did.
   */
  forExport(): string | Profile {
    this.learnWhole();
    const r = this.host.profile.value;
    return r.key.startsWith('inline:') || r.learned ? r.profile : r.profile.name;
  }

  /** When a due relearn was first seen with the stream quiet (ms, the `now` of {@link AutoProfile.update}); −1: none. */
  private dueAt = -1;
  /** Until when a recheck is already asked for (ms). */
  private recheckAt = -Infinity;

  /**
   * Resolves the profile again when due. `busy` true (the page streams fast) makes a relearn
   * wait; with `now` (ms, a live capture's slice) a relearn that became due waits
   * {@link RELEARN_WAIT_MS} of quiet first; without it (an export, a test) it runs at once.
   */
  update(busy: boolean, now?: number): void {
    const h = this.host;
    if (h.profileChoice.value.kind !== 'auto') return;
    const state = h.state;
    if (this.settled) {
      if (!relearnDue(h.profile.value, state)) {
        this.dueAt = -1;
        return;
      }
      if (busy) {
        this.dueAt = -1;
        if (now !== undefined) this.recheck(now);
        return;
      }
      if (now !== undefined) {
        if (this.dueAt < 0) {
          this.dueAt = now;
          this.recheck(now);
        }
        if (now - this.dueAt < RELEARN_WAIT_MS) return;
      }
      this.dueAt = -1;
    }
    const first = state.connOrder.length ? state.connections.get(state.connOrder[0]!) : undefined;
    if (!first) return;
    const p = resolveProfile(h.profileChoice.value, state, h.siteOrigin());
    if (first.frames.length >= 5 || first.status === 'closed' || !h.live.value) this.settled = true;
    this.use(p);
  }

  /**
   * Learns the auto profile once more from the whole capture when it is a learned one, unless
   * it was learned at the capture's current `version` (docs/design.md#where-a-profile-comes-from):
   * no event added and no full preview filled in since, so the Export dialog's size preview,
   * its Save and a second opening share one learn, and the slices' own learn counts too. A
   * preview filled in since (same event count, longer payload) is learned again.
   * Synchronous: one learn over the capture (bounded per connection, docs/design.md#profile-learning).
   */
  learnWhole(): void {
    const h = this.host;
    const l = h.profile.value.learned;
    if (h.profileChoice.value.kind !== 'auto' || !l) return;
    const state = h.state;
    if (l.version === state.version) return;
    this.use(resolveProfile(h.profileChoice.value, state, h.siteOrigin()));
  }

  /** Asks for one more {@link AutoProfile.update} {@link RELEARN_WAIT_MS} after `now`, unless one is already asked for. */
  private recheck(now: number): void {
    if (now < this.recheckAt) return;
    this.recheckAt = now + RELEARN_WAIT_MS;
    this.host.recheckAfter(RELEARN_WAIT_MS);
  }

  private use(p: ResolvedProfile): void {
    const h = this.host;
    const c = this.carried;
    if (c?.learned) {
      // Still learning less than before the Clear: keep the carried profile, counted as learned now (no relearn until due again).
      if (p.learned && p.learned.parts.length < c.learned.parts.length) {
        h.profile.value = { ...c, learned: { ...c.learned, events: p.learned.events, conns: p.learned.conns, shown: p.learned.shown, version: p.learned.version } };
        return;
      }
      this.carried = undefined;
    }
    // A learned profile that saw more but learned the same: keep the analysis, and the profile
    // object, whose frame classes the row index and the analysis share (profile/class-cache.ts).
    if (sameProfile(p, h.profile.value)) h.profile.value = { ...p, profile: h.profile.value.profile };
    else h.applyProfile(p);
  }
}
