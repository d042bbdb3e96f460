/**
 * The frames table: every frame, lifecycle event and sync request that passes the filter,
 * virtualized with @tanstack/virtual-core (use-virtual-rows.ts), so 1,000,000 rows render only
 * what is visible. Columns: time (clock), time relative to the connection's open, connection,
 * direction, kind, true size, stream position, preview. Payload text is rendered as text nodes
 * only, never as markup. Keyboard: arrows, Page Up/Down, Home/End move the selection; rows of
 * the selected finding's evidence are marked. While scrolled to the bottom (and no row is
 * selected) it follows new rows: it renders the newest rows and scrolls to them before the
 * paint, one render per update.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { PanelStore } from './store';
import { formatClock } from '../core/format';
import { KIND_LIFECYCLE } from '../core/view/row-index';
import { dirArrow, faultNote, kindLabel, positionLabel, relativeToOpen, relativeToOpenNote, rowPreview, sendStateNote, sizeLabel } from '../core/view/row-text';
import { faultTrackOf } from './fault-actions';
import { useVirtualRows } from './use-virtual-rows';
import { visibleText } from '../core/visible-text';
import { isContextMenuKey, useBreakMenu } from './break-menu';
import { tableEmptyText } from '../core/view/empty-text';

/** Row height in CSS pixels. */
export const FRAME_ROW_HEIGHT = 22;

/** Props: the store (rows, selection) and whether the Conn column is shown. */
export interface FrameTableProps {
  store: PanelStore;
}

/** The virtualized table of the store's filtered rows (see the module comment). */
export function FrameTable({ store }: FrameTableProps) {
  void store.version.value;
  const scrollRef = useRef<HTMLDivElement>(null);
  const filter = store.filter;
  const count = filter.count;
  const selEi = store.selectedEvent.value;
  const selRow = selEi === undefined ? -1 : store.index.rowOfEvent(selEi);
  const pos = selRow < 0 ? -1 : filter.positionOf(selRow);
  // A live capture starts following its newest rows; a loaded trace starts at its beginning.
  const stick = useRef(store.live.value);
  const selected = useRef(pos >= 0);
  selected.current = pos >= 0;
  const v = useVirtualRows(count, FRAME_ROW_HEIGHT, scrollRef, () => stick.current && !selected.current);
  const evidence = store.evidence.value;
  const evidenceSet = useMemo(() => new Set(evidence), [evidence]);
  const ctx = store.textContext();
  // Rows are keyed by their position in the list modulo a power of two at least the window's
  // length (unique within the window), not by event: a row that stays in the window keeps its
  // elements, and rewrites its texts when its position comes to show another event (a filter
  // change, a rebuilt index). The key of a row that enters the window differs from the key of
  // the one that left (unless the window is exactly that power of two long), so rows that leave
  // on a scroll (or as following moves the window down) are removed and entering ones created.
  // The rows of the window flow in one block moved to the window's first row (one transform
  // for the window, not one absolutely placed layer per row): measured about 15 % less style,
  // paint and layerize work per scroll frame (scripts/bench-panel.ts, scroll).
  const slots = slotCount(v.items.length);

  // Follow new rows while scrolled to the bottom (live capture), before the paint.
  // Also when the selection is cleared: the rows at the end are rendered again at once. As a
  // microtask: after the other views of this render tick changed the DOM (a scroll write lays
  // the document out; before them it would be laid out twice), still before the paint.
  useLayoutEffect(() => {
    if (!(stick.current && count > 0 && pos < 0)) return;
    queueMicrotask(() => {
      const el = scrollRef.current;
      if (el && stick.current && !selected.current) el.scrollTop = el.scrollHeight;
    });
  }, [count, pos < 0]);
  // Reveal a selection made elsewhere (timeline, findings).
  useEffect(() => {
    if (pos >= 0) v.scrollToIndex(pos);
  }, [selEi, pos >= 0]);

  const move = (to: number): void => {
    if (count === 0) return;
    const i = Math.max(0, Math.min(count - 1, to));
    store.selectEvent(store.index.ev.get(filter.rows.get(i)));
    v.scrollToIndex(i);
  };
  const breakMenu = useBreakMenu(store);
  const faults = faultTrackOf(store);
  const onKey = (ev: KeyboardEvent): void => {
    if (isContextMenuKey(ev) && pos >= 0) {
      ev.preventDefault();
      const lane = store.index.lane.get(selRow);
      breakMenu.open(lane >= 0 ? store.index.lanes[lane]?.conn : undefined, document.getElementById(`fr-${selEi}`) ?? (ev.currentTarget as HTMLElement));
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 220) / FRAME_ROW_HEIGHT) - 1);
    const cur = pos < 0 ? -1 : pos;
    const map: Record<string, number> = { ArrowDown: cur + 1, ArrowUp: Math.max(0, cur - 1), PageDown: cur + page, PageUp: cur - page, Home: 0, End: count - 1 };
    const to = map[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    move(to);
  };
  const onScroll = (): void => {
    const el = scrollRef.current;
    if (el) stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - FRAME_ROW_HEIGHT;
  };
  return (
    <div class="frame-table" role="grid" aria-label="Frames" aria-rowcount={count} aria-activedescendant={pos >= 0 ? `fr-${selEi}` : undefined} tabIndex={0} onKeyDown={onKey}>
      <div class="frame-head" role="row">
        <span class="c-time" role="columnheader">Time</span>
        <span class="c-rel" role="columnheader" title="Time since the connection opened (its open event). Negative on rows before open: the create row shows how long the opening handshake took">Δ open</span>
        <span class="c-conn" role="columnheader">Conn</span>
        <span class="c-dir" role="columnheader" title="↓ received by the page · ↑ sent by the page">Dir</span>
        <span class="c-kind" role="columnheader">Kind</span>
        <span class="c-size" role="columnheader" title="True size in bytes">Size</span>
        <span class="c-pos" role="columnheader" title="Stream position carried by the frame">Pos</span>
        <span class="c-data" role="columnheader">Data</span>
      </div>
      <div class="frame-scroll" ref={scrollRef} onScroll={onScroll}>
        {count === 0 && store.state.events.length > 0 && (
          <div class="table-empty muted">
            {tableEmptyText({
              live: store.live.value,
              connections: store.state.connOrder.length,
              searchError: filter.search.kind === 'error' ? filter.search.message : undefined,
              indexing: filter.scanned < store.index.rowCount || store.index.next < store.state.events.length,
            })}
          </div>
        )}
        <div style={{ height: `${v.totalSize}px`, position: 'relative' }}>
          <div class="frame-rows" style={{ transform: `translateY(${v.items[0]?.start ?? 0}px)` }}>
          {v.items.map((it) => {
            if (it.index >= count) return null;
            const r = filter.rows.get(it.index);
            const ei = store.index.ev.get(r);
            const e = store.state.events[ei];
            if (!e) return null;
            const lane = store.index.lane.get(r);
            const laneInfo = lane >= 0 ? store.index.lanes[lane] : undefined;
            const isFrame = e.type === 'ws-send' || e.type === 'ws-message';
            const kind = kindLabel(ctx, r);
            const lifecycle = store.index.kind.get(r) === KIND_LIFECYCLE;
            const done = store.index.syncDone.get(r);
            const fault = faultNote(e, faults.keptBy(e.seq)) || (done !== undefined && store.state.events[done]?.synthetic ? 'answer made up by Wavetrace (fault)' : '');
            const note = sendStateNote(e) || fault;
            const rel = relativeToOpen(ctx, r);
            const cls = [
              't-row',
              isFrame ? 'frame-row' : 'log-row',
              e.type === 'ws-send' ? 'out' : e.type === 'ws-message' ? 'in' : '',
              `k-${store.index.kindName(r)}`,
              lifecycle ? `ev-${kind.replace(/\W/g, '')}` : '',
              ei === selEi ? 'selected' : '',
              evidenceSet.has(ei) ? 'evidence' : '',
              note ? 'warn-row' : '',
              fault.startsWith('kept') || fault.startsWith('never') ? 'kept' : fault ? 'made-up' : '',
            ].join(' ');
            return (
              <div
                key={it.index % slots}
                id={`fr-${ei}`}
                role="row"
                aria-rowindex={it.index + 1}
                aria-selected={ei === selEi}
                class={cls}
                style={{ height: `${FRAME_ROW_HEIGHT}px` }}
                onClick={() => store.selectEvent(ei)}
                onContextMenu={(ev) => {
                  ev.preventDefault();
                  store.selectEvent(ei);
                  breakMenu.open(laneInfo?.conn, { x: ev.clientX, y: ev.clientY });
                }}
                data-seq={e.seq}
              >
                <span role="gridcell" class="c-time">{formatClock(e.t)}</span>
                <span role="gridcell" class={`c-rel${rel.startsWith('−') ? ' before-open' : ''}`} title={relativeToOpenNote(ctx, r)}>{rel}</span>
                <span role="gridcell" class="c-conn" title={laneInfo ? String(laneInfo.conn) : ''}>{laneInfo ? `#${laneInfo.n}` : ''}</span>
                <span role="gridcell" class="c-dir" title={e.type === 'ws-send' ? 'sent by the page' : e.type === 'ws-message' ? 'received by the page' : ''}>{dirArrow(ctx, r)}</span>
                <span role="gridcell" class="c-kind">{kind}</span>
                <span role="gridcell" class="c-size">{sizeLabel(ctx, r)}</span>
                <span role="gridcell" class="c-pos">{positionLabel(ctx, r)}</span>
                <span role="gridcell" class={`c-data ${isFrame && e.encoding === 'base64' ? 'binary' : ''}`} title={visibleText(note ? `${note}\n${rowPreview(ctx, r, 1000)}` : rowPreview(ctx, r, 1000))}>{visibleText(rowPreview(ctx, r, 300))}</span>
              </div>
            );
          })}
          </div>
        </div>
      </div>
      {breakMenu.popup}
    </div>
  );
}

/** Number of row slots for a window of `n` rows: a power of two ≥ n (at least 64), so slot keys stay unique within the window. */
export function slotCount(n: number): number {
  let c = 64;
  while (c < n) c *= 2;
  return c;
}
