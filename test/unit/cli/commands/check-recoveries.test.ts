/**
 * `wavetrace check` with injected faults (docs/design.md#recovery-records, docs/design.md#check,
 * docs/design.md#exit-codes): the text "Recoveries" block, the JSON `recoveries`, and exit 1
 * when a recovery failed even without an error finding.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/cli/run-cli';
import { Scenario } from '../../core/analysis/scenario';
import { traceFile } from '../fixtures';

const check = (...argv: string[]) => runCli(['check', ...argv]);

/** Connection 1 (positions 41, 42) dropped by the CLI; the client comes back after `delayMs`, syncs from 42 and continues. */
function dropped(delayMs: number) {
  const s = new Scenario().session(1, { positions: [41, 42], openForMs: 15000, code: null });
  s.push({ type: 'fault', kind: 'drop', conn: 1, origin: 'cli' }).push({ type: 'ws-error', conn: 1, synthetic: true }).push({ type: 'ws-close', conn: 1, code: 1006, reason: '', wasClean: false, synthetic: true });
  s.wait(delayMs).sync('r1', 42, 200, [43]).connect(2).wait(10).hello(2).wait(10).data(2, 44).wait(2000).data(2, 45);
  return s.build();
}

describe('check with recovery records', () => {
  it('a recovered drop: text block with one line per step and its numbers, exit 0', async () => {
    const r = await check(traceFile(dropped(100)));
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Recoveries: 1 recovered, 0 failed, 0 inconclusive');
    expect(out).toMatch(/RECOVERED\s+\+15\.0 s {2}drop {2}\(conn 1\) {2}fault seq 6/);
    expect(out).toContain('ok           reconnected: connection 2 opened 100 ms after connection 1 closed 1006 (1 attempt, the first after 100 ms)');
    expect(out).toContain('delayMs=100 openMs=100 attempts=1; evidence: seq 8, 11, 12');
    expect(out).toContain('ok           sync-cursor: GET /v1/sync?since=42 resumes from the last stream_position 42');
    expect(out).toContain('cursor=42 lastPosition=42');
  });

  it('json: recoveries [{fault, kind, conn, t, verdict, steps [{rule, ok, message, evidence, numbers}]}]', async () => {
    const r = await check(traceFile(dropped(100)), '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.recoveryVerdicts).toEqual({ recovered: 1, failed: 0, inconclusive: 0 });
    expect(doc.recoveries).toHaveLength(1);
    const rec = doc.recoveries[0];
    expect(Object.keys(rec)).toEqual(['fault', 'kind', 'conn', 't', 'verdict', 'steps']);
    expect(rec).toMatchObject({ fault: 6, kind: 'drop', conn: 1, verdict: 'recovered' });
    expect(rec.steps.map((s: { rule: string }) => s.rule)).toEqual(['reconnected', 'reconnect-delay', 'synced', 'sync-cursor']);
    for (const s of rec.steps) expect(Object.keys(s)).toEqual(['rule', 'ok', 'message', 'evidence', 'numbers']);
    expect(rec.steps[1]).toEqual({
      rule: 'reconnect-delay',
      ok: true,
      message: 'connection 2 came 100 ms after the close: expected about 1.0 s (at most 2.5 s)',
      evidence: [8, 11],
      numbers: { delayMs: 100, expectedMs: 1000, k: 0, minMs: 0, maxMs: 2500 },
    });
  });

  it('a failed recovery exits 1 although its finding is only a warning (reconnect-too-slow)', async () => {
    const r = await check(traceFile(dropped(5000)), '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.counts.error).toBe(0);
    expect(doc.findings.map((f: { code: string }) => f.code)).toContain('reconnect-too-slow');
    expect(doc.recoveries[0].verdict).toBe('failed');
    expect(doc.recoveries[0].steps[1]).toMatchObject({ rule: 'reconnect-delay', ok: false, numbers: { delayMs: 5000, expectedMs: 1000, k: 0, maxMs: 2500 } });
    expect(r.exitCode).toBe(1);
    const text = await check(traceFile(dropped(5000)));
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toContain('FAILED       reconnect-delay: connection 2 came 5.0 s after close 1006 with 0 failed connections before it: too slow, expected about 1.0 s (between 0 ms and 2.5 s)');
  });
});
