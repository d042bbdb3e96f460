// @vitest-environment happy-dom
/**
 * The detail pane puts a bounded prefix of a large payload into the page (a 50 MB text frame as
 * one text node froze it for a minute): a note says how much is shown, Save takes the whole
 * payload, a JSON tree is built only below its cap, and long JSON strings show their start.
 * The payload stays text, never markup.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, act, fireEvent } from '@testing-library/preact';
import { FrameDetail, SHOWN_TEXT_CAP, TREE_TEXT_CAP } from '../../../src/panel/frame-detail';
import { formatCount } from '../../../src/core/view/count-format';
import { STRING_SHOWN_CAP } from '../../../src/panel/json-tree';
import { PanelStore } from '../../../src/panel/store';
import { manualScheduler } from './harness';

afterEach(cleanup);

function storeWith(data: string): PanelStore {
  const store = new PanelStore(manualScheduler());
  store.load([
    { seq: 1, t: 1_700_000_000_000, type: 'ws-create', conn: 'c', url: 'wss://a.example/s', protocols: [], frameUrl: 'https://a.example/' },
    { seq: 2, t: 1_700_000_000_010, type: 'ws-open', conn: 'c', protocol: '', extensions: '' },
    { seq: 3, t: 1_700_000_000_020, type: 'ws-message', conn: 'c', opcode: 1, size: data.length, data, encoding: 'text', truncated: false },
  ]);
  store.flush();
  act(() => store.selectEvent(2));
  return store;
}

describe('detail pane of a large payload', () => {
  it('shows the first 256 Ki characters of a large text frame, says so, and saves the whole payload', async () => {
    const data = '<b>x</b>' + 'a'.repeat(3 * 1024 * 1024);
    const store = storeWith(data);
    const { container, getByTestId, getByText } = render(<FrameDetail store={store} />);
    const pre = container.querySelector('pre.payload')!;
    expect(pre.textContent!.length).toBe(SHOWN_TEXT_CAP);
    expect(pre.textContent!.startsWith('<b>x</b>')).toBe(true);
    expect(pre.querySelector('b')).toBeNull(); // text, never markup
    expect(getByTestId('payload-cut').textContent).toBe(`Showing the first ${formatCount(SHOWN_TEXT_CAP)} of ${formatCount(data.length)} characters: Copy or Save takes the whole payload.`);
    let saved: Blob | undefined;
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => { saved = b as Blob; return 'blob:x'; });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    fireEvent.click(getByText('Save'));
    expect(create).toHaveBeenCalled();
    expect(await saved!.text()).toBe(data);
    vi.restoreAllMocks();
  });

  it('a small text frame is shown whole with no note', () => {
    const store = storeWith('hello <i>world</i>');
    const { container, queryByTestId } = render(<FrameDetail store={store} />);
    expect(container.querySelector('pre.payload')!.textContent).toBe('hello <i>world</i>');
    expect(queryByTestId('payload-cut')).toBeNull();
  });

  it('no JSON tree above its cap: the text view, capped', () => {
    const data = JSON.stringify({ rows: Array.from({ length: 40000 }, (_, i) => ({ i, pad: 'p'.repeat(20) })) });
    expect(data.length).toBeGreaterThan(TREE_TEXT_CAP);
    const store = storeWith(data);
    const { container, getByTestId } = render(<FrameDetail store={store} />);
    expect(container.querySelector('.json-tree')).toBeNull();
    expect(container.querySelector('pre.payload')!.textContent!.length).toBe(SHOWN_TEXT_CAP);
    expect(getByTestId('payload-cut').textContent).toContain('(too large for the JSON tree)');
  });

  it('a JSON string longer than its cap shows its start and how many characters follow', () => {
    const long = 'z'.repeat(STRING_SHOWN_CAP + 5000);
    const store = storeWith(JSON.stringify({ type: 'blob', body: long }));
    const { container } = render(<FrameDetail store={store} />);
    const tree = container.querySelector('.json-tree')!;
    expect(tree).not.toBeNull();
    expect(tree.textContent!.length).toBeLessThan(STRING_SHOWN_CAP + 200);
    expect(tree.textContent).toContain('… 5,000 more characters (Copy JSON for all)');
  });
});
