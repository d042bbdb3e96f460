/** `wavetrace check` on real HARs from other writers (test/fixtures/har/realworld). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli';

const real = (f: string) => fileURLToPath(new URL(`../../fixtures/har/realworld/${f}`, import.meta.url));

describe('check on other writers’ HARs', () => {
  it('Playwright: frames at their real time, the ms reading said in a note', async () => {
    const r = await runCli(['check', real('playwright-chromium-ws.har'), '--format', 'json']);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(new Date(doc.summary.start).toISOString()).toBe('2026-12-07T07:50:47.769Z');
    expect(doc.summary.durationMs).toBeLessThan(5000);
    expect(doc.summary.connections).toHaveLength(3);
    expect(doc.summary.warnings).toContain('message times read as milliseconds (Playwright writes epoch ms; Chrome writes seconds)');
    const text = await runCli(['check', real('playwright-chromium-ws.har')]);
    expect(text.stdout).toContain('note:    message times read as milliseconds (Playwright writes epoch ms; Chrome writes seconds)');
  });

  it('a Firefox HAR (no WebSocket frames) exits 2 with the one line saying how to get them (was a clean exit 0)', async () => {
    const f = real('mitmproxy-firefox111.har');
    const r = await runCli(['check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `wavetrace: ${f}: this HAR holds no WebSocket frames (no WebSocket entries; Firefox and Safari do not save them): save it from Chrome DevTools (Network panel → "Save all as HAR with content") or export a trace from Wavetrace's panel\n`,
    );
  });
});
