// @vitest-environment happy-dom
/**
 * The panel's toast as a user meets it: Clear shows "Cleared N events" with Undo, which brings
 * the rows and the selected row back; Resume over an imported capture asks first, as a dialog
 * whose Cancel keeps the imported capture.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { App } from '../../../src/panel/app';
import { PanelStore } from '../../../src/panel/store';
import { loadTraceBytes } from '../../../src/panel/import-file';
import { manualScheduler } from './harness';
import { skipSyncEvents } from '../core/view/fixtures';

afterEach(cleanup);

function liveStore(): PanelStore {
  const store = new PanelStore(manualScheduler(), () => 1_700_000_100_000);
  store.ingest({ src: 's', frameUrl: 'https://app.example.com/', top: true, events: skipSyncEvents() });
  store.flush();
  return store;
}

describe('panel toast', () => {
  it('Clear offers Undo, which brings back the rows and the selected row', async () => {
    const store = liveStore();
    const { container, getByText, getByTestId, queryByText } = render(<App store={store} actions={{ onClear: () => store.clear(), onToggleRecording: () => {} }} />);
    store.selectEvent(3);
    await waitFor(() => expect(container.querySelector('.t-row.sel, .t-row[aria-selected="true"]')).not.toBeNull());
    fireEvent.click(getByText('Clear'));
    store.flush();
    // The open socket stays, with no frame.
    await waitFor(() => expect(getByTestId('counts').textContent).toBe('1 connection · 0 frames'));
    getByText('Cleared 12 events');
    fireEvent.click(getByText('Undo'));
    store.flush();
    await waitFor(() => expect(getByTestId('counts').textContent).toBe('2 connections · 8 frames'));
    expect(queryByText('Cleared 12 events')).toBeNull();
    expect(store.selectedEvent.value).toBe(3);
  });

  it('Resume over an imported capture asks first; Cancel keeps it', async () => {
    const store = liveStore();
    const trace = JSON.stringify({ format: 'wavetrace', version: 1, createdAt: '2023-11-14T22:14:00.000Z', source: { tool: 't', browser: '', page: 'https://imported.example.org/' }, redacted: true, profile: 'auto', dropped: 0, events: skipSyncEvents().slice(0, 9) });
    const { getByRole, getByText, queryByRole } = render(<App store={store} actions={{ onClear: () => store.clear() }} />);
    expect(loadTraceBytes(store, new TextEncoder().encode(trace), 'old.wavetrace.json')).toMatch(/^old\.wavetrace\.json: 9 events loaded/);
    await waitFor(() => getByText('old.wavetrace.json replaced the live capture (recording paused)'));
    let resumed = false;
    store.askToResume(() => (resumed = true));
    const ask = await waitFor(() => getByRole('alertdialog'));
    expect(ask.textContent).toMatch(/Resume recording\? The imported capture is closed/);
    fireEvent.click(getByText('Cancel'));
    expect(queryByRole('alertdialog')).toBeNull();
    expect(resumed).toBe(false);
    expect(store.live.value).toBe(false);
  });
});
