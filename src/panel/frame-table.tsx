/**
 * The frames table: virtualized rows (time, connection, direction, size, preview). Payload text
 * is rendered as text nodes only, never as markup. Arrow keys, Home/End move the selection.
 */
import { useRef } from 'preact/hooks';
import type { TraceEvent, WsMessageEvent, WsSendEvent } from '../core/events';
import { formatBytes, formatClock, previewPayload } from '../core/format';
import { useVirtualRows } from './use-virtual-rows';

/** Row height in CSS pixels. */
export const FRAME_ROW_HEIGHT = 22;

/** Props: the events array, indexes of the frames to show, the selected row. */
export interface FrameTableProps {
  events: TraceEvent[];
  rows: number[];
  selected: number | undefined;
  onSelect: (eventIndex: number) => void;
  showConn: boolean;
}

export function FrameTable({ events, rows, selected, onSelect, showConn }: FrameTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualRows(rows.length, FRAME_ROW_HEIGHT, scrollRef);
  const pos = selected === undefined ? -1 : rows.indexOf(selected);
  const move = (to: number): void => {
    if (rows.length === 0) return;
    const i = Math.max(0, Math.min(rows.length - 1, to));
    onSelect(rows[i] as number);
    v.scrollToIndex(i);
  };
  const onKey = (ev: KeyboardEvent): void => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 220) / FRAME_ROW_HEIGHT) - 1);
    const map: Record<string, number> = { ArrowDown: pos + 1, ArrowUp: pos - 1, PageDown: pos + page, PageUp: pos - page, Home: 0, End: rows.length - 1 };
    const to = map[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    move(to);
  };
  return (
    <div class="frame-table" role="grid" aria-label="Frames" aria-rowcount={rows.length} tabIndex={0} onKeyDown={onKey}>
      <div class="frame-head" role="row">
        <span class="c-time">Time</span>
        {showConn && <span class="c-conn">Conn</span>}
        <span class="c-dir">Dir</span>
        <span class="c-size">Size</span>
        <span class="c-data">Data</span>
      </div>
      <div class="frame-scroll" ref={scrollRef}>
        <div style={{ height: `${v.totalSize}px`, position: 'relative' }}>
          {v.items.map((it) => {
            const idx = rows[it.index] as number;
            const e = events[idx] as WsSendEvent | WsMessageEvent;
            const out = e.type === 'ws-send';
            return (
              <div
                key={idx}
                role="row"
                aria-rowindex={it.index + 1}
                aria-selected={idx === selected}
                class={`frame-row ${out ? 'out' : 'in'} ${idx === selected ? 'selected' : ''}`}
                style={{ transform: `translateY(${it.start}px)`, height: `${FRAME_ROW_HEIGHT}px` }}
                onClick={() => onSelect(idx)}
                data-seq={e.seq}
              >
                <span class="c-time">{formatClock(e.t)}</span>
                {showConn && <span class="c-conn">{String(e.conn)}</span>}
                <span class="c-dir" title={out ? 'sent by the page' : 'received by the page'}>{out ? '↑' : '↓'}</span>
                <span class="c-size">{formatBytes(e.size)}</span>
                <span class={`c-data ${e.encoding === 'base64' ? 'binary' : ''}`}>{previewPayload(e.data, e.encoding)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
