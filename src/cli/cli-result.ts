/**
 * What a CLI command returns (docs/design.md#command-line): the exit code and the text for stdout/stderr.
 * Commands never write to the process streams themselves, so they are unit-testable.
 */
import { visibleText } from '../core/visible-text';

/** Exit code (docs/design.md#exit-codes): no error findings (also help/version). */
export const EXIT_OK = 0;
/** Exit code (docs/design.md#exit-codes): at least one error finding. */
export const EXIT_FINDINGS = 1;
/** Exit code (docs/design.md#exit-codes): the input could not be read; also usage errors and unknown commands. */
export const EXIT_UNREADABLE = 2;
/**
 * Exit code (docs/design.md#exit-codes): an internal error, a bug in Wavetrace — never 1, which CI
 * reads as "error finding". 70 is EX_SOFTWARE of BSD's sysexits.h.
 */
export const EXIT_INTERNAL = 70;

/** Result of one CLI run. `stdout`/`stderr` are complete texts (newline-terminated when non-empty). */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A usage/input failure: exit 2 with a one-line reason on stderr (controls escaped, docs/design.md#reading-untrusted-input). */
export function fail(reason: string): CliResult {
  return { exitCode: EXIT_UNREADABLE, stdout: '', stderr: `wavetrace: ${oneLine(reason)}\n` };
}

/** Collapses newlines so a reason stays on one line, and escapes what could control the terminal (`\x1b`, `\u202e`). */
export function oneLine(s: string): string {
  return visibleText(s.replace(/[\r\n]+/g, ' ').trim());
}
