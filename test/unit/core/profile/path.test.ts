import { describe, expect, it } from 'vitest';
import { compilePath, getPath, getPathAll, toPosition } from '../../../../src/core/profile/path';

describe('getPath', () => {
  const doc = { a: { b: [{ c: 1 }, { c: 2 }] }, s: 5, arr: [10, 20, 30], 'x-y': { z: true }, nul: null };

  it('reads dotted keys, indexes and numeric keys', () => {
    expect(getPath(doc, 'a.b[0].c')).toBe(1);
    expect(getPath(doc, 'a.b[1].c')).toBe(2);
    expect(getPath(doc, 'a.b.1.c')).toBe(2);
    expect(getPath(doc, 's')).toBe(5);
    expect(getPath(doc, 'x-y.z')).toBe(true);
    expect(getPath(doc, 'nul')).toBeNull();
  });

  it('addresses top-level arrays and negative indexes', () => {
    const phoenix = [null, '5', 'phoenix', 'heartbeat', {}];
    expect(getPath(phoenix, '[2]')).toBe('phoenix');
    expect(getPath(phoenix, '[-2]')).toBe('heartbeat');
    expect(getPath(['chat', 'hi', '42'], '[-1]')).toBe('42');
    expect(getPath(doc, 'arr[-1]')).toBe(30);
  });

  it('returns the value itself for the empty path', () => {
    expect(getPath(doc, '')).toBe(doc);
  });

  it('returns undefined for missing steps and never reads the prototype', () => {
    expect(getPath(doc, 'a.x.y')).toBeUndefined();
    expect(getPath(doc, 'a.b[5].c')).toBeUndefined();
    expect(getPath(doc, 's.t')).toBeUndefined();
    expect(getPath(doc, 'constructor')).toBeUndefined();
    expect(getPath(doc, 'a.__proto__')).toBeUndefined();
    expect(getPath(doc, 'arr.length')).toBeUndefined();
    expect(getPath(null, 'a')).toBeUndefined();
    expect(getPath('text', 'length')).toBeUndefined();
  });

  it('yields undefined for [] (use getPathAll)', () => {
    expect(getPath(doc, 'a.b[].c')).toBeUndefined();
  });

  it('rejects malformed paths with a message naming the path', () => {
    expect(() => compilePath('a..b')).toThrow('invalid path "a..b"');
    expect(() => compilePath('a[')).toThrow('unclosed');
    expect(() => compilePath('a[x]')).toThrow('is not an index');
    expect(() => compilePath('a.')).toThrow('trailing');
    expect(() => compilePath('a]')).toThrow('unexpected "]"');
  });
});

describe('getPathAll', () => {
  it('iterates arrays at [] and skips missing values', () => {
    const body = { events: [{ stream_position: 1 }, { other: 2 }, { stream_position: 3 }] };
    expect(getPathAll(body, 'events[].stream_position')).toEqual([1, 3]);
  });

  it('handles nested iteration and top-level arrays', () => {
    expect(getPathAll({ a: [{ b: [1, 2] }, { b: [3] }] }, 'a[].b[]')).toEqual([1, 2, 3]);
    expect(getPathAll([{ p: 1 }, { p: 2 }], '[].p')).toEqual([1, 2]);
  });

  it('gives zero or one value without []', () => {
    expect(getPathAll({ a: 1 }, 'a')).toEqual([1]);
    expect(getPathAll({ a: 1 }, 'b')).toEqual([]);
    expect(getPathAll({ events: 'nope' }, 'events[].x')).toEqual([]);
  });
});

describe('toPosition', () => {
  it('accepts numbers and numeric strings only', () => {
    expect(toPosition(42)).toBe(42);
    expect(toPosition('42')).toBe(42);
    expect(toPosition(' 7 ')).toBe(7);
    expect(toPosition('-1')).toBe(-1);
    expect(toPosition('3.5')).toBe(3.5);
    expect(toPosition('OPe5Xo1')).toBeUndefined(); // Socket.IO in-memory adapter (yeast id)
    expect(toPosition('1700000000000-0')).toBeUndefined(); // Redis stream id
    expect(toPosition('')).toBeUndefined();
    expect(toPosition(null)).toBeUndefined();
    expect(toPosition(true)).toBeUndefined();
    expect(toPosition(Infinity)).toBeUndefined();
    expect(toPosition({})).toBeUndefined();
  });
});
