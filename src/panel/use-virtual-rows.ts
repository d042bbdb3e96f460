/**
 * Virtualized rows for long lists, on @tanstack/virtual-core (a well-kept virtualizer, so
 * 1,000,000 rows render only what is visible). Fixed row height keeps measuring O(1).
 */
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect, type VirtualItem } from '@tanstack/virtual-core';

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
      observeElementRect,
      observeElementOffset,
      overscan: 10,
      onChange: () => rerender(0),
    });
    ref.current = inst;
    return inst;
  }, [rowHeight]);
  v.setOptions({ ...v.options, count });
  useEffect(() => v._didMount(), [v]);
  useLayoutEffect(() => {
    v._willUpdate();
  });
  return {
    items: v.getVirtualItems(),
    totalSize: v.getTotalSize(),
    scrollToIndex: (i) => v.scrollToIndex(i, { align: 'auto' }),
  };
}
