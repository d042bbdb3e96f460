// @vitest-environment happy-dom
/** Fixed-height virtual rows: the window arithmetic, and re-renders only when the window changes. */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/preact';
import { useRef } from 'preact/hooks';
import { OVERSCAN, UNMEASURED_HEIGHT, rowWindow, useVirtualRows } from '../../../src/panel/use-virtual-rows';

afterEach(cleanup);

describe('rowWindow', () => {
  it('covers the visible rows plus the overscan, clamped to the list', () => {
    expect(rowWindow(1000, 20, 0, 100)).toEqual({ first: 0, last: 4 + OVERSCAN });
    expect(rowWindow(1000, 20, 400, 100)).toEqual({ first: 20 - OVERSCAN, last: 24 + OVERSCAN });
    // Past the end (or stuck to it): the last screenful.
    expect(rowWindow(1000, 20, Infinity, 100)).toEqual({ first: 995 - OVERSCAN, last: 999 });
    expect(rowWindow(3, 20, 0, 100)).toEqual({ first: 0, last: 2 });
    expect(rowWindow(0, 20, 0, 100).last).toBeLessThan(0);
  });

  it('never renders more than a screenful and the overscan of 1,000,000 rows', () => {
    const w = rowWindow(1_000_000, 22, 11_000_000, 600);
    expect(w.last - w.first + 1).toBeLessThanOrEqual(Math.ceil(600 / 22) + 1 + 2 * OVERSCAN);
    expect(w.first).toBe(500_000 - OVERSCAN);
  });
});

describe('useVirtualRows', () => {
  let renders = 0;
  function List({ count, stick }: { count: number; stick: boolean }) {
    renders++;
    const ref = useRef<HTMLDivElement>(null);
    const v = useVirtualRows(count, 20, ref, () => stick);
    return (
      <div ref={ref} class="scroll">
        <div style={{ height: `${v.totalSize}px` }}>
          {v.items.map((it) => (
            <div key={it.index} class="row" data-i={it.index} style={{ top: `${it.start}px` }} />
          ))}
        </div>
        <button type="button" onClick={() => v.scrollToIndex(500)}>go</button>
      </div>
    );
  }

  it('renders a screenful, the end while stuck to it, and re-renders for a scroll only when the window moved', () => {
    renders = 0;
    const { container, rerender } = render(<List count={1000} stick={false} />);
    const rows = () => [...container.querySelectorAll('.row')].map((r) => Number((r as HTMLElement).dataset.i));
    expect(rows()[0]).toBe(0);
    expect(rows().length).toBe(UNMEASURED_HEIGHT / 20 + OVERSCAN);
    const el = container.querySelector('.scroll') as HTMLElement;
    const scroll = (top: number): void => {
      void act(() => {
        el.scrollTop = top;
        el.dispatchEvent(new Event('scroll'));
      });
    };
    scroll(405);
    expect(rows()[0]).toBe(20 - OVERSCAN);
    const before = renders;
    scroll(415); // the same rows are visible: no render
    expect(renders).toBe(before);
    void act(() => (container.querySelector('button') as HTMLButtonElement).click());
    expect(rows()).toContain(500);
    rerender(<List count={1200} stick={true} />);
    expect(rows()[rows().length - 1]).toBe(1199);
  });
});
