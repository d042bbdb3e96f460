/**
 * The standalone viewer (docs/design.md#panel-and-viewer): one HTML file, opened in a browser with no extension, shows a
 * trace recorded by `wavetrace record` from the reference app with its findings; bad input gives
 * one line and the UI stays; payload markup stays inert; a 200 MB trace loads without a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitFor, type ExtensionBrowser } from './lib/chromium';
import { VIEWER_FILE, importFile, openViewer } from './lib/viewer-page';
import { startReferenceServer, type ReferenceServer } from '../reference-app';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'wavetrace-viewer-'));
const header = (extra = '') => `{"format":"wavetrace","version":1,"createdAt":"2026-11-30T00:00:00Z","source":{"tool":"t","browser":"b","page":"https://app.example.com/"},"redacted":true,"profile":"scaiwave","dropped":0${extra},"events":[`;

describe('standalone viewer without the extension', () => {
  let b: ExtensionBrowser;
  let page: Page;
  let server: ReferenceServer;
  let dialogs: string[] = [];

  beforeAll(async () => {
    expect(existsSync(VIEWER_FILE)).toBe(true);
    server = await startReferenceServer({ port: 0, eventIntervalMs: 150, pingIntervalMs: 1000 });
    ({ b, page, dialogs } = await openViewer());
  });
  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('has a strict CSP: its one script allowed by hash, no network', () => {
    const html = readFileSync(VIEWER_FILE, 'utf8');
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'none'");
  });

  it('opens a trace recorded by wavetrace record from the reference app, with its findings', async () => {
    const out = join(dir, 'recorded.wavetrace.json');
    const bin = join(root, 'bin/wavetrace.js');
    const done = new Promise<number>((resolve) => {
      execFile('node', [bin, 'record', `${server.url}/?skipSync=1&resetCursor=1`, '--duration', '5', '--out', out], { timeout: 90000 }, (err) => resolve(err ? 1 : 0));
    });
    // Drop the stream mid-recording: the skipSync client resumes without GET /v1/sync.
    await waitFor(() => server.connections().length > 0, 'the recorded page to connect', 30000);
    await new Promise((r) => setTimeout(r, 1500));
    server.killSockets();
    expect(await done).toBe(0);
    const notice = await importFile(page, out);
    expect(notice).toMatch(/recorded\.wavetrace\.json: \d+ events loaded/);
    await waitFor(async () => (await page.locator('body').innerText()).includes('sync-skipped'), 'the sync-skipped finding');
    expect(await page.locator('body').innerText()).toMatch(/without GET \/v1\/sync\?since=\d+/);
  }, 120000);

  const bad: [string, string | Uint8Array, RegExp][] = [
    ['truncated.wavetrace.json', header() + '{"seq":1,"t":1,"type":"page-navigation","url":"x"},{"seq":', /not JSON/],
    ['other.json', '{"format":"otel","version":1}', /unknown format "otel"/],
    ['future.wavetrace.json', '{"format":"wavetrace","version":2,"events":[]}', /unsupported version 2/],
    ['garbage.bin', new Uint8Array(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 256)), /cannot open garbage\.bin: /],
    ['deep.wavetrace.json', header() + '{"seq":1,"t":1,"type":"page-navigation","url":' + '['.repeat(10000) + ']'.repeat(10000) + '}]}', /events\[0\]\.url/],
  ];
  for (const [name, content, reason] of bad) {
    it(`${name}: one line, and the UI stays usable`, async () => {
      const p = join(dir, name);
      writeFileSync(p, content);
      const notice = await importFile(page, p);
      expect(notice.split('\n')).toHaveLength(1);
      expect(notice).toMatch(reason);
      expect(await page.getByRole('button', { name: 'Import' }).isVisible()).toBe(true);
    });
  }

  it('a HAR without WebSocket entries loads (HTTP only)', async () => {
    const har = { log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages: [], entries: [{ startedDateTime: '2026-11-30T00:00:00.000Z', time: 12, request: { method: 'GET', url: 'https://x/api', httpVersion: 'HTTP/1.1', headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 }, response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', headers: [], cookies: [], content: { size: 0, mimeType: 'text/plain' }, redirectURL: '', headersSize: -1, bodySize: 0 }, cache: {}, timings: { send: 0, wait: 10, receive: 2 } }] } };
    const p = join(dir, 'plain.har');
    writeFileSync(p, JSON.stringify(har));
    expect(await importFile(page, p)).toMatch(/plain\.har: \d+ events loaded/);
  });

  it('drag and drop opens a file; payload markup stays text', async () => {
    const xss = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const text = header() + [
      `{"seq":1,"t":1764460800000,"type":"ws-create","conn":"c.1","url":"wss://app.example.com/v1/stream","protocols":[],"frameUrl":"https://app.example.com/"}`,
      `{"seq":2,"t":1764460800010,"type":"ws-open","conn":"c.1","protocol":"","extensions":""}`,
      `{"seq":3,"t":1764460800020,"type":"ws-message","conn":"c.1","opcode":1,"size":${xss.length},"data":${JSON.stringify(xss)},"encoding":"text","truncated":false}`,
      `{"seq":4,"t":1764460800030,"type":"ws-message","conn":"c.1","opcode":1,"size":30,"data":${JSON.stringify(JSON.stringify({ html: xss }))},"encoding":"text","truncated":false}`,
    ].join(',') + ']}';
    await page.evaluate(([t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t as string], 'dropped.wavetrace.json', { type: 'application/json' }));
      for (const type of ['dragenter', 'dragover', 'drop']) document.documentElement.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [text]);
    await waitFor(async () => ((await page.locator('[role=status]').first().textContent()) ?? '').includes('dropped.wavetrace.json: 4 events loaded'), 'the dropped file');
    await page.getByText('<img src=x onerror=alert(1)>', { exact: false }).first().click();
    await new Promise((r) => setTimeout(r, 300));
    expect(await page.evaluate(() => document.querySelectorAll('img, script:not([type=module])').length)).toBe(0);
    expect(await page.locator('body').innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(dialogs).toEqual([]);
  });

  it('a 200 MB trace loads without hanging the page', async () => {
    const p = join(dir, 'big.wavetrace.json');
    const pad = 'x'.repeat(64 * 1024 - 40);
    const parts: string[] = [header(), `{"seq":1,"t":1764460800000,"type":"ws-create","conn":"c.1","url":"wss://app.example.com/v1/stream","protocols":[],"frameUrl":"https://app.example.com/"}`];
    const n = 3200;
    for (let i = 0; i < n; i++) parts.push(`,{"seq":${i + 2},"t":${1764460800000 + i},"type":"ws-message","conn":"c.1","opcode":1,"size":${pad.length + 30},"data":"{\\"stream_position\\":${i},\\"p\\":\\"${pad}\\"}","encoding":"text","truncated":false}`);
    parts.push(']}');
    writeFileSync(p, parts.join(''));
    const started = Date.now();
    const notice = await importFile(page, p);
    expect(notice).toMatch(new RegExp(`big\\.wavetrace\\.json: ${(n + 1).toLocaleString('en-US')} events loaded`));
    // Still responsive: a round trip through the page's event loop is quick.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(Date.now() - started).toBeLessThan(60000);
  }, 120000);
});
