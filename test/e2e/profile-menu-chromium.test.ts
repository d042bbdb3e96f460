/**
 * The profile menu in the real panel (docs/design.md#where-a-profile-comes-from), in one
 * Chromium launch: an app with its own protocol (`{"seq": N, …}` frames, `{"op":"hb"}`
 * heartbeats, a `GET /api/history?after=N` catch-up) whose client skips its catch-up on the
 * second reconnect. With no profile written anywhere the panel says "learned" and shows
 * `sync-skipped`; Keep for this site survives a panel reload; the JSON editor lists schema
 * errors by field path, re-runs the analysis as you type and undoes; the exported
 * `.profile.json` makes `wavetrace check --profile` judge as the panel did; a broken profile
 * file gives one line and changes nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { APP_PROTOCOLS, startApp, type RunningApp } from './lib/app-protocols';
import { VIEWER_FILE, importFile } from './lib/viewer-page';
import type { Profile } from '../../src/core/profile/types';
import type { TraceEvent } from '../../src/core/events';

const CLI = join(__dirname, '../../dist/cli/wavetrace.js');

describe('profile menu (Chromium)', () => {
  let b: ExtensionBrowser;
  let app: RunningApp;
  let panel: Page;
  let panelUrl = '';
  let origin = '';
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-profile-menu-'));
  const tracePath = join(dir, 'chat.wavetrace.json');

  const exportTrace = (): Promise<string> => panel.evaluate(() => (globalThis as unknown as { wavetrace: { exportTrace(o: { redact: boolean }): Promise<string> } }).wavetrace.exportTrace({ redact: false }));
  const codes = (): Promise<string[]> => panel.evaluate(() => [...document.querySelectorAll('.finding[data-code]')].map((e) => e.getAttribute('data-code') ?? '').sort());
  const menuButton = () => panel.getByTestId('profile-menu');
  const pick = async (item: string): Promise<void> => {
    await menuButton().click();
    await panel.locator(`[data-item="${item}"]`).click();
  };
  const reason = (): Promise<string> => panel.locator('.conn-header').innerText();
  const storedSites = async (): Promise<Record<string, Profile>> =>
    ((await panel.evaluate(`chrome.storage.local.get('wavetrace.profileBySite')`)) as Record<string, Record<string, Profile>>)['wavetrace.profileBySite'] ?? {};

  beforeAll(async () => {
    app = await startApp(APP_PROTOCOLS.find((p) => p.name === 'chat-seq')!);
    origin = new URL(app.url).origin;
    b = await launchChromium();
    const page = await b.context.newPage();
    await page.goto(app.url);
    panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
    const tabId = await waitFor(() => panel.evaluate((u) => [...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent?.startsWith(u))?.getAttribute('data-tab-id') ?? null, app.url), 'the app tab in the picker');
    panelUrl = `chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}`;
    await panel.goto(panelUrl);
    // The client is dropped twice and stops after its third connection ends.
    await waitFor(async () => (JSON.parse(await exportTrace()) as { events: TraceEvent[] }).events.filter((e) => e.type === 'ws-close').length >= 3, 'three connections to end', 60000);
    // Findings that depend on the time since the last close settle once the client is seen to
    // have given up (a retry was due within 1.5 × the expected delay + 1 s). A live capture is
    // re-analysed when something changes: picking Auto again re-runs it.
    await waitFor(async () => {
      await pick('auto');
      return panel.locator('.finding[data-code="no-reconnect"]').count();
    }, 'no-reconnect after the last close', 40000);
  }, 120000);
  afterAll(async () => {
    await b?.close();
    await app?.close();
  });

  it('with no profile written: the learned profile, said so, and sync-skipped', async () => {
    await waitFor(async () => (await codes()).includes('sync-skipped'), 'sync-skipped in the findings');
    expect(await menuButton().getAttribute('aria-label')).toMatch(/^Profile: learned 127\.0\.0\.1:\d+\/chat.* \(auto\)$/);
    expect(await panel.locator('.conn-header').innerText()).toContain('learned from the capture (no preset matched): position seq (contiguous)');
    expect(await panel.getByTestId('learned-parts').innerText()).toMatch(/position 0\.\d\d/);
  });

  it('is a keyboard menu: Enter opens on the entry in use, arrows move, Escape closes and focus returns', async () => {
    await menuButton().focus();
    const focused = (attr: string) => panel.evaluate((a) => document.activeElement?.getAttribute(a) ?? '', attr);
    await panel.keyboard.press('Enter');
    await waitFor(async () => (await focused('data-item')) === 'auto', 'focus on the entry in use');
    await panel.keyboard.press('ArrowDown');
    await waitFor(async () => (await focused('data-item')) === 'preset:scaiwave', 'ArrowDown to the next entry');
    await panel.keyboard.press('Escape');
    await waitFor(async () => (await panel.locator('[role=menu]').count()) === 0 && (await focused('data-testid')) === 'profile-menu', 'Escape: closed, focus back on the button');
  });

  it('Keep for this site: stored per origin, used again after the panel reloads; Forget and Keep over it have Undo', async () => {
    const learned = (JSON.parse(await exportTrace()) as { profile: Profile }).profile;
    await pick('keep');
    await waitFor(() => panel.getByText(`Kept ${learned.name} for ${origin}`).isVisible(), 'the keep toast');
    await waitFor(async () => (await storedSites())[origin] !== undefined, 'the kept profile in storage');
    expect((await storedSites())[origin]).toEqual(learned);
    await panel.goto(panelUrl);
    await waitFor(async () => (await codes()).includes('sync-skipped'), 'findings after the reload');
    await waitFor(async () => /\(kept\)$/.test((await menuButton().getAttribute('aria-label')) ?? ''), 'the kept profile in use');
    expect(await reason()).toContain(`kept for this site (${origin})`);
    expect((JSON.parse(await exportTrace()) as { profile: Profile }).profile).toEqual(learned);

    await pick('forget');
    await waitFor(() => panel.getByText(`Forgot profile for ${origin}`).isVisible(), 'the forget toast');
    // A learned profile's why is "auto" (its name already says learned: docs/design.md#panel-and-viewer).
    expect(await menuButton().getAttribute('aria-label')).toMatch(/^Profile: learned .* \(auto\)$/);
    await panel.getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => /\(kept\)$/.test((await menuButton().getAttribute('aria-label')) ?? ''), 'the kept profile back');
    await waitFor(async () => (await storedSites())[origin] !== undefined, 'the kept profile back in storage');
    expect((await storedSites())[origin]).toEqual(learned);

    // Keeping a preset over the kept profile names what it replaced; Undo keeps the old one again.
    await pick('preset:scaiwave');
    await pick('keep');
    await waitFor(() => panel.getByText(`Kept scaiwave for ${origin} (replaced ${learned.name})`).isVisible(), 'the replace toast');
    await waitFor(async () => ((await storedSites()) as Record<string, unknown>)[origin] === 'scaiwave', 'scaiwave kept');
    await panel.getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => typeof (await storedSites())[origin] === 'object', 'the replaced profile kept again');
    expect((await storedSites())[origin]).toEqual(learned);
    await waitFor(async () => /\(kept\)$/.test((await menuButton().getAttribute('aria-label')) ?? ''), 'the kept profile in use again');
  });

  it('Edit…: errors by field path, findings change as you type, undo brings them back; Cancel restores', async () => {
    const kept = (JSON.parse(await exportTrace()) as { profile: Profile }).profile;
    const before = await codes();
    await pick('edit');
    const dialog = panel.getByRole('dialog');
    await dialog.waitFor();
    const replaceText = async (text: string): Promise<void> => {
      await panel.locator('.cm-content').click();
      await panel.keyboard.press('Control+A');
      await panel.keyboard.insertText(text);
    };
    await replaceText(JSON.stringify({ ...kept, heartbeat: { ...kept.heartbeat, intervalMs: 'soon' } }, null, 2));
    await waitFor(async () => (await panel.getByTestId('profile-errors').innerText()).includes('heartbeat.intervalMs: expected a number'), 'the error by path');
    expect(await dialog.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    expect(await codes()).toEqual(before);
    // Fixed, and without a stream position: the analysis re-runs live, sync-skipped goes.
    const { position: _position, ...noPosition } = kept;
    await replaceText(JSON.stringify(noPosition, null, 2));
    await waitFor(async () => !(await codes()).includes('sync-skipped'), 'the findings to change as you type');
    expect(await panel.getByTestId('profile-errors').innerText()).toMatch(/^Valid/);
    // Undo twice (the editor's history): the bad text, then the text it opened with.
    await dialog.getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => (await panel.getByTestId('profile-errors').innerText()).includes('heartbeat.intervalMs'), 'undo to the bad text');
    await dialog.getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => JSON.stringify(await codes()) === JSON.stringify(before), 'undo back to the findings it opened with');
    await dialog.getByRole('button', { name: 'Redo' }).click();
    await dialog.getByRole('button', { name: 'Redo' }).click();
    await waitFor(async () => !(await codes()).includes('sync-skipped'), 'redo');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await waitFor(async () => JSON.stringify(await codes()) === JSON.stringify(before), 'Cancel restores the profile');
    expect(await reason()).toContain('kept for this site');
    // Saved: the trace carries the edited profile it was judged with.
    await pick('edit');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Text you cancelled earlier is kept.');
    await dialog.getByRole('button', { name: 'Restore it' }).click();
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await waitFor(async () => !(await codes()).includes('sync-skipped'), 'the saved edit in use');
    expect(await reason()).toContain('edited by you');
    expect((JSON.parse(await exportTrace()) as { profile: Profile }).profile).toEqual(noPosition);
    await pick('kept');
    await waitFor(async () => (await codes()).includes('sync-skipped'), 'the kept profile again');
  });

  it('Export… writes the profile in use; wavetrace check --profile judges the same', async () => {
    const [download] = await Promise.all([panel.waitForEvent('download'), pick('export')]);
    const profilePath = join(dir, download.suggestedFilename());
    expect(download.suggestedFilename()).toMatch(/\.profile\.json$/);
    await download.saveAs(profilePath);
    const trace = await exportTrace();
    writeFileSync(tracePath, trace);
    expect(JSON.parse(readFileSync(profilePath, 'utf8'))).toEqual((JSON.parse(trace) as { profile: Profile }).profile);
    execFileSync(process.execPath, [CLI, 'profile', 'check', profilePath]);
    // Exit 1: the capture has error findings (the abnormal closes, the skipped catch-up).
    const run = spawnSync(process.execPath, [CLI, 'check', tracePath, '--profile', profilePath, '--format', 'json'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    const out = JSON.parse(run.stdout) as { findings: Array<{ code: string }> };
    expect(out.findings.map((f) => f.code).sort()).toEqual(await codes());
    expect(out.findings.map((f) => f.code)).toContain('sync-skipped');
  });

  it('Import… of a broken file: one line with the field path; nothing applied', async () => {
    const bad = join(dir, 'broken.profile.json');
    writeFileSync(bad, JSON.stringify({ name: 'broken', backoff: { immediateMs: 1000, baseMs: 'soon', factor: 2, maxMs: 30000, jitter: 0.5, stableAfterMs: 10000 } }));
    const label = await menuButton().getAttribute('aria-label');
    const [chooser] = await Promise.all([panel.waitForEvent('filechooser'), pick('import')]);
    await chooser.setFiles(bad);
    await waitFor(() => panel.locator('.notice').isVisible(), 'the import notice');
    expect(await panel.locator('.notice').innerText()).toMatch(/^cannot import broken\.profile\.json: profile\.backoff\.baseMs: expected a number/);
    expect(await menuButton().getAttribute('aria-label')).toBe(label);
  });

  it('the viewer: the same menu; the trace\'s own profile in use; Keep as an extension page, disabled in the standalone file', async () => {
    const inTrace = (JSON.parse(readFileSync(tracePath, 'utf8')) as { profile: Profile }).profile;
    for (const [url, canKeep] of [[`chrome-extension://${b.extensionId}/src/viewer/viewer.html`, true], [`file://${VIEWER_FILE}`, false]] as const) {
      const viewer = await b.context.newPage();
      await viewer.goto(url);
      expect(await importFile(viewer, tracePath)).toMatch(/events loaded/);
      await waitFor(async () => /\(from trace\)$/.test((await viewer.getByTestId('profile-menu').getAttribute('aria-label')) ?? ''), 'the trace\'s profile in use');
      expect(await viewer.locator('.conn-header').innerText()).toContain('from the loaded trace');
      await viewer.getByTestId('profile-menu').click();
      expect(await viewer.locator('[data-item="trace"]').getAttribute('aria-checked')).toBe('true');
      expect(await viewer.locator('[data-item="trace"]').innerText()).toContain(inTrace.name);
      const keep = viewer.locator('[data-item="keep"]');
      if (canKeep) {
        expect(await keep.getAttribute('aria-disabled')).toBeNull();
        expect(await keep.innerText()).toContain(`for ${origin}`);
        // The profile kept for the site in the panel is offered here too.
        expect(await viewer.locator('[data-item="kept"]').count()).toBe(1);
      } else {
        expect(await keep.getAttribute('aria-disabled')).toBe('true');
        expect(await keep.innerText()).toContain('needs the extension');
      }
      await viewer.close();
    }
  });
});
