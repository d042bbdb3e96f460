/**
 * The resilience check's report card (docs/design.md#record): one row per fault with the
 * recovery verdict and its judged steps (the analysis' recovery records,
 * docs/design.md#recovery-records), the groups the check skipped, and the exit status of
 * `wavetrace record --resilience` (docs/design.md#exit-codes). The panel, the viewer and the CLI
 * build the same card from the same records.
 */
import type { FaultEvent, TraceEvent } from '../events';
import type { RecoveryRecord, RecoveryStep, RecoveryVerdict } from '../analysis/recovery-types';
import type { ResilienceGroup } from './resilience-plan';
import type { ResilienceOutcome } from './resilience-runner';
import { formatDuration } from '../format';

/** One row: a fault and its recovery (`verdict` `not-judged` when the analysis made no record for it). */
export interface CardRow {
  fault: number;
  /** ms since the epoch. */
  t: number;
  /** "drop", "close 4001", "freeze", "fail-sync 503 ×1"… */
  label: string;
  conn?: string;
  verdict: RecoveryVerdict | 'not-judged';
  steps: RecoveryStep[];
}

/** The card. `outcome`/`reason` are absent for a trace loaded from a file (only its faults are known). */
export interface ResilienceCard {
  rows: CardRow[];
  skipped: ResilienceGroup[];
  outcome?: ResilienceOutcome;
  reason?: string;
}

/** Short text of a fault: its kind and arguments. */
export function faultLabel(f: FaultEvent): string {
  if (f.kind === 'close') return `close ${f.code ?? ''}`.trim();
  if (f.kind === 'fail-sync') return `fail-sync ${String(f.status ?? 503)} ×${f.count ?? 1}`;
  if (f.kind === 'skip') return `skip ×${f.count ?? 1}`;
  if ((f.kind === 'freeze' || f.kind === 'refuse') && f.ms !== undefined) return `${f.kind} ${formatDuration(f.ms)}`;
  return f.kind;
}

/**
 * Builds the card for the `fault` events whose seq is in `faults` (every fault event when
 * undefined: a loaded trace), in seq order, each with its record from `recoveries`.
 */
export function buildCard(events: readonly TraceEvent[], recoveries: readonly RecoveryRecord[], faults?: readonly number[], extra: Omit<ResilienceCard, 'rows'> = { skipped: [] }): ResilienceCard {
  const want = faults ? new Set(faults) : undefined;
  const bySeq = new Map(recoveries.map((r) => [r.fault, r]));
  const rows: CardRow[] = [];
  for (const e of events) {
    if (e.type !== 'fault' || (want && !want.has(e.seq))) continue;
    const r = bySeq.get(e.seq);
    rows.push({ fault: e.seq, t: e.t, label: faultLabel(e), ...(e.conn !== undefined ? { conn: String(e.conn) } : {}), verdict: r ? r.verdict : 'not-judged', steps: r ? r.steps : [] });
  }
  return { ...extra, rows };
}

/**
 * Exit status of `record --resilience` (docs/design.md#exit-codes): 2 when the check could not
 * run; 1 when any recovery failed, or the check stopped because the client did not come back;
 * else 0 (every fault recovered; inconclusive steps are printed, not failed).
 */
export function cardExitCode(card: ResilienceCard): 0 | 1 | 2 {
  if (card.outcome === 'could-not-run') return 2;
  if (card.rows.some((r) => r.verdict === 'failed') || card.outcome === 'stopped') return 1;
  return 0;
}

const MARK: Record<CardRow['verdict'], string> = { recovered: '✓', failed: '✗', inconclusive: '?', 'not-judged': '·' };
const STEP_MARK = (ok: RecoveryStep['ok']): string => (ok === true ? '✓' : ok === false ? '✗' : '?');

/** The card as text lines (CLI): a row per fault with its steps, the skipped groups, and a last line with the result. `t0`: times are shown relative to it. */
export function cardLines(card: ResilienceCard, t0: number): string[] {
  const out: string[] = [];
  for (const r of card.rows) {
    out.push(`${MARK[r.verdict]} ${r.verdict.padEnd(12)} ${r.label}${r.conn !== undefined ? ` (connection ${r.conn})` : ''} at +${formatDuration(r.t - t0)}`);
    for (const s of r.steps) out.push(`    ${STEP_MARK(s.ok)} ${s.rule}: ${s.message}`);
  }
  for (const g of card.skipped) out.push(`· skipped      ${g.name}: ${g.skipped ?? ''}`);
  out.push(resultLine(card));
  return out;
}

/** One line: what the check concluded. */
export function resultLine(card: ResilienceCard): string {
  if (card.outcome === 'could-not-run') return `resilience check could not run: ${card.reason ?? ''}`;
  const failed = card.rows.filter((r) => r.verdict === 'failed');
  const names = failed.map((r) => `${r.label} (${r.steps.filter((s) => s.ok === false).map((s) => s.rule).join(', ')})`);
  const stopped = card.outcome === 'stopped' ? `; stopped: ${card.reason ?? ''}` : card.outcome === 'cancelled' ? `; ${card.reason ?? 'cancelled'}` : '';
  if (failed.length) return `resilience check FAILED: ${failed.length} of ${card.rows.length} recoveries failed: ${names.join('; ')}${stopped}`;
  if (card.outcome === 'stopped') return `resilience check FAILED${stopped}`;
  const unsure = card.rows.filter((r) => r.verdict !== 'recovered').length;
  return `resilience check passed: ${card.rows.length - unsure} of ${card.rows.length} recoveries recovered${unsure ? `, ${unsure} not conclusive` : ''}${stopped}`;
}
