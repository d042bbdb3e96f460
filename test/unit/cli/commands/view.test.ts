/**
 * `wavetrace view`: writes the self-contained report from the built viewer and opens it with the
 * platform's opener (here a stand-in `xdg-open` on PATH that records what it was given); with no
 * opener it prints the path; unreadable input is one line, exit 2.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RECONNECT_WITHOUT_SYNC } from '../fixtures';
import { openerFor } from '../../../../src/cli/open-in-browser';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(ROOT, 'bin/wavetrace.js');
const built = existsSync(join(ROOT, 'dist/wavetrace-viewer.html'));
const tmp = mkdtempSync(join(tmpdir(), 'wavetrace-view-test-'));

function view(args: string[], path: string) {
  return spawnSync(process.execPath, [BIN, 'view', ...args], { cwd: tmp, encoding: 'utf8', timeout: 60000, env: { ...process.env, PATH: path } });
}

describe('wavetrace view', () => {
  it('names the opener of each platform', () => {
    expect(openerFor('darwin', '/r.html')).toEqual({ cmd: 'open', args: ['/r.html'] });
    expect(openerFor('win32', 'C:\\r.html')).toEqual({ cmd: 'cmd', args: ['/c', 'start', '""', 'C:\\r.html'] });
    expect(openerFor('linux', '/r.html')).toEqual({ cmd: 'xdg-open', args: ['/r.html'] });
  });

  it.skipIf(!built || process.platform !== 'linux')('writes the report and opens it with xdg-open', async () => {
    const bin = mkdtempSync(join(tmp, 'bin-'));
    const log = join(tmp, 'opened.txt');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > ${log}\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const r = view([RECONNECT_WITHOUT_SYNC], `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = /^wrote (\S+reconnect-without-sync\.wavetrace-report\.html) \([\d.]+ KiB\): the viewer and reconnect-without-sync\.wavetrace\.json in one file\nopened it in the default browser \(xdg-open\)\n$/.exec(r.stdout);
    expect(m).not.toBeNull();
    for (let i = 0; i < 50 && !existsSync(log); i++) await new Promise((res) => setTimeout(res, 100));
    expect(readFileSync(log, 'utf8')).toBe(m![1]);
    const html = readFileSync(m![1]!, 'utf8');
    expect(html).toContain('id="wavetrace-report" data-name="reconnect-without-sync.wavetrace.json"');
    expect(html).toContain(Buffer.from(readFileSync(RECONNECT_WITHOUT_SYNC)).toString('base64'));
  });

  it.skipIf(!built || process.platform !== 'linux')('prints the path when no opener exists', () => {
    const empty = mkdtempSync(join(tmp, 'nobin-'));
    const out = join(tmp, 'r.html');
    const r = view([RECONNECT_WITHOUT_SYNC, '--out', out], empty);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`\\nno browser opener found: open ${out.replace(/[.]/g, '\\.')} in a browser\\n$`));
    expect(existsSync(out)).toBe(true);
  });

  it('refuses unreadable input in one line, exit 2, writing nothing', () => {
    const bad = join(tmp, 'bad.wavetrace.json');
    writeFileSync(bad, '{"format":"wavetrace","version":1,"events":[');
    const r = view([bad, '--no-open'], process.env.PATH ?? '');
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wavetrace: .*bad\.wavetrace\.json: not JSON[^\n]*\n$/);
    expect(r.status).toBe(2);
    const none = view([], process.env.PATH ?? '');
    expect(none.stderr).toBe('wavetrace: view: expected one file (.wavetrace.json, .wavetrace.json.gz or .har), got 0 (see wavetrace view --help)\n');
  });
});
