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

it('a close code no close frame carries (1005, 1006, 1015) is refused up front, pointing at drop for 1006', async () => {
  const r = await runCli(['record', 'http://127.0.0.1:9/', '--fault', 'close:1006@3']);
  expect([r.exitCode, r.stdout, r.stderr]).toEqual([2, '', 'wavetrace: bad --fault "close:1006@3": close code 1006 (Abnormal Closure) is never sent in a close frame (RFC 6455 §7.4.1): use drop for a connection that ends without a close frame\n']);
  for (const code of [1005, 1015]) {
    const other = await runCli(['record', 'http://127.0.0.1:9/', '--fault', `close:${code}:x@1`]);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toMatch(new RegExp(`^wavetrace: bad --fault "close:${code}:x@1": close code ${code} \\([A-Za-z ]+\\) is never sent in a close frame \\(RFC 6455 §7\\.4\\.1\\)\\n$`));
  }
});

it('a URL record cannot load is refused before a browser starts, in one line naming the accepted schemes', async () => {
  const ftp = await runCli(['record', 'ftp://example.com/']);
  expect([ftp.exitCode, ftp.stdout, ftp.stderr]).toEqual([2, '', 'wavetrace: not a URL record can load: ftp://example.com/ (record accepts http:, https: and file: URLs, not ftp:)\n']);
  const ff = await runCli(['record', 'file:///tmp/page.html', '--browser', 'firefox']);
  expect([ff.exitCode, ff.stdout]).toEqual([2, '']);
  expect(ff.stderr).toMatch(/^wavetrace: cannot record file:\/\/\/tmp\/page\.html in Firefox: its extensions have no access to file: pages; record it with --browser chromium, or serve the folder over http \(e\.g\. python3 -m http\.server\)\n$/);
});
