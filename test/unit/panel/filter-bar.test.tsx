// @vitest-environment happy-dom
/**
 * The filter bar's connection list costs nothing per connection until it is used: rendered
 * while a many-connection trace is indexed slice by slice, it builds no option per connection
 * (kept in step, it rebuilt every option at every slice: work quadratic in connections).
 * Opened, it lists every connection; the focused one always shows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import type { TraceEvent } from '../../../src/core/events';
import { FilterBar } from '../../../src/panel/filter-bar';
import { PanelStore } from '../../../src/panel/store';
import { manualScheduler } from './harness';

afterEach(cleanup);

/** `n` short connections: create, open, two frames, close. */
function shortConnections(n: number): TraceEvent[] {
  const evs: TraceEvent[] = [];
  let seq = 0;
  let t = 1_700_000_000_000;
  const e = (x: Record<string, unknown>) => evs.push({ seq: ++seq, t: (t += 3), ...x } as unknown as TraceEvent);
  for (let i = 0; i < n; i++) {
    const conn = `1.${i + 1}`;
    e({ type: 'ws-create', conn, url: 'ws://127.0.0.1:8080/feed', protocols: [], frameUrl: 'https://app.example.com/' });
    e({ type: 'ws-open', conn, protocol: '', extensions: '' });
    for (let k = 0; k < 2; k++) e({ type: 'ws-message', conn, opcode: 1, size: 9, data: `{"n":${k}}`, encoding: 'text', truncated: false });
    e({ type: 'ws-close', conn, code: 1000, reason: '', wasClean: true });
  }
  return evs;
}

describe('filter bar connection list', () => {
  it('builds no option per connection while the trace is indexed in slices; opened, lists them all', () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched, () => 1_700_000_100_000);
    const { container } = render(<FilterBar store={store} />);
    const select = container.querySelector<HTMLSelectElement>('select[aria-label="Connection"]')!;
    let optionsBuilt = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const node of r.addedNodes) if (node.nodeName === 'OPTION') optionsBuilt++;
    }).observe(select, { childList: true });
    act(() => store.load(shortConnections(2000), { profile: 'auto' }));
    // Every slice of indexing and analysis, each followed by a render of the bar.
    for (let i = 0; i < 200; i++) act(() => sched.run());
    act(() => store.flush());
    expect(store.index.lanes.length).toBe(2000);
    expect(select.options.length).toBe(1);
    expect(optionsBuilt).toBe(0);

    act(() => void fireEvent.focus(select));
    expect(select.options.length).toBe(2001);
    act(() => void fireEvent.change(select, { target: { value: '1.1500' } }));
    expect(store.filterSpec.value.conn).toBe('1.1500');
    act(() => void fireEvent.blur(select));
    expect([...select.options].map((o) => o.value)).toEqual(['', '1.1500']);
    expect(select.value).toBe('1.1500');
  });
});
