/**
 * The auto profile of a live capture (docs/design.md#where-a-profile-comes-from): learned early
 * from the start of the capture, and learned once more from the whole capture by whatever writes
 * it (the Export dialog and `wavetrace record` both take the store's `profileForExport`).
 */
import { describe, expect, it } from 'vitest';
import { PanelStore } from '../../../src/panel/store';
import type { EventBatch } from '../../../src/core/bridge/messages';
import type { TraceEvent } from '../../../src/core/events';
import type { Profile } from '../../../src/core/profile/types';
import { Scenario } from '../core/analysis/scenario';
import { manualScheduler } from './harness';
import { RELEARN_WAIT_MS } from '../../../src/panel/auto-profile';

const batch = (events: TraceEvent[]): EventBatch => ({ src: 'hook-1', frameUrl: 'http://127.0.0.1:9000/', top: true, events });

/**
 * A small `ws` protocol: one connection; the server sends `{"type":"update","seq":N}` every
 * 300–500 ms for 14 s and a heartbeat `{"type":"ping"}` every 1 s that stops after 6.5 s.
 */
function heartbeatThatStops(): TraceEvent[] {
  const s = new Scenario();
  s.create('c1', 'ws://127.0.0.1:9000/feed').wait(5).open('c1');
  const start = s.last;
  const timeline: Array<[number, unknown]> = [];
  for (let t = 1000; t <= 6500; t += 1000) timeline.push([t, { type: 'ping' }]);
  let seq = 1;
  for (let t = 300, k = 0; t <= 14_000; t += 300 + ((k * 71) % 200), k++) timeline.push([t, { type: 'update', seq: seq++ }]);
  timeline.sort((a, b) => a[0] - b[0]);
  for (const [t, data] of timeline) s.at(start + t).recv('c1', data);
  return s.build();
}

describe('AutoProfile: learned once more from the whole capture for an export', () => {
  it('a heartbeat learned only late is in the exported profile, though the early learn had none', () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    const events = heartbeatThatStops();
    for (let i = 0; i < events.length; i += 3) {
      store.ingest(batch(events.slice(i, i + 3)));
      sched.advance(100);
      sched.run();
    }
    expect(store.state.events.length).toBe(events.length);
    expect(events.length).toBeLessThan(100); // below the doubling that relearns a live capture
    expect(store.profile.value.learned).toBeDefined();
    expect(store.profile.value.profile.heartbeat).toBeUndefined();
    const written = store.profileForExport() as Profile;
    expect(written.heartbeat).toEqual({ intervalMs: 1000, ping: { dir: 'in', json: { type: 'ping' } } });
    // The panel now uses it too: the exported file and the panel agree.
    expect(store.profile.value.profile).toBe(written);
    expect(store.profile.value.learned!.events).toBe(events.length);
  });

  it('a built-in profile is written by name, and nothing is learned again', () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    store.setProfileChoice({ kind: 'named', name: 'socketio-v4' });
    store.ingest(batch(heartbeatThatStops()));
    sched.run();
    expect(store.profileForExport()).toBe('socketio-v4');
  });
});

describe('AutoProfile: a due relearn of a live capture waits for half a second of quiet', () => {
  /** Two connections to one feed: `{"type":"update","seq":N}` every 100 ms, 10 frames each. */
  function twoConnections(): TraceEvent[] {
    const s = new Scenario();
    let seq = 1;
    for (const c of ['c1', 'c2']) {
      s.create(c, 'ws://127.0.0.1:9000/feed').wait(5).open(c);
      for (let i = 0; i < 10; i++) s.wait(100).recv(c, { type: 'update', seq: seq++ });
      if (c === 'c1') s.wait(5).close(c, 1006).wait(1000);
    }
    return s.build();
  }

  /** A live store that learned the first connection; `c2`: the index of the second one's create. */
  function firstConnectionLearned() {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    const events = twoConnections();
    const c2 = events.findIndex((e) => e.type === 'ws-create' && e.conn === 'c2');
    store.ingest(batch(events.slice(0, c2)));
    sched.run();
    return { sched, store, events, c2 };
  }

  it('learns the new connection 500 ms after it showed its start, not in the middle of its frames', () => {
    const { sched, store, events, c2 } = firstConnectionLearned();
    const learned = store.profile.value.learned!;
    expect(learned.shown).toBe(1);
    store.ingest(batch(events.slice(c2, c2 + 7))); // create, open, 5 frames: its start is shown
    sched.run();
    expect(store.profile.value.learned).toBe(learned); // due, but waiting
    sched.advance(RELEARN_WAIT_MS - 1);
    sched.run();
    expect(store.profile.value.learned).toBe(learned);
    sched.advance(1); // the recheck the wait asked for
    sched.run();
    expect(store.profile.value.learned!.shown).toBe(2);
  });

  it('waits while the page says it is busy, then half a second of quiet', () => {
    const { sched, store, events, c2 } = firstConnectionLearned();
    const learned = store.profile.value.learned!;
    store.ingest({ ...batch(events.slice(c2, c2 + 7)), busy: true });
    sched.run();
    sched.advance(RELEARN_WAIT_MS - 100);
    store.ingest({ ...batch(events.slice(c2 + 7, c2 + 9)), busy: true });
    sched.run();
    sched.advance(RELEARN_WAIT_MS - 1); // busy until here (a pace window after the last busy serve)
    sched.run();
    expect(store.profile.value.learned).toBe(learned);
    sched.advance(RELEARN_WAIT_MS + 1); // quiet now: the wait starts at this recheck
    sched.run();
    expect(store.profile.value.learned).toBe(learned);
    sched.advance(RELEARN_WAIT_MS);
    sched.run();
    expect(store.profile.value.learned!.shown).toBe(2);
  });

  it('an export learns at once, without waiting', () => {
    const { sched, store, events, c2 } = firstConnectionLearned();
    store.ingest(batch(events.slice(c2, c2 + 7)));
    sched.run();
    store.profileForExport();
    expect(store.profile.value.learned!.shown).toBe(2);
  });
});
