// @vitest-environment happy-dom
/**
 * Export dialog while full previews are pending: Cancel during "Fetching the full previews…"
 * must not save a file afterwards.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';

const saved: string[] = [];
vi.mock('../../../src/panel/save-file', () => ({ saveFile: (_b: Uint8Array, name: string) => void saved.push(name) }));

import { ExportDialog } from '../../../src/panel/export-dialog';
import { PanelStore } from '../../../src/panel/store';
import { manualScheduler } from './harness';

afterEach(cleanup);

describe('export dialog with pending previews', () => {
  it('Cancel while fetching previews cancels the export', async () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    const data = 'x'.repeat(256);
    store.ingest({ src: 's', frameUrl: 'https://a.example/', top: true, owed: [2], events: [
      { seq: 1, t: 1, type: 'ws-create', conn: 'c', url: 'wss://a.example/ws', protocols: [], frameUrl: 'https://a.example/' },
      { seq: 2, t: 2, type: 'ws-message', conn: 'c', opcode: 1, size: -1, data, encoding: 'text', truncated: true },
    ] } as never);
    expect(store.state.pendingPreviews.size).toBe(1);
    let fillRequests = 0;
    store.requestFills = () => void fillRequests++; // the tab never answers (e.g. it is gone)
    const onClose = vi.fn();
    const { getByTestId, getByText, container } = render(<ExportDialog store={store} onClose={onClose} />);
    expect(getByTestId('export-pending').textContent).toMatch(/1 frame still waits/);
    fireEvent.click(getByTestId('export-save'));
    await Promise.resolve();
    expect(container.textContent).toMatch(/Fetching the full previews of 1 frame…/);
    fireEvent.click(getByText('Cancel'));
    expect(onClose).toHaveBeenCalledTimes(1);
    sched.advance(10_000);
    await new Promise((r) => setTimeout(r, 0));
    expect(fillRequests).toBe(1);
    // The user cancelled: no file, and no second close.
    expect(saved).toEqual([]);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
