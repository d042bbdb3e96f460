/**
 * The viewer as a self-contained report (docs/design.md#package-and-playwright-fixture): the file
 * in the page's data block is loaded at start.
 */
import { decodeEmbeddedFile, REPORT_DATA_ID } from '../core/export/report-html';
import type { PanelStore } from '../panel/store';
import { loadTraceBytes } from '../panel/import-file';

/** Loads the report's embedded file into `store`; false when this page is not a report. */
export function loadEmbeddedReport(store: PanelStore, doc: Document = document): boolean {
  const block = doc.getElementById(REPORT_DATA_ID);
  if (!block) return false;
  const file = decodeEmbeddedFile(block.getAttribute('data-name'), block.textContent ?? '', block.getAttribute('data-source'));
  if (!file) {
    store.notice.value = 'cannot open the embedded trace: its data block is not base64';
    return true;
  }
  // The notice names the file the report was made from (a .har, say), not the trace it embeds.
  loadTraceBytes(store, file.bytes, file.name, file.source ?? file.name);
  return true;
}
