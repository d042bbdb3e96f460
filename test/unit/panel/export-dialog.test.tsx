// @vitest-environment happy-dom
/**
 * Export dialog: Cancel during "Fetching the full previews…" must not save a file afterwards;
 * the report's size preview and the save share one learn of the auto profile
 * (docs/design.md#where-a-profile-comes-from), however often the dialog opens, until the
 * capture changes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';

const saved: string[] = [];
vi.mock('../../../src/panel/save-file', () => ({ saveFile: (_b: Uint8Array, name: string) => void saved.push(name) }));
// The report wraps a stand-in viewer (the built one is not there in unit tests).
vi.mock('../../../src/panel/viewer-parts', () => ({ loadViewerParts: async () => ({ csp: "default-src 'none'", css: '', script: '' }) }));
// Counts the learns of the auto profile (the real learner runs).
vi.mock('../../../src/core/profile/learn/learn-profile', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/core/profile/learn/learn-profile')>();
  return { ...m, learnProfile: vi.fn(m.learnProfile) };
});

import { ExportDialog } from '../../../src/panel/export-dialog';
import { PanelStore } from '../../../src/panel/store';
import { learnProfile } from '../../../src/core/profile/learn/learn-profile';
import type { EventBatch } from '../../../src/core/bridge/messages';
import type { TraceEvent } from '../../../src/core/events';
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

describe('export dialog and the learned auto profile', () => {
  const PAGE = 'http://127.0.0.1:9000/';
  const update = (seq: number, n: number, data = JSON.stringify({ type: 'update', seq: n })): TraceEvent =>
    ({ seq, t: 1000 + 100 * seq, type: 'ws-message', conn: 'c1', opcode: 1, size: data.length, data, encoding: 'text', truncated: false }) as TraceEvent;
  const batch = (events: TraceEvent[], extra: Partial<EventBatch> = {}): EventBatch => ({ src: 'h', frameUrl: PAGE, top: true, events, ...extra });
  const learns = (): number => vi.mocked(learnProfile).mock.calls.length;

  /** A live own-protocol capture whose learned profile was learned by the slices before its last frames (and an owed preview) came. */
  function capture(): PanelStore {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    const frames = Array.from({ length: 8 }, (_, i) => update(i + 3, i + 1));
    store.ingest(batch([{ seq: 1, t: 1000, type: 'ws-create', conn: 'c1', url: 'ws://127.0.0.1:9000/feed', protocols: [], frameUrl: PAGE } as TraceEvent, { seq: 2, t: 1001, type: 'ws-open', conn: 'c1', protocol: '', extensions: '' } as TraceEvent, ...frames]));
    store.flush();
    // Three more frames, one with a short live preview: below the doubling that relearns a live capture.
    store.ingest(batch([update(11, 9), update(12, 10), { ...update(13, 11, '{"type":"upd'), size: -1, truncated: true } as TraceEvent], { owed: [13] }));
    store.flush();
    expect(store.profile.value.learned).toBeDefined();
    expect(store.profile.value.learned!.events).toBeLessThan(store.state.events.length);
    return store;
  }

  /** Opens the dialog, picks the report, waits for its size; returns the dialog's close count. */
  async function previewReport(store: PanelStore): Promise<void> {
    const { getByDisplayValue, findByText, unmount } = render(<ExportDialog store={store} onClose={() => undefined} />);
    fireEvent.click(getByDisplayValue('report'));
    await findByText(/^Size: /);
    unmount();
  }

  it('opening the report preview twice, then saving, learns the whole capture once', async () => {
    const store = capture();
    store.ingest(batch([update(13, 11)], { fill: true })); // the owed preview completes (no new event)
    const before = learns();
    await previewReport(store);
    expect(learns()).toBe(before + 1);
    await previewReport(store);
    expect(learns()).toBe(before + 1);
    // Save builds the same export: no learn either.
    const { getByDisplayValue, getByTestId, findByText } = render(<ExportDialog store={store} onClose={() => undefined} />);
    fireEvent.click(getByDisplayValue('report'));
    await findByText(/^Size: /);
    fireEvent.click(getByTestId('export-save'));
    await vi.waitFor(() => expect(saved.at(-1)).toMatch(/\.html$/));
    expect(learns()).toBe(before + 1);
    expect(store.profile.value.learned!.events).toBe(store.state.events.length);
  });

  it('learns again once a full preview was filled in since, though no event was added', async () => {
    const store = capture();
    await previewReport(store);
    const before = learns();
    const events = store.state.events.length;
    store.ingest(batch([update(13, 11)], { fill: true }));
    expect(store.state.events.length).toBe(events);
    await previewReport(store);
    expect(learns()).toBe(before + 1);
    await previewReport(store);
    expect(learns()).toBe(before + 1);
  });
});
