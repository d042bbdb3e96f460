/**
 * The Wavetrace panel UI. Renders any {@link PanelStore} — the live capture of a DevTools
 * panel or a trace loaded by the viewer — as: toolbar; timeline (lanes per connection grouped
 * by session, position track, findings flags); below it the findings list, the frames table
 * with its filter bar, and the connection header above the detail pane. Splitters resize the
 * timeline and the side panes. Toolbar actions and settings are optional (the viewer has no
 * recording).
 */
import { computed } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import type { Finding, Severity } from '../core/analysis/types';
import type { SettingsStore } from './settings-store';
import { syncPathsOfProfile } from '../core/store/capture-config';
import { TIMELINE_ROW_HEIGHT, timelineRows } from '../core/view/timeline-rows';
import { Toolbar, type AppActions } from './toolbar';
import { Timeline } from './timeline/timeline';
import { gutterWidthFor } from './timeline/gutter';
import { TOP_H } from '../core/view/timeline-layout';
import { FindingsList } from './findings-list';
import { FilterBar } from './filter-bar';
import { FrameTable } from './frame-table';
import { FrameDetail } from './frame-detail';
import { ConnectionHeader } from './connection-header';
import { SettingsDialog } from './settings-dialog';
import { EmptyState } from './empty-state';
import { Splitter } from './splitter';
import { CoverageNote } from './coverage-note';
import { ResilienceStrip } from './resilience-strip';
import { FaultBanner } from './fault-banner';
import { PanelToast } from './panel-toast';

export type { AppActions } from './toolbar';

/** Props: the store to render, optional toolbar actions, optional persisted settings. */
export interface AppProps {
  store: PanelStore;
  actions?: AppActions;
  settings?: SettingsStore;
  /** Per-site profile storage where `settings` is not given (the viewer as an extension page). */
  profileSettings?: SettingsStore | undefined;
}

const ALL_SEVERITIES: Record<Severity, boolean> = { error: true, warning: true, info: true };

/** The whole panel for one store (see the module comment for the layout). */
export function App({ store, actions = {}, settings, profileSettings }: AppProps) {
  // Derived with computed signals so that App re-renders only when these change, not on every
  // capture update (live: up to once per frame).
  const empty = useMemo(() => computed(() => store.version.value >= 0 && store.state.events.length === 0), [store]);
  const laneRows = useMemo(() => computed(() => (store.version.value >= 0 ? timelineRows(store.index).length : 0)), [store]);
  const [severities, setSeverities] = useState<Record<Severity, boolean>>(ALL_SEVERITIES);
  const keepFinding = useMemo(() => (f: Finding) => severities[f.severity], [severities]);
  const [showSettings, setShowSettings] = useState(false);
  const [lanesH, setLanesH] = useState<number | undefined>(undefined);
  const [sideW, setSideW] = useState<number | undefined>(undefined);
  const [findW, setFindW] = useState<number | undefined>(undefined);
  const [work, setWork] = useState({ w: 1200, h: 600 });
  const [sideTab, setSideTab] = useState<'findings' | 'details'>('findings');
  const workRef = useRef<HTMLDivElement>(null);

  // Settings reach the store: preserve log, redaction keys (the profile kept for the site: profile-menu.tsx).
  useEffect(() => {
    if (!settings) return;
    const apply = (): void => {
      const s = settings.settings.value;
      store.preserveLog.value = s.preserveLog;
      if (s.redactKeys.join(',') !== store.redactKeys.value.join(',')) store.setRedactKeys(s.redactKeys);
    };
    void settings.ready.then(apply);
    return settings.onChange(apply);
  }, [settings, store]);
  // The hook captures response bodies of the active profile's sync endpoint.
  const profileName = store.profile.value.profile.name;
  useEffect(() => {
    if (settings && store.live.value) void settings.setSyncPaths(syncPathsOfProfile(store.profile.value.profile));
  }, [settings, profileName]);

  useEffect(() => {
    const el = workRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    // Not laid out yet (or no layout engine): keep the previous size.
    const measure = (): void => {
      if (el.clientWidth > 0 && el.clientHeight > 0) setWork({ w: el.clientWidth, h: el.clientHeight });
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    return () => ro.disconnect();
  }, [empty.value]);

  const rows = laneRows.value;
  const autoLanes = Math.min(Math.max(rows, 2) * TIMELINE_ROW_HEIGHT + 4, Math.max(72, Math.round(work.h * 0.42) - TOP_H));
  const lanes = Math.max(48, Math.min(lanesH ?? autoLanes, work.h - TOP_H - 160));
  const notice = store.notice.value;
  // Wide panels: findings | table | connection + detail. Narrow: table | tabs (findings, details).
  const wide = work.w >= 1000;
  const fW = Math.max(200, Math.min(findW ?? Math.round(work.w * 0.22), Math.round(work.w * 0.4)));
  const sW = Math.max(240, Math.min(sideW ?? Math.round(work.w * (wide ? 0.3 : 0.44)), Math.round(work.w * 0.6)));
  // A finding's evidence or a row picked elsewhere opens the details tab on narrow panels.
  const selEvent = store.selectedEvent.value;
  useEffect(() => {
    if (!wide && selEvent !== undefined && store.selectedBy.value === 'direct') setSideTab('details');
  }, [selEvent]);

  return (
    <div class="app">
      <Toolbar
        store={store}
        actions={actions}
        settings={settings}
        profileSettings={profileSettings ?? settings}
        severities={severities}
        onToggleSeverity={(s) => setSeverities({ ...severities, [s]: !severities[s] })}
        onOpenSettings={() => setShowSettings(true)}
      />
      {notice && (
        <div class="notice" role="status">
          {notice}
          <button type="button" class="link" onClick={() => (store.notice.value = '')} aria-label="Dismiss">✕</button>
        </div>
      )}
      <PanelToast toast={store.toast} />
      <CoverageNote store={store} />
      <ResilienceStrip store={store} />
      <FaultBanner store={store} />
      {empty.value ? (
        <EmptyState live={store.live.value} />
      ) : (
        <div class="workspace" ref={workRef}>
          <Timeline store={store} keepFinding={keepFinding} height={lanes} gutter={gutterWidthFor(work.w)} />
          <Splitter dir="row" label="Resize the timeline" onDrag={(d) => setLanesH(lanes + d)} />
          <div class="bottom">
            {wide && (
              <>
                <div class="pane" style={{ width: `${fW}px` }}>
                  <FindingsList store={store} severities={severities} />
                </div>
                <Splitter dir="col" label="Resize the findings" onDrag={(d) => setFindW(fW + d)} />
              </>
            )}
            <div class="center">
              <FilterBar store={store} />
              <FrameTable store={store} />
            </div>
            <Splitter dir="col" label="Resize the detail" onDrag={(d) => setSideW(sW - d)} />
            <div class="side" style={{ width: `${sW}px` }}>
              {!wide && (
                <div class="side-tabs" role="tablist" aria-label="Side pane">
                  <button type="button" role="tab" class={`tab ${sideTab === 'findings' ? 'on' : ''}`} aria-selected={sideTab === 'findings'} onClick={() => setSideTab('findings')}>
                    Findings {store.analysis.value ? `(${store.analysis.value.findings.length})` : ''}
                  </button>
                  <button type="button" role="tab" class={`tab ${sideTab === 'details' ? 'on' : ''}`} aria-selected={sideTab === 'details'} onClick={() => setSideTab('details')}>
                    Details
                  </button>
                </div>
              )}
              {!wide && sideTab === 'findings' ? (
                <FindingsList store={store} severities={severities} />
              ) : (
                <>
                  <ConnectionHeader store={store} />
                  <FrameDetail store={store} />
                </>
              )}
            </div>
          </div>
        </div>
      )}
      {showSettings && settings && <SettingsDialog settings={settings} onClose={() => setShowSettings(false)} />}
    </div>
  );
}
