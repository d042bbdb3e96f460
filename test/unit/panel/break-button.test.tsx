// @vitest-environment happy-dom
/**
 * Break ▾ appears only where a fault can be sent (docs/design.md#panel-and-viewer): a live
 * panel shows it in the toolbar and the connection header; the viewer and a report (no fault
 * channel, never a live page) show none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { App } from '../../../src/panel/app';
import { loadedStore } from './harness';

afterEach(cleanup);

describe('Break ▾ buttons', () => {
  it('are absent in the viewer', () => {
    const store = loadedStore();
    store.live.value = false;
    const { container } = render(<App store={store} actions={{ onImport: () => {}, onExport: () => {} }} />);
    expect(container.querySelector('.toolbar')).not.toBeNull();
    expect(container.querySelectorAll('.break-button').length).toBe(0);
  });

  it('are there in a live panel that can send faults', () => {
    const store = loadedStore();
    store.live.value = true;
    store.requestFault = () => {};
    const { container } = render(<App store={store} actions={{ onToggleRecording: () => {}, onClear: () => {} }} />);
    expect(container.querySelectorAll('.toolbar .break-button').length).toBe(1);
    expect(container.querySelectorAll('.conn-header .break-button').length).toBe(1);
  });
});
