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
