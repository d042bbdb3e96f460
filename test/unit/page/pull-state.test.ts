/**
 * The hook's pull state (docs/design.md#ring-buffer-and-streaming): one credit at most, the
 * busy rule (the panel's stream-pace threshold, counted from the ring buffer at serve time),
 * and the wait of a busy serve.
 */
import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/core/ring-buffer';
import { BUSY_EVENTS_PER_S as PANEL_BUSY, PACE_WINDOW_MS } from '../../../src/core/view/stream-pace';
import { BUSY_EVENTS_PER_S, BUSY_WINDOW_MS, countSince, pageBusyAt, PullState } from '../../../src/page/pull-state';

function ring(times: number[]): RingBuffer<{ t: number }> {
  const r = new RingBuffer<{ t: number }>(1000);
  for (const t of times) r.push({ t });
  return r;
}

describe('hook pull state', () => {
  it('uses the same busy rule as the panel', () => {
    expect(BUSY_EVENTS_PER_S).toBe(PANEL_BUSY);
    expect(BUSY_WINDOW_MS).toBe(PACE_WINDOW_MS);
  });

  it('counts the events since a time by binary search', () => {
    const r = ring([1, 2, 2, 5, 9, 10]);
    expect(countSince(r, 0)).toBe(6);
    expect(countSince(r, 2)).toBe(5);
    expect(countSince(r, 3)).toBe(3);
    expect(countSince(r, 6)).toBe(2);
    expect(countSince(r, 11)).toBe(0);
    expect(countSince(ring([]), 0)).toBe(0);
  });

  it('calls the page busy from 100 events in the last 500 ms', () => {
    const times = Array.from({ length: 100 }, (_, i) => 1000 + i);
    expect(pageBusyAt(ring(times), 1200)).toBe(true);
    expect(pageBusyAt(ring(times.slice(1)), 1200)).toBe(false);
    expect(pageBusyAt(ring(times), 1600)).toBe(false); // the burst is over 500 ms old
  });

  it('holds one credit at most; a busy serve waits gapMs after the last serve, a quiet one not at all', () => {
    const p = new PullState();
    expect(p.credit).toBe(false);
    p.grant({ max: 99.5, gapMs: 300 });
    p.grant({ max: 40, gapMs: 250 });
    expect(p.pace).toEqual({ max: 40, gapMs: 250 });
    expect(p.wait(true, 0)).toBe(0); // never served
    p.served(1000);
    expect(p.credit).toBe(false);
    expect(p.wait(true, 1100)).toBe(150);
    expect(p.wait(false, 1100)).toBe(0);
    expect(p.wait(true, 1300)).toBe(0);
  });
});
