/** `--out` is checked before a recording starts: one line, nothing launched. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { outPathError } from '../../../src/cli/out-path';
import { runCli } from '../../../src/cli/run-cli';

it('a directory, a missing folder: one line; a new file in a real folder: fine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wt-out-'));
  expect(outPathError(dir)).toBe(`--out ${dir} is a directory; give a file name`);
  expect(outPathError(join(dir, 'nope', 'x.wavetrace.json'))).toBe(`--out ${join(dir, 'nope', 'x.wavetrace.json')}: the folder ${join(dir, 'nope')} does not exist`);
  expect(outPathError(join(dir, 'x.wavetrace.json'))).toBeUndefined();
});

it('record refuses an unwritable --out before it launches a browser (exit 2)', async () => {
  const r = await runCli(['record', 'http://127.0.0.1:9/', '--out', '/nonexistent-dir/x.wavetrace.json']);
  expect(r.exitCode).toBe(2);
  expect(r.stderr).toBe('wavetrace: --out /nonexistent-dir/x.wavetrace.json: the folder /nonexistent-dir does not exist\n');
});
