// @vitest-environment happy-dom
/**
 * A self-contained report loads its embedded trace and its notice names the file the report
 * was made from (a HAR), not the embedded `.wavetrace.json.gz`; the "loaded" notice fades after
 * 12 s, an error stays (docs/design.md#panel-and-viewer).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEmbeddedReport } from '../../../src/viewer/embedded-report';
import { reportFileOfTrace, reportHtml } from '../../../src/core/export/report-html';
import { readTraceOrHar } from '../../../src/core/trace';
import { loadTraceBytes } from '../../../src/panel/import-file';
import { PanelStore } from '../../../src/panel/store';
import { manualScheduler } from '../panel/harness';

const HAR = join(__dirname, '../../fixtures/har/chrome-devtools.har');

afterEach(() => {
  document.body.innerHTML = '';
});

/** Puts the body of the report that `wavetrace view chrome-devtools.har` writes into this document. */
function reportOfHar(): void {
  const name = 'chrome-devtools.har';
  const file = reportFileOfTrace(readTraceOrHar(readFileSync(HAR, 'utf8'), name).trace, name);
  const html = reportHtml({ csp: "default-src 'none'", css: '', script: '' }, file);
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<script type="module">[\s\S]*?<\/script>/, '');
}

describe('report notice', () => {
  it('names the input file, and fades after 12 s', () => {
    reportOfHar();
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    expect(loadEmbeddedReport(store)).toBe(true);
    expect(store.state.events.length).toBeGreaterThan(0);
    expect(store.notice.value).toMatch(/^chrome-devtools\.har: \d+ events loaded/);
    expect(store.notice.value).not.toContain('wavetrace.json.gz');
    sched.advance(11_999);
    expect(store.notice.value).not.toBe('');
    sched.advance(1);
    expect(store.notice.value).toBe('');
  });

  it('a newer notice is not cleared by an older one fading', () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    store.flashNotice('a.har: 2 events loaded');
    sched.advance(6000);
    store.flashNotice('a.har: 2 events loaded');
    sched.advance(6000);
    expect(store.notice.value).toBe('a.har: 2 events loaded');
    sched.advance(6000);
    expect(store.notice.value).toBe('');
  });

  it('an error stays until dismissed; one event is singular', () => {
    const sched = manualScheduler();
    const store = new PanelStore(sched);
    expect(loadTraceBytes(store, new TextEncoder().encode('{"format":"nope"'), 'bad.json')).toMatch(/^cannot open bad\.json: /);
    sched.advance(60_000);
    expect(store.notice.value).toMatch(/^cannot open bad\.json: /);
    const one = '{"format":"wavetrace","version":1,"createdAt":"2026-11-30T00:00:00Z","source":{"tool":"t","browser":"b","page":"https://a.example/"},"redacted":true,"profile":"auto","dropped":0,"events":[{"seq":1,"t":1000,"type":"page-visibility","state":"visible"}]}';
    expect(loadTraceBytes(store, new TextEncoder().encode(one), 'one.wavetrace.json')).toBe('one.wavetrace.json: 1 event loaded');
  });
});
