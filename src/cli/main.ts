/**
 * Process entry of the CLI (docs/design.md#command-line): runs {@link runCli} on `process.argv`, writes its
 * output and sets the exit code. Loaded by `bin/wavetrace.js`: through tsx in a checkout, as the
 * built `dist/cli/wavetrace.js` in an installed package.
 */
import { runCli } from './run-cli';

/** Runs the CLI for this process and resolves when the output is flushed. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let code: number;
  try {
    const r = await runCli(argv);
    if (r.stdout) await write(process.stdout, r.stdout);
    if (r.stderr) await write(process.stderr, r.stderr);
    code = r.exitCode;
  } catch (e) {
    await write(process.stderr, `wavetrace: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    code = 70;
  }
  process.exitCode = code;
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', () => resolve());
  });
}

await main();
