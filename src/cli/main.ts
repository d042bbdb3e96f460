/**
 * Process entry of the CLI (docs/design.md#command-line): runs {@link runCli} on `process.argv`, writes its
 * output and sets the exit code. Loaded by `bin/wavetrace.js`: through tsx in a checkout, as the
 * built `dist/cli/wavetrace.js` in an installed package.
 *
 * Exit codes (docs/design.md#exit-codes): the command's own (0, 1, 2); a reader that closed the
 * pipe early (`wavetrace check … | head`) ends the run quietly with that same code; an internal
 * error prints one line and exits 70, never 1 (which CI reads as "an error finding").
 */
import { EXIT_INTERNAL } from './cli-result';
import { runCli } from './run-cli';

/** True for the error a write to a pipe whose reader is gone gives (EPIPE; ERR_STREAM_DESTROYED after it). */
function isClosedPipe(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/** The one line printed for a bug; the stack only with WAVETRACE_DEBUG=1. */
function internalError(e: unknown): string {
  const first = String((e as Error)?.message ?? e).split('\n')[0];
  const stack = process.env.WAVETRACE_DEBUG ? `\n${(e as Error)?.stack ?? ''}` : '';
  return `wavetrace: internal error (a bug in Wavetrace, exit ${EXIT_INTERNAL}): ${(e as Error)?.name ?? 'Error'}: ${first}${stack}\n`;
}

/** Ends the process at once with `code` (used when the output pipe is gone: nothing more can be said). */
function quit(code: number): never {
  process.exit(code);
}

/** Runs the CLI for this process and resolves when the output is flushed. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // Until the command has its own code, anything unexpected is an internal error.
  process.exitCode = EXIT_INTERNAL;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (isClosedPipe(e)) quit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      else quit(EXIT_INTERNAL);
    });
  }
  process.on('uncaughtException', (e) => {
    if (isClosedPipe(e)) quit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    try {
      process.stderr.write(internalError(e));
    } finally {
      quit(EXIT_INTERNAL);
    }
  });
  process.on('unhandledRejection', (e) => {
    process.stderr.write(internalError(e));
    quit(EXIT_INTERNAL);
  });

  let code: number;
  let out: { stdout: string; stderr: string };
  try {
    const r = await runCli(argv);
    code = r.exitCode;
    out = r;
  } catch (e) {
    code = EXIT_INTERNAL;
    out = { stdout: '', stderr: internalError(e) };
  }
  process.exitCode = code;
  if (out.stdout) await write(process.stdout, out.stdout);
  if (out.stderr) await write(process.stderr, out.stderr);
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', () => resolve());
  });
}

await main();
