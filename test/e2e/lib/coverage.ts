/**
 * The coverage run (docs/design.md#the-page-hook, docs/design.md#what-the-hook-cannot-see): routes of the coverage fixture and the checks on what the
 * hub delivered for its tab (sockets of every frame and popup, once each, labelled with their
 * frame; workers noticed, their sockets not captured).
 */
import { expect } from 'vitest';
import { fixture, type ProbeServers } from './probe-server';
import type { TraceEvent } from '../../../src/core/events';
import type { TappedBatch } from './hub-tap';
import { foldBatches } from './hub-tap';

/** Places the fixture opens a socket in, as `?where=` values, and the frame URL each must carry. */
export const COVERAGE_PLACES: Record<string, (frameUrl: string) => boolean> = {
  top: (u) => u.includes('/coverage.html'),
  blank: (u) => u === 'about:blank',
  'nested-blank': (u) => u === 'about:blank',
  'src-initial': (u) => u === 'about:blank',
  'child-self': (u) => u.includes('/coverage-child.html'),
  'child-from-parent': (u) => u.includes('/coverage-child.html'),
  srcdoc: (u) => u === 'about:srcdoc',
  popup: (u) => u === 'about:blank',
};

/** Adds the coverage fixture's routes. */
export function addCoverageRoutes(srv: ProbeServers): void {
  srv.route('/coverage.html', fixture('coverage/coverage.html'));
  srv.route('/coverage.js', fixture('coverage/coverage.js'));
  srv.route('/coverage-child.html', fixture('coverage/coverage-child.html'));
  srv.route('/coverage-child.js', fixture('coverage/coverage-child.js'));
  srv.route('/coverage-worker.js', fixture('coverage/coverage-worker.js'));
  srv.route('/shared-worker.js', fixture('conformance/shared-worker.js'));
}

/** What the page reported: every place answered, the workers too. */
export function checkPageDone(done: string[]): void {
  expect([...done].sort()).toEqual([...Object.keys(COVERAGE_PLACES), 'worker', 'sw:coverage'].sort());
}

/**
 * Checks the captured events of the tab (and its popup, routed to the same panel): each place
 * once, with its frame; no duplicate connection ids; the worker's own socket absent while the
 * server saw it; both workers noticed. Returns the folded events.
 */
export function checkCoverage(batches: TappedBatch[], tabId: number, srv: ProbeServers): TraceEvent[] {
  const state = foldBatches(batches, tabId);
  const events = state.events;
  expect(events.filter((e) => e.type === 'capture-dropped')).toEqual([]);
  const creates = events.filter((e): e is Extract<TraceEvent, { type: 'ws-create' }> => e.type === 'ws-create');
  expect(new Set(creates.map((c) => c.conn)).size).toBe(creates.length);
  const where = (c: { url: string }) => new URL(c.url).searchParams.get('where') ?? '';
  for (const [place, frameOk] of Object.entries(COVERAGE_PLACES)) {
    const mine = creates.filter((c) => where(c) === place);
    expect(mine.length, `sockets captured for ${place}`).toBe(1);
    expect(frameOk(mine[0]!.frameUrl), `frame label of ${place}: ${mine[0]!.frameUrl}`).toBe(true);
    if (place === 'src-initial') continue; // its document goes away when the src loads: created, maybe never opened
    const conn = mine[0]!.conn;
    const frames = events.filter((e) => (e.type === 'ws-send' || e.type === 'ws-message') && e.conn === conn).map((e) => `${e.type}:${(e as { data: string }).data}`);
    expect(frames, `frames of ${place}`).toEqual([`ws-send:hello-${place}`, `ws-message:echo:hello-${place}`]);
  }
  expect(creates.filter((c) => where(c) === 'worker')).toEqual([]);
  expect(srv.wsConnections.some((u) => u.includes('where=worker'))).toBe(true);
  expect(state.workers.map((w) => `${w.kind} ${new URL(w.url).pathname}`)).toEqual(['worker /coverage-worker.js', 'shared-worker /shared-worker.js']);
  // The popup's batches come from its own tab, marked as such by the hub.
  const popupTabs = [...new Set(batches.filter((b) => b.batch.events.some((e) => e.type === 'ws-create' && where(e) === 'popup')).map((b) => b.sourceTab))];
  expect(popupTabs).toHaveLength(1);
  expect(popupTabs[0]).not.toBe(tabId);
  return events;
}
