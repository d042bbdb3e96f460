/**
 * `wavetrace record --fault …` ends like `check` on the written trace (src/cli/record/fault-recoveries.ts,
 * docs/design.md#record): the "Recoveries" block before the `wrote …` line, exit 1 when a recovery failed.
 */
import { describe, expect, it } from 'vitest';
import { faultRecordResult } from '../../../../src/cli/record/fault-recoveries';
import { runCli } from '../../../../src/cli/run-cli';
import { Scenario } from '../../core/analysis/scenario';
import { traceDoc, traceFile } from '../fixtures';

/** Connection 1 dropped by the CLI; the client comes back after `delayMs`, syncs from 42 and continues. */
function dropped(delayMs: number) {
  const s = new Scenario().session(1, { positions: [41, 42], openForMs: 15000, code: null });
  s.push({ type: 'fault', kind: 'drop', conn: 1, origin: 'cli' }).push({ type: 'ws-error', conn: 1, synthetic: true }).push({ type: 'ws-close', conn: 1, code: 1006, reason: '', wasClean: false, synthetic: true });
  s.wait(delayMs).sync('r1', 42, 200, [43]).connect(2).wait(10).hello(2).wait(10).data(2, 44).wait(2000).data(2, 45);
  return s.build();
}

const WROTE = 'wrote t.wavetrace.json (20 events)\n';

describe('record --fault: recoveries and exit status', () => {
  it('a recovered drop: the block as check prints it, then the wrote line, exit 0', async () => {
    const events = dropped(100);
    const r = faultRecordResult(JSON.stringify(traceDoc(events, { profile: 'scaiwave' })), WROTE);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const checked = (await runCli(['check', traceFile(events, { profile: 'scaiwave' })])).stdout;
    const block = checked.slice(checked.indexOf('Recoveries: '));
    expect(r.stdout).toBe(block + WROTE);
    expect(r.stdout.startsWith('Recoveries: 1 recovered, 0 failed, 0 inconclusive\n')).toBe(true);
  });

  it('a failed recovery (the client came back too slowly) exits 1, like record --resilience', () => {
    const r = faultRecordResult(JSON.stringify(traceDoc(dropped(5000), { profile: 'scaiwave' })), WROTE);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^Recoveries: 0 recovered, 1 failed, 0 inconclusive\n {2}FAILED +\+15\.0 s {2}drop {2}\(conn 1\) {2}fault seq 6\n/);
    expect(r.stdout).toContain('    FAILED       reconnect-delay: ');
    expect(r.stdout.endsWith(WROTE)).toBe(true);
  });

  it('no fault applied (no connection was open): an empty block, exit 0', () => {
    const events = new Scenario().session(1, { positions: [41], openForMs: 1000, code: 1000 }).build();
    const r = faultRecordResult(JSON.stringify(traceDoc(events, { profile: 'scaiwave' })), WROTE);
    expect([r.exitCode, r.stdout]).toEqual([0, 'Recoveries: 0 recovered, 0 failed, 0 inconclusive\n' + WROTE]);
  });
});
