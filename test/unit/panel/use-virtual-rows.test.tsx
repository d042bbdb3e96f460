// @vitest-environment happy-dom
/** Fixed-height virtual rows: the window of rows, the virtualizer's capacity, and re-renders only when the window changes. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/preact';
import { useRef } from 'preact/hooks';
import { OVERSCAN, UNMEASURED_HEIGHT, capacityFor, useVirtualRows } from '../../../src/panel/use-virtual-rows';

afterEach(cleanup);

// happy-dom lays nothing out: a scroll element (class "scroll") reports the height a test gives
// it (0, i.e. not laid out, unless told) and the height of its sizer (its first child) as its
// scroll height (the virtualizer clamps a scroll command to the element's greatest offset).
let height = 0;
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const scrollHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'scrollHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('scroll') ? height : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('scroll') ? parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? '') || 0 : 0;
    },
  });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  if (scrollHeight) Object.defineProperty(HTMLElement.prototype, 'scrollHeight', scrollHeight);
});

describe('capacityFor', () => {
  it('rounds the virtualizer count up to a power of two', () => {
    expect([0, 64, 65, 1000, 1_000_000].map(capacityFor)).toEqual([64, 64, 128, 1024, 1_048_576]);
  });
});

describe('the window of rows', () => {
  function Rows({ count, rowHeight, stick }: { count: number; rowHeight: number; stick: boolean }) {
    const ref = useRef<HTMLDivElement>(null);
    const v = useVirtualRows(count, rowHeight, ref, () => stick);
    return (
      <div ref={ref} class="scroll">
        <div style={{ height: `${v.totalSize}px` }}>
          {v.items.map((it) => (
            <div key={it.index} class="row" data-i={it.index} />
          ))}
        </div>
      </div>
    );
  }
  /** Rows [first, last] rendered for `count` rows scrolled to `top` in a `h` px high element. */
  const windowFor = (count: number, rowHeight: number, top: number, h: number): { first: number; last: number } => {
    height = h;
    const stick = top === Infinity;
    const { container, unmount } = render(<Rows count={count} rowHeight={rowHeight} stick={stick} />);
    const el = container.querySelector('.scroll') as HTMLElement;
    if (!stick) {
      void act(() => {
        el.scrollTop = top;
        el.dispatchEvent(new Event('scroll'));
      });
    }
    const rows = [...container.querySelectorAll('.row')].map((r) => Number((r as HTMLElement).dataset.i));
    unmount();
    height = 0;
    return rows.length ? { first: rows[0]!, last: rows[rows.length - 1]! } : { first: 0, last: -1 };
  };

  it('covers the visible rows plus the overscan, clamped to the list', () => {
    expect(windowFor(1000, 20, 0, 100)).toEqual({ first: 0, last: 4 + OVERSCAN });
    expect(windowFor(1000, 20, 400, 100)).toEqual({ first: 20 - OVERSCAN, last: 24 + OVERSCAN });
    // Stuck to the end: the last screenful.
    expect(windowFor(1000, 20, Infinity, 100)).toEqual({ first: 995 - OVERSCAN, last: 999 });
    expect(windowFor(3, 20, 0, 100)).toEqual({ first: 0, last: 2 });
    expect(windowFor(0, 20, 0, 100).last).toBeLessThan(0);
  });

  it('never renders more than a screenful and the overscan of 1,000,000 rows', () => {
    const w = windowFor(1_000_000, 22, 11_000_000, 600);
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
    vi.useFakeTimers();
    try {
      windowMoves();
    } finally {
      vi.useRealTimers();
    }
  });

  function windowMoves(): void {
    renders = 0;
    const { container, rerender } = render(<List count={1000} stick={false} />);
    const rows = () => [...container.querySelectorAll('.row')].map((r) => Number((r as HTMLElement).dataset.i));
    expect(rows()[0]).toBe(0);
    expect(rows().length).toBe(UNMEASURED_HEIGHT / 20 + OVERSCAN);
    expect(renders).toBe(1); // the first render already has the screenful: none to follow

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
    // Scrolling stops (the virtualizer's is-scrolling state resets after 150 ms): no render.
    void act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(renders).toBe(before);
    void act(() => (container.querySelector('button') as HTMLButtonElement).click());
    expect(rows()).toContain(500);
    rerender(<List count={1200} stick={true} />);
    expect(rows()[rows().length - 1]).toBe(1199);
    // A new row while stuck to the end: one render, with the new row in it.
    const grown = renders;
    rerender(<List count={1201} stick={true} />);
    expect(rows()[rows().length - 1]).toBe(1200);
    expect(renders).toBe(grown + 1);
  }
});
