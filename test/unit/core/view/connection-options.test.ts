/** The filter bar's connection list: every connection while in use, else only the focused one. */
import { describe, expect, it } from 'vitest';
import { connectionOptions } from '../../../../src/core/view/connection-options';
import type { ConnId } from '../../../../src/core/events';

describe('connectionOptions', () => {
  const lanes = ['a', 'b', 'c'];
  const indexOf = (c: ConnId): number | undefined => ({ 'c.1': 0, 'c.2': 1, 'c.3': 2 } as Record<string, number>)[String(c)];

  it('lists every connection while the list is in use', () => {
    expect(connectionOptions(lanes, true, undefined, indexOf)).toBe(lanes);
  });

  it('closed, holds only the focused connection, or none', () => {
    expect(connectionOptions(lanes, false, 'c.2' as ConnId, indexOf)).toEqual(['b']);
    expect(connectionOptions(lanes, false, undefined, indexOf)).toEqual([]);
    expect(connectionOptions(lanes, false, 'gone' as ConnId, indexOf)).toEqual([]);
  });
});
