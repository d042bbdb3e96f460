/**
 * What the recovery rules (docs/design.md#recovery-records) read at the end of the pass: the
 * pass state, the findings by code (a step that a finding already decides takes the finding's
 * verdict and message: one rule, two views), the fault events with what the pass knew when
 * each applied, and the end of the trace. Times in ms since the epoch, durations in ms.
 */
import type { At, Finding, FindingCode } from './types';
import type { FaultEvent } from '../events';
import type { PassState } from './pass-state';
import type { RecoveryRule, RecoveryStep, StepOutcome } from './recovery-types';

/** A fault event as the pass saw it; for a freeze also where the silence began and its heartbeat interval (ms). */
export interface FaultNote {
  e: FaultEvent;
  /** freeze: the last inbound frame (or the open) before the fault: the silence starts there. */
  silenceStart?: At;
  /** freeze: the interval (ms) the connection's silences are judged against, if any. */
  intervalMs?: number;
}

/** Findings grouped by code. */
export class FindingIndex {
  private readonly byCode = new Map<FindingCode, Finding[]>();

  constructor(findings: readonly Finding[]) {
    for (const f of findings) {
      const list = this.byCode.get(f.code);
      if (list) list.push(f);
      else this.byCode.set(f.code, [f]);
    }
  }

  /** The first finding of `code` that satisfies `pred`. */
  find(code: FindingCode, pred: (f: Finding) => boolean): Finding | undefined {
    return this.byCode.get(code)?.find(pred);
  }
}

/** Inputs of the recovery rules. */
export interface RecoveryContext {
  st: PassState;
  findings: FindingIndex;
  notes: readonly FaultNote[];
  /** End of the trace (ms since the epoch). */
  end: number;
}

/** At most this many evidence seqs per step. */
export const STEP_EVIDENCE_CAP = 20;

/** A step with its evidence sorted, deduplicated and capped. */
export function step(rule: RecoveryRule, ok: StepOutcome, message: string, evidence: readonly (number | undefined)[], numbers?: Record<string, number>): RecoveryStep {
  const ev = [...new Set(evidence.filter((s): s is number => s !== undefined))].sort((a, b) => a - b).slice(0, STEP_EVIDENCE_CAP);
  const out: RecoveryStep = { rule, ok, message, evidence: ev };
  if (numbers) {
    const clean: Record<string, number> = {};
    for (const [k, v] of Object.entries(numbers)) if (Number.isFinite(v)) clean[k] = Math.round(v * 10) / 10;
    out.numbers = clean;
  }
  return out;
}
