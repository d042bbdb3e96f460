/**
 * Checks an output path before long work starts (a recording, a resilience check), so a typo in
 * `--out` costs one line, not the run (docs/design.md#record).
 */
import { accessSync, constants, fstatSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What {@link outPathError} allows besides a new file. */
export interface OutPathOptions {
  /** `--force`: an existing file (not an input) may be replaced. */
  force?: boolean;
  /** The command's input files: never written over, even with `--force`. */
  inputs?: readonly string[];
}

/**
 * Why `file` cannot be written (one line), or undefined when it can: a directory, a folder that
 * is missing or read-only, one of `o.inputs` (the same file by device and inode, so another
 * spelling or a hard link is caught too), or an existing file without `o.force`
 * (docs/design.md#command-line: the CLI never replaces a file silently).
 */
export function outPathError(file: string, o: OutPathOptions = {}): string | undefined {
  const full = resolve(file);
  let st: Stats | undefined;
  try {
    st = statSync(full);
  } catch {
    // not there yet: its folder decides
  }
  if (st?.isDirectory()) return `--out ${file} is a directory; give a file name`;
  if (st) {
    for (const input of o.inputs ?? []) {
      if (sameFile(st, input)) return `--out ${file} is the input file ${input}; give another name`;
    }
    if (o.force !== true) return `--out ${file} exists; add --force to replace it`;
  }
  const dir = dirname(full);
  try {
    if (!statSync(dir).isDirectory()) return `--out ${file}: ${dir} is not a directory`;
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `--out ${file}: the folder ${dir} does not exist` : `--out ${file}: cannot write in ${dir} (${code ?? 'error'})`;
  }
  return undefined;
}

/** True when `input` is the file `st` describes (`-`: standard input, redirected from a file). */
function sameFile(st: Stats, input: string): boolean {
  try {
    const i = input === '-' ? fstatSync(0) : statSync(resolve(input));
    return i.dev === st.dev && i.ino === st.ino;
  } catch {
    return false;
  }
}
