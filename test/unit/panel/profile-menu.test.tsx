// @vitest-environment happy-dom
/**
 * The profile menu: a keyboard menu (Enter opens on the entry in use, arrows move, Escape
 * closes and focus returns), Keep for this site stores the whole learned profile per origin and
 * a new panel over the same storage uses it, Forget and Keep over another kept profile have Undo; the profile file reader's one line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { ProfileMenu } from '../../../src/panel/profile-menu';
import { createSettingsStore, memoryArea } from '../../../src/panel/settings-store';
import { PROFILE_BY_SITE_KEY } from '../../../src/core/store/panel-settings';
import { PanelStore } from '../../../src/panel/store';
import { profileFileName, profileFileText, readProfileFile } from '../../../src/panel/profile-file';
import { manualScheduler } from './harness';
import { chat } from '../core/profile/learn/protocols';

afterEach(cleanup);

function liveStore(): PanelStore {
  const store = new PanelStore(manualScheduler(), () => 1_700_000_100_000);
  store.ingest({ src: 's', frameUrl: 'https://app.example.com/', top: true, events: chat({ skipSync: true }) });
  store.flush();
  return store;
}
const ORIGIN = 'https://app.example.com';

describe('ProfileMenu', () => {
  it('is a keyboard menu: Enter opens on the entry in use, arrows move, Escape closes, focus returns', () => {
    const store = liveStore();
    const { getByTestId, getByRole, queryByRole } = render(<ProfileMenu store={store} />);
    const button = getByTestId('profile-menu');
    // The learned profile's name says "learned"; the why after it says it was chosen automatically, not "learned" again.
    expect(button.getAttribute('aria-label')).toMatch(/^Profile: learned \S+ \(auto\)$/);
    expect(button.textContent).not.toMatch(/learned learned/i);
    button.focus();
    fireEvent.keyDown(button, { key: 'Enter' });
    const menu = getByRole('menu');
    expect(document.activeElement?.getAttribute('data-item')).toBe('auto');
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-item')).toBe('preset:scaiwave');
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement?.getAttribute('data-item')).toBe('export');
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    // Without per-site storage Keep is disabled and says why.
    fireEvent.keyDown(button, { key: ' ' });
    const keep = document.querySelector('[data-item="keep"]')!;
    expect(keep.getAttribute('aria-disabled')).toBe('true');
    expect(keep.textContent).toMatch(/needs the extension/);
    fireEvent.keyDown(getByRole('menu'), { key: 'ArrowDown' });
    fireEvent.keyDown(getByRole('menu'), { key: 'Enter' });
    expect(store.profile.value.profile.name).toBe('scaiwave');
  });

  it('Keep for this site stores the learned profile; a new panel uses it; Forget has Undo', async () => {
    const area = memoryArea();
    const store = liveStore();
    const learned = store.profile.value.profile;
    const { getByTestId, unmount } = render(<ProfileMenu store={store} settings={createSettingsStore(area)} />);
    fireEvent.click(getByTestId('profile-menu'));
    fireEvent.click(document.querySelector('[data-item="keep"]')!);
    await waitFor(() => expect(area.data[PROFILE_BY_SITE_KEY]).toEqual({ [ORIGIN]: JSON.parse(JSON.stringify(learned)) }));
    expect(store.profile.value.reason).toBe(`kept for this site (${ORIGIN})`);
    unmount();

    // A new panel (new store, storage read afresh) uses the kept profile.
    const again = liveStore();
    const settings = createSettingsStore(memoryArea(JSON.parse(JSON.stringify(area.data)) as Record<string, unknown>));
    const view = render(<ProfileMenu store={again} settings={settings} />);
    await waitFor(() => expect(again.profile.value.reason).toBe(`kept for this site (${ORIGIN})`));
    expect(again.profile.value.profile).toEqual(learned);
    fireEvent.click(view.getByTestId('profile-menu'));
    fireEvent.click(document.querySelector('[data-item="forget"]')!);
    await waitFor(() => expect(settings.profileFor(ORIGIN)).toBe('auto'));
    expect(again.profile.value.learned).toBeDefined();
    view.getByText(`Forgot profile for ${ORIGIN}`);
    fireEvent.click(view.getByText('Undo'));
    await waitFor(() => expect(settings.profileFor(ORIGIN)).toEqual(learned));
    expect(again.profile.value.reason).toBe(`kept for this site (${ORIGIN})`);
  });

  it('Keep over a hand-edited kept profile names what it replaced and Undo brings the edited one back', async () => {
    const edited = { ...JSON.parse(JSON.stringify(liveStore().profile.value.profile)), name: 'my edited chat' };
    const area = memoryArea({ [PROFILE_BY_SITE_KEY]: { [ORIGIN]: edited } });
    const settings = createSettingsStore(area);
    const store = liveStore();
    const view = render(<ProfileMenu store={store} settings={settings} />);
    await waitFor(() => expect(store.profile.value.profile.name).toBe('my edited chat'));
    fireEvent.click(view.getByTestId('profile-menu'));
    fireEvent.click(document.querySelector('[data-item="preset:scaiwave"]')!);
    // Picking a preset leaves the whole kept profile as it is.
    expect(settings.profileFor(ORIGIN)).toEqual(edited);
    fireEvent.click(view.getByTestId('profile-menu'));
    fireEvent.click(document.querySelector('[data-item="keep"]')!);
    await waitFor(() => expect(settings.profileFor(ORIGIN)).toBe('scaiwave'));
    view.getByText(`Kept scaiwave for ${ORIGIN} (replaced my edited chat)`);
    fireEvent.click(view.getByText('Undo'));
    await waitFor(() => expect(settings.profileFor(ORIGIN)).toEqual(edited));
    // The edited profile is kept again, so it is the one in use.
    await waitFor(() => expect(store.profile.value.profile).toEqual(edited));
    expect(view.queryByText('Undo')).toBeNull();
    fireEvent.click(view.getByTestId('profile-menu'));
    expect(document.querySelector('[data-item="keep"]')!.textContent).toContain(`in use for ${ORIGIN}`);
  });
});

describe('profile files', () => {
  it('one line naming the first bad field; nothing else', () => {
    expect(readProfileFile('x.profile.json', '{"name":"x","backoff":{"baseMs":"soon"}}')).toEqual({ error: expect.stringMatching(/^cannot import x\.profile\.json: profile\.backoff\.\w+: /) });
    expect(readProfileFile('x.profile.json', '{')).toEqual({ error: expect.stringMatching(/^cannot import x\.profile\.json: profile: not JSON: /) });
    const store = liveStore();
    const p = store.profile.value.profile;
    expect(readProfileFile('a', profileFileText(p))).toEqual({ profile: p });
    expect(profileFileName(p)).toMatch(/^learned-127\.0\.0\.1-8080.*\.profile\.json$/);
  });
});
