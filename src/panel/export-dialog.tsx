/**
 * The Export dialog (docs/design.md#redaction, docs/design.md#har-import-and-export): trace
 * (.wavetrace.json, optionally gzip), HAR with Chrome's `_webSocketMessages`, or a
 * self-contained report (the viewer and the gzip trace in one .html, its size shown before
 * saving; docs/design.md#package-and-playwright-fixture); says exactly what redaction covers and lets the user turn it off; shows
 * the file name (site and time). It is a modal like the settings dialog (`.dialog-backdrop`,
 * `.dialog`): the focus starts on the first format, Tab stays inside it, Escape cancels, Enter
 * saves, and on closing the focus returns to what opened it (the Export button).
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PanelStore } from './store';
import { buildExport, exportFileName, inferPage, redactionSummary, type ExportFormat } from '../core/export/export-file';
import { saveFile } from './save-file';
import { TOOL_NAME } from '../version';
import { countOf, formatBytes } from '../core/format';
import { reportExport, reportFileName } from '../core/export/report-html';
import { loadViewerParts } from './viewer-parts';
import { trapTab } from './focus-trap';

/** What the dialog can write: an export format, or the self-contained report (viewer + trace in one .html). */
type DialogFormat = ExportFormat | 'report';

const FORMATS: { id: DialogFormat; label: string; note: string }[] = [
  { id: 'trace', label: 'Wavetrace trace (.wavetrace.json)', note: 'for the viewer and wavetrace check' },
  { id: 'trace-gz', label: 'Wavetrace trace, gzip (.wavetrace.json.gz)', note: 'smaller attachment' },
  { id: 'har', label: 'HAR 1.2 (.har)', note: 'opens in Chrome DevTools, mitmproxy, HTTP Toolkit, Proxyman' },
  { id: 'report', label: 'Self-contained report (.html)', note: 'the viewer and the trace in one file: opens by double-click, nothing to install' },
];

/** Props: the store and a close callback. */
export function ExportDialog({ store, onClose: close }: { store: PanelStore; onClose: () => void }) {
  // Closing (Cancel, Escape, backdrop) while full previews are being fetched cancels the save.
  const closed = useRef(false);
  const onClose = (): void => {
    if (closed.current) return;
    closed.current = true;
    close();
  };
  const [format, setFormat] = useState<DialogFormat>('trace');
  const [reportSize, setReportSize] = useState('');
  const [redact, setRedact] = useState(true);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState('');
  void store.fills.value; // the pending count shrinks as fills arrive
  const pending = store.state.pendingPreviews.size;
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const page = store.source.value.page || inferPage(store.state.events);
  // One time stamp per dialog: the name shown is the name saved, even across a second boundary.
  const stamp = useRef(new Date()).current;
  const keys = store.redactKeys.value;
  /** The file to save: the export, wrapped in the viewer for a report. */
  const build = async (): Promise<{ fileName: string; mime: string; bytes: Uint8Array }> => {
    const file = buildExport(store.state.events, {
      format: format === 'report' ? 'trace-gz' : format,
      redact,
      redactKeys: keys,
      page,
      browser: navigator.userAgent,
      tool: TOOL_NAME,
      profile: store.profileForExport(),
      dropped: store.state.dropped,
      pending: store.state.pendingPreviews.values(),
      now: stamp,
    });
    return format === 'report' ? reportExport(file, await loadViewerParts()) : file;
  };
  // The report's size is shown before saving (it holds the whole viewer).
  useEffect(() => {
    setReportSize('');
    if (format !== 'report') return;
    let live = true;
    build().then(
      (f) => live && setReportSize(`${f.fileName}: ${formatBytes(f.bytes.length)}`),
      (e: unknown) => live && setReportSize(`cannot build the report: ${String(e instanceof Error ? e.message : e).split('\n')[0]}`),
    );
    return () => {
      live = false;
    };
  }, [format, redact, store.state.events.length]);
  const save = async (): Promise<void> => {
    if (busy) return;
    let left = 0;
    if (store.state.pendingPreviews.size > 0) {
      setBusy(`Fetching the full previews of ${countOf(store.state.pendingPreviews.size, 'frame')}…`);
      left = await store.completePreviews();
      if (closed.current) return;
      setBusy('');
    }
    try {
      const file = await build();
      if (closed.current) return;
      saveFile(file.bytes, file.fileName, file.mime);
      if (left > 0) store.notice.value = `${countOf(left, 'frame')} exported with only the short live preview: the page did not send the rest within 10 s (is the tab still open?).`;
      onClose();
    } catch (e) {
      setError(`export failed: ${String(e instanceof Error ? e.message : e).split('\n')[0]}`);
    }
  };
  const onKey = (ev: KeyboardEvent): void => {
    if (trapTab(ev, ev.currentTarget as HTMLElement)) return;
    if (ev.key === 'Escape') {
      ev.preventDefault();
      onClose();
    } else if (ev.key === 'Enter' && (ev.target as HTMLElement).tagName !== 'BUTTON') {
      ev.preventDefault();
      void save();
    }
  };
  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" onKeyDown={onKey}>
        <h2 id="export-title">Export {store.state.events.length.toLocaleString()} events</h2>
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map((f, i) => (
            <label key={f.id} class="radio">
              <input ref={i === 0 ? first : undefined} type="radio" name="export-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} />
              <span>
                {f.label} <span class="muted">— {f.note}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label class="check">
          <input type="checkbox" name="export-redact" checked={redact} onChange={(e) => setRedact((e.target as HTMLInputElement).checked)} />
          <span>Redact secrets (recommended for bug reports)</span>
        </label>
        <p class={redact ? 'muted small' : 'warn small'} data-testid="redaction-note">
          {redact ? redactionSummary(keys) + '.' : 'Secrets will be written as captured: tokens, keys and passwords in URLs and payloads.'}
        </p>
        {store.state.cutPreviews > 0 && (
          <p class="warn small" data-testid="export-previews-lost">
            Full preview lost in capture for {countOf(store.state.cutPreviews, 'frame')}: the page received large frames faster than the panel took
            their full previews. The file keeps their short live preview and true size, marked <code>previewLost</code>.
          </p>
        )}
        <p class="small">
          File: <code data-testid="export-file-name">{format === 'report' ? reportFileName(exportFileName(page, 'trace-gz', stamp)) : exportFileName(page, format, stamp)}</code>
        </p>
        {format === 'report' && (
          <p class="small" data-testid="export-size">
            {reportSize ? `Size: ${reportSize}` : 'Measuring the report…'}
          </p>
        )}
        {pending > 0 && !busy && (
          <p class="small" data-testid="export-pending">
            {countOf(pending, 'frame')} still {pending === 1 ? 'waits' : 'wait'} for the full preview (the page sent faster than the live budget); Save fetches them first.
          </p>
        )}
        {busy && (
          <p class="small" role="status">
            {busy}
          </p>
        )}
        {error && <p class="warn" role="alert">{error}</p>}
        <div class="dialog-actions">
          <span class="spacer" />
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" class="primary" onClick={() => void save()} disabled={!!busy} data-testid="export-save">Save</button>
        </div>
      </div>
    </div>
  );
}

/**
 * Opens the dialog in its own layer over the panel (its backdrop covers the panel, so nothing
 * behind it takes a click); on closing, the focus returns to the element focused when it
 * opened (the Export button) if that is still in the page.
 */
export function openExportDialog(store: PanelStore): void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  const host = document.createElement('div');
  document.body.appendChild(host);
  const close = (): void => {
    render(null, host);
    host.remove();
    if (opener?.isConnected) opener.focus();
  };
  render(<ExportDialog store={store} onClose={close} />, host);
}
