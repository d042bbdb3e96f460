/**
 * The findings list (docs/design.md#finding-codes): severity, code, time, connection and the one-line message
 * with its hint, virtualized (a capture can hold thousands). Clicking a finding (or moving to it
 * with the arrow keys) selects it: its evidence is highlighted on the timeline and in the table
 * and its evidence frame becomes the selected row. The selected finding is shown in full below
 * the list, right under its last row (the list takes only the height its rows need, so the card
 * stays where the eye is).
 */
import { formatCount } from '../core/view/count-format';
import { computed } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import type { PanelStore } from './store';
import type { Finding, Severity } from '../core/analysis/types';
import { formatClock, countOf } from '../core/format';
import { findingKey } from '../core/view/evidence';
import { useVirtualRows } from './use-virtual-rows';
import { withLaneLabels } from './fault-actions';
import { visibleText } from '../core/visible-text';
import { findingsEmptyText } from '../core/view/empty-text';

/**
 * Height of one finding row, CSS px: the code line and up to three lines of message (the
 * numbers that matter are rarely in the first line); the full text is in the row's tooltip and
 * in the selected finding's card.
 */
export const FINDING_ROW_HEIGHT = 76;

/** Severity icon: a CSS shape (no emoji font needed), labelled for screen readers. */
export function SeverityIcon({ severity }: { severity: Severity }) {
  return <span class={`sev-icon sev-${severity}`} role="img" aria-label={severity} />;
}

/** Props: the store and which severities are shown. */
export interface FindingsListProps {
  store: PanelStore;
  severities: Readonly<Record<Severity, boolean>>;
}

/** The findings of the shown analysis, filtered by severity, with the selected one in full. */
export function FindingsList({ store, severities }: FindingsListProps) {
  const a = store.analysis.value;
  const status = store.analysisStatus.value;
  // Frames still on their short live preview cannot be classified yet (positions, hellos…).
  // Read at each render of the capture (`version`), not at each fill batch: a run of fills
  // re-renders the list once per render tick, and not at all while the panel is hidden.
  const waitingSignal = useMemo(() => computed(() => (store.version.value >= 0 ? store.state.pendingPreviews.size : 0)), [store]);
  const waiting = waitingSignal.value;
  const selKey = store.selectedFinding.value;
  const scrollRef = useRef<HTMLDivElement>(null);
  const list = useMemo(() => (a ? a.findings.filter((f) => severities[f.severity]) : []), [a, severities]);
  const v = useVirtualRows(list.length, FINDING_ROW_HEIGHT, scrollRef);
  const pos = selKey === undefined ? -1 : list.findIndex((f) => findingKey(f) === selKey);
  const selected = pos >= 0 ? list[pos] : undefined;
  const laneName = (f: Finding): string => {
    if (f.conn === undefined) return '';
    const l = store.index.laneIndexOf(f.conn);
    return l === undefined ? String(f.conn) : `#${store.index.lanes[l]!.n}`;
  };
  // Messages quote URLs and close reasons from the file: controls and bidi characters show escaped.
  const readable = (text: string): string =>
    visibleText(withLaneLabels(store, text));
  const select = (i: number): void => {
    const f = list[Math.max(0, Math.min(list.length - 1, i))];
    if (!f) return;
    store.selectFinding(f);
    v.scrollToIndex(list.indexOf(f));
  };
  const onKey = (e: KeyboardEvent): void => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 200) / FINDING_ROW_HEIGHT) - 1);
    const map: Record<string, number> = { ArrowDown: pos + 1, ArrowUp: Math.max(0, pos - 1), PageDown: pos + page, PageUp: pos - page, Home: 0, End: list.length - 1 };
    if (e.key === 'Escape') {
      store.selectFinding(undefined);
      return;
    }
    if (e.key === 'Enter' && selected) {
      store.selectFinding(selected);
      e.preventDefault();
      return;
    }
    const to = map[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(to);
  };
  const hidden = a ? a.findings.length - list.length : 0;
  return (
    <section class="findings" aria-label="Findings">
      <div class="pane-head">
        <span>Findings</span>
        <span class="muted">{a ? `${formatCount(list.length)}${hidden ? ` (${hidden} hidden)` : ''}` : ''}</span>
        <span class="spacer" />
        {waiting > 0 && (
          <span class="muted small" data-testid="findings-waiting" title="Frames that came with a short live preview are analysed once their full preview arrives">
            waiting for {countOf(waiting, 'full preview')}
          </span>
        )}
        {status.running && <span class="muted analysing" title="The analysis runs in the background">analysing…</span>}
      </div>
      <div class="findings-scroll" ref={scrollRef} style={list.length ? { height: `${v.totalSize}px` } : { flex: '1 1 auto' }} role="listbox" aria-label="Findings" tabIndex={0} onKeyDown={onKey} aria-activedescendant={selected ? `fd-${pos}` : undefined}>
        {!a ? (
          <div class="pane-empty muted">{store.state.events.length ? 'Analysing the capture…' : 'No capture yet.'}</div>
        ) : list.length === 0 ? (
          <div class="pane-empty muted">{findingsEmptyText({ live: store.live.value, connections: store.state.connOrder.length, events: a.events, findings: a.findings.length })}</div>
        ) : (
          <div style={{ height: `${v.totalSize}px`, position: 'relative' }}>
            {v.items.map((it) => {
              const f = list[it.index];
              if (!f) return null;
              const on = it.index === pos;
              return (
                <div
                  key={findingKey(f)}
                  id={`fd-${it.index}`}
                  role="option"
                  aria-selected={on}
                  class={`finding sev-${f.severity} ${on ? 'selected' : ''}`}
                  data-code={f.code}
                  style={{ transform: `translateY(${it.start}px)`, height: `${FINDING_ROW_HEIGHT}px` }}
                  onClick={() => store.selectFinding(f)}
                  title={`${readable(f.message)}\nHint: ${readable(f.hint)}`}
                >
                  <div class="f-line">
                    <SeverityIcon severity={f.severity} />
                    <span class="f-code">{f.code}</span>
                    <span class="f-conn">{laneName(f)}</span>
                    <span class="f-time">{formatClock(f.t)}</span>
                  </div>
                  <div class="f-msg">{readable(f.message)}</div>
                </div>
              );
            })}
          </div>
        )}
      </div>
      {selected && (
        <div class={`finding-detail sev-${selected.severity}`} aria-live="polite">
          <div class="fd-title">
            <SeverityIcon severity={selected.severity} />
            <strong>{selected.code}</strong>
            <button type="button" class="zoom" onClick={() => store.zoomToFinding(selected)} title="Zoom the timeline to this finding's evidence">Zoom</button>
          </div>
          <div class="fd-msg">{readable(selected.message)}</div>
          <div class="fd-hint"><span class="muted">Hint: </span>{readable(selected.hint)}</div>
          <div class="muted small">{selected.evidence.length} evidence event{selected.evidence.length === 1 ? '' : 's'} highlighted on the timeline and in the table</div>
        </div>
      )}
    </section>
  );
}
