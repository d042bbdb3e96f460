/**
 * `wavetrace view <file> [--out report.html] [--no-open]` (docs/design.md#package-and-playwright-fixture):
 * writes a self-contained report — the standalone viewer the package carries (the extension's
 * copy, dist/chrome/wavetrace-viewer.html, see `viewerFile`) with the trace (a HAR read into one) inside, redacted and gzip
 * as the panel's Export report writes it — and opens it in the default
 * browser; when none can open it (no display, no opener, the opener failed) it says why in one
 * line and prints the path to open.
 */
import { visibleText } from '../../core/visible-text';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { EXIT_OK, fail, type CliResult } from '../cli-result';
import { parseArgs } from '../args';
import { InputError, loadInput, STDIN_ARG } from '../load-input';
import { missingBuildHint, viewerFile } from '../package-root';
import { openInBrowser } from '../open-in-browser';
import { outPathError } from '../out-path';
import { reportFileOfTrace, reportHtml, reportFileName, viewerPartsFromHtml, ViewerPartsError } from '../../core/export/report-html';
import { formatBytes } from '../../core/format';
import { VIEW_USAGE } from '../usage';

/** Runs `view`; `argv` are the arguments after `view`. Exit 0 when the report was written, 2 for bad input. */
export async function runView(argv: readonly string[]): Promise<CliResult> {
  let args;
  try {
    args = parseArgs(argv, ['out'], ['no-open', 'force']);
  } catch (e) {
    return fail(`view: ${(e as Error).message} (see wavetrace view --help)`);
  }
  if (args.options.help) return { exitCode: EXIT_OK, stdout: VIEW_USAGE, stderr: '' };
  if (args.positionals.length !== 1) return fail(`view: expected one file (.wavetrace.json, .wavetrace.json.gz or .har), got ${args.positionals.length} (see wavetrace view --help)`);
  const file = args.positionals[0] as string;
  let loaded;
  try {
    loaded = await loadInput(file); // the same reading as check: a file the viewer cannot open is refused here, in one line
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }
  // Standard input (`-`) has no name of its own: the report calls it "stdin".
  const name = file === STDIN_ARG ? 'stdin' : basename(file);
  const viewerPath = viewerFile();
  if (!existsSync(viewerPath)) return fail(`the standalone viewer is missing (${viewerPath}); ${missingBuildHint()}`);
  let html: string;
  try {
    // Like the panel's Export report: the loaded capture, redacted and gzip, never the input's bytes.
    html = reportHtml(viewerPartsFromHtml(readFileSync(viewerPath, 'utf8')), reportFileOfTrace(loaded.read.trace, name));
  } catch (e) {
    if (e instanceof ViewerPartsError) return fail(`${viewerPath}: ${e.message}`);
    throw e;
  }
  const force = args.options.force === true;
  if (typeof args.options.out === 'string') {
    const badOut = outPathError(args.options.out, { force, inputs: [file] });
    if (badOut) return fail(`view: ${badOut}`);
  }
  const out = typeof args.options.out === 'string' ? resolve(args.options.out) : join(mkdtempSync(join(tmpdir(), 'wavetrace-view-')), reportFileName(name));
  try {
    writeFileSync(out, html, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    return fail(`cannot write ${out}: ${String((e as Error).message).split('\n')[0]}`);
  }
  // Paths are shown with controls escaped (docs/design.md#reading-untrusted-input).
  let stdout = `wrote ${visibleText(out)} (${formatBytes(Buffer.byteLength(html))}): the viewer and ${visibleText(name)} (redacted, gzip) in one file\n`;
  if (args.options['no-open'] !== true) {
    const r = await openInBrowser(out);
    stdout += 'opened' in r ? `opened it in the default browser (${r.opened})\n` : `${r.reason}: open ${visibleText(out)} in a browser\n`;
  }
  return { exitCode: EXIT_OK, stdout, stderr: '' };
}
