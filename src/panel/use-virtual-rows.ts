/**
 * Virtualized rows for long lists, on @tanstack/virtual-core (a well-kept virtualizer, so
 * 1,000,000 rows render only what is visible). Rows have a fixed height.
 *
 * The virtualizer recomputes its measurements (O(count)) whenever `count` changes. A live list
 * grows every frame, so the count handed to it is rounded up to a power of two (its
 * "capacity"): the O(n) pass then runs O(log n) times while the list grows. Items at or past
 * the real count are dropped and the total size is computed from the real count, so nothing
 * of the padding is ever visible.
 */
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect, type VirtualItem } from '@tanstack/virtual-core';

/** Height assumed for a scroll container that has not been laid out yet, CSS px. */
export const UNMEASURED_HEIGHT = 600;

/** Visible rows and the total height for a scroll container. */
export interface VirtualRows {
  items: VirtualItem[];
  totalSize: number;
  scrollToIndex(index: number): void;
}

/**
 * @param count number of rows
 * @param rowHeight row height in CSS pixels
 * @param scrollRef the scrolling element
 */
export function useVirtualRows(count: number, rowHeight: number, scrollRef: { current: HTMLElement | null }): VirtualRows {
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const ref = useRef<Virtualizer<HTMLElement, Element> | null>(null);
  const v = useMemo(() => {
    const inst = new Virtualizer<HTMLElement, Element>({
      count,
      getScrollElement: () => scrollRef.current,
      estimateSize: () => rowHeight,
      scrollToFn: elementScroll,
      // Before layout (or without one, e.g. happy-dom) the element measures 0 px high: render a
      // screenful instead of nothing.
      observeElementRect: (inst, cb) => observeElementRect(inst, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: UNMEASURED_HEIGHT })),
      observeElementOffset,
      overscan: 6,
      onChange: () => rerender(0),
    });
    ref.current = inst;
    return inst;
  }, [rowHeight]);
  v.setOptions({ ...v.options, count: capacityFor(count) });
  useEffect(() => v._didMount(), [v]);
  useLayoutEffect(() => {
    v._willUpdate();
  });
  const all = v.getVirtualItems();
  return {
    items: all.length && all[all.length - 1]!.index >= count ? all.filter((it) => it.index < count) : all,
    totalSize: count * rowHeight,
    scrollToIndex: (i) => v.scrollToIndex(Math.max(0, Math.min(count - 1, i)), { align: 'auto' }),
  };
}

/** Count handed to the virtualizer: the next power of two ≥ `count` (at least 64). */
export function capacityFor(count: number): number {
  let c = 64;
  while (c < count) c *= 2;
  return c;
}
