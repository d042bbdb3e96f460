/**
 * `wavetrace check <file.wavetrace.json[.gz] | file.har> [--profile <name|file.json>] [--format text|json]`
 * (docs/design.md#check CONTRACT). Exit 0 = no error findings and no failed recovery, 1 = at least
 * one error finding or a recovery whose verdict is `failed` (docs/design.md#recovery-records),
 * 2 = the input could not be read (one-line reason on stderr: missing file, not JSON, unknown
 * format, unsupported version, bad --profile, a HAR without WebSocket frames …), and also
 * when the `--profile` (or the trace's own profile) fits none of the connections: then the
 * report is printed with that warning and the same line goes to stderr;
 * docs/design.md#exit-codes.
 */
import { analyze } from '../../core/analysis';
import { harNoFramesReason } from '../../core/har/no-frames';
import { parseArgs, type ParsedArgs } from '../args';
import type { CheckInput } from '../check-summary';
import { renderJson } from '../check-summary';
import { renderText } from '../check-text';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, fail, oneLine, type CliResult } from '../cli-result';
import { profileFit } from '../profile-fit';
import { InputError, loadInput, type LoadedInput } from '../load-input';
import { ProfileError, resolveProfile, type ResolvedProfile } from '../resolve-profile';
import { CHECK_USAGE } from '../usage';

/** Runs `check` with the arguments after the command name. Never throws for bad input (exit 2 instead). */
export async function runCheck(argv: readonly string[]): Promise<CliResult> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, ['profile', 'format']);
  } catch (e) {
    return fail(`check: ${(e as Error).message} (see wavetrace check --help)`);
  }
  if (args.options.help) return { exitCode: EXIT_OK, stdout: CHECK_USAGE, stderr: '' };
  if (args.positionals.length !== 1) {
    return fail(`check: expected one file (.wavetrace.json, .wavetrace.json.gz or .har), got ${args.positionals.length} (see wavetrace check --help)`);
  }
  const format = args.options.format ?? 'text';
  if (format !== 'text' && format !== 'json') return fail(`check: --format must be text or json, got ${String(format)}`);
  const file = args.positionals[0] as string;
  const profileOpt = typeof args.options.profile === 'string' ? args.options.profile : undefined;

  let loaded: LoadedInput;
  try {
    loaded = await loadInput(file);
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }
  const { read, connEnds } = loaded;
  if (read.har && read.har.frames === 0) return fail(`${file}: ${harNoFramesReason(read.har.sockets)}`);
  let profile: ResolvedProfile;
  try {
    profile = resolveProfile(profileOpt, read.trace.profile, read.trace.events);
  } catch (e) {
    if (e instanceof ProfileError) return fail(e.message);
    throw e;
  }
  const isHar = read.kind === 'har';
  const analysis = analyze(read.trace.events, profile.profile, {
    dropped: read.trace.dropped,
    input: isHar ? 'har' : 'trace',
    ...(read.trace.endedAt ? { endT: Date.parse(read.trace.endedAt) || undefined } : {}),
    ...(connEnds ? { connEnds } : {}),
  });
  const fit = profileFit(profile, read.trace.events);
  let previewsLost = 0;
  for (const e of read.trace.events) if ((e.type === 'ws-message' || e.type === 'ws-send') && e.previewLost) previewsLost++;
  const input: CheckInput = { file, kind: read.kind, profile, dropped: read.trace.dropped, previewsLost, harSkipped: read.skipped, warnings: read.warnings, analysis, ...(isHar ? { entryEnds: read.entryEnds } : {}), ...(fit ? { profileFit: fit } : {}) };
  const stdout = format === 'json' ? renderJson(input) : renderText(input);
  // A profile that fits no connection judged nothing of its protocol: not a pass, and not a
  // finding either — the input could not be used as asked (docs/design.md#exit-codes).
  if (fit?.warning) return { exitCode: EXIT_UNREADABLE, stdout, stderr: `wavetrace: ${oneLine(`${file}: ${fit.warning}`)}\n` };
  // A failed recovery fails CI like an error finding (docs/design.md#exit-codes).
  const failed = analysis.counts.error > 0 || analysis.recoveries.some((r) => r.verdict === 'failed');
  return { exitCode: failed ? EXIT_FINDINGS : EXIT_OK, stdout, stderr: '' };
}
