/** `wavetrace record` refuses what it could only find out halfway through a recording: one line, exit 2, no browser launched. */
import { expect, it } from 'vitest';
import { runCli } from '../../../../src/cli/run-cli';

it('a fault after the end of the recording, or a close reason longer than a close frame holds, is refused up front', async () => {
  const late = await runCli(['record', 'http://127.0.0.1:9/', '--duration', '3', '--fault', 'drop@50']);
  expect([late.exitCode, late.stderr]).toEqual([2, 'wavetrace: --fault drop@50: at 50 s, after the end of the recording (--duration 3)\n']);
  const long = await runCli(['record', 'http://127.0.0.1:9/', '--fault', `close:4001:${'é'.repeat(100)}@3`]);
  expect(long.exitCode).toBe(2);
  expect(long.stderr).toMatch(/^wavetrace: --fault close:4001:é+@3: a close reason is text of at most 123 bytes\n$/);
});
