/**
 * The pace a pulling panel names (docs/design.md#ring-buffer-and-streaming): `max` from its
 * measured parse + ingest cost per event, so that Wavetrace's whole cost fits its share of a
 * core over `gapMs`, clamped; a moving average over batches.
 */
import { describe, expect, it } from 'vitest';
import { createPullMeter, nextPull, notePullCost, PULL_CPU_SHARE, PULL_COST_FACTOR, PULL_DEFAULT_EVENTS, PULL_GAP_MS, PULL_MAX_EVENTS, PULL_MIN_EVENTS } from '../../../../src/core/bridge/pull-pace';
import { DEFAULT_PULL_PACE } from '../../../../src/page/pull-state';

describe('pull pace', () => {
  it('before any measurement names the default, which the hook also starts with', () => {
    expect(nextPull(createPullMeter())).toEqual({ max: PULL_DEFAULT_EVENTS, gapMs: PULL_GAP_MS });
    expect(DEFAULT_PULL_PACE).toEqual({ max: PULL_DEFAULT_EVENTS, gapMs: PULL_GAP_MS });
  });

  it('fits the whole cost of a serve into its share of the gap', () => {
    const m = createPullMeter();
    notePullCost(m, 100, 2); // 20 µs an event
    const { max, gapMs } = nextPull(m);
    expect(max).toBe(Math.floor((PULL_GAP_MS * PULL_CPU_SHARE) / (0.02 * PULL_COST_FACTOR)));
    expect(max * 0.02 * PULL_COST_FACTOR).toBeLessThanOrEqual(gapMs * PULL_CPU_SHARE);
  });

  it('clamps: a very slow panel still moves the stream, a very fast one takes at most a chunk', () => {
    const slow = createPullMeter();
    notePullCost(slow, 1, 50);
    expect(nextPull(slow).max).toBe(PULL_MIN_EVENTS);
    const fast = createPullMeter();
    notePullCost(fast, 10_000, 1);
    expect(nextPull(fast).max).toBe(PULL_MAX_EVENTS);
  });

  it('averages over batches, and ignores empty batches and a clock that did not move', () => {
    const m = createPullMeter();
    notePullCost(m, 10, 1); // 0.1 ms
    notePullCost(m, 0, 5);
    notePullCost(m, 10, 0);
    expect(m.perEventMs).toBeCloseTo(0.1);
    notePullCost(m, 10, 3); // 0.3 ms: moves a fifth of the way
    expect(m.perEventMs).toBeCloseTo(0.14);
  });
});
