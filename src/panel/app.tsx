/**
 * The Wavetrace panel UI: toolbar, connection list, frames table and frame detail. Fed by a
 * {@link PanelStore}, so the live panel and the trace viewer render the same way.
 */
import { useMemo, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import type { WsMessageEvent, WsSendEvent } from '../core/events';
import type { ConnectionSummary } from '../core/store/capture-state';
import { ConnectionList } from './connection-list';
import { FrameTable } from './frame-table';
import { FrameDetail } from './frame-detail';

/** Optional toolbar actions (absent in the viewer). */
export interface AppActions {
  onToggleRecording?: () => void;
  onClear?: () => void;
}

export function App({ store, actions = {} }: { store: PanelStore; actions?: AppActions }) {
  const version = store.version.value; // subscribe
  const state = store.state;
  const selectedConn = store.selectedConn.value;
  const [selectedFrame, setSelectedFrame] = useState<number | undefined>(undefined);
  const connections = useMemo(
    () => state.connOrder.map((id) => state.connections.get(id)).filter((c): c is ConnectionSummary => !!c),
    [version, state],
  );
  const rows = useMemo(() => {
    if (selectedConn !== undefined) return state.connections.get(selectedConn)?.frames ?? [];
    const all: number[] = [];
    for (let i = 0; i < state.events.length; i++) {
      const t = state.events[i]?.type;
      if (t === 'ws-send' || t === 'ws-message') all.push(i);
    }
    return all;
  }, [version, state, selectedConn]);
  const frame = selectedFrame === undefined ? undefined : (state.events[selectedFrame] as WsSendEvent | WsMessageEvent | undefined);
  const empty = state.events.length === 0;
  return (
    <div class="app">
      <div class="toolbar" role="toolbar" aria-label="Wavetrace toolbar">
        {actions.onToggleRecording && (
          <button type="button" class={`rec ${store.recording.value ? 'on' : ''}`} aria-pressed={store.recording.value} onClick={actions.onToggleRecording} title={store.recording.value ? 'Pause recording' : 'Resume recording'}>
            {store.recording.value ? '● Recording' : '○ Paused'}
          </button>
        )}
        {actions.onClear && (
          <button type="button" onClick={actions.onClear} title="Clear">
            Clear
          </button>
        )}
        <span class="counts" data-testid="counts">
          {connections.length} connection{connections.length === 1 ? '' : 's'} · {rows.length} frame{rows.length === 1 ? '' : 's'}
          {state.dropped > 0 && <span class="warn"> · {state.dropped} events lost to the capture buffer</span>}
        </span>
        {!store.linkUp.value && actions.onClear && <span class="warn">reconnecting to the extension…</span>}
      </div>
      {empty ? (
        <div class="empty-state" data-testid="empty">
          <h2>No WebSocket traffic yet</h2>
          <p>Wavetrace records every WebSocket this tab opens, even before DevTools was open. Use the page, or reload it to capture the connection from its handshake.</p>
          <p class="muted">Sockets inside Workers are not visible to the page hook; protocol-level ping/pong (opcodes 9 and 10) never reach page JavaScript.</p>
        </div>
      ) : (
        <div class="main">
          <ConnectionList connections={connections} selected={selectedConn} onSelect={(c) => { store.selectedConn.value = c; setSelectedFrame(undefined); }} />
          <div class="right">
            <FrameTable events={state.events} rows={rows} selected={selectedFrame} onSelect={setSelectedFrame} showConn={selectedConn === undefined} />
            <FrameDetail frame={frame} />
          </div>
        </div>
      )}
    </div>
  );
}
