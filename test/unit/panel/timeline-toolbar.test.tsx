// @vitest-environment happy-dom
/**
 * Timeline keyboard and wheel zoom/pan, the profile menu's choice remembered per site, and the
 * settings dialog writing through the settings store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { App } from '../../../src/panel/app';
import { createSettingsStore, memoryArea } from '../../../src/panel/settings-store';
import { CAPTURE_CONFIG_KEY } from '../../../src/core/store/capture-config';
import { PROFILE_BY_SITE_KEY } from '../../../src/core/store/panel-settings';
import { PanelStore } from '../../../src/panel/store';
import { effectiveViewport } from '../../../src/panel/timeline/timeline';
import { loadedStore, manualScheduler } from './harness';
import { skipSyncEvents } from '../core/view/fixtures';

afterEach(cleanup);

describe('timeline interaction', () => {
  it('zooms with +/−/wheel, pans with arrows, and fits with 0', () => {
    const store = loadedStore();
    const { container } = render(<App store={store} />);
    const plot = container.querySelector<HTMLElement>('.tl-plot')!;
    const span = () => {
      const v = effectiveViewport(store);
      return v.t1 - v.t0;
    };
    const full = span();
    fireEvent.keyDown(plot, { key: '+' });
    expect(store.follow.value).toBe(false);
    expect(span()).toBeCloseTo(full * 0.7, 3);
    const t0 = effectiveViewport(store).t0;
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(effectiveViewport(store).t0).toBeGreaterThan(t0);
    fireEvent.wheel(plot, { deltaY: -100 });
    expect(span()).toBeLessThan(full * 0.7);
    fireEvent.wheel(plot, { deltaX: 50, deltaY: 0 });
    fireEvent.keyDown(plot, { key: '0' });
    expect(store.follow.value).toBe(true);
    expect(span()).toBeCloseTo(full, 3);
  });

  it('clicking a lane in the gutter focuses that connection and filters the table', async () => {
    const store = loadedStore();
    const { container } = render(<App store={store} />);
    fireEvent.click(container.querySelector('.conn-row[data-conn="a.1"]')!);
    store.flush();
    expect(store.filterSpec.value.conn).toBe('a.1');
    await waitFor(() => expect(new Set([...container.querySelectorAll('.t-row .c-conn')].map((e) => e.textContent))).toEqual(new Set(['#1'])));
    expect(container.querySelector('.conn-header')!.textContent).toMatch(/#1/);
  });
});

describe('toolbar and settings', () => {
  it('remembers the profile chosen for the site and stores the sync path for the hook', async () => {
    const area = memoryArea();
    const settings = createSettingsStore(area);
    const store = new PanelStore(manualScheduler());
    store.ingest({ src: 's', frameUrl: 'https://app.example.com/', top: true, events: skipSyncEvents() });
    store.flush();
    const { container } = render(<App store={store} settings={settings} actions={{ onToggleRecording: () => {}, onClear: () => {} }} />);
    const button = container.querySelector<HTMLButtonElement>('[data-testid="profile-menu"]')!;
    fireEvent.click(button);
    expect(container.querySelector('[data-item="auto"]')!.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(container.querySelector('[data-item="preset:phoenix"]')!);
    expect(store.profile.value.profile.name).toBe('phoenix');
    await waitFor(() => expect(area.data[PROFILE_BY_SITE_KEY]).toEqual({ 'https://app.example.com': 'phoenix' }));
    await waitFor(() => expect((area.data[CAPTURE_CONFIG_KEY] as { syncPaths: string[] } | undefined)?.syncPaths).toEqual([]));
  });

  it('applies a remembered profile when the site is known', async () => {
    const area = memoryArea({ [PROFILE_BY_SITE_KEY]: { 'https://app.example.com': 'socketio-v4' } });
    const settings = createSettingsStore(area);
    const store = new PanelStore(manualScheduler());
    store.ingest({ src: 's', frameUrl: 'https://app.example.com/', top: true, events: skipSyncEvents() });
    render(<App store={store} settings={settings} />);
    await waitFor(() => expect(store.profile.value.profile.name).toBe('socketio-v4'));
    expect(store.profile.value.reason).toBe('chosen for https://app.example.com');
  });

  it('edits preview cap, buffer, preserve log and redaction keys in the settings dialog', async () => {
    const area = memoryArea();
    const settings = createSettingsStore(area);
    const store = loadedStore();
    const { container, getByLabelText, getByRole } = render(<App store={store} settings={settings} actions={{ onToggleRecording: () => {} }} />);
    fireEvent.click(getByLabelText('Settings'));
    const dialog = getByRole('dialog');
    const [cap, buffer] = [...dialog.querySelectorAll<HTMLInputElement>('input[type=number]')];
    fireEvent.input(cap!, { target: { value: '16' } });
    fireEvent.input(buffer!, { target: { value: '2000' } });
    fireEvent.input(dialog.querySelector('textarea')!, { target: { value: 'token, session_id' } });
    fireEvent.click(dialog.querySelector<HTMLInputElement>('input[type=checkbox]')!);
    fireEvent.click([...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Save')!);
    await waitFor(() => expect(settings.settings.value).toMatchObject({ previewCap: 16384, bufferEvents: 2000, preserveLog: false, redactKeys: ['token', 'session_id'] }));
    expect(container.querySelector('[role=dialog]')).toBeNull();
    await waitFor(() => expect(store.redactKeys.value).toEqual(['token', 'session_id']));
    expect(store.preserveLog.value).toBe(false);
  });
});
