/**
 * Recovery records (docs/design.md#recovery-records): for each injected fault, what the client
 * did next, as a list of steps, each judged by the same rules as the findings.
 *
 * Units: `t` in ms since the Unix epoch; `evidence` holds trace `seq` values (ascending);
 * `numbers` holds durations in ms (`…Ms`) and positions/cursors as plain numbers.
 * The shape is JSON-stable: `wavetrace check --format json` and the HAR export's `_wavetrace`
 * field carry it as is.
 */
import type { ConnId, FaultKind } from '../events';

/** The steps a recovery is judged by (docs/design.md#recovery-records table). */
export type RecoveryRule =
  | 'reconnected'
  | 'reconnect-delay'
  | 'synced'
  | 'sync-cursor'
  | 'no-gap'
  | 'noticed-half-open'
  | 'retried-sync'
  | 'no-stale-processing'
  | 'auth-handled';

/** All recovery rules, in the order steps are listed. */
export const RECOVERY_RULES: readonly RecoveryRule[] = [
  'reconnected',
  'reconnect-delay',
  'synced',
  'sync-cursor',
  'no-gap',
  'noticed-half-open',
  'retried-sync',
  'no-stale-processing',
  'auth-handled',
];

/** Outcome of one step: `true` ok, `false` failed, `null` inconclusive (the trace cannot tell, e.g. it ended too soon). */
export type StepOutcome = true | false | null;

/**
 * One judged step of a recovery.
 * - `message`: one line with the numbers (for inconclusive: how long the trace would have needed);
 * - `evidence`: `seq` of the events that show it, ascending;
 * - `numbers`: the measured values, e.g. `delayMs`, `expectedMs`, `cursor`, `lastPosition`, `neededMs`.
 */
export interface RecoveryStep {
  rule: RecoveryRule;
  ok: StepOutcome;
  message: string;
  evidence: number[];
  numbers?: Record<string, number>;
}

/** `failed` if any step failed, else `inconclusive` if any step is inconclusive, else `recovered`. */
export type RecoveryVerdict = 'recovered' | 'failed' | 'inconclusive';

/**
 * The recovery from one fault event.
 * - `fault`: `seq` of the `fault` event; `kind`: its kind; `conn`: the connection it hit (if any);
 * - `t`: when the fault applied (ms since the epoch);
 * - `steps`: in {@link RECOVERY_RULES} order.
 */
export interface RecoveryRecord {
  fault: number;
  kind: FaultKind;
  conn?: ConnId;
  t: number;
  verdict: RecoveryVerdict;
  steps: RecoveryStep[];
}

/** The verdict of a list of steps: failed if any failed, inconclusive if any is inconclusive, else recovered. */
export function verdictOf(steps: readonly RecoveryStep[]): RecoveryVerdict {
  if (steps.some((s) => s.ok === false)) return 'failed';
  if (steps.some((s) => s.ok === null)) return 'inconclusive';
  return 'recovered';
}

/** Counts of records per verdict. */
export function recoveryCounts(records: readonly RecoveryRecord[]): Record<RecoveryVerdict, number> {
  const n: Record<RecoveryVerdict, number> = { recovered: 0, failed: 0, inconclusive: 0 };
  for (const r of records) n[r.verdict]++;
  return n;
}
