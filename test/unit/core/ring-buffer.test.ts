import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../../src/core/ring-buffer';

describe('RingBuffer', () => {
  it('keeps the newest items when the count limit is hit and counts the dropped ones', () => {
    const rb = new RingBuffer<number>(3);
    const lost: number[] = [];
    rb.onDrop = (x) => lost.push(x);
    for (let i = 1; i <= 5; i++) rb.push(i);
    expect(rb.size).toBe(3);
    expect([rb.at(0), rb.at(1), rb.at(2)]).toEqual([3, 4, 5]);
    expect(rb.dropped).toBe(2);
    expect(lost).toEqual([1, 2]);
  });

  it('evicts by weight as well as by count', () => {
    const rb = new RingBuffer<string>(100, 10);
    rb.push('a', 4);
    rb.push('b', 4);
    rb.push('c', 4); // 12 > 10: 'a' goes
    expect(rb.size).toBe(2);
    expect(rb.at(0)).toBe('b');
    expect(rb.totalWeight).toBe(8);
    expect(rb.dropped).toBe(1);
  });

  it('keeps one item even when it alone exceeds the weight budget', () => {
    const rb = new RingBuffer<string>(10, 5);
    rb.push('big', 50);
    expect(rb.size).toBe(1);
    rb.push('next', 1);
    expect(rb.at(0)).toBe('next');
  });

  it('rejects a zero capacity', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
  });

  it('clear empties but keeps the dropped count', () => {
    const rb = new RingBuffer<number>(2);
    rb.push(1);
    rb.push(2);
    rb.push(3);
    rb.clear();
    expect(rb.size).toBe(0);
    expect(rb.at(0)).toBeUndefined();
    expect(rb.dropped).toBe(1);
  });
});
