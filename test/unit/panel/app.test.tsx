// @vitest-environment happy-dom
/**
 * The panel UI as a user meets it (happy-dom + @testing-library/preact): empty state, a loaded
 * capture with its sessions, table and findings; a finding selects its evidence frame; payload
 * markup stays text; filters and keyboard navigation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { App } from '../../../src/panel/app';
import { PanelStore } from '../../../src/panel/store';
import { loadedStore, manualScheduler } from './harness';
import { events, skipSyncEvents } from '../core/view/fixtures';

afterEach(cleanup);

const rowTexts = (c: Element): string[] => [...c.querySelectorAll('.t-row')].map((r) => `${r.querySelector('.c-kind')!.textContent} ${r.querySelector('.c-data')!.textContent}`);

describe('panel app', () => {
  it('explains what to do before any traffic', () => {
    const store = new PanelStore(manualScheduler());
    const { getByTestId } = render(<App store={store} actions={{ onClear: () => {}, onToggleRecording: () => {} }} />);
    expect(getByTestId('empty').textContent).toMatch(/No WebSocket traffic yet.*reload it/s);
  });

  it('shows sessions, lanes, counts, rows and findings of a loaded capture', () => {
    const store = loadedStore();
    const { container, getByTestId } = render(<App store={store} />);
    expect(getByTestId('counts').textContent).toBe('2 connections · 8 frames');
    // The session row leads with the path (what tells sessions apart) and holds the whole key in its tooltip.
    expect(container.querySelector('.tl-session-key')!.textContent).toBe('/v1/stream wss://app.example.com');
    expect(container.querySelector('.tl-session')!.getAttribute('title')).toBe('wss://app.example.com/v1/stream');
    expect([...container.querySelectorAll('.conn-row')].map((r) => r.querySelector('.conn-state')!.textContent)).toEqual(['closed 1006 Abnormal Closure', 'open']);
    expect(getByTestId('count-error').textContent!.trim()).toMatch(/^\d+$/);
    expect(container.querySelector('.finding[data-code="sync-skipped"]')).not.toBeNull();
    expect(rowTexts(container).slice(0, 4)).toEqual(['create new WebSocket(wss://app.example.com/v1/stream?token=REDACTED~' + rowTexts(container)[0]!.split('REDACTED~')[1], 'open open', 'hello {"type":"hello","tenant_id":"t-1","stream_position":40}', 'data {"type":"event","stream_position":41}']);
    expect(container.querySelector('.conn-header')!.textContent).toMatch(/scaiwave.*auto: URL path \/v1\/stream matches scaiwave/);
    expect(container.querySelector('.conn-header')!.textContent).toMatch(/tenant_id\s*t-1/);
  });

  it('clicking sync-skipped selects its evidence frame in the table and the timeline', async () => {
    const store = loadedStore();
    const { container } = render(<App store={store} />);
    fireEvent.click(container.querySelector('.finding[data-code="sync-skipped"]')!);
    const finding = store.analysis.value!.findings.find((f) => f.code === 'sync-skipped')!;
    await waitFor(() => expect(container.querySelector('.t-row.selected')).not.toBeNull());
    const sel = container.querySelector<HTMLElement>('.t-row.selected')!;
    expect(sel.dataset.seq).toBe(String(finding.seq));
    expect(sel.classList.contains('frame-row')).toBe(true);
    expect(sel.querySelector('.c-conn')!.textContent).toBe('#2');
    expect(store.evidence.value.length).toBe(3);
    expect(container.querySelectorAll('.t-row.evidence').length).toBe(3);
    expect(container.querySelector('.detail-head strong')!.textContent).toBe('↓ Received text frame');
    expect(container.querySelector('.finding-detail')!.textContent).toMatch(/Hint: /);
    await waitFor(() => expect((container.querySelector('.timeline') as HTMLElement).dataset.selectedSeq).toBe(String(finding.seq)));
    expect((container.querySelector('.timeline') as HTMLElement).dataset.evidenceSeqs).toBe(finding.evidence.join(' '));
  });

  it('renders payload markup as inert text in the table, the detail and the JSON tree', () => {
    const store = loadedStore();
    const { container } = render(<App store={store} />);
    const row = [...container.querySelectorAll<HTMLElement>('.frame-row')].find((r) => r.querySelector('.c-data')!.textContent === '<img src=x onerror=alert(1)>')!;
    expect(row).toBeDefined();
    fireEvent.click(row);
    expect(container.querySelector('.detail .payload')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(container.querySelectorAll('img').length).toBe(0);
    // Inside a JSON payload, the tree shows the value as a string.
    const s2 = loadedStore(events([[0, { type: 'ws-create', conn: 'x', url: 'wss://h/s', protocols: [], frameUrl: '' }], [5, { type: 'ws-message', conn: 'x', opcode: 1, size: 40, data: '{"html":"<img src=x onerror=alert(1)>"}', encoding: 'text', truncated: false }]]));
    cleanup();
    const r2 = render(<App store={s2} />);
    fireEvent.click(r2.container.querySelector('.frame-row')!);
    expect(r2.container.querySelector('.json-tree .jv-string')!.textContent).toBe('"<img src=x onerror=alert(1)>"');
    expect(r2.container.querySelectorAll('img').length).toBe(0);
  });

  it('filters by kind, direction and /regex/, and moves the selection with the keyboard', async () => {
    const store = loadedStore();
    const { container } = render(<App store={store} />);
    const chip = (label: string) => [...container.querySelectorAll<HTMLButtonElement>('.filter-bar .chip')].find((b) => b.textContent === label)!;
    fireEvent.click(chip('lifecycle'));
    fireEvent.click(chip('↑ out'));
    store.flush();
    await waitFor(() => expect(rowTexts(container).map((t) => t.split(' ')[0])).toEqual(['hello', 'data', 'data', 'ping', 'hello', 'data', 'data']));
    const search = container.querySelector<HTMLInputElement>('.filter-bar .search')!;
    fireEvent.input(search, { target: { value: '/stream_position":4[15]\\b/' } });
    await waitFor(() => expect(store.filterSpec.value.search).toBe('/stream_position":4[15]\\b/'));
    store.flush();
    await waitFor(() => expect(rowTexts(container)).toEqual(['data {"type":"event","stream_position":41}', 'hello {"type":"hello","tenant_id":"t-1","stream_position":45}', 'data {"type":"event","stream_position":45}']));
    fireEvent.input(search, { target: { value: '/(/' } });
    await waitFor(() => expect(container.querySelector('.filter-count .err')).not.toBeNull());
    fireEvent.input(search, { target: { value: '' } });
    await waitFor(() => expect(store.filterSpec.value.search).toBe(''));
    store.flush();
    fireEvent.click([...container.querySelectorAll<HTMLButtonElement>('.filter-bar button')].find((b) => b.textContent === 'Reset')!);
    store.flush();
    await waitFor(() => expect(container.querySelectorAll('.t-row').length).toBe(13));
    const grid = container.querySelector<HTMLElement>('.frame-table')!;
    fireEvent.keyDown(grid, { key: 'Home' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await waitFor(() => expect(container.querySelector('.t-row.selected .c-data')!.textContent).toBe('open'));
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    await waitFor(() => expect(container.querySelector('.t-row.selected .c-data')!.textContent).toBe('{"type":"event","stream_position":41}'));
    const list = container.querySelector<HTMLElement>('.findings-scroll')!;
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(store.selectedFinding.value).toBe(`${store.analysis.value!.findings[0]!.code}@${store.analysis.value!.findings[0]!.seq}@${String(store.analysis.value!.findings[0]!.conn ?? '')}@${String(store.analysis.value!.findings[0]!.req ?? '')}`);
  });

  it('toggling a severity in the toolbar hides those findings', () => {
    const store = loadedStore();
    const { container, getByTestId } = render(<App store={store} />);
    const before = container.querySelectorAll('.finding').length;
    fireEvent.click(getByTestId('count-warning'));
    const after = container.querySelectorAll('.finding').length;
    expect(after).toBe(before - store.analysis.value!.counts.warning);
    expect(container.querySelector('.findings .pane-head')!.textContent).toMatch(/hidden/);
  });

  it('shows binary payloads as hex and base64 with the true size and a truncation note', () => {
    const store = loadedStore(events([
      [0, { type: 'ws-create', conn: 'b', url: 'wss://h/bin', protocols: [], frameUrl: '' }],
      [5, { type: 'ws-message', conn: 'b', opcode: 2, size: 100_000, data: '3q2+7w==', encoding: 'base64', truncated: true }],
    ]));
    const { container } = render(<App store={store} />);
    fireEvent.click(container.querySelector('.frame-row')!);
    expect(container.querySelector('.detail-note')!.textContent).toMatch(/Preview truncated: 4 B of 97\.7 KiB shown/);
    expect(container.querySelector('.detail .payload')!.textContent).toMatch(/^00000000  de ad be ef {30,} \|\.\.\.\.\|$/);
    fireEvent.click([...container.querySelectorAll<HTMLButtonElement>('.detail-tabs .tab')].find((b) => b.textContent === 'Base64')!);
    expect(container.querySelector('.detail .payload')!.textContent).toBe('3q2+7w==');
    expect(container.querySelector('.frame-row .c-size')!.textContent).toBe('97.7 KiB');
  });

  it('renders a store whose trace was loaded with the viewer API (no toolbar actions)', () => {
    const store = loadedStore(skipSyncEvents());
    const { container } = render(<App store={store} actions={{ onImport: () => {}, onExport: () => {} }} />);
    const labels = [...container.querySelectorAll('.toolbar button')].map((b) => b.textContent);
    expect(labels).toContain('Import');
    expect(labels).toContain('Export');
    expect(labels).not.toContain('Clear');
  });
});
