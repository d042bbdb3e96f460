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
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { RECONNECT_WITHOUT_SYNC } from '../fixtures';
import { noDisplayReason, openerFor, openInBrowser } from '../../../../src/cli/open-in-browser';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(ROOT, 'bin/wavetrace.js');
const built = existsSync(join(ROOT, 'dist/wavetrace-viewer.html'));
const tmp = mkdtempSync(join(tmpdir(), 'wavetrace-view-test-'));

/** Runs `wavetrace view` with `PATH` = `path`, on a desktop (`DISPLAY` set) unless `display` is false. */
function view(args: string[], path: string, display = true) {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  if (display) env.DISPLAY = ':0';
  return spawnSync(process.execPath, [BIN, 'view', ...args], { cwd: tmp, encoding: 'utf8', timeout: 60000, env });
}

/** A directory holding a stand-in `xdg-open` that writes its argument to `log` and exits `status`. */
function stubOpener(log: string, status = 0): string {
  const bin = mkdtempSync(join(tmp, 'bin-'));
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > ${log}\nexit ${status}\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  return bin;
}

describe('wavetrace view', () => {
  it('names the opener of each platform', () => {
    expect(openerFor('darwin', '/r.html')).toEqual({ cmd: 'open', args: ['/r.html'] });
    expect(openerFor('win32', 'C:\\r.html')).toEqual({ cmd: 'cmd', args: ['/c', 'start', '""', 'C:\\r.html'] });
    expect(openerFor('linux', '/r.html')).toEqual({ cmd: 'xdg-open', args: ['/r.html'] });
  });

  it.skipIf(!built || process.platform !== 'linux')('writes the report and opens it with xdg-open', async () => {
    const log = join(tmp, 'opened.txt');
    const bin = stubOpener(log);
    const r = view([RECONNECT_WITHOUT_SYNC], `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = /^wrote (\S+reconnect-without-sync\.wavetrace-report\.html) \([\d.]+ KiB\): the viewer and reconnect-without-sync\.wavetrace\.json \(redacted, gzip\) in one file\nopened it in the default browser \(xdg-open\)\n$/.exec(r.stdout);
    expect(m).not.toBeNull();
    for (let i = 0; i < 50 && !existsSync(log); i++) await new Promise((res) => setTimeout(res, 100));
    expect(readFileSync(log, 'utf8')).toBe(m![1]);
    const html = readFileSync(m![1]!, 'utf8');
    // The loaded trace, redacted and gzip (as the panel's Export report), not the input's bytes.
    // It names the input file, which the report's notice shows once loaded.
    expect(html).toContain('id="wavetrace-report" data-name="reconnect-without-sync.wavetrace.json.gz" data-source="reconnect-without-sync.wavetrace.json"');
    expect(html).not.toContain(Buffer.from(readFileSync(RECONNECT_WITHOUT_SYNC)).toString('base64'));
    const b64 = /id="wavetrace-report" data-name="[^"]*"[^>]*>([^<]*)</.exec(html)![1]!;
    const embedded = JSON.parse(gunzipSync(Buffer.from(b64, 'base64')).toString('utf8')) as { events: unknown[] };
    expect(embedded.events).toEqual((JSON.parse(readFileSync(RECONNECT_WITHOUT_SYNC, 'utf8')) as { events: unknown[] }).events);
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

  it.skipIf(!built || process.platform !== 'linux')('says in one line that no display can show it, without starting the opener', () => {
    const log = join(tmp, 'opened-no-display.txt');
    const bin = stubOpener(log);
    const out = join(tmp, 'r-no-display.html');
    const r = view([RECONNECT_WITHOUT_SYNC, '--out', out], `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`, false);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('opened it');
    expect(r.stdout.split('\n')[1]).toBe(`no display to open a browser on (DISPLAY and WAYLAND_DISPLAY are unset): open ${out} in a browser`);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(log)).toBe(false);
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

describe('openInBrowser', () => {
  const env = (bin: string): NodeJS.ProcessEnv => ({ PATH: `${bin}:/usr/bin:/bin`, DISPLAY: ':0' });

  it('needs a display on X11/Wayland platforms, not on macOS or Windows', () => {
    expect(noDisplayReason('linux', {})).toBe('no display to open a browser on (DISPLAY and WAYLAND_DISPLAY are unset)');
    expect(noDisplayReason('freebsd', {})).toBe('no display to open a browser on (DISPLAY and WAYLAND_DISPLAY are unset)');
    expect(noDisplayReason('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeUndefined();
    expect(noDisplayReason('linux', { DISPLAY: ':1' })).toBeUndefined();
    expect(noDisplayReason('darwin', {})).toBeUndefined();
    expect(noDisplayReason('win32', {})).toBeUndefined();
  });

  it.skipIf(process.platform !== 'linux')('reports the opener that exited 0 as opened', async () => {
    const log = join(tmp, 'opened-ok.txt');
    expect(await openInBrowser('/r.html', 'linux', env(stubOpener(log)))).toEqual({ opened: 'xdg-open' });
    expect(readFileSync(log, 'utf8')).toBe('/r.html');
  });

  it.skipIf(process.platform !== 'linux')('reports an opener that failed (xdg-open exits 3: no browser) with its status, not as opened', async () => {
    const log = join(tmp, 'opened-fail.txt');
    expect(await openInBrowser('/r.html', 'linux', env(stubOpener(log, 3)))).toEqual({ reason: 'xdg-open could not open a browser (exit 3)' });
    expect(readFileSync(log, 'utf8')).toBe('/r.html');
  });

  it.skipIf(process.platform !== 'linux')('counts an opener still running after the window as opened (a browser it started keeps it)', async () => {
    const bin = mkdtempSync(join(tmp, 'bin-slow-'));
    writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\nsleep 2\n');
    chmodSync(join(bin, 'xdg-open'), 0o755);
    expect(await openInBrowser('/r.html', 'linux', env(bin), 200)).toEqual({ opened: 'xdg-open' });
  });

  it('reports a missing opener in one line', async () => {
    const empty = mkdtempSync(join(tmp, 'nobin-'));
    expect(await openInBrowser('/r.html', 'linux', { PATH: empty, DISPLAY: ':0' })).toEqual({ reason: 'no browser opener found' });
  });
});
