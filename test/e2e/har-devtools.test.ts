/**
 * A HAR exported by Wavetrace imports into real Chrome DevTools' Network panel with all its
 * WebSocket messages (docs/design.md#har-import-and-export): the same import path as "Import HAR file" in DevTools.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { CdpSession, listTargets } from './lib/cdp';
import { buildExport } from '../../src/core/export/export-file';
import { parseTrace } from '../../src/core/trace';

const fixture = new URL('../fixtures/traces/scaiwave-resume.wavetrace.json', import.meta.url);

describe('HAR export in Chrome DevTools', () => {
  let b: ExtensionBrowser;
  beforeAll(async () => {
    b = await launchChromium({ devtools: true, extension: false });
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the Network panel shows every connection with its messages', async () => {
    const trace = parseTrace(readFileSync(fixture));
    const har = buildExport(trace.events, { format: 'har', redact: true, page: trace.source.page });
    const expected = new Map<string, string[]>();
    for (const e of trace.events) if (e.type === 'ws-create') expected.set(String(e.conn), []);
    for (const e of trace.events) {
      if (e.type !== 'ws-send' && e.type !== 'ws-message') continue;
      const k = String(e.conn);
      if (!expected.has(k)) expected.set(k, []);
      expected.get(k)!.push(`${e.type === 'ws-send' ? 'send' : 'receive'} ${e.encoding === 'text' ? e.data : `opcode2 ${e.data}`}`);
    }
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    await page.goto('about:blank');
    const front = await waitFor(async () => (await listTargets(b.debugPort)).find((t) => t.url.startsWith('devtools://devtools/')), 'the DevTools frontend');
    const s = await CdpSession.connect(front.webSocketDebuggerUrl);
    try {
      await waitFor(() => s.evaluate<boolean>(`(async () => !!(await import('devtools://devtools/bundled/ui/legacy/legacy.js')).InspectorView.InspectorView.maybeGetInspectorViewInstance())()`), 'DevTools to start');
      const harText = new TextDecoder().decode(har.bytes);
      const got = await s.evaluate<{ url: string; type: string; frames: string[] }[]>(`(async () => {
        const L = await import('devtools://devtools/bundled/ui/legacy/legacy.js');
        await L.InspectorView.InspectorView.instance().showPanel('network');
        const N = await import('devtools://devtools/bundled/panels/network/network.js');
        const input = N.NetworkPanel.NetworkPanel.instance().fileSelectorElement;
        const dt = new DataTransfer();
        dt.items.add(new File([${JSON.stringify(harText)}], ${JSON.stringify(har.fileName)}, { type: 'application/json' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change'));
        const Logs = await import('devtools://devtools/bundled/models/logs/logs.js');
        for (let i = 0; i < 100 && Logs.NetworkLog.NetworkLog.instance().requests().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 200));
        return Logs.NetworkLog.NetworkLog.instance().requests().map((r) => ({
          url: r.url(),
          type: r.resourceType().name(),
          frames: r.frames().map((f) => f.type + ' ' + (f.opCode === 2 ? 'opcode2 ' : '') + f.text),
        }));
      })()`);
      const sockets = got.filter((r) => r.type === 'websocket');
      expect(sockets.length).toBe(expected.size);
      const byFrames = [...expected.values()].map((v) => v.join('\n')).sort();
      expect(sockets.map((r) => r.frames.join('\n')).sort()).toEqual(byFrames);
      for (const r of sockets) expect(r.url).not.toMatch(/token=(?!REDACTED~)/);
    } finally {
      s.close();
    }
  });
});
