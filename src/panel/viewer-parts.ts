/**
 * Where the panel and the viewer get the standalone viewer a self-contained report is made of
 * (docs/design.md#package-and-playwright-fixture).
 */
import { viewerPartsFromHtml, type ViewerParts } from '../core/export/report-html';

/**
 * The standalone viewer's parts: from this document when it is the standalone viewer (or a
 * report), else from the built `wavetrace-viewer.html` beside the extension's pages.
 * @throws Error with one line when neither is available
 */
export async function loadViewerParts(doc: Document = document): Promise<ViewerParts> {
  const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
  const css = doc.querySelector('head > style')?.textContent;
  const script = doc.querySelector('script[type="module"]:not([src])')?.textContent;
  if (csp && css != null && script) return { csp, css, script };
  let html: string;
  try {
    const res = await fetch(new URL('/wavetrace-viewer.html', doc.location.href));
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    html = await res.text();
  } catch (e) {
    throw new Error(`the standalone viewer is not part of this build (${String(e instanceof Error ? e.message : e)})`);
  }
  return viewerPartsFromHtml(html);
}
