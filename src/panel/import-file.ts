/**
 * Import (docs/design.md#har-import-and-export): a trace (.wavetrace.json, .gz) or a HAR (Chrome DevTools, mitmproxy, HTTP
 * Toolkit…) into a {@link PanelStore}. Bad input gives one line in the panel's notice and loses
 * nothing already shown.
 */
import type { PanelStore } from './store';
import { inflateInput, readTraceOrHar } from '../core/trace';
import { formatBytes } from '../core/format';
import { harNoFramesReason } from '../core/har/no-frames';
import { visibleText } from '../core/visible-text';
import { pickFile } from './pick-file';

/**
 * Reads `bytes` as a trace or HAR and loads it. Returns the one-line message shown: once loaded
 * it fades after 12 s (`PanelStore.flashNotice`); an error stays until dismissed.
 * Never throws.
 * @param fileName decides how the bytes are read (`.har`, `.gz`…)
 * @param shownName the file named in the message (a report names the file it was made from)
 */
export function loadTraceBytes(store: PanelStore, bytes: Uint8Array, fileName: string, shownName = fileName): string {
  try {
    const r = readTraceOrHar(bytes, fileName);
    store.importCapture(r.trace.events, {
      profile: r.trace.profile,
      dropped: r.trace.dropped,
      input: r.kind === 'har' ? 'har' : 'trace',
      ...(r.kind === 'har' ? { connEnds: r.entryEnds } : {}),
      page: r.trace.source.page,
      ...(r.trace.endedAt ? { endedAt: Date.parse(r.trace.endedAt) } : {}),
    }, fileName);
    const skipped = r.skipped ? `, ${r.skipped} HAR message${r.skipped === 1 ? '' : 's'} skipped (missing time, type, opcode or data)` : '';
    // A HAR without frames loads (its HTTP events show) but says there is nothing to analyse.
    const note = r.har && r.har.frames === 0 ? harNoFramesReason(r.har.sockets) : r.warnings[0];
    const n = r.trace.events.length;
    const msg = visibleText(`${shownName}: ${n.toLocaleString()} event${n === 1 ? '' : 's'} loaded${skipped}${note ? ` — ${note}` : ''}`);
    store.flashNotice(msg);
    return msg;
  } catch (e) {
    const msg = visibleText(`cannot open ${shownName}: ${String(e instanceof Error ? e.message : e).split('\n')[0]}`);
    store.notice.value = msg;
    return msg;
  }
}

/** Reads a picked or dropped File, with a progress note for large files. */
export async function loadTraceFile(store: PanelStore, file: File): Promise<string> {
  store.notice.value = `reading ${file.name} (${formatBytes(file.size)})…`;
  await new Promise((r) => setTimeout(r, 30)); // let the note paint before the parse
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    const msg = `cannot read ${file.name}: ${String(e instanceof Error ? e.message : e).split('\n')[0]}`;
    store.notice.value = msg;
    return msg;
  }
  try {
    // Inflate in steps, so the page stays responsive (and shows progress) while a large or
    // hostile gzip inflates; the size cap applies as it goes (docs/design.md#reading-untrusted-input).
    bytes = await inflateInput(bytes, {}, async (n) => {
      store.notice.value = visibleText(`reading ${file.name}: inflated ${formatBytes(n)}…`);
      await new Promise((r) => setTimeout(r, 0));
    });
  } catch (e) {
    const msg = visibleText(`cannot open ${file.name}: ${String(e instanceof Error ? e.message : e).split('\n')[0]}`);
    store.notice.value = msg;
    return msg;
  }
  return loadTraceBytes(store, bytes, file.name);
}

/** Opens the file picker and loads the chosen file. */
export function pickTraceFile(store: PanelStore): void {
  pickFile('.json,.gz,.har,.wavetrace,application/json,application/gzip', (f) => void loadTraceFile(store, f));
}
