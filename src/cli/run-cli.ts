/**
 * The CLI dispatcher (docs/design.md#command-line): `wavetrace <command> …` → {exitCode, stdout, stderr}.
 * Each subcommand lives in its own file under `commands/`; nothing here touches the process,
 * so the whole CLI is unit-testable (`src/cli/main.ts` is the thin process entry).
 */
import { EXIT_OK, fail, type CliResult } from './cli-result';
import { runCheck } from './commands/check';
import { runProfile } from './commands/profile';
import { runRecord } from './commands/record';
import { runView } from './commands/view';
import { USAGE } from './usage';
import { TOOL_NAME } from '../version';


/** Subcommands by name; each takes the arguments after its name. */
const COMMANDS: Readonly<Record<string, (argv: readonly string[]) => Promise<CliResult>>> = {
  check: runCheck,
  record: runRecord,
  view: runView,
  profile: runProfile,
};

/**
 * Runs the CLI with `argv` = the arguments after the program name (`process.argv.slice(2)`).
 * `--help`/`-h`/`help` → usage on stdout (exit 0); `--version`; no command at all is a usage
 * error: usage on stderr, exit 2, so a script that lost its arguments does not pass
 * (docs/design.md#exit-codes); an unknown command → exit 2.
 */
export async function runCli(argv: readonly string[]): Promise<CliResult> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) {
    const r = fail('no command given (commands: ' + Object.keys(COMMANDS).join(', ') + ')');
    return { ...r, stderr: r.stderr + '\n' + USAGE };
  }
  if (cmd === '--help' || cmd === '-h' || cmd === 'help') {
    if (cmd === 'help' && rest[0] !== undefined && COMMANDS[rest[0]]) return (COMMANDS[rest[0]] as (a: readonly string[]) => Promise<CliResult>)(['--help']);
    return { exitCode: EXIT_OK, stdout: USAGE, stderr: '' };
  }
  if (cmd === '--version' || cmd === '-v') return { exitCode: EXIT_OK, stdout: `${TOOL_NAME}\n`, stderr: '' };
  const run = Object.prototype.hasOwnProperty.call(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!run) {
    const r = fail(`unknown command "${cmd}" (commands: ${Object.keys(COMMANDS).join(', ')}; see wavetrace --help)`);
    return { ...r, stderr: r.stderr + '\n' + USAGE };
  }
  return run(rest);
}
