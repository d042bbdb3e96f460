/**
 * The trace viewer: the panel's UI fed from a file (a .wavetrace.json[.gz] trace or a HAR),
 * opened with the file picker or by dropping it on the window. Runs as an extension page, as
 * one self-contained HTML file (`npm run build:viewer`) that needs no extension, and as a
 * self-contained report (that file with a trace in it, shown at start).
 */
import { render } from 'preact';
import { App } from '../panel/app';
import { PanelStore } from '../panel/store';
import { applyTheme } from '../panel/theme';
import { loadTraceFile, pickTraceFile } from '../panel/import-file';
import { openExportDialog } from '../panel/export-dialog';
import { installDropZone } from './drop-zone';
import { loadEmbeddedReport } from './embedded-report';

applyTheme();
const store = new PanelStore();
store.live.value = false;
store.recording.value = false;

installDropZone(document.documentElement, (file) => void loadTraceFile(store, file));

render(
  <App
    store={store}
    actions={{
      onImport: () => pickTraceFile(store),
      onExport: () => openExportDialog(store),
    }}
  />,
  document.getElementById('app') as HTMLElement,
);
// A self-contained report carries its trace: show it right away.
loadEmbeddedReport(store);
