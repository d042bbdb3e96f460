/**
 * Faults on the timeline (src/core/view/timeline-faults.ts): a fault mark on its connection's
 * lane with describeFault's words, a freeze as a span to its thaw, the frames it kept as their
 * own items, tab-wide faults on the session row, and all of them in the accessible list.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/analysis';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { RowIndex } from '../../../../src/core/view/row-index';
import { timelineRows } from '../../../../src/core/view/timeline-rows';
import { buildScene, hitScene } from '../../../../src/core/view/timeline-scene';
import { timelineA11yItems } from '../../../../src/core/view/timeline-a11y';
import { FaultTrack } from '../../../../src/core/view/fault-track';
import { events, stateOf, T0 } from './fixtures';

const url = 'ws://127.0.0.1:9/v1/stream?token=t';
const msg = (conn: string, data: string, faulted?: boolean) => ({ type: 'ws-message', conn, opcode: 1, size: data.length, data, encoding: 'text', truncated: false, ...(faulted ? { faulted } : {}) });

describe('timeline faults', () => {
  const evs = events([
    [0, { type: 'ws-create', conn: 'a.1', url, protocols: [], frameUrl: 'http://127.0.0.1:9/' }],
    [10, { type: 'ws-open', conn: 'a.1', protocol: '', extensions: '' }],
    [1000, { type: 'fault', kind: 'freeze', conn: 'a.1', origin: 'panel' }],
    [1500, msg('a.1', '{"type":"event","stream_position":3}', true)],
    [3000, { type: 'fault', kind: 'thaw', conn: 'a.1', origin: 'panel' }],
    [4000, { type: 'fault', kind: 'fail-sync', count: 1, status: 503, origin: 'panel' }],
    [5000, { type: 'fault', kind: 'drop', conn: 'a.1', origin: 'panel' }],
    [5001, { type: 'ws-error', conn: 'a.1', synthetic: true }],
    [5002, { type: 'ws-close', conn: 'a.1', code: 1006, reason: '', wasClean: false, synthetic: true }],
  ]);
  const index = new RowIndex(SCAIWAVE_PROFILE);
  index.advance(evs);
  const rows = timelineRows(index);
  const faults = new FaultTrack();
  faults.advance(evs);
  const vp = { t0: T0, t1: T0 + 10_000 };
  const scene = buildScene({ rows, firstRow: 0, lastRow: rows.length - 1, index, state: stateOf(evs), events: evs, analysis: analyze(evs, SCAIWAVE_PROFILE), profile: SCAIWAVE_PROFILE, viewport: vp, width: 1000, endT: T0 + 6000, faults });

  it('marks each fault on its lane; a freeze spans to its thaw; kept frames are their own items', () => {
    const lane = rows.findIndex((r) => r.type === 'lane');
    const marks = scene.filter((s) => s.kind === 'fault' && s.row === lane);
    expect(marks.map((m) => [m.label, Math.round(m.x0), Math.round(m.x1)])).toEqual([['⚡freeze', 100, 300], ['⚡drop', 500, 500]]);
    expect(marks[0]!.tip).toBe('Fault injected by the panel: freeze of connection a.1 until thawed (half-open: no frame in or out); in force for 2.0 s.');
    expect(marks[1]!.tip).toBe('Fault injected by the panel: drop of connection a.1 (error, then close 1006).');
    const kept = scene.filter((s) => s.kind === 'kept');
    expect(kept.map((k) => [Math.round(k.x0), k.tip])).toEqual([[150, 'Received frame kept from the page by freeze (fault).']]);
    expect(hitScene(scene, lane, 200)?.kind).toBe('fault'); // inside the freeze span (at 500 the fault-injected flag is on top)
    expect(hitScene(scene, lane, 150)?.kind).toBe('kept');
  });

  it('puts fail-sync on the session row, and lists every mark for assistive tools', () => {
    const session = rows.findIndex((r) => r.type === 'session');
    expect(scene.filter((s) => s.kind === 'fault' && s.row === session).map((s) => s.tip)).toEqual(['Fault injected by the panel: fail the next 1 sync request with HTTP 503.']);
    const listed = timelineA11yItems(scene, rows).filter((i) => i.kind === 'fault' || i.kind === 'kept').map((i) => i.text);
    expect(listed).toHaveLength(4);
    expect(listed).toContain('⚡drop — Fault injected by the panel: drop of connection a.1 (error, then close 1006).');
  });
});
