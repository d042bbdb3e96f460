/**
 * `wavetrace profile learn <trace|har> [--out file.profile.json] [--format text|json]` and
 * `wavetrace profile check <file.profile.json>` (docs/design.md#profile).
 * - learn, text: the learned parts (✓ used, · reported only) and the profile JSON;
 *   json: `{ "profile": {...}, "parts": [{ part, confidence, evidence, note }] }`;
 *   `--out` writes the profile alone, ready for `wavetrace check --profile`. A capture without
 *   WebSocket frames, or with fewer than `MIN_LEARN_FRAMES` on its busiest endpoint, exits 2
 *   with one line and writes nothing.
 * - check: validates a profile file; exit 0 with its name, or 2 with the field path of the
 *   first error (`profile.heartbeat.intervalMs: expected a number`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { outPathError } from '../out-path';
import { partsText } from '../../core/profile/learn/describe';
import { learnProfile, MIN_LEARN_FRAMES } from '../../core/profile/learn/learn-profile';
import { harNoFramesReason } from '../../core/har/no-frames';
import { parseProfile } from '../../core/profile/schema';
import { parseArgs, type ParsedArgs } from '../args';
import { EXIT_OK, fail, oneLine, type CliResult } from '../cli-result';
import { InputError, loadInput } from '../load-input';
import { PROFILE_USAGE } from '../usage';
import { readProfileFile } from '../resolve-profile';
import { visibleText } from '../../core/visible-text';

/** Runs `profile <learn|check> …`. Never throws for bad input (exit 2 instead). */
export async function runProfile(argv: readonly string[]): Promise<CliResult> {
  const [sub, ...rest] = argv;
  if (sub === undefined) {
    // A usage error like `wavetrace` without a command: exit 2, usage on stderr.
    const r = fail('profile: no subcommand given (learn, check)');
    return { ...r, stderr: r.stderr + '\n' + PROFILE_USAGE };
  }
  if (sub === '--help' || sub === '-h') return { exitCode: EXIT_OK, stdout: PROFILE_USAGE, stderr: '' };
  if (sub === 'learn') return learn(rest);
  if (sub === 'check') return check(rest);
  return fail(`profile: unknown subcommand "${sub}" (learn, check; see wavetrace profile --help)`);
}

async function learn(argv: readonly string[]): Promise<CliResult> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, ['out', 'format'], ['force']);
  } catch (e) {
    return fail(`profile learn: ${(e as Error).message} (see wavetrace profile --help)`);
  }
  if (args.options.help) return { exitCode: EXIT_OK, stdout: PROFILE_USAGE, stderr: '' };
  if (args.positionals.length !== 1) return fail(`profile learn: expected one trace or HAR file, got ${args.positionals.length} (see wavetrace profile --help)`);
  const format = args.options.format ?? 'text';
  if (format !== 'text' && format !== 'json') return fail(`profile learn: --format must be text or json, got ${String(format)}`);
  const out = typeof args.options.out === 'string' ? args.options.out : undefined;
  const badOut = out === undefined ? undefined : outPathError(out, { force: args.options.force === true, inputs: [args.positionals[0] as string] });
  if (badOut) return fail(`profile learn: ${badOut}`);
  const file = args.positionals[0] as string;
  let read;
  try {
    read = (await loadInput(file)).read;
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }
  // Nothing to learn from is bad input, as for check: never a profile of defaults called valid.
  if (read.har && read.har.frames === 0) return fail(`${file}: ${harNoFramesReason(read.har.sockets)}`);
  const r = learnProfile(read.trace.events);
  if (r.frames === 0) return fail(`${file}: nothing to learn: the capture holds no WebSocket frames`);
  if (r.frames < MIN_LEARN_FRAMES) return fail(`${file}: too few frames to learn from: ${r.frames} (at least ${MIN_LEARN_FRAMES})`);
  if (out !== undefined) {
    try {
      writeFileSync(out, JSON.stringify(r.profile, null, 2) + '\n');
    } catch (e) {
      return fail(`profile learn: cannot write ${out}: ${oneLine((e as Error).message)}`);
    }
  }
  if (format === 'json') return { exitCode: EXIT_OK, stdout: JSON.stringify({ profile: r.profile, parts: r.parts }, null, 2) + '\n', stderr: '' };
  const tail = out !== undefined ? `\nProfile written to ${visibleText(out)} (use it with: wavetrace check <file> --profile ${visibleText(out)})\n` : `\nProfile:\n${JSON.stringify(r.profile, null, 2)}\n`;
  return { exitCode: EXIT_OK, stdout: `${learnHeadline(r.profile.name)}\n${partsText(r)}${tail}`, stderr: '' };
}

function check(argv: readonly string[]): CliResult {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, []);
  } catch (e) {
    return fail(`profile check: ${(e as Error).message} (see wavetrace profile --help)`);
  }
  if (args.options.help) return { exitCode: EXIT_OK, stdout: PROFILE_USAGE, stderr: '' };
  if (args.positionals.length !== 1) return fail(`profile check: expected one profile file, got ${args.positionals.length}`);
  const file = args.positionals[0] as string;
  let text: string;
  try {
    // The same guards as `check --profile`: a regular file of at most 1 MiB, a BOM dropped.
    text = readProfileFile(file, file);
  } catch (e) {
    return fail((e as Error).message);
  }
  try {
    const p = parseProfile(text);
    return { exitCode: EXIT_OK, stdout: visibleText(`${file}: valid profile "${p.name}"`) + '\n', stderr: '' };
  } catch (e) {
    return fail(`${file}: ${(e as Error).message}`);
  }
}

/**
 * The first line of `profile learn`'s text: the profile's name, which already says it was learned
 * (`learned 127.0.0.1:8080/chat`, docs/design.md#profile-learning), quoted and escaped, and the
 * legend of the part marks.
 */
export function learnHeadline(name: string): string {
  return `Profile "${visibleText(name)}" (✓ part used in the profile, · reported only):`;
}
