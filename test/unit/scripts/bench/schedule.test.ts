import { describe, expect, it } from 'vitest';
import { bestOf, seededRandom, shuffled } from '../../../../scripts/bench/schedule';

describe('hook bench schedule', () => {
  it('the same seed gives the same sequence, another seed another one, all in [0, 1)', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('a shuffle is a permutation and leaves its input alone', () => {
    const keys = ['native', 'closed', 'panel', 'devtools', 'devtools-panel'];
    const out = shuffled(keys, seededRandom(7));
    expect([...out].sort()).toEqual([...keys].sort());
    expect(keys).toEqual(['native', 'closed', 'panel', 'devtools', 'devtools-panel']);
  });

  it('every configuration runs first about equally often over many passes', () => {
    const random = seededRandom(1);
    const first = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const k = shuffled(['native', 'closed', 'panel'], random)[0]!;
      first.set(k, (first.get(k) ?? 0) + 1);
    }
    for (const k of ['native', 'closed', 'panel']) expect(Math.abs((first.get(k) ?? 0) - 1000)).toBeLessThan(100);
  });

  it('the best burst is the shortest finite one; none finite gives NaN', () => {
    expect(bestOf([310, 270.5, 402])).toBe(270.5);
    expect(bestOf([NaN, 300])).toBe(300);
    expect(bestOf([NaN])).toBeNaN();
    expect(bestOf([])).toBeNaN();
  });
});
