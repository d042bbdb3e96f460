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

  it('reads a replay after a hello whose head was right as a duplicate delivery, not a restarted counter', () => {
    const s = new Scenario().session(1, { positions: [41, 42] }).wait(100).connect(2).recv(2, { type: 'hello', tenant_id: 'acme', stream_position: 42 });
    s.sync('r1', 42, 200, []).wait(10).data(2, 43).data(2, 44).data(2, 43);
    const f = only(run(s), 'position-regression');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('data frame on connection 2 carries stream_position 43 ≤ last position 44: duplicate delivery');
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

describe('positions on two overlapping connections of a session', () => {
  /** A page that opened two sockets to the same stream at once; both receive events 1..n, socket 1 a few ms first. */
  function twoSockets(n: number): Scenario {
    const s = new Scenario().create(1).create(2).wait(20).open(1).mark('o1').wait(2).open(2).mark('o2');
    s.wait(10).hello(1, { tenant_id: 'acme', stream_position: 0 }).wait(1).hello(2, { tenant_id: 'acme', stream_position: 0 });
    for (let p = 1; p <= n; p++) s.wait(100).data(1, p).wait(3).data(2, p).mark(`twice${p}`);
    return s;
  }

  it('reports one duplicate-connection counting the frames delivered twice, and no position-regression', () => {
    const s = twoSockets(13);
    const a = run(s);
    expect(only(a, 'position-regression')).toEqual([]);
    const f = only(a, 'duplicate-connection');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe(
      'connection 2 opened while connection 1 of the same session (wss://api.example.com/v1/stream, open for 2 ms) was still open; ' +
        '13 data frames were delivered twice because of it (stream_position 1..13, already received on the other connection)',
    );
    const twice = Array.from({ length: 13 }, (_, i) => s.seqOf(`twice${i + 1}`));
    expect(f[0]!.evidence).toEqual([s.seqOf('o1'), s.seqOf('o2'), ...twice]);
    expect(a.lastPosition).toBe(13);
  });

  it('counts frames of the lagging connection whichever socket is ahead', () => {
    const s = new Scenario().connect(1).connect(2).hello(1).hello(2);
    s.wait(100).data(2, 1).data(1, 1).wait(100).data(1, 2).data(2, 2).wait(100).data(2, 3).data(1, 3);
    const a = run(s);
    expect(only(a, 'position-regression')).toEqual([]);
    expect(only(a, 'duplicate-connection')[0]!.message).toContain('3 data frames were delivered twice because of it (stream_position 1..3');
  });

  it('still reports a duplicate delivery within one connection while another overlaps', () => {
    const s = twoSockets(5);
    s.wait(100).data(1, 6).wait(3).data(2, 6).wait(50).data(2, 4).mark('dup4').data(2, 5).mark('dup5').wait(50).data(1, 7).data(2, 7);
    const a = run(s);
    const f = only(a, 'position-regression');
    expect(f).toHaveLength(1);
    expect(f[0]!.conn).toBe(2);
    expect(f[0]!.message).toBe('2 data frames on connection 2 carry stream_position 4..5 ≤ its own last position 6: duplicate delivery');
    expect(f[0]!.evidence).toEqual([s.seqOf('dup4'), s.seqOf('dup5')]);
    expect(only(a, 'duplicate-connection')[0]!.message).toContain('7 data frames were delivered twice');
  });

  it('still reports a hello of the second socket whose head is below the last position when it was created', () => {
    const s = new Scenario().connect(1).hello(1).wait(100).data(1, 41).data(1, 42).wait(100).connect(2);
    s.recv(2, { type: 'hello', tenant_id: 'acme', stream_position: 30 }).mark('hello2');
    const f = only(run(s), 'position-regression');
    expect(f).toHaveLength(1);
    expect(f[0]!.evidence).toEqual([s.seqOf('hello2')]);
    expect(f[0]!.message).toBe("hello on connection 2 carries stream_position 30 < last position 42: the server's counter went back");
  });

  it('does not judge the second socket\'s hello against positions the first received after it was created', () => {
    const s = new Scenario().connect(1).hello(1).wait(100).data(1, 41).create(2).data(1, 42).open(2).recv(2, { type: 'hello', tenant_id: 'acme', stream_position: 41 });
    expect(only(run(s), 'position-regression')).toEqual([]);
  });

  it('keeps the highest position of both for the resume after they closed', () => {
    const s = twoSockets(5);
    s.wait(100).data(1, 6).wait(12000).close(1, 1006).close(2, 1006).wait(500).connect(3).hello(3).sync('r1', 6, 200, []).wait(20).data(3, 7);
    const a = run(s);
    expect(a.resumes).toHaveLength(1);
    expect(a.resumes[0]!.lastPosition).toBe(6);
    expect(a.findings.filter((f) => f.code.startsWith('sync-') || f.code.startsWith('position-'))).toEqual([]);
    const t = twoSockets(5).wait(12000).close(1, 1006).close(2, 1006).wait(500).connect(3).hello(3).wait(20).data(3, 6);
    expect(only(run(t), 'sync-skipped')).toHaveLength(1);
  });

  it('judges a later reconnect (no overlap) against the last position again', () => {
    const s = twoSockets(3).wait(12000).close(1, 1006).close(2, 1006).wait(500).connect(3).hello(3).sync('r1', 3, 200, []).data(3, 2).mark('old');
    const f = only(run(s), 'position-regression');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('data frame on connection 3 carries stream_position 2 ≤ last position 3: duplicate delivery');
  });
});
