/**
 * The timeline's left gutter: one row per session (endpoint, path first, collapsible) and per
 * connection lane ("#n", state with the close code and its name, and the query parameters that
 * differ between the session's connections, redacted — core/view/lane-labels.ts); full URLs are
 * in each row's tooltip. Only rows in
 * view are rendered. Clicking a lane focuses that connection (header, table filter); clicking
 * a session row shows all connections again. The lanes are a WAI-ARIA listbox
 * (docs/design.md#panel-and-viewer): one Tab stop while it has lanes (none while it has none, or
 * all sessions are collapsed), its active lane — the selected connection, else the newest, as
 * the connection header shows — is its `aria-activedescendant` and wears the focus ring;
 * Up/Down, Home/End move it (scrolling it into view), Enter or Space focuses that connection,
 * Escape shows all.
 */
import type { PanelStore } from '../store';
import type { ConnectionSummary } from '../../core/store/capture-state';
import { describeCloseCode } from '../../core/close-codes';
import { redactKeySet, redactUrl } from '../../core/redact';
import { closeClassOf } from '../../core/view/close-class';
import { TIMELINE_ROW_HEIGHT, type TimelineRow } from '../../core/view/timeline-rows';
import type { Profile } from '../../core/profile/types';
import { laneQueries, sessionLabel } from '../../core/view/lane-labels';
import { visibleText } from '../../core/visible-text';

/** Default width of the gutter, CSS px (the app narrows it on small panels). */
export const GUTTER_WIDTH = 300;

/** Gutter width for a timeline `width` px wide: a fifth of it, between 170 and 300 px. */
export function gutterWidthFor(width: number): number {
  return Math.max(170, Math.min(GUTTER_WIDTH, Math.round(width * 0.22)));
}

/** State label of a connection: "connecting", "open", "closing", "ended by navigation", or "closed 1006 Abnormal Closure". */
export function connectionStateLabel(c: ConnectionSummary, profile: Profile): string {
  if (c.status === 'gone') return 'ended by navigation';
  if (c.status !== 'closed') return c.status;
  const code = c.closeCode ?? 1005;
  return `closed ${code} ${describeCloseCode(code, profile.closeCodes, profile.name).name}`;
}

/** Colour class of a connection's dot and state: its status, or its close class once closed. */
export function connectionClass(c: ConnectionSummary, profile: Profile): string {
  if (c.status !== 'closed') return c.status;
  return closeClassOf(c.closeCode ?? 1005, c.wasClean ?? false, profile);
}

/** Props: rows, vertical scroll position and height of the viewport, collapsed sessions. */
export interface GutterProps {
  store: PanelStore;
  rows: readonly TimelineRow[];
  scrollTop: number;
  height: number;
  collapsed: ReadonlySet<string>;
  onToggle: (sessionKey: string) => void;
  /** Width in CSS px. */
  width: number;
}

/** The visible gutter rows: session headers and connection lanes (see the module comment). */
export function TimelineGutter({ store, rows, scrollTop, height, collapsed, onToggle, width }: GutterProps) {
  void store.version.value;
  const profile = store.profile.value.profile;
  const keys = redactKeySet(store.redactKeys.value);
  const selected = store.selectedConn.value;
  const focusConn = store.filterSpec.value.conn;
  const first = Math.max(0, Math.floor(scrollTop / TIMELINE_ROW_HEIGHT) - 3);
  const last = Math.min(rows.length - 1, Math.ceil((scrollTop + height) / TIMELINE_ROW_HEIGHT) + 3);
  const lanes = rows.filter((r): r is Extract<TimelineRow, { type: 'lane' }> => r.type === 'lane');
  const queries = queriesOf(store, keys);
  const picked = lanes.findIndex((r) => store.index.lanes[r.lane]?.conn === selected);
  // The active lane: the selected connection, else the newest (what the connection header shows).
  const active = picked >= 0 ? picked : lanes.length - 1;
  const activeRow = lanes[active];
  const activeConn = activeRow ? store.index.lanes[activeRow.lane]?.conn : undefined;
  /** Scrolls the timeline so that lane `to` (an index in `lanes`) is in view. */
  const reveal = (gutter: HTMLElement, to: number): void => {
    const scroller = gutter.parentElement;
    const at = rows.indexOf(lanes[to]!) * TIMELINE_ROW_HEIGHT;
    if (!scroller || at < 0) return;
    if (at < scroller.scrollTop) scroller.scrollTop = at;
    else if (at + TIMELINE_ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = at + TIMELINE_ROW_HEIGHT - scroller.clientHeight;
  };
  const onKey = (e: KeyboardEvent): void => {
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, Home: 0, End: lanes.length - 1 };
    const to = moves[e.key];
    if (to !== undefined) {
      e.preventDefault();
      const i = Math.max(0, Math.min(lanes.length - 1, to));
      const next = lanes[i];
      if (!next) return;
      store.selectedConn.value = store.index.lanes[next.lane]?.conn;
      reveal(e.currentTarget as HTMLElement, i);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (activeConn !== undefined) store.focusConnection(activeConn);
    } else if (e.key === 'Escape') {
      store.focusConnection(undefined);
    }
  };
  const out = [];
  for (let i = first; i <= last; i++) {
    const r = rows[i]!;
    const top = i * TIMELINE_ROW_HEIGHT;
    if (r.type === 'session') {
      const open = !collapsed.has(r.key);
      out.push(
        <div key={`s:${r.key}`} class="tl-session" style={{ top: `${top}px`, height: `${TIMELINE_ROW_HEIGHT}px` }} title={r.key} onClick={() => store.focusConnection(undefined)}>
          <button type="button" class="chev" aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} session ${r.key}`} onClick={(e) => { e.stopPropagation(); onToggle(r.key); }}>
            {open ? '▾' : '▸'}
          </button>
          <span class="tl-session-key">
            <span class="tl-session-path">{visibleText(sessionLabel(r.key).path)}</span> <span class="muted">{visibleText(sessionLabel(r.key).origin)}</span>
          </span>
          <span class="muted">{r.lanes} conn{r.lanes === 1 ? '' : 's'}</span>
        </div>,
      );
      continue;
    }
    const lane = store.index.lanes[r.lane];
    const c = lane ? store.state.connections.get(lane.conn) : undefined;
    if (!lane || !c) continue;
    const cls = connectionClass(c, profile);
    const url = visibleText(redactUrl(c.url, keys));
    const query = visibleText(queries.get(lane.conn) ?? '');
    out.push(
      <div
        key={`l:${String(lane.conn)}`}
        id={optionId(r.lane)}
        class={`conn-row ${lane.conn === selected ? 'selected' : ''} ${lane.conn === focusConn ? 'focused' : ''} ${lane.conn === activeConn ? 'active' : ''}`}
        role="option"
        aria-selected={lane.conn === selected}
        data-conn={String(lane.conn)}
        style={{ top: `${top}px`, height: `${TIMELINE_ROW_HEIGHT}px` }}
        title={`${url}\n${connectionStateLabel(c, profile)}${c.closeReason ? ` (${c.closeReason})` : ''}\n↓${c.framesIn} ↑${c.framesOut} frames`}
        onClick={() => store.focusConnection(lane.conn === focusConn ? undefined : lane.conn)}
      >
        <span class={`dot ${cls}`} aria-hidden="true" />
        <span class="conn-name">#{lane.n}</span>
        <span class={`conn-state ${cls}`} data-testid="conn-state">
          {c.status === 'closed' ? (
            <>
              {/* "closed " is in the text (screen readers, copy) but the dot already shows it */}
              <span class="word">closed </span>
              {connectionStateLabel(c, profile).slice('closed '.length)}
            </>
          ) : (
            connectionStateLabel(c, profile)
          )}
        </span>
        <span class="conn-url">{query}</span>
      </div>,
    );
  }
  return (
    <div
      class="tl-gutter"
      role="listbox"
      aria-label="Connections"
      tabIndex={lanes.length > 0 ? 0 : -1}
      aria-activedescendant={activeRow ? optionId(activeRow.lane) : undefined}
      onKeyDown={onKey}
      onFocus={(e) => active >= 0 && e.target === e.currentTarget && reveal(e.currentTarget, active)}
      style={{ width: `${width}px`, height: `${rows.length * TIMELINE_ROW_HEIGHT}px` }}
    >
      {out}
    </div>
  );
}

/** The element id of lane `lane`'s option (unique in the document: one timeline per page). */
function optionId(lane: number): string {
  return `tl-lane-${lane}`;
}

/** Per connection: the redacted query parameters that differ between its session's connections. */
function queriesOf(store: PanelStore, keys: ReturnType<typeof redactKeySet>): Map<unknown, string> {
  const lanes: { key: unknown; session: string; url: string }[] = [];
  for (const lane of store.index.lanes) {
    const c = store.state.connections.get(lane.conn);
    if (c) lanes.push({ key: lane.conn, session: lane.session, url: redactUrl(c.url, keys) });
  }
  return laneQueries(lanes);
}
