/**
 * Hit testing of the timeline in Node: which part of the plot a point is over, and what the
 * tooltip says and a click selects there (a findings flag, a stream position, a close marker,
 * a frame tick, a bare lane), plus the accessible list built from the same scene.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/analysis';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { RowIndex } from '../../../../src/core/view/row-index';
import { PositionChart } from '../../../../src/core/view/position-chart';
import { timelineRows, TIMELINE_ROW_HEIGHT } from '../../../../src/core/view/timeline-rows';
import { buildScene } from '../../../../src/core/view/timeline-scene';
import { findingFlags } from '../../../../src/core/view/finding-flags';
import { AXIS_H, FLAGS_H, TOP_H, locateInTimeline, rowWindow, scrollToRow } from '../../../../src/core/view/timeline-layout';
import { flagHitText, frameHitText, hitTimeline, positionHitText, type HitInput } from '../../../../src/core/view/timeline-hit';
import { timelineA11yItems } from '../../../../src/core/view/timeline-a11y';
import { timeToX } from '../../../../src/core/view/time-viewport';
import { skipSyncEvents, stateOf, T0 } from './fixtures';

describe('timeline layout', () => {
  it('tells the top tracks from the lane rows, scrolled', () => {
    expect(locateInTimeline(0, 0)).toEqual({ part: 'axis', row: -1 });
    expect(locateInTimeline(AXIS_H, 0)).toEqual({ part: 'flags', row: -1 });
    expect(locateInTimeline(AXIS_H + FLAGS_H, 0)).toEqual({ part: 'position', row: -1 });
    expect(locateInTimeline(TOP_H, 0)).toEqual({ part: 'lanes', row: 0 });
    expect(locateInTimeline(TOP_H + TIMELINE_ROW_HEIGHT + 1, 0)).toEqual({ part: 'lanes', row: 1 });
    expect(locateInTimeline(TOP_H + 1, 2 * TIMELINE_ROW_HEIGHT)).toEqual({ part: 'lanes', row: 2 });
  });

  it('draws the visible rows with one row of margin, and scrolls a row into view only when it is out of view', () => {
    expect(rowWindow(0, 3 * TIMELINE_ROW_HEIGHT)).toEqual({ first: 0, last: 4 });
    expect(rowWindow(5 * TIMELINE_ROW_HEIGHT, 2 * TIMELINE_ROW_HEIGHT)).toEqual({ first: 4, last: 8 });
    const H = TIMELINE_ROW_HEIGHT;
    expect(scrollToRow(1, 0, 4 * H)).toBe(0);
    expect(scrollToRow(1, 3 * H, 4 * H)).toBe(H);
    expect(scrollToRow(10, 0, 4 * H)).toBe(11 * H - 4 * H);
  });
});

describe('timeline hit testing', () => {
  const evs = skipSyncEvents();
  const analysis = analyze(evs, SCAIWAVE_PROFILE);
  const index = new RowIndex(SCAIWAVE_PROFILE);
  index.advance(evs);
  const rows = timelineRows(index);
  const vp = { t0: T0, t1: T0 + 20000 };
  const width = 1000;
  const scene = buildScene({ rows, firstRow: 0, lastRow: rows.length - 1, index, state: stateOf(evs), events: evs, analysis, profile: SCAIWAVE_PROFILE, viewport: vp, width, endT: T0 + 16200 });
  const base: HitInput = { part: 'lanes', row: 0, x: 0, vp, width, analysis, track: new PositionChart(analysis.positions), keepFinding: () => true, scene, rows, index, events: evs };

  it('describes a findings flag and selects its finding', () => {
    const flags = findingFlags(analysis.findings, vp, width, 10, () => true);
    const fl = flags.find((f) => analysis.findings[f.finding]!.code === 'sync-skipped')!;
    const h = hitTimeline({ ...base, part: 'flags', x: fl.x + 2 })!;
    const f = analysis.findings[fl.finding]!;
    expect(h.text).toBe(flagHitText(f, fl.count));
    expect(h.text).toMatch(/^error: sync-skipped — /);
    expect(h.target).toEqual({ kind: 'finding', finding: f });
    expect(hitTimeline({ ...base, part: 'flags', x: fl.x + 2, keepFinding: () => false })).toBeUndefined();
  });

  it('describes a stream position and selects its frame', () => {
    const x = timeToX(vp, width, T0 + 100);
    const h = hitTimeline({ ...base, part: 'position', x })!;
    expect(h.text).toBe('stream position 41');
    expect(h.target).toEqual({ kind: 'event', ei: 4 });
    expect(positionHitText(45, true)).toBe('stream position 45 (from a sync response)');
  });

  it('describes a close marker by its tip, a frame tick by direction, kind, number and size, and a bare lane focuses its connection', () => {
    const close = scene.find((s) => s.kind === 'close')!;
    const onClose = hitTimeline({ ...base, row: close.row, x: close.x0 })!;
    expect(onClose.text).toMatch(/1006/);
    const lane1 = rows.findIndex((r) => r.type === 'lane' && r.lane === 0);
    const pong = hitTimeline({ ...base, row: lane1, x: timeToX(vp, width, T0 + 301) })!;
    expect(pong.text).toMatch(/^↑ sent .* frame #\d+ · /);
    expect(pong.target).toEqual({ kind: 'event', ei: 7 });
    expect(frameHitText(evs[4], 'data', 2)).toBe(`↓ received data frame #3 · ${'37 B'}`);
    const onBar = hitTimeline({ ...base, row: lane1, x: timeToX(vp, width, T0 + 8000) })!;
    expect(onBar).toEqual({ text: '#1 open for 15.0 s · ↓4 ↑1 frames.' });
    const bare = hitTimeline({ ...base, row: lane1, x: timeToX(vp, width, T0 + 19000) })!;
    expect(bare).toEqual({ text: '', target: { kind: 'conn', conn: 'a.1' } });
    expect(hitTimeline({ ...base, part: 'axis' })).toBeUndefined();
  });

  it('lists markers, spans and flags (not bars) as accessible text, with their row and connection', () => {
    const items = timelineA11yItems(scene, rows);
    expect(items.length).toBe(scene.filter((s) => s.kind !== 'bar' && s.kind !== 'connecting').length);
    const close = items.find((i) => i.kind === 'close')!;
    expect(close).toMatchObject({ cls: 'abnormal', row: 'lane-0', conn: 'a.1' });
    expect(close.text).toMatch(/^1006 — /);
    expect(items.every((i) => !['bar', 'connecting'].includes(i.kind))).toBe(true);
  });
});
