/**
 * The toolbar: record/pause, clear, preserve log, the profile menu (profile-menu.tsx,
 * docs/design.md#where-a-profile-comes-from), capture counts, finding counts per severity (toggling which severities the
 * findings list and timeline show), import/export entry points, and settings. Only the capture
 * counts follow each render of the capture; the rest re-renders when its own inputs change.
 */
import { formatCount } from '../core/view/count-format';
import type { PanelStore } from './store';
import type { Severity } from '../core/analysis/types';
import type { SettingsStore } from './settings-store';
import { ProfileMenu } from './profile-menu';
import { SeverityIcon } from './findings-list';
import { ResilienceButton } from './resilience-button';
import { BreakButton } from './break-menu';

/** Toolbar actions; each button appears only when its action is given (the viewer has no recording). */
export interface AppActions {
  onToggleRecording?: () => void;
  onClear?: () => void;
  /** Opens a trace or HAR (the traces issue wires the file picker). */
  onImport?: () => void;
  /** Saves the capture as a trace or HAR. */
  onExport?: () => void;
}

/** Props of {@link Toolbar}. */
export interface ToolbarProps {
  store: PanelStore;
  actions: AppActions;
  settings?: SettingsStore | undefined;
  /** Where the profile menu keeps profiles per site (absent: Keep says why). */
  profileSettings?: SettingsStore | undefined;
  severities: Readonly<Record<Severity, boolean>>;
  onToggleSeverity: (s: Severity) => void;
  onOpenSettings: () => void;
}

const SEV_NAMES: Record<Severity, [string, string]> = { error: ['error', 'errors'], warning: ['warning', 'warnings'], info: ['info', 'info'] };

/** The panel's toolbar (see the module comment). */
export function Toolbar({ store, actions, settings, profileSettings, severities, onToggleSeverity, onOpenSettings }: ToolbarProps) {
  const a = store.analysis.value;
  const preserve = settings?.settings.value.preserveLog ?? store.preserveLog.value;
  return (
    <div class="toolbar" role="toolbar" aria-label="Wavetrace toolbar">
      {actions.onToggleRecording && (
        <button type="button" class={`rec ${store.recording.value ? 'on' : ''}`} aria-pressed={store.recording.value} onClick={actions.onToggleRecording} title={store.recording.value ? 'Pause recording' : 'Resume recording'}>
          <span class="rec-dot" aria-hidden="true" />
          {store.recording.value ? 'Recording' : 'Paused'}
        </button>
      )}
      {actions.onClear && (
        <button type="button" onClick={actions.onClear} title="Clear the capture">
          Clear
        </button>
      )}
      {settings && actions.onToggleRecording && (
        <label class="check" title="Keep events across page navigations">
          <input type="checkbox" checked={preserve} onChange={(e) => void settings.update({ preserveLog: (e.currentTarget as HTMLInputElement).checked })} />
          Preserve log
        </label>
      )}
      <span class="sep" aria-hidden="true" />
      <ProfileMenu store={store} settings={profileSettings} />
      <span class="sep" aria-hidden="true" />
      <CaptureCounts store={store} />
      {(['error', 'warning', 'info'] as const).map((sev) => {
        const n = a?.counts[sev] ?? 0;
        const [one, many] = SEV_NAMES[sev];
        return (
          <button
            type="button"
            key={sev}
            class={`sev-chip sev-${sev} ${severities[sev] ? 'on' : 'off'} ${n === 0 ? 'zero' : ''}`}
            aria-pressed={severities[sev]}
            aria-label={`${n} ${n === 1 ? one : many}${severities[sev] ? '' : ' (hidden)'}`}
            title={`${n} ${n === 1 ? one : many} — click to ${severities[sev] ? 'hide' : 'show'} them`}
            onClick={() => onToggleSeverity(sev)}
            data-testid={`count-${sev}`}
          >
            <SeverityIcon severity={sev} /> {a ? formatCount(n) : '–'}
          </button>
        );
      })}
      {store.analysisStatus.value.running && <span class="muted small" title="Analysis runs in the background">analysing…</span>}
      {!store.linkUp.value && actions.onToggleRecording && <span class="warn">reconnecting to the extension…</span>}
      <span class="spacer" />
      <BreakButton store={store} />
      {actions.onToggleRecording && <ResilienceButton store={store} />}
      {actions.onImport && (
        <button type="button" onClick={actions.onImport} title="Open a .wavetrace.json(.gz) trace or a HAR">
          Import
        </button>
      )}
      {actions.onExport && (
        <button type="button" onClick={actions.onExport} title="Save the capture as a trace (redacted) or HAR">
          Export
        </button>
      )}
      {settings && (
        <button type="button" class="icon" onClick={onOpenSettings} title="Settings" aria-label="Settings">
          ⚙
        </button>
      )}
    </div>
  );
}

/**
 * Connections, frames, events lost and full previews lost: the only part of the toolbar that follows every
 * render of the capture (`version`), so the buttons and menus around it are not re-rendered
 * while the page streams.
 */
function CaptureCounts({ store }: { store: PanelStore }) {
  void store.version.value;
  const st = store.state;
  let frames = 0;
  for (const c of st.connections.values()) frames += c.framesIn + c.framesOut;
  const conns = st.connOrder.length;
  return (
    <span class="counts" data-testid="counts">
      {conns} connection{conns === 1 ? '' : 's'} · {formatCount(frames)} frame{frames === 1 ? '' : 's'}
      {st.dropped > 0 && <span class="warn"> · {formatCount(st.dropped)} events lost to the capture buffer</span>}
      {st.cutPreviews > 0 && (
        <span class="warn" data-testid="previews-lost" title="Frames that keep only their short live preview: the page received large frames faster than the panel took their full previews (docs: Live preview budget).">
          {' '}· {formatCount(st.cutPreviews)} full preview{st.cutPreviews === 1 ? '' : 's'} lost
        </span>
      )}
    </span>
  );
}
