/**
 * File names with control characters (ESC, CR, LF) print as visible escapes in the CLI's
 * "wrote …" lines and other lines that name a path (docs/design.md#reading-untrusted-input):
 * a name cannot clear the screen, retitle the window or add a fake line.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';
import { stoppedLine, wroteLine } from '../../../src/cli/commands/record';
import { RECONNECT_WITHOUT_SYNC } from './fixtures';

/** `view` embeds the built viewer (npm run build). */
const built = existsSync(fileURLToPath(new URL('../../../dist/wavetrace-viewer.html', import.meta.url)));
const NASTY = 'a\x1b]0;pwned\x07\rb\nFindings: 0 errors';
const SHOWN = 'a\\x1b]0;pwned\\x07\\rb\\nFindings: 0 errors';
/** Any raw C0 control other than the line feeds that end lines. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

describe('paths with control characters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-escaped-'));

  it("record's wrote line and its stopped line escape the path", () => {
    expect(wroteLine(join(dir, NASTY), 12)).toBe(`wrote ${join(dir, SHOWN)} (12 events)\n`);
    expect(stoppedLine(join(dir, NASTY), 12)).toBe(`wavetrace: stopped: wrote 12 events to ${join(dir, SHOWN)}\n`);
  });

  it.skipIf(!built)("view's wrote line escapes the report's path and the input's name", async () => {
    const input = join(dir, `${NASTY}.wavetrace.json`);
    copyFileSync(RECONNECT_WITHOUT_SYNC, input);
    const out = join(dir, `${NASTY}.html`);
    const r = await runCli(['view', input, '--out', out, '--no-open']);
    expect(r.exitCode).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toBe(`wrote ${join(dir, SHOWN)}.html (${r.stdout.split('(')[1]!.split(')')[0]}): the viewer and ${SHOWN}.wavetrace.json (redacted, gzip) in one file\n`);
  });

  it("profile learn's written line and check's header line escape the path", async () => {
    const out = join(dir, `${NASTY}.profile.json`);
    const learn = await runCli(['profile', 'learn', RECONNECT_WITHOUT_SYNC, '--out', out]);
    expect(learn.exitCode).toBe(0);
    expect(readdirSync(dir)).toContain(`${NASTY}.profile.json`);
    expect(learn.stdout).not.toMatch(RAW_CONTROL);
    expect(learn.stdout).toContain(`Profile written to ${join(dir, SHOWN)}.profile.json (use it with: wavetrace check <file> --profile ${join(dir, SHOWN)}.profile.json)\n`);
    const input = join(dir, `${NASTY}.check.json`);
    copyFileSync(RECONNECT_WITHOUT_SYNC, input);
    const check = await runCli(['check', input]);
    expect(check.stdout.split('\n')[0]).toBe(`wavetrace check ${join(dir, SHOWN)}.check.json`);
    expect(check.stdout).not.toMatch(RAW_CONTROL);
  });
});
