/**
 * The analysis (docs/design.md#analysis) run in slices, so analysing 1,000,000 events never blocks a
 * frame: the same single pass as `analyze()` (src/core/analysis), fed `seq`-ordered events a
 * few thousand at a time between frames. The events array may grow while a run is in
 * progress; a run covers the first `count` events only.
 */
import { Analyzer } from '../analysis/analyze';
import { harConnectionEnds } from '../analysis/analyze';
import type { Analysis, AnalyzeOptions } from '../analysis/types';
import type { TraceEvent } from '../events';
import type { Profile } from '../profile/types';

/** One run in progress. */
export interface SlicedAnalysis {
  /** Events this run covers (the first `count` of the array). */
  readonly count: number;
  /**
   * Feeds events until `overBudget()` returns true (checked every 512 events) or all are
   * fed; then finishes. Returns the analysis when done, else undefined.
   */
  step(overBudget: () => boolean): Analysis | undefined;
}

/**
 * Starts a sliced run over `events[0..count)` (which must be in `seq` order, as a capture is).
 * @param profile the protocol profile (docs/design.md#profiles)
 * @param opts as for `analyze()` (`endT`, `dropped`, `input`, `connEnds`, `redactKeys`)
 */
export function startSlicedAnalysis(events: readonly TraceEvent[], count: number, profile: Profile, opts: AnalyzeOptions = {}): SlicedAnalysis {
  const harEnds = opts.input === 'har' ? harConnectionEnds(events.slice(0, count), opts.connEnds) : undefined;
  const a = new Analyzer(profile, opts, harEnds, count);
  let i = 0;
  let result: Analysis | undefined;
  return {
    count,
    step(overBudget) {
      if (result) return result;
      while (i < count) {
        const stop = Math.min(count, i + 512);
        for (; i < stop; i++) a.step(events[i] as TraceEvent);
        if (i < count && overBudget()) return undefined;
      }
      result = a.finish();
      return result;
    },
  };
}
