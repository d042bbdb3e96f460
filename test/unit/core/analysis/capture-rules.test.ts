/** capture-gap and coverage-worker (docs/design.md#what-the-hook-cannot-see, docs/design.md#event-types `capture-dropped`, docs/design.md#trace-header `dropped`, docs/design.md#finding-codes). */
import { describe, expect, it } from 'vitest';
import { Scenario, only, run } from './scenario';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';

describe('capture-gap', () => {
  it('fires at each capture-dropped event', () => {
    const s = new Scenario().connect(1).dropped(120).mark('d1').wait(100).dropped(1);
    const f = only(run(s), 'capture-gap');
    expect(f).toHaveLength(2);
    expect(f[0]!.message).toBe('capture dropped 120 events here: analysis around this point is incomplete');
    expect(f[0]!.evidence).toEqual([s.seqOf('d1')]);
    expect(f[1]!.message).toBe('capture dropped 1 event here: analysis around this point is incomplete');
  });

  it('fires once for a non-zero header `dropped` without capture-dropped events', () => {
    const s = new Scenario().connect(1).data(1, 1);
    const f = only(run(s, SCAIWAVE_PROFILE, { dropped: 5 }), 'capture-gap');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('the trace header reports 5 events lost to capture caps: analysis is incomplete');
  });

  it('does not add the header finding when capture-dropped events exist, and none when nothing dropped', () => {
    const s = new Scenario().connect(1).dropped(5);
    expect(only(run(s, SCAIWAVE_PROFILE, { dropped: 5 }), 'capture-gap')).toHaveLength(1);
    expect(only(run(new Scenario().connect(1), SCAIWAVE_PROFILE, { dropped: 0 }), 'capture-gap')).toEqual([]);
  });

  it('handles frames of a connection whose ws-create was lost', () => {
    const s = new Scenario().dropped(500).data(7, 10).data(7, 11).close(7, 1000);
    const a = run(s);
    expect(a.connections[0]).toMatchObject({ id: 7, url: '', positions: { count: 2, last: 11 } });
    expect(a.attempts).toEqual([]);
  });
});

describe('coverage-worker', () => {
  it('fires (info) when a worker is created', () => {
    const s = new Scenario().worker('https://app.example.com/sw-socket.js').worker('https://app.example.com/shared.js', 'shared-worker');
    const f = only(run(s), 'coverage-worker');
    expect(f.map((x) => x.severity)).toEqual(['info', 'info']);
    expect(f[0]!.message).toBe('a Worker was created (https://app.example.com/sw-socket.js): WebSockets inside it are not captured');
    expect(f[1]!.message).toContain('a SharedWorker was created');
  });

  it('a blob: worker (code a page script built, e.g. MQTT.js timers) counts only when the page opened no WebSocket itself', () => {
    const blob = 'blob:https://app.example.com/3f1c2a9e-1b7d-4c55-9a0e-2b6f0c1d8e77';
    expect(only(run(new Scenario().worker(blob).connect(1)), 'coverage-worker')).toEqual([]);
    const f = only(run(new Scenario().worker(blob)), 'coverage-worker');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe(
      `a Worker was created from a blob: URL (${blob}), code a page script built that cannot be inspected, and the page opened no WebSocket of its own: if the app's sockets live in that worker they are not captured`,
    );
  });

  it('does not fire without workers', () => {
    expect(only(run(new Scenario().connect(1)), 'coverage-worker')).toEqual([]);
  });
});
