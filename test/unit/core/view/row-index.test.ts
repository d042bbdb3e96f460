import { describe, expect, it } from 'vitest';
import { RowIndex, KIND_HEARTBEAT, KIND_HELLO, KIND_LIFECYCLE, KIND_SYNC, SERIES_DATA_IN, SERIES_HEARTBEAT, SERIES_HELLO, DIR_IN, DIR_OUT } from '../../../../src/core/view/row-index';
import { RowFilter, defaultFilterSpec, parseSearch, isDefaultSpec } from '../../../../src/core/view/row-filter';
import { kindLabel, rowPreview, rowSearchText, relativeToOpen, formatOffset, positionLabel, type RowTextContext } from '../../../../src/core/view/row-text';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { SOCKJS_PROFILE } from '../../../../src/core/profile/presets/sockjs';
import { analyze } from '../../../../src/core/analysis/analyze';
import { redactKeySet } from '../../../../src/core/redact';
import { events, skipSyncEvents, stateOf } from './fixtures';

function ctxOf(evs = skipSyncEvents()): RowTextContext {
  const index = new RowIndex(SCAIWAVE_PROFILE);
  index.advance(evs);
  return { events: evs, index, state: stateOf(evs), profile: SCAIWAVE_PROFILE, redactKeys: redactKeySet() };
}

describe('row index', () => {
  it("groups lanes into sessions by the profile's session key, as the analysis does (SockJS: one session for its per-connection paths)", () => {
    const create = (conn: string, path: string) => ({ type: 'ws-create', conn, url: `wss://h.example/echo${path}`, protocols: [], frameUrl: 'https://h.example/' });
    const evs = events([
      [0, create('s.1', '/123/abcd/websocket')],
      [10, create('s.2', '/456/efgh/websocket')],
      [20, create('s.3', '/other')],
    ]);
    const index = new RowIndex(SOCKJS_PROFILE);
    index.advance(evs);
    expect(index.sessions).toEqual([
      { key: 'wss://h.example/echo/*/*/websocket', lanes: [0, 1] },
      { key: 'wss://h.example/echo/other', lanes: [2] },
    ]);
    const a = analyze(evs, SOCKJS_PROFILE);
    expect(a.sessions.map((x) => x.key)).toEqual(index.sessions.map((x) => x.key));
    // Without a session pattern, each path is its own session.
    const plain = new RowIndex(SCAIWAVE_PROFILE);
    plain.advance(evs);
    expect(plain.sessions.map((x) => x.lanes)).toEqual([[0], [1], [2]]);
  });

  it('has one row per frame and lifecycle event, classified under the profile', () => {
    const { index, events: evs } = ctxOf();
    expect(index.rowCount).toBe(evs.length - 1); // page-navigation has no row
    expect(index.lanes.map((l) => [l.conn, l.n, l.session])).toEqual([
      ['a.1', 1, 'wss://app.example.com/v1/stream'],
      ['a.2', 2, 'wss://app.example.com/v1/stream'],
    ]);
    expect(index.sessions).toEqual([{ key: 'wss://app.example.com/v1/stream', lanes: [0, 1] }]);
    const kinds = Array.from({ length: index.rowCount }, (_, r) => index.kindName(r));
    expect(kinds).toEqual(['lifecycle', 'lifecycle', 'hello', 'data', 'data', 'heartbeat', 'heartbeat', 'lifecycle', 'lifecycle', 'lifecycle', 'hello', 'data', 'data']);
    expect(index.kind.get(2)).toBe(KIND_HELLO);
    expect(index.pos.get(2)).toBe(40);
    expect(index.pos.get(3)).toBe(41);
    expect(index.dir.get(5)).toBe(DIR_IN);
    expect(index.dir.get(6)).toBe(DIR_OUT);
    expect(index.kind.get(0)).toBe(KIND_LIFECYCLE);
    expect(index.kind.get(6)).toBe(KIND_HEARTBEAT);
    const lane = index.lanes[0]!;
    expect(lane.series[SERIES_DATA_IN]!.length).toBe(2);
    expect(lane.series[SERIES_HEARTBEAT]!.length).toBe(2);
    expect(lane.series[SERIES_HELLO]!.length).toBe(1);
    expect([lane.createRow, lane.openRow, lane.closeRow]).toEqual([0, 1, 7]);
  });

  it('indexes incrementally within a budget and finds rows of events', () => {
    const evs = skipSyncEvents();
    const index = new RowIndex(SCAIWAVE_PROFILE);
    let calls = 0;
    expect(index.advance(evs.slice(0, 5), () => ++calls > 0)).toBe(true);
    expect(index.advance(evs)).toBe(true);
    expect(index.rowCount).toBe(evs.length - 1);
    expect(index.rowOfEvent(0)).toBe(-1);
    expect(index.rowOfEvent(1)).toBe(0);
    expect(index.rowAtOrAfterEvent(0)).toBe(0);
    expect(index.nearestFrameRow(0, evs[4]!.t + 3, 10)).toBe(3);
    expect(index.nearestFrameRow(0, evs[4]!.t + 3, 1)).toBe(-1);
  });

  it('makes catch-up sync requests rows of kind sync with their status', () => {
    const evs = events([
      [0, { type: 'http-request', req: 1, method: 'GET', url: 'https://h/v1/sync?since=42&token=abc', initiator: 'fetch' }],
      [5, { type: 'http-request', req: 2, method: 'GET', url: 'https://h/other', initiator: 'fetch' }],
      [9, { type: 'http-response', req: 1, status: 200 }],
    ]);
    const c = ctxOf(evs);
    expect(c.index.rowCount).toBe(1);
    expect(c.index.kind.get(0)).toBe(KIND_SYNC);
    expect(rowPreview(c, 0)).toMatch(/^GET https:\/\/h\/v1\/sync\?since=42&token=REDACTED~[0-9a-f]{4} → 200$/);
  });
});

describe('row text', () => {
  it('labels kinds, times relative to open, positions and closes', () => {
    const c = ctxOf();
    expect([0, 1, 5, 6, 7].map((r) => kindLabel(c, r))).toEqual(['create', 'open', 'ping', 'pong', 'close']);
    expect(relativeToOpen(c, 3)).toBe('+60 ms');
    expect(relativeToOpen(c, 0)).toBe('−30 ms');
    expect(positionLabel(c, 3)).toBe('41');
    expect(positionLabel(c, 0)).toBe('');
    expect(rowPreview(c, 7)).toBe('closed 1006 Abnormal Closure · not clean');
    expect(rowPreview(c, 0)).toMatch(/token=REDACTED~/);
    expect(formatOffset(61_500)).toBe('+1 min 01.5 s');
  });

  it('keeps markup in payloads as plain text', () => {
    const c = ctxOf();
    expect(rowPreview(c, 12)).toBe('<img src=x onerror=alert(1)>');
    expect(rowSearchText(c, 12)).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('row filter', () => {
  it('parses text and /regex/ searches', () => {
    expect(parseSearch('  ').kind).toBe('none');
    const t = parseSearch('A.B');
    expect(t.kind === 'text' && t.re.test('xa.bx') && !t.re.test('axb')).toBe(true);
    const r = parseSearch('/position"?:\\s*4[12]/g');
    expect(r.kind === 'regex' && r.re.flags).toBe('');
    expect(parseSearch('/(/').kind).toBe('error');
  });

  it('runs /regex/ searches in linear time and says in one line what it cannot run', () => {
    const r = parseSearch('/(a+)+$/');
    expect(r.kind).toBe('regex');
    const text = 'a'.repeat(5000) + 'b'; // exponential for a backtracking engine
    const t0 = performance.now();
    expect(r.kind === 'regex' && r.re.test(text)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
    const ci = parseSearch('/HELLO.*World/i');
    expect(ci.kind === 'regex' && ci.re.test('{"type":"hello","w":"world"}')).toBe(true);
    const dot = parseSearch('/a.b/s');
    expect(dot.kind === 'regex' && dot.re.test('a\nb')).toBe(true);
    for (const bad of ['/(a)\\1/', '/(?<n>a)\\k<n>/', '/(?=a)b/', '/(?<=a)b/']) {
      const e = parseSearch(bad);
      expect(e.kind, bad).toBe('error');
      expect(e.kind === 'error' && e.message).toMatch(/^not supported by the linear-time matcher: [^\n]*(backreference|lookahead|lookbehind)[^\n]* needs backtracking[^\n]*$/);
    }
    const flag = parseSearch('/a/x');
    expect(flag.kind === 'error' && flag.message).toBe('flag "x" not supported (only i, m, s and u)');
  });

  it('filters by direction, kind, connection and search, incrementally', () => {
    const c = ctxOf();
    const text = (r: number) => rowSearchText(c, r);
    const all = new RowFilter(defaultFilterSpec(), c.index, text);
    all.advance();
    expect(all.count).toBe(c.index.rowCount);
    expect(isDefaultSpec(defaultFilterSpec())).toBe(true);

    const spec = defaultFilterSpec();
    spec.out = false;
    spec.kinds.lifecycle = false;
    spec.kinds.heartbeat = false;
    spec.conn = 'a.2';
    const f = new RowFilter(spec, c.index, text);
    f.advance();
    expect(Array.from({ length: f.count }, (_, i) => kindLabel(c, f.rows.get(i)))).toEqual(['hello', 'data', 'data']);
    expect(f.positionOf(11)).toBe(1);
    expect(f.positionOf(0)).toBe(-1);

    const s = new RowFilter({ ...defaultFilterSpec(), search: '/stream_position":4[12]\\b/' }, c.index, text);
    s.advance();
    expect(s.count).toBe(2);
    const bad = new RowFilter({ ...defaultFilterSpec(), search: '/(/' }, c.index, text);
    bad.advance();
    expect(bad.count).toBe(0);
  });
});
