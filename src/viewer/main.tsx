/**
 * The trace viewer: the panel's UI fed from a file (a .wavetrace.json[.gz] trace or a HAR),
 * opened with the file picker or by dropping it on the window. Runs as an extension page, as
 * one self-contained HTML file (`npm run build:viewer`) that needs no extension, and as a
 * self-contained report (that file with a trace in it, shown at start).
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from '../panel/app';
import { PanelStore } from '../panel/store';
import { applyTheme } from '../panel/theme';
import { loadTraceFile, pickTraceFile } from '../panel/import-file';
import { openExportDialog } from '../panel/export-dialog';
import { installDropZone } from './drop-zone';
import { loadEmbeddedReport } from './embedded-report';
import { createSettingsStore, type SettingsChangeSource, type SettingsStore } from '../panel/settings-store';

applyTheme();
const store = new PanelStore();
store.live.value = false;
store.recording.value = false;

// As an extension page the viewer keeps profiles per site in the extension's storage, like the
// panel; the standalone file has none, and its profile menu says so.
function profileStorage(): SettingsStore | undefined {
  const local = browser.storage?.local;
  if (!local) return undefined;
  const changes: SettingsChangeSource = (cb) => {
    browser.storage.onChanged.addListener(cb);
    return () => browser.storage.onChanged.removeListener(cb);
  };
  return createSettingsStore({ get: (keys) => local.get(keys), set: (items) => local.set(items) }, changes);
}

installDropZone(document.documentElement, (file) => void loadTraceFile(store, file));

render(
  <App
    store={store}
    actions={{
      onImport: () => pickTraceFile(store),
      onExport: () => openExportDialog(store),
    }}
    profileSettings={profileStorage()}
  />,
  document.getElementById('app') as HTMLElement,
);
// A self-contained report carries its trace: show it right away.
loadEmbeddedReport(store);
