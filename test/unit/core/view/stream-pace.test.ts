import { describe, expect, it } from 'vitest';
import { BUSY_EVENTS_PER_S, PACE_WINDOW_MS, createStreamPace, isBusy, noteBusy, notePace } from '../../../../src/core/view/stream-pace';

describe('stream pace', () => {
  it('is quiet for a trickle of events', () => {
    const p = createStreamPace();
    for (let t = 0; t < 5000; t += 100) notePace(p, 10, t); // 100 events/s
    expect(isBusy(p, 5000)).toBe(false);
  });

  it('turns busy once a window holds the busy rate, and quiet a window after the burst ends', () => {
    const p = createStreamPace();
    const perTick = (BUSY_EVENTS_PER_S * 10) / 1000; // every 10 ms: exactly the busy rate
    let t = 0;
    for (; t < PACE_WINDOW_MS; t += 10) notePace(p, perTick, t);
    expect(isBusy(p, t)).toBe(true);
    for (; t < 3 * PACE_WINDOW_MS; t += 10) notePace(p, perTick, t);
    expect(isBusy(p, t)).toBe(true);
    const end = t - 10; // the last batch
    expect(isBusy(p, end + PACE_WINDOW_MS - 1)).toBe(true);
    expect(isBusy(p, end + PACE_WINDOW_MS + 1)).toBe(false);
  });

  it('counts one large batch (a replay when the panel attaches) as busy', () => {
    const p = createStreamPace();
    notePace(p, 50000, 1000);
    expect(isBusy(p, 1000)).toBe(true);
    expect(isBusy(p, 1000 + PACE_WINDOW_MS)).toBe(false);
  });

  it('is busy for a window after the page said so, whatever arrived', () => {
    const p = createStreamPace();
    notePace(p, 2, 1000);
    expect(isBusy(p, 1000)).toBe(false);
    noteBusy(p, 1000);
    expect(isBusy(p, 1000 + PACE_WINDOW_MS - 1)).toBe(true);
    expect(isBusy(p, 1000 + PACE_WINDOW_MS)).toBe(false);
  });
});
