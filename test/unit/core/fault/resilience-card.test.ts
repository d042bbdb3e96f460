/** The resilience report card: rows from fault events and recovery records, the text the CLI prints, and its exit status. */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/core/events';
import type { RecoveryRecord } from '../../../../src/core/analysis/recovery-types';
import { buildCard, cardExitCode, cardLines, resultLine } from '../../../../src/core/fault/resilience-card';

const T0 = 1_800_000_000_000;
const events: TraceEvent[] = [
  { seq: 1, t: T0, type: 'ws-create', conn: 'a.1', url: 'ws://x/v1/stream', protocols: [], frameUrl: '' },
  { seq: 2, t: T0 + 1000, type: 'fault', kind: 'drop', conn: 'a.1', origin: 'cli' },
  { seq: 3, t: T0 + 3000, type: 'fault', kind: 'fail-sync', count: 1, status: 503, origin: 'cli' },
  { seq: 4, t: T0 + 3500, type: 'fault', kind: 'close', conn: 'a.2', code: 4001, reason: '', origin: 'cli' },
  { seq: 5, t: T0 + 4000, type: 'fault', kind: 'drop', conn: 'b.1', origin: 'panel' },
];
const ok: RecoveryRecord = { fault: 2, kind: 'drop', conn: 'a.1', t: T0 + 1000, verdict: 'recovered', steps: [{ rule: 'reconnected', ok: true, message: 'reconnected after 120 ms', evidence: [2], numbers: { delayMs: 120 } }] };
const bad: RecoveryRecord = {
  fault: 3,
  kind: 'fail-sync',
  t: T0 + 3000,
  verdict: 'failed',
  steps: [
    { rule: 'reconnected', ok: true, message: 'reconnected', evidence: [] },
    { rule: 'synced', ok: false, message: 'resumed without GET /v1/sync', evidence: [3] },
  ],
};

describe('resilience card', () => {
  it('has a row per fault of the check, in order, each with its record (or not judged)', () => {
    const card = buildCard(events, [bad, ok], [2, 3, 4], { skipped: [{ name: 'Half-open link', skipped: 'no heartbeat' }], outcome: 'completed', reason: 'every step ran' });
    expect(card.rows.map((r) => [r.fault, r.label, r.conn, r.verdict])).toEqual([
      [2, 'drop', 'a.1', 'recovered'],
      [3, 'fail-sync 503 ×1', undefined, 'failed'],
      [4, 'close 4001', 'a.2', 'not-judged'],
    ]);
    expect(cardExitCode(card)).toBe(1);
    expect(cardLines(card, T0)).toEqual([
      '✓ recovered    drop (connection a.1) at +1.0 s',
      '    ✓ reconnected: reconnected after 120 ms',
      '✗ failed       fail-sync 503 ×1 at +3.0 s',
      '    ✓ reconnected: reconnected',
      '    ✗ synced: resumed without GET /v1/sync',
      '· not-judged   close 4001 (connection a.2) at +3.5 s',
      '· skipped      Half-open link: no heartbeat',
      'resilience check FAILED: 1 of 3 recoveries failed: fail-sync 503 ×1 (synced)',
    ]);
    // A loaded trace: every fault it holds.
    expect(buildCard(events, []).rows.map((r) => r.fault)).toEqual([2, 3, 4, 5]);
  });

  it('exit status: 0 when nothing failed, 1 when a recovery failed or the client never came back, 2 when it could not run', () => {
    const passed = buildCard(events, [ok], [2], { skipped: [], outcome: 'completed' });
    expect(cardExitCode(passed)).toBe(0);
    expect(resultLine(passed)).toBe('resilience check passed: 1 of 1 recoveries recovered');
    const stopped = buildCard(events, [ok], [2], { skipped: [], outcome: 'stopped', reason: 'no open connection 12 s after the last fault: the client did not come back' });
    expect(cardExitCode(stopped)).toBe(1);
    expect(resultLine(stopped)).toBe('resilience check FAILED; stopped: no open connection 12 s after the last fault: the client did not come back');
    const none = buildCard(events, [], [], { skipped: [], outcome: 'could-not-run', reason: 'no WebSocket connection was open within 10 s' });
    expect(cardExitCode(none)).toBe(2);
    expect(resultLine(none)).toBe('resilience check could not run: no WebSocket connection was open within 10 s');
  });
});
