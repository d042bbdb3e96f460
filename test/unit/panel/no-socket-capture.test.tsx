// @vitest-environment happy-dom
/**
 * A live tab whose capture holds events but no WebSocket (docs/design.md#panel-and-viewer): the
 * table says there is no WebSocket traffic yet and to reload (not that the filter hides rows),
 * the findings list that there is nothing to analyse, and the profile button that the
 * profile is the default one (nothing was detected).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { App } from '../../../src/panel/app';
import { PanelStore } from '../../../src/panel/store';
import type { TraceEvent } from '../../../src/core/events';
import { manualScheduler } from './harness';

afterEach(cleanup);

const PAGE = 'https://app.example.com/';

describe('a live capture with no WebSocket', () => {
  it('says there is no traffic yet, nothing to analyse, and the default profile', () => {
    const store = new PanelStore(manualScheduler());
    store.ingest({ src: 'h', frameUrl: PAGE, top: true, events: [{ seq: 1, t: 1000, type: 'page-visibility', state: 'visible' } as TraceEvent] });
    store.flush();
    const { container, getByTestId } = render(<App store={store} actions={{ onClear: () => {}, onToggleRecording: () => {} }} />);
    store.flush();
    expect(container.querySelector('.table-empty')!.textContent).toMatch(/^No WebSocket traffic yet: .*reload it/);
    expect(container.textContent).not.toMatch(/No rows match/);
    expect(container.querySelector('.findings .pane-empty')!.textContent).toBe('Nothing to analyse yet: no WebSocket connection in this tab so far.');
    const button = getByTestId('profile-menu');
    expect(button.querySelector('.pm-why')!.textContent).toBe('default');
    expect(button.getAttribute('title')).toMatch(/nothing detected yet/);
  });

  it('names the profile detected once a connection came', () => {
    const store = new PanelStore(manualScheduler());
    store.ingest({ src: 'h', frameUrl: PAGE, top: true, events: [{ seq: 1, t: 1000, type: 'ws-create', conn: 'c1', url: 'wss://app.example.com/v1/stream', protocols: [], frameUrl: PAGE } as TraceEvent] });
    store.flush();
    const { getByTestId } = render(<App store={store} />);
    expect(getByTestId('profile-menu').querySelector('.pm-why')!.textContent).toBe('detected');
  });
});
