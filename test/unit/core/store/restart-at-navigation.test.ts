/**
 * Preserve log off: a top-level navigation among new events starts a fresh capture there,
 * renumbered, keeping marks, drop counts and the full previews still owed (re-indexed).
 */
import { describe, expect, it } from 'vitest';
import { applyEvent, createCaptureState } from '../../../../src/core/store/capture-state';
import { restartAtNavigation } from '../../../../src/core/store/restart-at-navigation';
import type { TraceEvent, UnsequencedEvent } from '../../../../src/core/events';

const build = (evs: UnsequencedEvent[]): TraceEvent[] => evs.map((e, i) => ({ ...e, seq: i + 1 }) as TraceEvent);

describe('restart at navigation', () => {
  const state = () => {
    const s = createCaptureState();
    for (const e of build([
      { t: 1, type: 'page-navigation', url: 'https://a/' },
      { t: 2, type: 'ws-create', conn: 'a.1', url: 'wss://a/s', protocols: [], frameUrl: 'https://a/' },
      { t: 3, type: 'ws-message', conn: 'a.1', opcode: 1, size: 2, data: 'hi', encoding: 'text', truncated: false },
      { t: 4, type: 'page-navigation', url: 'https://a/next' },
      { t: 5, type: 'ws-create', conn: 'b.1', url: 'wss://a/s', protocols: [], frameUrl: 'https://a/next' },
      { t: 6, type: 'ws-message', conn: 'b.1', opcode: 1, size: 300, data: 'x', encoding: 'text', truncated: true },
    ])) applyEvent(s, e);
    s.marks = { hook1: 6 };
    s.dropped = 3;
    s.droppedBySrc = { hook1: 3 };
    s.pendingPreviews.set('hook1:3', 2);
    s.pendingPreviews.set('hook1:6', 5);
    return s;
  };

  it('keeps the events from the last navigation on, renumbered from 1, with marks, drops and owed previews', () => {
    const s = state();
    const fresh = restartAtNavigation(s, 3)!;
    expect(fresh.events.map((e) => [e.seq, e.type, e.t])).toEqual([
      [1, 'page-navigation', 4],
      [2, 'ws-create', 5],
      [3, 'ws-message', 6],
    ]);
    expect(fresh.connOrder).toEqual(['b.1']);
    expect(fresh.marks).toBe(s.marks);
    expect(fresh.dropped).toBe(3);
    expect(fresh.droppedBySrc).toEqual({ hook1: 3 });
    expect([...fresh.pendingPreviews]).toEqual([['hook1:6', 2]]);
  });

  it('changes nothing without a navigation among the new events, or when the capture starts with it', () => {
    expect(restartAtNavigation(state(), 4)).toBeUndefined();
    const s = createCaptureState();
    for (const e of build([{ t: 1, type: 'page-navigation', url: 'https://a/' }])) applyEvent(s, e);
    expect(restartAtNavigation(s, 0)).toBeUndefined();
  });
});
