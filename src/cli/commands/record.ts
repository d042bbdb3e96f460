/**
 * `wavetrace record <url> [--out file] [--duration s | --resilience] [--browser chromium|firefox] [--headed] [--profile p] [--fault <spec> …]`
 * (docs/design.md#record): records a page through the real extension and writes a trace.
 */
import { parseFaultSpec, type FaultSpec } from '../../core/fault/fault-spec';
import { commandFor, takeFaultArgs } from '../record/fault-schedule';
import { faultCommandError } from '../../core/fault/fault-command';
import { writeFileSync } from 'node:fs';
import { outPathError } from '../out-path';
import { noDisplayReason } from '../open-in-browser';
import { gzipSync, strToU8 } from 'fflate';
import { EXIT_OK, fail, oneLine, type CliResult } from '../cli-result';
import { getBuiltinProfile } from '../../core/profile/presets/index';
import type { Profile } from '../../core/profile/types';
import { parseArgs } from '../args';
import { ProfileError, resolveProfile } from '../resolve-profile';
import { RECORD_USAGE } from '../usage';
import { recordPage, RecordError } from '../record/record-page';
import { recordUrlError } from '../record/record-url';
import { browserErrorText } from '../record/browser-error';
import { exportFileName } from '../../core/export/export-file';
import type { ResilienceResult } from '../record/resilience-run';
import { cardExitCode, cardLines } from '../../core/fault/resilience-card';
import { faultRecordResult } from '../record/fault-recoveries';
import { signalExitCode, watchInterrupts } from '../record/interrupt';
import { visibleText } from '../../core/visible-text';

/** Default file name: the site and the time (same rule as the panel's Export). */
export function defaultTraceName(url: string, now = new Date()): string {
  return exportFileName(url, 'trace', now);
}

/**
 * `wrote <file> (<n> events)` and a newline: the path's controls (ESC, CR, LF…) shown as escapes,
 * so a file name cannot drive the terminal (docs/design.md#reading-untrusted-input).
 */
export function wroteLine(out: string, events: number): string {
  return `wrote ${visibleText(out)} (${events} events)\n`;
}

/** The stderr line after a signal stopped the recording (docs/design.md#record); the path escaped as in {@link wroteLine}. */
export function stoppedLine(out: string, events: number): string {
  return `wavetrace: stopped: wrote ${events} events to ${visibleText(out)}\n`;
}

/** Runs `record`; `argv` are the arguments after `record`. Progress goes to stderr. */
export async function runRecord(argv: readonly string[]): Promise<CliResult> {
  let args;
  const taken = takeFaultArgs(argv);
  const faults: FaultSpec[] = [];
  try {
    args = parseArgs(taken.rest, ['out', 'duration', 'browser', 'profile'], ['headed', 'no-redact', 'resilience', 'force']);
    for (const s of taken.specs) faults.push(parseFaultSpec(s));
  } catch (e) {
    return fail((e as Error).message);
  }
  if (args.options.help) return { exitCode: EXIT_OK, stdout: RECORD_USAGE, stderr: '' };
  const [url, ...extra] = args.positionals;
  if (!url) return fail('record needs a URL (see wavetrace record --help)');
  if (extra.length) return fail(`unexpected argument "${extra[0]}"`);
  const browser = (args.options.browser ?? 'chromium') as string;
  if (browser !== 'chromium' && browser !== 'firefox') return fail(`--browser must be chromium or firefox, got "${browser}"`);
  const badUrl = recordUrlError(url, browser);
  if (badUrl) return fail(badUrl);
  const resilience = args.options.resilience === true;
  if (resilience && faults.length) return fail('--resilience runs its own sequence of faults: it cannot be combined with --fault');
  if (resilience && args.options.duration !== undefined) return fail('--resilience records as long as its sequence runs: it cannot be combined with --duration');
  const durationS = args.options.duration === undefined ? 10 : Number(args.options.duration);
  if (!Number.isFinite(durationS) || durationS < 0 || durationS > 3600) return fail(`--duration must be a number of seconds between 0 and 3600, got "${String(args.options.duration)}"`);
  for (let i = 0; i < faults.length; i++) {
    const spec = faults[i]!;
    // Everything a spec can get wrong is found now, not halfway through the recording.
    if (spec.atS > durationS) return fail(`--fault ${taken.specs[i]}: at ${spec.atS} s, after the end of the recording (--duration ${durationS})`);
    const cmd = commandFor(spec, { conn: 'check', url: 'ws://127.0.0.1/' });
    const why = typeof cmd === 'string' ? cmd : faultCommandError(cmd);
    if (why) return fail(`--fault ${taken.specs[i]}: ${why}`);
  }
  if (args.options.headed === true) {
    // A headed browser needs a display: say so in one line rather than a browser launch error.
    const noDisplay = noDisplayReason(process.platform, process.env);
    if (noDisplay) return fail(`--headed: ${noDisplay}; record without --headed, or run under a display (e.g. xvfb-run)`);
  }
  const out = typeof args.options.out === 'string' ? args.options.out : defaultTraceName(url);
  const force = args.options.force === true;
  const badOut = outPathError(out, { force, inputs: typeof args.options.profile === 'string' ? [args.options.profile] : [] });
  if (badOut) return fail(badOut);
  let profile: string | Profile | undefined;
  if (typeof args.options.profile === 'string') {
    // A built-in name, or a file: the panel then analyses with it and the trace carries it inline.
    try {
      const r = resolveProfile(args.options.profile, undefined, []);
      profile = getBuiltinProfile(args.options.profile) ? args.options.profile : r.profile;
    } catch (e) {
      if (e instanceof ProfileError) return fail(e.message);
      throw e;
    }
  }
  let checked: ResilienceResult | string | undefined;
  // Ctrl-C / SIGTERM stop the recording and write what it captured (docs/design.md#record).
  const interrupt = watchInterrupts((line) => process.stderr.write(line + '\n'));
  try {
    const text = await recordPage({
      url,
      durationS,
      browser,
      headed: args.options.headed === true,
      redact: args.options['no-redact'] !== true,
      ...(profile !== undefined ? { profile } : {}),
      log: (line) => process.stderr.write(line + '\n'),
      faults,
      ...(resilience ? { resilience: (r: ResilienceResult | string) => (checked = r) } : {}),
      stop: interrupt.signal,
      onProfileDir: (dir) => interrupt.removeOnQuit(dir),
    });
    const stoppedBy = interrupt.stoppedBy();
    if (typeof checked === 'string' && !stoppedBy) return fail(`resilience check could not run: ${checked}`);
    // Without --force, 'wx' refuses a file that appeared while recording (checked above too).
    writeFileSync(out, out.endsWith('.gz') ? gzipSync(strToU8(text), { mtime: 0 }) : text, { flag: force ? 'w' : 'wx' });
    const events = (JSON.parse(text) as { events: unknown[] }).events.length;
    // Stopped by a signal: the trace is written; its recoveries or card would judge a cut-short run.
    if (stoppedBy) return { exitCode: signalExitCode(stoppedBy), stdout: '', stderr: stoppedLine(out, events) };
    const wrote = wroteLine(out, events);
    // With --fault, the recoveries as check prints them; a failed one exits 1 (docs/design.md#record).
    if (!checked) return faults.length ? faultRecordResult(text, wrote) : { exitCode: EXIT_OK, stdout: wrote, stderr: '' };
    return resilienceResult(checked as ResilienceResult, wrote);
  } catch (e) {
    const r = recordFailure(e, out);
    const stoppedBy = interrupt.stoppedBy();
    return stoppedBy ? { ...r, exitCode: signalExitCode(stoppedBy) } : r;
  } finally {
    interrupt.dispose();
  }
}

/** The one-line failure of a recording (exit 2, docs/design.md#record). */
function recordFailure(e: unknown, out: string): CliResult {
  if (e instanceof RecordError) return fail(e.message);
  if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fail(`--out ${out} appeared while recording; add --force to replace it`);
  // A driver error (the browser crashed, a panel call failed): one line of our words, never a Playwright call log.
  return fail(`record failed: ${browserErrorText(e)}`);
}

/**
 * The outcome of `record --resilience` (docs/design.md#exit-codes): the card on stdout, then
 * the trace line; exit 2 when the check could not run (with its reason on stderr), 1 when a
 * recovery failed or the client did not come back, else 0.
 */
export function resilienceResult(r: ResilienceResult, wrote: string): CliResult {
  const code = cardExitCode(r.card);
  const lines = cardLines(r.card, r.startedAt);
  if (code === 2) return { exitCode: 2, stdout: wrote, stderr: `wavetrace: ${oneLine(lines[lines.length - 1]!)}\n` };
  return { exitCode: code, stdout: lines.join('\n') + '\n' + wrote, stderr: '' };
}
