/** position-gap and position-regression (docs/design.md#positions-and-resumes "Last position", "Data frame"). */
import { describe, expect, it } from 'vitest';
import { Scenario, only, run, scaiwaveWith } from './scenario';

const contiguous = scaiwaveWith({ position: { path: 'stream_position', contiguous: true } });

describe('position-gap', () => {
  it('fires when a contiguous position jumps by more than 1', () => {
    const s = new Scenario().connect(1).data(1, 1).data(1, 2).data(1, 3).mark('p3').wait(100).data(1, 5).mark('p5');
    const f = only(run(s, contiguous), 'position-gap');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('stream_position jumped from 3 to 5 on connection 1: 1 position missing (4), not filled by a sync');
    expect(f[0]!.evidence).toEqual([s.seqOf('p3'), s.seqOf('p5')]);
    expect(f[0]!.severity).toBe('warning');
  });

  it('names the missing range', () => {
    const s = new Scenario().connect(1).data(1, 3).data(1, 7);
    expect(only(run(s, contiguous), 'position-gap')[0]!.message).toContain('3 positions missing (4..6)');
  });

  it('does not fire for +1 steps, nor when the profile is not contiguous (scaiwave)', () => {
    const s = new Scenario().connect(1).data(1, 1).data(1, 2).data(1, 3).data(1, 4);
    expect(only(run(s, contiguous), 'position-gap')).toEqual([]);
    const t = new Scenario().connect(1).data(1, 1).data(1, 5);
    expect(only(run(t), 'position-gap')).toEqual([]);
  });

  it('does not fire when a later sync fills the gap', () => {
    const s = new Scenario().connect(1).data(1, 1).data(1, 2).data(1, 3).data(1, 6).wait(50).sync('r1', 3, 200, [4, 5]);
    const a = run(s, contiguous);
    expect(only(a, 'position-gap')).toEqual([]);
    expect(a.lastPosition).toBe(6);
  });

  it('still fires when the sync fills only part of the gap', () => {
    const s = new Scenario().connect(1).data(1, 3).data(1, 7).wait(50).sync('r1', 3, 200, [4]);
    expect(only(run(s, contiguous), 'position-gap')).toHaveLength(1);
  });
});

describe('position-regression', () => {
  it('fires when a data frame carries a position ≤ the last position', () => {
    const s = new Scenario().connect(1).data(1, 42).wait(10).data(1, 40).mark('dup');
    const f = only(run(s), 'position-regression');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('data frame on connection 1 carries stream_position 40 ≤ last position 42: duplicate delivery');
    expect(f[0]!.evidence).toEqual([s.seqOf('dup')]);
  });

  it('fires for an equal position (duplicate delivery) and merges consecutive frames', () => {
    const s = new Scenario().connect(1).data(1, 42).data(1, 40).data(1, 41).data(1, 42).data(1, 43);
    const f = only(run(s), 'position-regression');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('3 data frames on connection 1 carry stream_position 40..42 ≤ last position 42: duplicate delivery');
    expect(f[0]!.evidence).toHaveLength(3);
  });

  it('does not fire for increasing positions', () => {
    const s = new Scenario().connect(1).data(1, 42).data(1, 43).data(1, 50);
    expect(only(run(s), 'position-regression')).toEqual([]);
  });

  it('fires when a hello carries a position below the last one (the server counter went back)', () => {
    const s = new Scenario().session(1, { positions: [41, 42] }).wait(100).connect(2).recv(2, { type: 'hello', tenant_id: 'acme', stream_position: 30 });
    const f = only(run(s), 'position-regression');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe("hello on connection 2 carries stream_position 30 < last position 42: the server's counter went back");
  });

  it('does not fire for a hello equal to or ahead of the last position; a hello never counts as processed', () => {
    const s = new Scenario().session(1, { positions: [41, 42] }).wait(100).connect(2).recv(2, { type: 'hello', stream_position: 42 });
    s.wait(10).connect(3).recv(3, { type: 'hello', stream_position: 90 });
    const a = run(s);
    expect(only(a, 'position-regression')).toEqual([]);
    expect(a.lastPosition).toBe(42);
    expect(a.positions.filter('hello').map((p) => p.position)).toEqual([42, 90]);
  });
});
