/**
 * The table's filter bar: direction toggles (↓ received, ↑ sent), kind toggles (data,
 * heartbeat, hello, sync, lifecycle), the connection ("All" or one "#n"), and a search box
 * taking text (case-insensitive) or `/regex/flags`, with the invalid-regex message inline and
 * the count of matching rows.
 */
import { formatCount } from '../core/view/count-format';
import { computed } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import { connectionOptions } from '../core/view/connection-options';
import { ROW_KINDS, type RowKind } from '../core/view/row-index';
import { defaultFilterSpec, isDefaultSpec } from '../core/view/row-filter';

const KIND_TITLES: Record<RowKind, string> = {
  data: 'Data frames (anything the profile does not call hello, heartbeat or sync)',
  heartbeat: 'Application-level pings and pongs recognised by the profile',
  hello: 'The server hello (carries tenant and the server head position)',
  sync: 'Catch-up sync requests (HTTP) and in-band sync frames',
  lifecycle: 'Connection events: create, open, error, close() call, close',
};

/** Props: the store whose filter this edits. */
export function FilterBar({ store }: { store: PanelStore }) {
  const spec = store.filterSpec.value;
  // The connection list has one option per connection: it is built only while the list is in
  // use (focused or pressed). Kept in step with the capture, a 30,000-connection trace re-built
  // its 30,000 options at every indexing slice — work quadratic in connections (minutes).
  // Closed, the list holds "All connections" and the focused connection only.
  const [listOpen, setListOpen] = useState(false);
  const laneKey = useMemo(() => computed(() => (store.version.value >= 0 ? store.index.lanes.map((l) => `${String(l.conn)}#${l.n}`).join(' ') : '')), [store]);
  if (listOpen) void laneKey.value;
  const [text, setText] = useState(spec.search);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => setText(spec.search), [spec.search]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onSearch = (value: string): void => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => store.setFilter({ ...store.filterSpec.value, search: value }), 150);
  };
  const lanes = store.index.lanes;
  const error = store.filter.search.kind === 'error' ? store.filter.search.message : '';
  return (
    <div class="filter-bar" role="toolbar" aria-label="Table filters">
      <input
        type="search"
        class={`search ${error ? 'invalid' : ''}`}
        placeholder="Filter: text or /regex/"
        aria-label="Search payloads: text or /regex/"
        aria-invalid={!!error}
        value={text}
        onInput={(e) => onSearch((e.currentTarget as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onSearch('');
        }}
      />
      <span class="seg" role="group" aria-label="Direction">
        <button type="button" class={`chip ${spec.in ? 'on' : ''}`} aria-pressed={spec.in} title="Frames received by the page (in)" aria-label="Received (in)" onClick={() => store.setFilter({ ...spec, in: !spec.in })}>↓ in</button>
        <button type="button" class={`chip ${spec.out ? 'on' : ''}`} aria-pressed={spec.out} title="Frames sent by the page" onClick={() => store.setFilter({ ...spec, out: !spec.out })}>↑ out</button>
      </span>
      <span class="seg" role="group" aria-label="Kinds">
        {ROW_KINDS.map((k) => (
          <button
            type="button"
            key={k}
            class={`chip k-${k} ${spec.kinds[k] ? 'on' : ''}`}
            aria-pressed={spec.kinds[k]}
            title={`${KIND_TITLES[k]}. Alt+click: only this kind.`}
            onClick={(e) => {
              const kinds = (e as MouseEvent).altKey
                ? (Object.fromEntries(ROW_KINDS.map((x) => [x, x === k])) as Record<RowKind, boolean>)
                : { ...spec.kinds, [k]: !spec.kinds[k] };
              store.setFilter({ ...spec, kinds });
            }}
          >
            {k}
          </button>
        ))}
      </span>
      <select
        aria-label="Connection"
        value={spec.conn === undefined ? '' : String(spec.conn)}
        onFocus={() => setListOpen(true)}
        onMouseDown={() => setListOpen(true)}
        onBlur={() => setListOpen(false)}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          const lane = lanes.find((l) => String(l.conn) === v);
          store.focusConnection(lane?.conn);
        }}
      >
        <option value="">All connections</option>
        {connectionOptions(lanes, listOpen, spec.conn, (c) => store.index.laneIndexOf(c)).map((l) => (
          <option key={String(l.conn)} value={String(l.conn)}>#{l.n}</option>
        ))}
      </select>
      {!isDefaultSpec(spec) && (
        <button type="button" class="link" onClick={() => { setText(''); store.setFilter(defaultFilterSpec()); store.selectedConn.value = undefined; }}>Reset</button>
      )}
      <FilterCount store={store} />
    </div>
  );
}

/** Rows shown (of all rows), or the search's error: follows every render of the capture. */
function FilterCount({ store }: { store: PanelStore }) {
  void store.version.value;
  const f = store.filter;
  const error = f.search.kind === 'error' ? f.search.message : '';
  return (
    <span class="filter-count muted" aria-live="polite">
      {error ? <span class="err">{error}</span> : f.count === store.index.rowCount ? `${formatCount(f.count)} rows` : `${formatCount(f.count)} / ${formatCount(store.index.rowCount)} rows`}
    </span>
  );
}
