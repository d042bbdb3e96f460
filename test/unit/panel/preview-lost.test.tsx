// @vitest-environment happy-dom
/**
 * A frame whose full preview was lost in capture (docs/design.md#live-preview-budget) says so
 * in the detail pane, apart from the preview-cap note; the toolbar and the Export dialog show
 * how many frames lost their full preview.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, act } from '@testing-library/preact';

vi.mock('../../../src/panel/save-file', () => ({ saveFile: () => {} }));

import { App } from '../../../src/panel/app';
import { ExportDialog } from '../../../src/panel/export-dialog';
import { PanelStore } from '../../../src/panel/store';
import { manualScheduler } from './harness';

afterEach(cleanup);

const id = { src: 's', frameUrl: 'https://a.example/', top: true };
const short = 'x'.repeat(256);

/** A store holding frame 3 owed then reported lost, and frame 4 cut by the preview cap. */
function storeWithLoss(sched: ReturnType<typeof manualScheduler>): PanelStore {
  const store = new PanelStore(sched);
  store.ingest({ ...id, owed: [3], events: [
    { seq: 1, t: 1, type: 'ws-create', conn: 'c', url: 'wss://a.example/v1/stream', protocols: [], frameUrl: 'https://a.example/' },
    { seq: 2, t: 2, type: 'ws-open', conn: 'c', protocol: '', extensions: '' },
    { seq: 3, t: 3, type: 'ws-message', conn: 'c', opcode: 1, size: -1, data: short, encoding: 'text', truncated: true },
    { seq: 4, t: 4, type: 'ws-message', conn: 'c', opcode: 1, size: 70_000, data: 'y'.repeat(1024), encoding: 'text', truncated: true },
  ] } as never);
  store.ingest({ ...id, fill: true, events: [], lost: [3], lostSizes: [65_536] } as never);
  store.flush();
  return store;
}

describe('lost full previews in the panel', () => {
  it('the detail pane says the full preview was not kept, not the preview cap; a cap-cut frame keeps the cap note', () => {
    const sched = manualScheduler();
    const store = storeWithLoss(sched);
    const { container, queryByTestId } = render(<App store={store} actions={{ onClear: () => {}, onToggleRecording: () => {} }} />);
    act(() => store.selectEvent(2));
    sched.run();
    expect(queryByTestId('preview-lost')!.textContent).toMatch(/^Full preview not kept: 256 B of 64\.0 KiB shown\. .*The preview cap was not the cause/);
    expect(container.querySelector('.detail')!.textContent).not.toMatch(/raise the preview cap/);
    act(() => store.selectEvent(3));
    sched.run();
    expect(queryByTestId('preview-lost')).toBeNull();
    expect(container.querySelector('.detail')!.textContent).toMatch(/Preview truncated: 1\.0 KiB of 68\.4 KiB shown — raise the preview cap/);
    expect(queryByTestId('previews-lost')!.textContent).toMatch(/1 full preview lost/);
  });

  it('the Export dialog says how many frames keep only their short preview', () => {
    const store = storeWithLoss(manualScheduler());
    const { getByTestId } = render(<ExportDialog store={store} onClose={() => {}} />);
    expect(getByTestId('export-previews-lost').textContent).toMatch(/^Full preview lost in capture for 1 frame: .*marked previewLost/);
  });
});
