/**
 * The recorder's owed queue (src/page/owed-queue.ts): owed full previews within a memory bound,
 * oldest first. Invariants checked under random sequences: the held weight never exceeds the
 * bound, and every owed item ends exactly once, taken as a fill or reported lost.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OwedQueue } from '../../../src/page/owed-queue';

interface Item {
  seq: number;
  weight: number;
  units: number;
}
const hooks = { seq: (i: Item) => i.seq, weight: (i: Item) => i.weight, lostSize: (i: Item) => i.units * 3 };

describe('owed queue', () => {
  it('stops taking at an item that is not ready yet (a Blob still being read), keeping the order', () => {
    const notReady = new Set([2]);
    const q = new OwedQueue<Item>({ ...hooks, ready: (i: Item) => !notReady.has(i.seq) }, 1000);
    for (let s = 1; s <= 3; s++) q.owe({ seq: s, weight: 10, units: 1 });
    expect(q.take(100, 10, (i) => i.units, true, () => {}).map((i) => i.seq)).toEqual([1]);
    expect(q.take(100, 10, (i) => i.units, true, () => {}).map((i) => i.seq)).toEqual([]);
    notReady.clear();
    expect(q.take(100, 10, (i) => i.units, true, () => {}).map((i) => i.seq)).toEqual([2, 3]);
    expect(q.count).toBe(0);
    expect(q.weight).toBe(0);
  });

  it('pushes the oldest out as lost, with its measured size, when the bound is passed', () => {
    const q = new OwedQueue<Item>(hooks, 100);
    for (let s = 1; s <= 5; s++) q.owe({ seq: s, weight: 30, units: s });
    expect(q.count).toBe(3);
    expect(q.weight).toBe(90);
    expect(q.takeLost()).toEqual({ seqs: [1, 2], sizes: [3, 6] });
    expect(q.takeLost()).toBeUndefined();
  });

  it('takes fills oldest first within the budget; a first item over the whole budget goes alone only when allowed', () => {
    const q = new OwedQueue<Item>(hooks, 1000);
    for (let s = 1; s <= 4; s++) q.owe({ seq: s, weight: 10, units: s * 10 });
    const charged: number[] = [];
    expect(q.take(5, 100, (i) => i.units, false, (u) => charged.push(u))).toEqual([]);
    expect(q.take(5, 100, (i) => i.units, true, (u) => charged.push(u)).map((i) => i.seq)).toEqual([1]);
    expect(q.take(55, 100, (i) => i.units, false, (u) => charged.push(u)).map((i) => i.seq)).toEqual([2, 3]);
    expect(charged).toEqual([10, 20, 30]);
    expect(q.count).toBe(1);
    expect(q.weight).toBe(10);
    expect(q.take(1000, 100, (i) => i.units, false, () => {}).map((i) => i.seq)).toEqual([4]);
    expect(q.owing).toBe(false);
    expect(q.weight).toBe(0);
  });

  it('keeps its weight within the bound, and ends every owed item exactly once, under random sequences', () => {
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.record({ k: fc.constant('owe' as const), weight: fc.integer({ min: 0, max: 400 }), units: fc.integer({ min: 0, max: 400 }) }) },
      { weight: 2, arbitrary: fc.record({ k: fc.constant('take' as const), budget: fc.integer({ min: 0, max: 1000 }), max: fc.integer({ min: 1, max: 8 }), alone: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('report' as const) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('loseAll' as const) }) },
      { weight: 1, arbitrary: fc.record({ k: fc.constant('cap' as const), cap: fc.integer({ min: 0, max: 2000 }) }) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.array(op, { maxLength: 200 }), (cap0, ops) => {
        const q = new OwedQueue<Item>(hooks, cap0);
        const ends = new Map<number, number>();
        const owed = new Set<number>();
        const end = (seq: number): void => {
          expect(owed.has(seq)).toBe(true);
          ends.set(seq, (ends.get(seq) ?? 0) + 1);
        };
        let seq = 0;
        for (const o of ops) {
          if (o.k === 'owe') {
            owed.add(++seq);
            q.owe({ seq, weight: o.weight, units: o.units });
            expect(q.weight).toBeLessThanOrEqual(q.cap);
          } else if (o.k === 'take') {
            for (const i of q.take(o.budget, o.max, (x) => x.units, o.alone, () => {})) end(i.seq);
          } else if (o.k === 'report') {
            const lost = q.takeLost();
            if (lost) for (const s of lost.seqs) end(s);
          } else if (o.k === 'loseAll') q.loseAll();
          else q.cap = o.cap; // a new bound applies from the next owe
          expect(q.weight).toBeGreaterThanOrEqual(0);
        }
        // Drain: everything still owed goes, then every loss is reported.
        while (q.count > 0) for (const i of q.take(Infinity, 1000, (x) => x.units, true, () => {})) end(i.seq);
        const lost = q.takeLost();
        if (lost) for (const s of lost.seqs) end(s);
        expect(q.owing).toBe(false);
        expect(q.weight).toBe(0);
        for (const s of owed) expect(ends.get(s)).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});
