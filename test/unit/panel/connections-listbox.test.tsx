// @vitest-environment happy-dom
/**
 * The timeline's Connections list is an operable listbox (docs/design.md#panel-and-viewer): one
 * Tab stop only while it has lanes, its active lane is its aria-activedescendant (the selected
 * connection, else the newest), Up/Down/Home/End move it, Enter and Space focus that
 * connection, Escape shows all again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { TimelineGutter } from '../../../src/panel/timeline/gutter';
import { PanelStore } from '../../../src/panel/store';
import { timelineRows } from '../../../src/core/view/timeline-rows';
import { loadedStore, manualScheduler } from './harness';

afterEach(cleanup);

function gutter(store: PanelStore, collapsed: ReadonlySet<string> = new Set()) {
  const rows = timelineRows(store.index, collapsed);
  const view = render(<TimelineGutter store={store} rows={rows} scrollTop={0} height={400} collapsed={collapsed} onToggle={() => {}} width={300} />);
  const box = view.getByRole('listbox', { name: 'Connections' });
  const active = (): string => box.querySelector(`#${box.getAttribute('aria-activedescendant')}`)!.querySelector('.conn-name')!.textContent!;
  return { box, active, rows };
}

describe('Connections listbox', () => {
  it('is not a Tab stop without lanes', () => {
    const { box } = gutter(new PanelStore(manualScheduler()));
    expect(box.tabIndex).toBe(-1);
    expect(box.getAttribute('aria-activedescendant')).toBeNull();
  });

  it('is not a Tab stop while every session is collapsed', () => {
    const store = loadedStore();
    const keys = new Set(timelineRows(store.index).filter((r) => r.type === 'session').map((r) => (r as { key: string }).key));
    const { box } = gutter(store, keys);
    expect(box.tabIndex).toBe(-1);
  });

  it('starts on the newest lane; arrows, Home and End move the active lane and the selection', () => {
    const store = loadedStore();
    const { box, active } = gutter(store);
    expect(box.tabIndex).toBe(0);
    expect(box.style.height).not.toBe('');
    expect(active()).toBe('#2');
    expect(box.querySelector('.conn-row.active .conn-name')!.textContent).toBe('#2');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(active()).toBe('#1');
    expect(box.querySelector('[aria-selected=true] .conn-name')!.textContent).toBe('#1');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(active()).toBe('#1');
    fireEvent.keyDown(box, { key: 'End' });
    expect(active()).toBe('#2');
    fireEvent.keyDown(box, { key: 'Home' });
    expect(active()).toBe('#1');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(active()).toBe('#2');
  });

  it('Enter or Space focuses the active connection; Escape shows all', () => {
    const store = loadedStore();
    const { box } = gutter(store);
    const [first, second] = store.index.lanes.map((l) => l.conn);
    fireEvent.keyDown(box, { key: 'Home' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(store.filterSpec.value.conn).toBe(first);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: ' ' });
    expect(store.filterSpec.value.conn).toBe(second);
    expect(box.querySelector('.conn-row.focused .conn-name')!.textContent).toBe('#2');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(store.filterSpec.value.conn).toBeUndefined();
  });
});
