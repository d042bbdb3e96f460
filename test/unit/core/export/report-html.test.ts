/** The self-contained report's HTML: the viewer's parts copied byte for byte, the file in an inert data block. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeEmbeddedFile, REPORT_DATA_ID, reportExport, reportFileName, reportHtml, viewerPartsFromHtml, ViewerPartsError } from '../../../../src/core/export/report-html';

const script = 'const a = "</p>"; document.title = `x`;';
const hash = createHash('sha256').update(script).digest('base64');
const viewer = `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-${hash}'; connect-src 'none'">\n<title>Wavetrace viewer</title>\n<style>body{color:red}</style>\n</head>\n<body>\n<div id="app"></div>\n<script type="module">${script}</script>\n</body>\n</html>\n`;

describe('report-html', () => {
  it('reads the viewer parts and refuses another page in one line', () => {
    expect(viewerPartsFromHtml(viewer)).toEqual({ csp: `default-src 'none'; script-src 'sha256-${hash}'; connect-src 'none'`, css: 'body{color:red}', script });
    expect(() => viewerPartsFromHtml('<html><body>hi</body></html>')).toThrow(ViewerPartsError);
    expect(() => viewerPartsFromHtml('<html></html>')).toThrow('not the Wavetrace standalone viewer (its CSP, style or script is missing)');
  });

  it('keeps the script (so its hash still matches the CSP) and carries any bytes, even ones that look like markup', () => {
    const bytes = new TextEncoder().encode('{"x":"</script><script>alert(1)</script>"}');
    const html = reportHtml(viewerPartsFromHtml(viewer), { name: 'a "b" <c>.wavetrace.json', bytes });
    const parts = viewerPartsFromHtml(html);
    expect(createHash('sha256').update(parts.script).digest('base64')).toBe(hash);
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain('<title>Wavetrace report: a &quot;b&quot; &lt;c&gt;.wavetrace.json</title>');
    const block = new RegExp(`<script type="application/octet-stream" id="${REPORT_DATA_ID}" data-name="([^"]*)">([^<]*)</script>`).exec(html);
    expect(block).not.toBeNull();
    const file = decodeEmbeddedFile(block![1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'), block![2]!);
    expect(file?.name).toBe('a "b" <c>.wavetrace.json');
    expect(new TextDecoder().decode(file?.bytes)).toBe('{"x":"</script><script>alert(1)</script>"}');
    // A report made from a report carries only the new file.
    const again = reportHtml(viewerPartsFromHtml(html), { name: 'b.har', bytes: new Uint8Array([1, 2, 3]) });
    expect(again.match(new RegExp(REPORT_DATA_ID, 'g'))).toHaveLength(1);
  });

  it('rejects a data block that is not base64; names reports after their file', () => {
    expect(decodeEmbeddedFile('x', 'not base64!')).toBeUndefined();
    expect(decodeEmbeddedFile(null, 'AAEC')?.name).toBe('report.wavetrace.json');
    expect(reportFileName('wavetrace-example.com-20260101-120000.wavetrace.json.gz')).toBe('wavetrace-example.com-20260101-120000.wavetrace-report.html');
    expect(reportFileName('session.har')).toBe('session.wavetrace-report.html');
    const r = reportExport({ fileName: 'a.wavetrace.json.gz', bytes: new Uint8Array([31, 139]) }, viewerPartsFromHtml(viewer));
    expect(r.fileName).toBe('a.wavetrace-report.html');
    expect(r.mime).toBe('text/html');
    expect(new TextDecoder().decode(r.bytes)).toContain('data-name="a.wavetrace.json.gz">H4s=</script>');
  });
});
