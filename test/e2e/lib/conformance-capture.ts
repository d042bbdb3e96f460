/**
 * What the hooked conformance run must have captured (docs/design.md#the-page-hook): checked on the
 * events the real hub delivered, folded with the real store logic.
 */
import { expect } from 'vitest';
import type { TraceEvent } from '../../../src/core/events';

type Ev<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

function ofType<T extends TraceEvent['type']>(events: TraceEvent[], type: T): Ev<T>[] {
  return events.filter((e): e is Ev<T> => e.type === type);
}

/** Asserts the probe's sockets, HTTP requests (with the sync bodies) and workers were captured once each. */
export function checkCapture(events: TraceEvent[], o: { syncSmall: string; browser: 'chromium' | 'firefox'; probe: Record<string, unknown> }): void {
  expect(ofType(events, 'capture-dropped')).toEqual([]);
  const creates = ofType(events, 'ws-create');
  // Connection ids are unique, and every socket of a frame is labelled with that frame.
  expect(new Set(creates.map((e) => e.conn)).size).toBe(creates.length);
  const byQuery = (q: string) => creates.filter((e) => e.url.endsWith(q));
  expect(byQuery('?frame=blank').map((e) => e.frameUrl)).toEqual(['about:blank']);
  expect(byQuery('?frame=srcdoc-initial').map((e) => e.frameUrl)).toEqual(['about:blank']);
  expect(byQuery('?frame=srcdoc').map((e) => e.frameUrl)).toEqual(['about:srcdoc']);
  expect(byQuery('?frame=src').map((e) => new URL(e.frameUrl).pathname)).toEqual(['/child.html']);
  expect(byQuery('?count=1')).toHaveLength(1);
  // Every socket the page created from the top document is there, opened ones with their frames.
  const top = creates.filter((e) => e.frameUrl.includes('/probe.html'));
  expect(top.length).toBeGreaterThanOrEqual(25);
  const failed = ofType(events, 'ws-create-failed');
  expect(failed.map((e) => e.error.split(':')[0])).toEqual(expect.arrayContaining(['SyntaxError']));
  expect(failed.length).toBeGreaterThanOrEqual(6);
  const sends = ofType(events, 'ws-send');
  expect(sends.some((e) => e.data === 'sub-1')).toBe(true);
  expect(sends.some((e) => e.data === 'too early' && e.readyState === 0)).toBe(true);
  expect(sends.some((e) => e.data === 'custom')).toBe(true);
  const closeCalls = ofType(events, 'ws-close-call');
  expect(closeCalls.some((e) => e.code === 1008 && (e.error ?? '').startsWith('InvalidAccessError'))).toBe(true);
  expect(closeCalls.some((e) => e.code === 3000 && e.reason === 'obj reason' && !e.error)).toBe(true);
  const closes = ofType(events, 'ws-close');
  expect(closes.some((e) => e.code === 1008 && e.reason === 'policy')).toBe(true);
  const bins = ofType(events, 'ws-message').filter((e) => e.opcode === 2);
  expect(bins.map((e) => e.size)).toEqual(expect.arrayContaining([3, 4, 5, 6, 7]));

  // HTTP: fetch, XHR and beacon, responses and errors.
  const reqs = ofType(events, 'http-request');
  const responses = ofType(events, 'http-response');
  const errors = ofType(events, 'http-error');
  const pathOf = (url: string): string => {
    try {
      const u = new URL(url);
      return u.pathname + u.search;
    } catch {
      return url;
    }
  };
  const reqFor = (initiator: string, path: string) => reqs.filter((r) => r.initiator === initiator && pathOf(r.url) === path);
  expect(reqFor('fetch', '/data.json')).toHaveLength(1);
  expect(reqFor('xhr', '/text').length).toBeGreaterThanOrEqual(3);
  expect(reqFor('beacon', '/beacon')).toHaveLength(1);
  expect(reqFor('fetch', '/echo-body').map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
  const resp = (r: { req: string | number }) => responses.filter((x) => x.req === r.req);
  const err = (r: { req: string | number }) => errors.filter((x) => x.req === r.req);
  expect(resp(reqFor('fetch', '/data.json')[0]!)).toMatchObject([{ status: 200 }]);
  // Not the sync endpoint, but a catch-up candidate: same-site JSON fetched within a minute after
  // the probe closed its sockets, so its (bounded) body is kept for learning (page/sync-matcher.ts).
  expect(resp(reqFor('fetch', '/data.json')[0]!)[0]!.body).toBe('{"ok":true,"n":[1,2,3]}');
  const sync7 = reqFor('fetch', '/v1/sync?since=7');
  expect(sync7).toHaveLength(1);
  expect(resp(sync7[0]!)).toEqual([expect.objectContaining({ status: 200, body: o.syncSmall, bodyTruncated: false })]);
  const big = reqFor('fetch', '/v1/sync?since=100&big=1');
  expect(big).toHaveLength(1);
  const bigResp = resp(big[0]!)[0]!;
  expect(bigResp.bodyTruncated).toBe(true);
  expect(bigResp.body!.length).toBeGreaterThan(1000000);
  expect(bigResp.body!.length).toBeLessThanOrEqual(1024 * 1024);
  const xsync = reqFor('xhr', '/v1/sync?since=11');
  expect(resp(xsync[0]!)[0]!.body).toContain('"stream_position":12');
  const xab = reqFor('xhr', '/v1/sync?since=3');
  expect(resp(xab[0]!)[0]!.body).toContain('"stream_position":4');
  expect(resp(reqFor('xhr', '/v1/sync?since=5')[0]!)[0]!.body).toContain('"stream_position":6');
  expect(err(reqFor('fetch', '/unhandled')[0] ?? { req: -1 }).length + reqs.filter((r) => r.url.endsWith('/unhandled')).length).toBeGreaterThan(0);
  const network = reqs.filter((r) => r.url.endsWith('/handled'));
  expect(network).toHaveLength(1);
  expect(err(network[0]!)).toHaveLength(1);
  expect(err(network[0]!)[0]!.error).toMatch(/^TypeError/);
  const slowXhr = reqFor('xhr', '/slow');
  expect(slowXhr.map((r) => err(r)[0]?.error.split(':')[0])).toEqual(['AbortError', 'TimeoutError']);
  const slowFetch = reqFor('fetch', '/slow');
  expect(slowFetch).toHaveLength(2);
  for (const r of slowFetch) expect(err(r)).toHaveLength(1);
  // Every request got exactly one outcome (response or error), except the beacon (no response is visible).
  for (const r of reqs) if (r.initiator !== 'beacon') expect(resp(r).length + err(r).length, r.url).toBe(1);

  // Workers are noticed (their sockets are out of reach).
  const workers = ofType(events, 'worker-created');
  // A cross-origin script URL throws in Chromium; Firefox creates the worker and fails it later.
  const crossOriginThrew = 'threw' in ((o.probe['worker'] as { crossOrigin: object }).crossOrigin);
  expect(workers.filter((w) => w.kind === 'worker').map((w) => w.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''))).toEqual(
    crossOriginThrew ? ['/worker.js', '/worker.js'] : ['/worker.js', 'http://example.invalid/worker.js', '/worker.js'],
  );
  expect(workers.filter((w) => w.kind === 'shared-worker').map((w) => new URL(w.url).pathname)).toEqual(['/shared-worker.js']);
  expect(ofType(events, 'page-navigation').map((e) => new URL(e.url).pathname)).toEqual(['/probe.html']);
  void o.browser;
}
