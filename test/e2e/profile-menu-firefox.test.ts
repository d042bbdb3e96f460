/**
 * The profile menu in real Firefox (WebDriver BiDi), smaller than the Chromium file: on an app
 * with its own protocol the panel says "learned" and flags `sync-skipped`; the menu opens from
 * the keyboard, moves and closes with focus back on its button; Keep for this site writes the
 * learned profile to the extension's storage, and a panel opened afresh uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFirefox, type PanelForPage, type SuiteBrowser } from './lib/suite-browser';
import { waitFor } from './lib/chromium';
import { APP_PROTOCOLS, startApp, type RunningApp } from './lib/app-protocols';
import type { Profile } from '../../src/core/profile/types';

describe('profile menu (Firefox)', () => {
  let ff: SuiteBrowser;
  let app: RunningApp;
  let panel: PanelForPage;
  let origin = '';
  const label = async (p: PanelForPage): Promise<string> => (await p.evaluate<string>(`document.querySelector('[data-testid="profile-menu"]')?.getAttribute('aria-label') ?? ''`)) ?? '';
  const key = (target: string, k: string) => `(document.querySelector(${JSON.stringify(target)}) ?? document.activeElement).dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(k)}, bubbles: true })), true`;
  const focused = async (): Promise<string> => (await panel.evaluate<string>(`document.activeElement?.getAttribute('data-item') ?? document.activeElement?.getAttribute('data-testid') ?? ''`)) ?? '';

  beforeAll(async () => {
    app = await startApp(APP_PROTOCOLS.find((p) => p.name === 'chat-seq')!);
    origin = new URL(app.url).origin;
    ff = await openFirefox();
    const page = await ff.newPage();
    await page.goto(app.url);
    panel = await ff.openPanelFor(app.url);
  }, 120000);
  afterAll(async () => {
    await ff?.close();
    await app?.close();
  });

  it('learned, sync-skipped; a keyboard menu', async () => {
    await waitFor(() => panel.evaluate<boolean>(`!!document.querySelector('.finding[data-code="sync-skipped"]')`), 'sync-skipped in the findings', 60000);
    expect(await label(panel)).toMatch(/^Profile: learned 127\.0\.0\.1:\d+\/chat.* \(auto\)$/);
    await panel.evaluate(`(document.querySelector('[data-testid="profile-menu"]').focus(), true)`);
    await panel.evaluate(key('[data-testid="profile-menu"]', 'Enter'));
    await waitFor(async () => (await focused()) === 'auto', 'focus on the entry in use');
    await panel.evaluate(key('[role=menu]', 'ArrowDown'));
    await waitFor(async () => (await focused()) === 'preset:scaiwave', 'ArrowDown');
    await panel.evaluate(key('[role=menu]', 'Escape'));
    await waitFor(async () => (await focused()) === 'profile-menu' && !(await panel.evaluate<boolean>(`!!document.querySelector('[role=menu]')`)), 'Escape: closed, focus back');
  });

  it('Keep for this site survives a new panel', async () => {
    await panel.evaluate(`(document.querySelector('[data-testid="profile-menu"]').click(), true)`);
    await waitFor(() => panel.evaluate<boolean>(`!!document.querySelector('[data-item="keep"]')`), 'the menu');
    await panel.evaluate(`(document.querySelector('[data-item="keep"]').click(), true)`);
    const stored = await waitFor(
      () => panel.evaluate<Record<string, Profile> | null>(`browser.storage.local.get('wavetrace.profileBySite').then((r) => r['wavetrace.profileBySite'] ?? null)`).then((m) => (m && m[origin] ? m : null)),
      'the kept profile in storage',
    );
    expect(stored[origin]!.name).toMatch(/^learned 127\.0\.0\.1:\d+\/chat/);
    const again = await ff.openPanelFor(app.url);
    await waitFor(async () => /\(kept\)$/.test(await label(again)), 'the kept profile in the new panel', 30000);
    expect(await again.evaluate<string>(`document.querySelector('.conn-header').innerText`)).toContain(`kept for this site (${origin})`);
  });
});
