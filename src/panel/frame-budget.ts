/**
 * The panel's frame-budget scheduler for background work (indexing, filtering, analysis): one
 * slice at a time as a new task, and at most {@link FRAME_BUDGET_MS} of slices per frame
 * interval ({@link FRAME_INTERVAL_MS} of wall time), {@link BUSY_FRAME_BUDGET_MS} while the page
 * streams fast, so the panel's background work steps back like its renders and its analysis
 * (docs/design.md#ring-buffer-and-streaming); beyond that, work waits for the next animation
 * frame. The interval is measured on the clock, not by asking for animation frames:
 * asking for one after every slice kept a streaming panel producing 60 frames a second with
 * nothing new to paint, and each of those frames costs the browser and GPU processes too. While
 * the panel is hidden the browser runs few animation frames, so work over the budget waits
 * then (scheduler.ts).
 */
import type { PanelScheduler } from './scheduler';

/** Longest slice of background work (indexing, filtering, analysis) between frames, ms. */
export const SLICE_MS = 5;
/** Background work per frame interval, ms: beyond it, slices wait for the next animation frame. */
export const FRAME_BUDGET_MS = 7;
/** The frame interval the budget applies to, ms (one frame at 60 Hz). */
export const FRAME_INTERVAL_MS = 1000 / 60;
/**
 * Background work per frame interval while the page streams fast (core/view/stream-pace.ts),
 * ms: about a tenth of one core, the share the rest of the panel keeps to then
 * (docs/design.md#ring-buffer-and-streaming).
 */
export const BUSY_FRAME_BUDGET_MS = 1.6;

/** Runs `work` in slices within the frame budget. */
export class FrameBudget {
  private queued = false;
  /** Background work done in the current frame interval, ms. */
  private usedThisFrame = 0;
  /** Start of the current frame interval, ms. */
  private frameStart = -Infinity;

  /**
   * @param work one slice: does work until `over()` says the slice is used up; returns true
   *   when more work remains
   * @param idle called after a slice that left no work (e.g. to arm a timer for later work)
   * @param busy true while the page streams fast: the budget per frame interval is then
   *   {@link BUSY_FRAME_BUDGET_MS} and a slice at most that long
   */
  constructor(
    private readonly sched: PanelScheduler,
    private readonly work: (over: () => boolean) => boolean,
    private readonly idle: () => void,
    private readonly busy: () => boolean = () => false,
  ) {}

  /** Queues a slice (once): as a new task, or after the next paint when this interval's share is used up. */
  schedule(): void {
    if (this.queued) return;
    this.queued = true;
    if (this.usedThisFrame < (this.busy() ? BUSY_FRAME_BUDGET_MS : FRAME_BUDGET_MS) || this.sched.now() - this.frameStart >= FRAME_INTERVAL_MS) {
      this.sched.post(() => this.slice());
      return;
    }
    this.sched.raf(() => {
      this.usedThisFrame = 0;
      this.frameStart = this.sched.now();
      this.sched.post(() => this.slice());
    });
  }

  /** One slice of work; queues the next while work remains. */
  private slice(): void {
    this.queued = false;
    const start = this.sched.now();
    if (start - this.frameStart >= FRAME_INTERVAL_MS) {
      this.frameStart = start;
      this.usedThisFrame = 0;
    }
    const sliceMs = this.busy() ? BUSY_FRAME_BUDGET_MS : SLICE_MS;
    const more = this.work(() => this.sched.now() - start > sliceMs);
    this.usedThisFrame += this.sched.now() - start;
    if (more) this.schedule();
    else this.idle();
  }
}
