/**
 * Virtualized rows for long lists of fixed-height rows, on @tanstack/virtual-core (a well-kept
 * virtualizer), so 1,000,000 rows render only what is visible (plus {@link OVERSCAN} rows each
 * side).
 *
 * Renders, and how this hook keeps them to one per change of the window of rows:
 * - Scrolling: the virtualizer reports every change of its range and of its is-scrolling state
 *   (`onChange`); the hook re-renders only when the window of rows it rendered last would
 *   differ, never for the scroll itself or for scrolling starting and stopping.
 * - Growth: the virtualizer rebuilds its measurements (O(count)) whenever its count changes. A
 *   live list grows every frame, so the count handed to it is its capacity, rounded up to a
 *   power of two ({@link capacityFor}): the rebuild runs O(log n) times while the list grows.
 *   Rows at or past the real count are dropped and the total size is the real count's, so none
 *   of the padding is ever visible.
 * - Following: a list that follows its newest rows (`stickToEnd`) renders the window at its
 *   end directly (the virtualizer is handed the end offset before it computes its range); the
 *   caller scrolls there before the paint, so a new row costs one render, not a render and a
 *   second one when the scroll event arrives.
 */
import { useLayoutEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';

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

/** Count handed to the virtualizer: the next power of two ≥ `count` (at least 64). */
export function capacityFor(count: number): number {
  let c = 64;
  while (c < count) c *= 2;
  return c;
}

/**
 * @param count number of rows
 * @param rowHeight row height in CSS pixels
 * @param scrollRef the scrolling element
 * @param stickToEnd true while the list renders the rows at its end (the caller keeps the
 *   element scrolled there); read at each render and each change the virtualizer reports
 */
export function useVirtualRows(count: number, rowHeight: number, scrollRef: { current: HTMLElement | null }, stickToEnd: () => boolean = () => false): VirtualRows {
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const live = useRef({ count, stickToEnd });
  live.current = { count, stickToEnd };
  /** The window of rows rendered last: first and last index (last < first when none). */
  const shown = useRef({ first: 0, last: -1 });

  const virt = useMemo(() => {
    const inst: Virtualizer<HTMLElement, Element> = new Virtualizer<HTMLElement, Element>({
      count: capacityFor(count),
      getScrollElement: () => scrollRef.current,
      estimateSize: () => rowHeight,
      scrollToFn: elementScroll,
      // Before layout (or without one, e.g. happy-dom) the element measures 0 px high: render a
      // screenful instead of nothing, from the first render on.
      initialRect: { width: 0, height: UNMEASURED_HEIGHT },
      observeElementRect: (i, cb) => observeElementRect(i, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: UNMEASURED_HEIGHT })),
      observeElementOffset,
      overscan: OVERSCAN,
      onChange: () => update(),
    });
    /** Re-renders when the window of rows moved since the last render. */
    const update = (): void => {
      const w = windowOf(inst, live.current.count, rowHeight, live.current.stickToEnd());
      if (w.first !== shown.current.first || w.last !== shown.current.last) rerender(0);
    };
    return { inst, update };
  }, [rowHeight]);
  const v = virt.inst;
  v.setOptions({ ...v.options, count: capacityFor(count) });
  // Attach to the scroll element (again when it changes), detach on unmount.
  useLayoutEffect(() => v._didMount(), [v]);
  useLayoutEffect(() => {
    v._willUpdate();
  });

  const w = windowOf(v, count, rowHeight, stickToEnd());
  shown.current = w;
  const items: VirtualRow[] = [];
  for (let i = w.first; i <= w.last; i++) items.push({ index: i, start: i * rowHeight });
  return {
    items,
    totalSize: count * rowHeight,
    scrollToIndex: (i) => {
      const el = scrollRef.current;
      if (!el || count === 0) return;
      v.scrollToIndex(Math.max(0, Math.min(count - 1, i)), { align: 'auto' });
      // The element has taken the write; its scroll event (which the virtualizer reads) comes
      // only with the next frame. Move the window now, so it renders with whatever asked for
      // the row (a selection), in one render.
      if (el.scrollTop !== v.scrollOffset) {
        v.scrollOffset = el.scrollTop;
        virt.update();
      }
    },
  };
}

/**
 * The window of rows [first, last] (last < first when none) the virtualizer gives for its
 * scroll offset, or for the end of the list's `count` rows while `atEnd`, cut to the real count
 * (the virtualizer's count is the capacity). Sets the virtualizer's offset when at the end.
 */
function windowOf(v: Virtualizer<HTMLElement, Element>, count: number, rowHeight: number, atEnd: boolean): { first: number; last: number } {
  // The element's greatest scroll offset: where the caller's scroll to the end lands, and where
  // the element clamps an offset the list no longer reaches (it shrank; the virtualizer clamps
  // only to its capacity until the element reports the clamped offset).
  const max = Math.max(0, count * rowHeight - (v.scrollRect?.height ?? UNMEASURED_HEIGHT));
  if (atEnd || (v.scrollOffset ?? 0) > max) v.scrollOffset = max;
  const all = v.getVirtualItems();
  let first = 0;
  let last = -1;
  if (all.length > 0 && all[0]!.index < count) {
    first = all[0]!.index;
    last = Math.min(count - 1, all[all.length - 1]!.index);
  }
  return { first, last };
}
