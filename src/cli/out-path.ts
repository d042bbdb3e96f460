/**
 * Checks an output path before long work starts (a recording, a resilience check), so a typo in
 * `--out` costs one line, not the run (docs/design.md#record).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Why `file` cannot be written (one line), or undefined when it can: a directory, or a folder that is missing or read-only. */
export function outPathError(file: string): string | undefined {
  const full = resolve(file);
  try {
    if (statSync(full).isDirectory()) return `--out ${file} is a directory; give a file name`;
  } catch {
    // not there yet: its folder decides
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
