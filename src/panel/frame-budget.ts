/**
 * The panel's frame-budget scheduler for background work (indexing, filtering, analysis): one
 * slice at a time as a new task, and at most {@link FRAME_BUDGET_MS} of slices per animation
 * frame; beyond that, work waits for the next paint. While the panel is hidden the browser
 * runs few animation frames, so work waits then too (scheduler.ts).
 */
import type { PanelScheduler } from './scheduler';

/** Longest slice of background work (indexing, filtering, analysis) between frames, ms. */
export const SLICE_MS = 5;
/** Background work per animation frame, ms: beyond it, slices wait for the next frame. */
export const FRAME_BUDGET_MS = 7;

/** Runs `work` in slices within the frame budget. */
export class FrameBudget {
  private queued = false;
  /** Background work done since the last animation frame, ms. */
  private usedThisFrame = 0;
  private waitingFrame = false;
  private frameReset = false;

  /**
   * @param work one slice: does work until `over()` says the slice is used up; returns true
   *   when more work remains
   * @param idle called after a slice that left no work (e.g. to arm a timer for later work)
   */
  constructor(
    private readonly sched: PanelScheduler,
    private readonly work: (over: () => boolean) => boolean,
    private readonly idle: () => void,
  ) {}

  /** Queues a slice (once): as a new task, or after the next paint when this frame's share is used up. */
  schedule(): void {
    if (this.queued) return;
    this.queued = true;
    if (this.usedThisFrame < FRAME_BUDGET_MS) {
      this.sched.post(() => this.slice());
      return;
    }
    this.waitingFrame = true;
    this.sched.raf(() => {
      this.waitingFrame = false;
      this.usedThisFrame = 0;
      this.sched.post(() => this.slice());
    });
  }

  /** One slice of work; queues the next while work remains. */
  private slice(): void {
    this.queued = false;
    const start = this.sched.now();
    const more = this.work(() => this.sched.now() - start > SLICE_MS);
    this.usedThisFrame += this.sched.now() - start;
    if (!this.waitingFrame && !this.frameReset) {
      this.frameReset = true;
      this.sched.raf(() => {
        this.frameReset = false;
        this.usedThisFrame = 0;
      });
    }
    if (more) this.schedule();
    else this.idle();
  }
}
