/**
 * The panel store in Node: live ingest never waits for derived work (index, filter, analysis
 * run in slices when the scheduler lets them), the live analysis is throttled (≥ 500 ms
 * apart), preserve log off starts a fresh capture at a top-level navigation, a loaded trace is
 * analysed at once, and a finding selects its evidence row (resetting filters that hide it).
 */
import { describe, expect, it } from 'vitest';
import { PanelStore } from '../../../src/panel/store';
import { defaultFilterSpec } from '../../../src/core/view/row-filter';
import type { EventBatch } from '../../../src/core/bridge/messages';
import type { TraceEvent } from '../../../src/core/events';
import { manualScheduler, loadedStore } from './harness';
import { skipSyncEvents } from '../core/view/fixtures';

const batch = (events: TraceEvent[], top = true): EventBatch => ({ src: 'hook-1', frameUrl: 'https://app.example.com/', top, events });

describe('panel store', () => {
  it('ingests live batches at once and derives rows and the analysis in background slices, throttled', () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched, () => 1_700_000_020_000);
    const evs = skipSyncEvents();
    store.ingest(batch(evs.slice(0, 8)));
    expect(store.state.events.length).toBe(8);
    expect(store.index.rowCount).toBe(0); // nothing derived inside ingest
    sched.run();
    expect(store.index.rowCount).toBe(7);
    expect(store.filter.count).toBe(7);
    expect(store.analysis.value?.events).toBe(8);
    const firstRunAt = sched.now();
    store.ingest(batch(evs.slice(8)));
    sched.run();
    expect(store.index.rowCount).toBe(13);
    expect(store.analysis.value?.events).toBe(8); // throttled: not yet 500 ms later
    sched.advance(499);
    sched.run();
    expect(store.analysis.value?.events).toBe(8);
    sched.advance(1);
    sched.run();
    expect(store.analysis.value?.events).toBe(14);
    expect(sched.now() - firstRunAt).toBe(500);
    expect(store.analysis.value!.findings.some((f) => f.code === 'sync-skipped')).toBe(true);
  });

  it('counts the stream as busy when a serve says the page is busy, though the serve itself is small', () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched, () => 1_700_000_020_000);
    const evs = skipSyncEvents();
    store.ingest(batch(evs.slice(0, 3)));
    expect(store.streamBusy()).toBe(false);
    store.ingest({ ...batch(evs.slice(3, 5)), busy: true });
    expect(store.streamBusy()).toBe(true);
    sched.advance(600);
    expect(store.streamBusy()).toBe(false);
  });

  it('without preserve log, a top-level navigation starts a fresh capture (marks kept)', () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    store.preserveLog.value = false;
    const evs = skipSyncEvents();
    store.ingest(batch(evs.slice(1, 6).map((e, i) => ({ ...e, seq: i + 1 }))));
    expect(store.state.events.length).toBe(5);
    store.ingest({ ...batch([{ seq: 1, t: evs[6]!.t, type: 'page-navigation', url: 'https://app.example.com/next' }, { ...evs[9]!, seq: 2 }]), src: 'hook-2' });
    expect(store.state.events.map((e) => e.type)).toEqual(['page-navigation', 'ws-create']);
    expect(store.state.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(store.state.marks).toEqual({ 'hook-1': 5, 'hook-2': 2 });
    store.preserveLog.value = true;
    store.ingest({ ...batch([{ seq: 3, t: evs[10]!.t, type: 'page-navigation', url: 'https://app.example.com/again' }]), src: 'hook-2' });
    expect(store.state.events.length).toBe(3);
  });

  it('a loaded trace is indexed and analysed without waiting; clear keeps marks', () => {
    const store = loadedStore();
    expect(store.live.value).toBe(false);
    expect(store.profile.value.reason).toBe('auto: URL path /v1/stream matches scaiwave');
    expect(store.analysisStatus.value.covered).toBe(14);
    store.clear();
    // The socket still open keeps its create and open (docs/design.md#clear-import-and-resume).
    expect(store.state.events.map((e) => e.type)).toEqual(['ws-create', 'ws-open']);
    expect(store.analysis.value).toBeUndefined();
  });

  it('selecting a finding resets filters that hide its evidence row and reveals the evidence', () => {
    const store = loadedStore();
    store.setFilter({ ...defaultFilterSpec(), in: false });
    store.flush();
    const f = store.analysis.value!.findings.find((x) => x.code === 'sync-skipped')!;
    store.selectFinding(f);
    expect(store.filterSpec.value.in).toBe(true);
    expect(store.notice.value).toMatch(/Filters were reset/);
    expect(store.state.events[store.selectedEvent.value!]!.seq).toBe(f.seq);
    expect(store.selectedConn.value).toBe('a.2');
    expect(store.revealRequest.value?.a).toBe(store.state.events[8]!.t);
    store.selectFinding(undefined);
    expect(store.evidence.value).toEqual([]);
  });

  it('switching the profile rebuilds the rows and re-runs the analysis', () => {
    const store = loadedStore();
    expect(store.index.kindName(2)).toBe('hello');
    store.setProfileChoice({ kind: 'named', name: 'socketio-v4' });
    store.flush();
    expect(store.profile.value.profile.name).toBe('socketio-v4');
    expect(store.index.kindName(2)).toBe('data');
    expect(store.analysis.value!.profile).toBe('socketio-v4');
  });
});

describe('panel store: fills and the classes shared by the row index and the analysis', () => {
  /** The fixture with every JSON frame padded past the size whose classes are kept (profile/class-cache.ts). */
  const padded = (): TraceEvent[] =>
    skipSyncEvents().map((e) => {
      if ((e.type !== 'ws-message' && e.type !== 'ws-send') || !e.data.startsWith('{')) return e;
      const data = e.data.slice(0, -1) + ',"pad":"' + 'p'.repeat(1000) + '"}';
      return { ...e, data, size: data.length };
    });
  const shown = (store: PanelStore) => {
    store.flush();
    const a = store.analysis.value!;
    const rows = Array.from({ length: store.index.rowCount }, (_, r) => `${store.index.kindName(r)} ${store.index.pos.get(r)}`);
    return { rows, positions: a.positions.toArray(), findings: a.findings.map((f) => `${f.code} ${f.seq} ${f.evidence.join(',')} ${f.message}`) };
  };

  it('after the fills, rows and analysis equal those of a panel that got the full previews (no class of a short preview survives)', () => {
    const evs = padded();
    const full = new PanelStore(manualScheduler(), () => evs.at(-1)!.t + 1000);
    full.ingest(batch(evs.map((e) => ({ ...e }))));
    const want = shown(full);
    expect(want.positions.length).toBeGreaterThan(3);

    const cut = new PanelStore(manualScheduler(), () => evs.at(-1)!.t + 1000);
    const owed = evs.filter((e) => (e.type === 'ws-message' || e.type === 'ws-send') && e.data.length > 256).map((e) => e.seq);
    const short = evs.map((e) => (owed.includes(e.seq) && (e.type === 'ws-message' || e.type === 'ws-send') ? { ...e, data: e.data.slice(0, 256), truncated: true, size: -1 } : { ...e }));
    cut.ingest({ ...batch(short), owed });
    const during = shown(cut); // row index and analysis classify the short previews
    expect(during.positions.length).toBeLessThan(want.positions.length);
    const fills = evs.filter((e) => owed.includes(e.seq)).map((e) => ({ ...e }));
    cut.ingest({ ...batch(fills.slice(0, 3)), fill: true });
    cut.ingest({ ...batch(fills.slice(3)), fill: true });
    expect(cut.state.pendingPreviews.size).toBe(0);
    expect(shown(cut)).toEqual(want);
  });
});
