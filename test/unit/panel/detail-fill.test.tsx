// @vitest-environment happy-dom
/** The detail pane of a selected frame follows its fill: note, size, kind and payload update in place. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, act } from '@testing-library/preact';
import { App } from '../../../src/panel/app';
import { PanelStore } from '../../../src/panel/store';
import { manualScheduler } from './harness';

afterEach(cleanup);

describe('detail pane follows a fill', () => {
  it('pending note, "measuring…", then full preview and size', async () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    const full = JSON.stringify({ type: 'hello', tenant_id: 't-9', pad: 'p'.repeat(400) });
    store.ingest({ src: 's', frameUrl: 'https://a.example/', top: true, owed: [3], events: [
      { seq: 1, t: 1, type: 'ws-create', conn: 'c', url: 'wss://a.example/v1/stream', protocols: [], frameUrl: 'https://a.example/' },
      { seq: 2, t: 2, type: 'ws-open', conn: 'c', protocol: '', extensions: '' },
      { seq: 3, t: 3, type: 'ws-message', conn: 'c', opcode: 1, size: -1, data: full.slice(0, 256), encoding: 'text', truncated: true },
    ] } as never);
    store.flush();
    const { container, queryByTestId } = render(<App store={store} actions={{ onClear: () => {}, onToggleRecording: () => {} }} />);
    act(() => store.selectEvent(2));
    sched.run();
    expect(queryByTestId('preview-pending')).not.toBeNull();
    expect(container.querySelector('.detail-head')!.textContent).toMatch(/measuring…/);
    const kindBefore = [...container.querySelectorAll('.t-row .c-kind')].map((e) => e.textContent);
    act(() => {
      store.ingest({ src: 's', frameUrl: 'https://a.example/', top: true, fill: true, events: [{ seq: 3, t: 3, type: 'ws-message', conn: 'c', opcode: 1, size: full.length, data: full, encoding: 'text', truncated: false }] } as never);
      store.flush();
      sched.run();
    });
    await new Promise((r) => setTimeout(r, 100));
    sched.advance(1000); sched.run();
    // The store has the full frame (not pending, true size) …
    expect(store.isPreviewPending(2)).toBe(false);
    expect((store.state.events[2] as { size: number }).size).toBe(full.length);
    // … and so does the detail pane of the selected frame, without a new selection.
    expect(queryByTestId('preview-pending')).toBeNull();
    expect(container.querySelector('.detail-head')!.textContent).not.toMatch(/measuring…/);
    expect(container.querySelector('.detail')!.textContent).toContain('p'.repeat(300));
    const kindAfter = [...container.querySelectorAll('.t-row .c-kind')].map((e) => e.textContent);
    expect(kindAfter).toContain('hello');
  });

  it('a Blob frame says its bytes are still arriving, then shows them; one whose bytes never came says so', async () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    const frame = (seq: number, extra: Record<string, unknown>) => ({ seq, t: seq, type: 'ws-message', conn: 'c', opcode: 2, size: 8, encoding: 'base64', truncated: true, data: '', blobUnread: true, ...extra });
    store.ingest({ src: 's', frameUrl: 'https://a.example/', top: true, owed: [3], events: [
      { seq: 1, t: 1, type: 'ws-create', conn: 'c', url: 'wss://a.example/feed', protocols: [], frameUrl: 'https://a.example/' },
      { seq: 2, t: 2, type: 'ws-open', conn: 'c', protocol: '', extensions: '' },
      frame(3, {}),
      frame(4, {}),
    ] } as never);
    store.flush();
    const { container, queryByTestId } = render(<App store={store} actions={{ onClear: () => {}, onToggleRecording: () => {} }} />);
    act(() => store.selectEvent(2));
    sched.run();
    expect(queryByTestId('preview-pending')!.textContent).toMatch(/^Blob bytes still arriving/);
    act(() => {
      store.ingest({ src: 's', frameUrl: 'https://a.example/', top: true, fill: true, events: [frame(3, { data: 'AAECAwQFBgc=', truncated: false, blobUnread: undefined })] } as never);
      store.flush();
      sched.run();
    });
    await new Promise((r) => setTimeout(r, 100));
    sched.advance(1000); sched.run();
    expect(queryByTestId('preview-pending')).toBeNull();
    expect(queryByTestId('blob-unread')).toBeNull();
    expect(container.querySelector('.detail')!.textContent).toContain('00 01 02 03');
    // The second frame was never owed (e.g. from a file): its bytes never came, and it says so.
    act(() => store.selectEvent(3));
    sched.run();
    expect(queryByTestId('preview-pending')).toBeNull();
    expect(queryByTestId('blob-unread')!.textContent).toMatch(/^Blob bytes not captured/);
  });
});
