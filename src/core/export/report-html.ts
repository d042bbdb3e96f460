/**
 * The self-contained report (docs/design.md#package-and-playwright-fixture): one `.html` file
 * holding the standalone viewer and a trace (or HAR), which opens by double-click with the same
 * timeline, findings and detail as the viewer. The viewer's script and style are copied as they
 * are, so its strict Content-Security-Policy (the one script allowed by its SHA-256, no network)
 * still holds; the file travels in a data block the browser never executes
 * (`<script type="application/octet-stream">`, base64, so no `<` can end it early), which the
 * viewer reads at start. Pure string work: the callers fetch the viewer and save the file.
 */
import { base64ToBytes, bytesToBase64 } from '../har/base64';
import { redactTrace } from '../trace/redact-trace';
import { serializeTrace } from '../trace/serialize-trace';
import type { Trace } from '../trace/trace-format';
import { DEFAULT_REDACT_KEYS } from '../redact';

/** `id` of the data block that carries the embedded file. */
export const REPORT_DATA_ID = 'wavetrace-report';

/** The pieces of the standalone viewer a report is made of. */
export interface ViewerParts {
  /** Content of its Content-Security-Policy meta tag. */
  csp: string;
  /** Text of its one `<style>` element. */
  css: string;
  /** Text of its one inline module script (the CSP allows it by hash, so it is copied byte for byte). */
  script: string;
}

/** The file a report carries: its name (e.g. "wavetrace-example.com-20260101-120000.wavetrace.json") and bytes. */
export interface EmbeddedFile {
  name: string;
  bytes: Uint8Array;
  /**
   * The file the user gave when it differs from `name` (`wavetrace view x.har` embeds
   * `x.wavetrace.json.gz`): the report names it when loaded, as `data-source`.
   */
  source?: string;
}

/** Raised for a viewer HTML that lacks one of its parts; the message is one line. */
export class ViewerPartsError extends Error {
  override readonly name = 'ViewerPartsError';
}

/**
 * Reads the parts out of the standalone viewer's HTML (dist/wavetrace-viewer.html, or a report
 * made from it: its data block is ignored).
 * @throws ViewerPartsError when the CSP, the style or the module script is missing
 */
export function viewerPartsFromHtml(html: string): ViewerParts {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
  const script = /<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (csp === undefined || css === undefined || script === undefined) throw new ViewerPartsError('not the Wavetrace standalone viewer (its CSP, style or script is missing)');
  return { csp, css, script };
}

/** Escapes text for an HTML attribute value or element content. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The report's HTML: the viewer's CSP, style and script, and `file` in the data block. The
 * title names the file. Size: about 4/3 of `file.bytes` plus the viewer (pass gzip bytes for a
 * small report; the viewer reads gzip).
 */
export function reportHtml(parts: ViewerParts, file: EmbeddedFile): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${parts.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wavetrace report: ${escapeHtml(file.source ?? file.name)}</title>
<style>${parts.css}</style>
</head>
<body>
<div id="app"></div>
<script type="application/octet-stream" id="${REPORT_DATA_ID}" data-name="${escapeHtml(file.name)}"${file.source !== undefined && file.source !== file.name ? ` data-source="${escapeHtml(file.source)}"` : ''}>${bytesToBase64(file.bytes)}</script>
<script type="module">${parts.script}</script>
</body>
</html>
`;
}

/**
 * The embedded file of a report's data block (its `data-name`, base64 text and `data-source`),
 * or undefined when the text is not base64.
 */
export function decodeEmbeddedFile(name: string | null | undefined, base64: string, source?: string | null): EmbeddedFile | undefined {
  const text = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = base64ToBytes(text);
  if (!bytes) return undefined;
  return source ? { name: name || 'report.wavetrace.json', bytes, source } : { name: name || 'report.wavetrace.json', bytes };
}

/** The report file name for an export or a viewed file: its name with `.html` instead of its extension. */
export function reportFileName(fileName: string): string {
  return fileName.replace(/\.(wavetrace\.json(\.gz)?|json(\.gz)?|har|gz)$/i, '') + '.wavetrace-report.html';
}

/**
 * An export turned into a self-contained report: `file` (pass the gzip trace: the report is
 * then about a third of the plain trace's size plus the viewer) inside the viewer, as
 * `<name>.wavetrace-report.html`.
 */
export function reportExport(file: { fileName: string; bytes: Uint8Array }, parts: ViewerParts): { fileName: string; mime: string; bytes: Uint8Array } {
  const html = reportHtml(parts, { name: file.fileName, bytes: file.bytes });
  return { fileName: reportFileName(file.fileName), mime: 'text/html', bytes: new TextEncoder().encode(html) };
}

/**
 * The file a report made from a loaded capture carries, as the panel's Export report makes it
 * (docs/design.md#redaction, docs/design.md#package-and-playwright-fixture): the trace (a HAR is
 * first read into one) redacted with `keys` (default `DEFAULT_REDACT_KEYS`) and gzip-compressed,
 * named `<input name without its extension>.wavetrace.json.gz`, with `inputName` as its source
 * (what the report says it loaded). The input file's own bytes are never embedded: they may hold
 * secrets (headers, cookies, query tokens) the trace does not keep.
 */
export function reportFileOfTrace(trace: Trace, inputName: string, keys: readonly string[] = DEFAULT_REDACT_KEYS): EmbeddedFile {
  const base = inputName.replace(/\.(wavetrace\.json(\.gz)?|json(\.gz)?|z?har|gz)$/i, '') || 'report';
  return { name: `${base}.wavetrace.json.gz`, bytes: serializeTrace(redactTrace(trace, keys), { gzip: true }), source: inputName };
}
