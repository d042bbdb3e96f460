/**
 * The panel's analysis (docs/design.md#analysis), run in slices off the render path: once for
 * a loaded trace, and while live at most every 500 ms and never more than about a third of the
 * time (analysis-throttle.ts). Holds the shown result and where it stands, as signals.
 */
import { batch as batchSignals, signal } from '@preact/signals';
import type { TraceEvent } from '../core/events';
import type { Analysis, AnalyzeOptions } from '../core/analysis/types';
import type { Profile } from '../core/profile/types';
import { startSlicedAnalysis, type SlicedAnalysis } from '../core/view/sliced-analysis';
import { createAnalysisThrottle, nextRunAt, runFinished, runStarted, shouldRun } from '../core/view/analysis-throttle';
import type { PanelScheduler } from './scheduler';
import type { CaptureState } from '../core/store/capture-state';
import type { CaptureSource } from './trace-load';

/** Where the analysis stands. */
export interface AnalysisStatus {
  running: boolean;
  /** Events covered by the shown analysis. */
  covered: number;
  /** Wall time of the last run, ms (slices included). */
  lastMs: number;
}

/** What a run analyses, read when it starts. */
export interface AnalysisInput {
  events: readonly TraceEvent[];
  profile: Profile;
  options: AnalyzeOptions;
}

/**
 * What a panel's next run covers: every event of `state` now, under `profile`, frame classes
 * shared with the row index (profile/class-cache.ts). Open connections run up to `now` (ms
 * since the epoch) while recording live, else (undefined) to the trace's end.
 */
export function analysisInputOf(state: CaptureState, source: CaptureSource, profile: Profile, redactKeys: readonly string[], now: number | undefined): AnalysisInput {
  const options: AnalyzeOptions = { dropped: state.dropped, input: source.input, redactKeys, sharedClasses: true };
  if (source.connEnds) options.connEnds = source.connEnds;
  const endT = now ?? source.endT;
  if (endT !== undefined) options.endT = endT;
  return { events: state.events, profile, options };
}

/** Runs the analysis in slices, throttled; see module comment. */
export class AnalysisRunner {
  readonly analysis = signal<Analysis | undefined>(undefined);
  readonly status = signal<AnalysisStatus>({ running: false, covered: 0, lastMs: 0 });
  private readonly throttle = createAnalysisThrottle(500);
  private job: SlicedAnalysis | undefined;
  private jobStart = 0;
  private timerAt = Infinity;
  /** Bumped by {@link AnalysisRunner.restart}: a slice of an older run does not publish. */
  private generation = 0;

  /**
   * @param input what to analyse, read at the start of each run
   * @param published called with each new result, inside the signal batch that shows it
   * @param busy true while the page streams fast: runs are further apart (analysis-throttle.ts)
   */
  constructor(
    private readonly sched: PanelScheduler,
    private readonly input: () => AnalysisInput,
    private readonly published: (a: Analysis) => void,
    private readonly streamBusy: () => boolean = () => false,
  ) {}

  /** A run is under way (sliced). */
  get busy(): boolean {
    return this.job !== undefined;
  }

  /** True while events exist that the shown analysis does not cover. */
  get dirty(): boolean {
    return this.throttle.dirty;
  }

  /** New or changed events: a run is due (throttled). */
  markDirty(): void {
    this.throttle.dirty = true;
  }

  /** The next run may start without waiting for the throttle's pause. */
  skipPause(): void {
    this.throttle.lastEnd = -Infinity;
  }

  /** Drops a run under way and starts over (new capture, profile or index). */
  restart(): void {
    this.generation++;
    this.job = undefined;
    this.throttle.running = false;
    this.throttle.dirty = true;
    this.throttle.lastEnd = -Infinity;
  }

  /** Clears the shown result (a new capture). */
  clearResult(): void {
    this.analysis.value = undefined;
    this.status.value = { running: false, covered: 0, lastMs: 0 };
  }

  /**
   * Advances the run under way, or starts one when due (`immediate` skips the throttle's
   * pause); returns true when it wants another slice soon.
   */
  step(over: () => boolean, immediate: boolean): boolean {
    const now = this.sched.now();
    if (!this.job) {
      this.throttle.busy = this.streamBusy();
      if (!shouldRun(this.throttle, now, immediate)) return false;
      const inp = this.input();
      runStarted(this.throttle);
      this.job = startSlicedAnalysis(inp.events, inp.events.length, inp.profile, inp.options);
      this.jobStart = now;
      this.status.value = { ...this.status.value, running: true };
    }
    const gen = this.generation;
    const res = this.job.step(over);
    if (!res || gen !== this.generation) return true;
    const covered = this.job.count;
    this.job = undefined;
    const end = this.sched.now();
    runFinished(this.throttle, end, end - this.jobStart);
    batchSignals(() => {
      this.analysis.value = res;
      this.status.value = { running: false, covered, lastMs: end - this.jobStart };
      this.published(res);
    });
    return this.throttle.dirty && immediate;
  }

  /** Runs (and finishes) every due analysis now, ignoring the throttle. */
  runNow(): void {
    while (this.throttle.dirty || this.job) this.step(() => false, true);
  }

  /** When idle with a run due later (throttled), arms one timer that calls `wake` then. */
  armTimer(wake: () => void): void {
    if (!this.throttle.dirty || this.throttle.running) return;
    this.throttle.busy = this.streamBusy();
    const at = nextRunAt(this.throttle);
    if (at >= this.timerAt) return;
    this.timerAt = at;
    this.sched.timeout(() => {
      this.timerAt = Infinity;
      wake();
    }, Math.max(0, at - this.sched.now()));
  }
}
