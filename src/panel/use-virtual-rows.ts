/**
 * Virtualized rows for long lists of fixed-height rows, so 1,000,000 rows render only what is
 * visible (plus {@link OVERSCAN} rows each side). The window is arithmetic on the scroll offset
 * (first row = ⌊scrollTop / rowHeight⌋), so nothing is measured per row and nothing grows with
 * the row count.
 *
 * The list re-renders for scrolling and resizing only when the window of rows changes, never
 * for the scroll itself. A list that follows its newest rows (`stickToEnd`) renders the window
 * at its end directly: the caller scrolls to the end in a layout effect, before the paint, so a
 * new row costs one render, not a render and a second one when the scroll event arrives.
 */
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';

/** Height assumed for a scroll container that has not been laid out yet, CSS px. */
export const UNMEASURED_HEIGHT = 600;
/** Rows rendered beyond each edge of the visible ones. */
export const OVERSCAN = 6;

/** One rendered row: its index in the list and its top, CSS px. */
export interface VirtualRow {
  index: number;
  start: number;
}

/** Visible rows and the total height for a scroll container. */
export interface VirtualRows {
  items: VirtualRow[];
  totalSize: number;
  /** Scrolls the least needed to show row `index` (clamped to the list). */
  scrollToIndex(index: number): void;
}

/** Rows [first, last] (inclusive; last < first when none) to render for a scroll offset and viewport height, CSS px. */
export function rowWindow(count: number, rowHeight: number, scrollTop: number, height: number): { first: number; last: number } {
  const maxTop = Math.max(0, count * rowHeight - height);
  const top = Math.max(0, Math.min(scrollTop, maxTop));
  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((top + height) / rowHeight) - 1 + OVERSCAN);
  return { first, last };
}

/**
 * @param count number of rows
 * @param rowHeight row height in CSS pixels
 * @param scrollRef the scrolling element
 * @param stickToEnd true while the list renders the rows at its end (the caller keeps the
 *   element scrolled there); read at each render and each scroll
 */
export function useVirtualRows(count: number, rowHeight: number, scrollRef: { current: HTMLElement | null }, stickToEnd: () => boolean = () => false): VirtualRows {
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  /** The element's last read scroll offset and height, CSS px. */
  const view = useRef({ top: 0, height: UNMEASURED_HEIGHT });
  const shown = useRef({ first: 0, last: -1 });
  const live = useRef({ count, rowHeight, stickToEnd });
  live.current = { count, rowHeight, stickToEnd };
  const attached = useRef<{ el: HTMLElement; off: () => void } | null>(null);

  /** Reads the element; re-renders when the window of rows changed. */
  const read = (): void => {
    const el = scrollRef.current;
    if (!el) return;
    // Before layout (or without one, e.g. happy-dom) the element measures 0 px high: render a
    // screenful instead of nothing.
    view.current = { top: el.scrollTop, height: el.clientHeight > 0 ? el.clientHeight : UNMEASURED_HEIGHT };
    const L = live.current;
    const w = rowWindow(L.count, L.rowHeight, L.stickToEnd() ? Infinity : view.current.top, view.current.height);
    if (w.first !== shown.current.first || w.last !== shown.current.last) rerender(0);
  };
  const readRef = useRef(read);
  readRef.current = read;

  // Listen to the element's scrolling and size (again when the element changes).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (attached.current?.el === el) return;
    attached.current?.off();
    attached.current = null;
    if (!el) return;
    const on = (): void => readRef.current();
    el.addEventListener('scroll', on, { passive: true });
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(on) : undefined;
    ro?.observe(el);
    attached.current = {
      el,
      off: () => {
        el.removeEventListener('scroll', on);
        ro?.disconnect();
      },
    };
    on();
  });
  useLayoutEffect(() => () => attached.current?.off(), []);

  const w = rowWindow(count, rowHeight, stickToEnd() ? Infinity : view.current.top, view.current.height);
  shown.current = w;
  const items: VirtualRow[] = [];
  for (let i = w.first; i <= w.last; i++) items.push({ index: i, start: i * rowHeight });
  return {
    items,
    totalSize: count * rowHeight,
    scrollToIndex: (index) => {
      const el = scrollRef.current;
      if (!el || count === 0) return;
      const i = Math.max(0, Math.min(count - 1, index));
      const h = el.clientHeight > 0 ? el.clientHeight : UNMEASURED_HEIGHT;
      const top = i * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + h) el.scrollTop = top + rowHeight - h;
      else return;
      readRef.current();
    },
  };
}
