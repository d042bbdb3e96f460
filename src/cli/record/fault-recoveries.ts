/**
 * The outcome of `wavetrace record --fault …` (docs/design.md#record, docs/design.md#exit-codes):
 * the written trace is analysed as `wavetrace check` would analyse it — the profile from its
 * header, the same recovery records (docs/design.md#recovery-records) — and its "Recoveries"
 * block is printed before the `wrote …` line. Exit 1 when a recovery failed, as with
 * `record --resilience` and `check`; `inconclusive` does not change the status.
 */
import { analyze } from '../../core/analysis';
import type { ConnId, ReqId } from '../../core/events';
import { readTraceOrHar } from '../../core/trace/read-trace-or-har';
import { formatDuration } from '../../core/format';
import { visibleText } from '../../core/visible-text';
import { EXIT_FINDINGS, EXIT_OK, type CliResult } from '../cli-result';
import { idFormatter, recoveryLines } from '../check-text';
import { resolveProfile } from '../resolve-profile';

/**
 * Analyses the trace `text` (the JSON `record` wrote) and returns the recoveries block and
 * whether a recovery failed. Times are relative to the trace's first event, as in `check`.
 * @throws Error when the text is not a readable trace or its profile is invalid (a bug: the panel wrote it)
 */
export function faultRecoveries(text: string): { lines: string[]; failed: boolean } {
  const read = readTraceOrHar(text, 'recording');
  const profile = resolveProfile(undefined, read.trace.profile, read.trace.events);
  const a = analyze(read.trace.events, profile.profile, {
    dropped: read.trace.dropped,
    input: 'trace',
    ...(read.trace.endedAt ? { endT: Date.parse(read.trace.endedAt) || undefined } : {}),
  });
  const ids: (ConnId | ReqId)[] = a.connections.map((c) => c.id);
  const lines = recoveryLines(a, (t) => `+${formatDuration(t - a.startT)}`, idFormatter(ids)).map(visibleText);
  return { lines, failed: a.recoveries.some((r) => r.verdict === 'failed') };
}

/** The CLI result of `record --fault`: the recoveries block, then the `wrote …` line; exit 1 when a recovery failed. */
export function faultRecordResult(text: string, wrote: string): CliResult {
  const { lines, failed } = faultRecoveries(text);
  return { exitCode: failed ? EXIT_FINDINGS : EXIT_OK, stdout: lines.join('\n') + '\n' + wrote, stderr: '' };
}
