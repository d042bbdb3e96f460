import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/analysis';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { RowIndex } from '../../../../src/core/view/row-index';
import { timelineRows, rowOfLane, rowOfSession, TIMELINE_ROW_HEIGHT } from '../../../../src/core/view/timeline-rows';
import { buildScene, hitScene, reconnectLabel } from '../../../../src/core/view/timeline-scene';
import { eventIndexOfSeq, evidenceTimeRange, primaryEvidenceRow, findingKey } from '../../../../src/core/view/evidence';
import { startSlicedAnalysis } from '../../../../src/core/view/sliced-analysis';
import { PositionChart } from '../../../../src/core/view/position-chart';
import { PositionTrack } from '../../../../src/core/analysis';
import { findingFlags } from '../../../../src/core/view/finding-flags';
import { closeClassOf } from '../../../../src/core/view/close-class';
import { createAnalysisThrottle, nextRunAt, runFinished, runStarted, shouldRun } from '../../../../src/core/view/analysis-throttle';
import { skipSyncEvents, stateOf, T0 } from './fixtures';
import type { Finding } from '../../../../src/core/analysis';

describe('analysis in the view', () => {
  const evs = skipSyncEvents();
  const analysis = analyze(evs, SCAIWAVE_PROFILE);
  const index = new RowIndex(SCAIWAVE_PROFILE);
  index.advance(evs);

  it('sliced analysis gives the same result as analyze()', () => {
    const job = startSlicedAnalysis(evs, evs.length, SCAIWAVE_PROFILE);
    let n = 0;
    let res;
    while (!(res = job.step(() => ++n % 2 === 0)));
    expect(JSON.stringify(res)).toBe(JSON.stringify(analysis));
  });

  it('a click on sync-skipped selects its evidence frame (the first data frame of the resume)', () => {
    const f = analysis.findings.find((x) => x.code === 'sync-skipped')!;
    expect(f).toBeDefined();
    const row = primaryEvidenceRow(evs, index, f);
    const e = evs[index.ev.get(row)]!;
    expect(e.type).toBe('ws-message');
    expect(e.type === 'ws-message' && e.data).toBe('{"type":"event","stream_position":45}');
    const [a, b] = evidenceTimeRange(evs, f);
    expect(a).toBe(T0 + 15000);
    expect(b).toBe(T0 + 16100);
    expect(findingKey(f)).toBe(`sync-skipped@${f.seq}@a.2@`);
    expect(eventIndexOfSeq(evs, 3)).toBe(2);
    expect(eventIndexOfSeq(evs.slice(1), 3)).toBe(1);
    expect(eventIndexOfSeq(evs, 999)).toBe(-1);
  });

  it('the scene has the reconnect span, the close marker and the finding flag on the second lane', () => {
    const rows = timelineRows(index);
    expect(rows.map((r) => r.type)).toEqual(['session', 'lane', 'lane']);
    expect(rowOfLane(rows, 1)).toBe(2);
    expect(rowOfSession(rows, 'wss://app.example.com/v1/stream')).toBe(0);
    expect(timelineRows(index, new Set(['wss://app.example.com/v1/stream']))).toHaveLength(1);
    expect(TIMELINE_ROW_HEIGHT).toBeGreaterThan(16);
    const viewport = { t0: T0, t1: T0 + 20000 };
    const scene = buildScene({ rows, firstRow: 0, lastRow: 2, index, state: stateOf(evs), events: evs, analysis, profile: SCAIWAVE_PROFILE, viewport, width: 1000, endT: T0 + 16200 });
    const rec = scene.find((s) => s.kind === 'reconnect')!;
    expect(rec.row).toBe(2);
    expect(rec.x0).toBeCloseTo(750);
    expect(rec.x1).toBeCloseTo(800);
    expect(rec.label).toBe('↻ 1.0 s · expected ≤ 1.0 s');
    expect(rec.tip).toMatch(/established/);
    const close = scene.find((s) => s.kind === 'close')!;
    expect([close.row, close.label, close.cls]).toEqual([1, '1006', 'abnormal']);
    expect(close.tip).toMatch(/Abnormal Closure/);
    const flag = scene.find((s) => s.kind === 'flag' && analysis.findings[s.finding!]!.code === 'sync-skipped');
    expect(flag?.row).toBe(2);
    expect(hitScene(scene, 1, close.x0 + 2)?.kind).toBe('flag'); // close-abnormal flags the close
    expect(hitScene(scene.filter((s) => s.kind !== 'flag'), 1, close.x0 + 2)?.kind).toBe('close');
    expect(hitScene(scene, 2, 775)?.kind).toBe('reconnect');
    expect(hitScene(scene, 2, 5)).toBeUndefined();
    expect(reconnectLabel({ ...analysis.attempts[0]!, k: 3, expectedMs: 4000, delayMs: 100 })).toBe('↻ 100 ms · expected 4.0 s');
  });

  it('classifies closes by the profile', () => {
    expect(closeClassOf(1000, true, SCAIWAVE_PROFILE)).toBe('clean');
    expect(closeClassOf(1006, false, SCAIWAVE_PROFILE)).toBe('abnormal');
    expect(closeClassOf(4001, true, SCAIWAVE_PROFILE)).toBe('auth');
    expect(closeClassOf(4003, true, SCAIWAVE_PROFILE)).toBe('abort');
    expect(closeClassOf(1008, true, SCAIWAVE_PROFILE)).toBe('fatal');
  });
});

describe('position track', () => {
  it('aggregates a million points per column and answers ranges via block min/max', () => {
    const pts = new PositionTrack();
    for (let i = 0; i < 1_000_000; i++) pts.push(i + 1, i, i % 1000 === 999 ? 5 : i, 0, 'c');
    pts.push(2e6, 10, 7_000_000, 2, 'c');
    const tr = new PositionChart(pts);
    expect(tr.n).toBe(1_000_000);
    expect(tr.helloT.length).toBe(1);
    expect(tr.minMax(0, tr.n)).toEqual({ min: 0, max: 999_998 });
    expect(tr.minMax(1, 999)).toEqual({ min: 1, max: 998 });
    expect(tr.rangeIn(0, 100)).toEqual({ min: 0, max: 7_000_000 });
    const cols = tr.columns(0, 1_000_000, 1000);
    expect(cols.first[1]).toBe(1000);
    expect(cols.last[1]).toBe(5);
    expect(cols.min[1]).toBe(5);
    expect(cols.max[1]).toBe(1998);
    expect(tr.nearest(10.4, 1)).toBe(10);
  });
});

describe('finding flags', () => {
  const f = (t: number, severity: Finding['severity']): Finding => ({ code: 'close-abnormal', severity, t, seq: t, evidence: [], message: '', hint: '' });
  it('keeps one flag per bucket, the most severe one, with its count', () => {
    const flags = findingFlags([f(0, 'info'), f(1, 'error'), f(2, 'warning'), f(500, 'warning')], { t0: 0, t1: 1000 }, 1000, 10);
    expect(flags.map((x) => [x.severity, x.count, x.finding])).toEqual([
      ['error', 3, 1],
      ['warning', 1, 3],
    ]);
  });
});

describe('analysis throttle', () => {
  it('runs at most every 500 ms and pauses at least twice the last run', () => {
    const s = createAnalysisThrottle(500);
    expect(shouldRun(s, 0)).toBe(true);
    runStarted(s);
    expect(shouldRun(s, 0)).toBe(false);
    s.dirty = true;
    runFinished(s, 1000, 400);
    expect(nextRunAt(s)).toBe(1800);
    expect(shouldRun(s, 1700)).toBe(false);
    expect(shouldRun(s, 1800)).toBe(true);
    expect(shouldRun(s, 1000, true)).toBe(true);
  });
});
