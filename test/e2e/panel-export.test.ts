/**
 * Export and import in the real panel (docs/design.md#redaction, docs/design.md#har-import-and-export): Export writes a redacted trace by default (no
 * token value anywhere in the file), HAR on request, secrets only when the user turns redaction
 * off; Import of a broken file gives one line and keeps the panel usable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { startTestServers, type TestServers } from './lib/servers';
import { redactionMark } from '../../src/core/redact';
import { gunzipSync } from 'fflate';

const SECRET = 'sk-live-9d8c7b6a5f4e3d2c';
const PAGE = `<!doctype html><meta charset="utf-8"><title>export</title>
<script>
  const ws = new WebSocket(new URLSearchParams(location.search).get('ws') + '/v1/stream?token=${SECRET}');
  ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', access_token: '${SECRET}', text: '<b>hi</b>' }));
</script>`;

describe('export and import in the panel', () => {
  let b: ExtensionBrowser;
  let srv: TestServers;
  let panel: Page;
  const dir = mkdtempSync(join(tmpdir(), 'wavetrace-export-'));

  beforeAll(async () => {
    srv = await startTestServers({ '/page.html': PAGE });
    b = await launchChromium();
    const page = await b.context.newPage();
    await page.goto(`${srv.httpUrl}/page.html?ws=${encodeURIComponent(srv.wsUrl)}`);
    await waitFor(() => srv.received.length >= 1, 'the page to send');
    panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
    const tabId = await waitFor(() => panel.evaluate(() => [...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent?.includes('/page.html'))?.getAttribute('data-tab-id') ?? null), 'the tab in the picker');
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}`);
    await waitFor(() => panel.evaluate(() => (globalThis as unknown as { wavetrace: { eventCount(): number } }).wavetrace.eventCount() >= 4), 'the panel to hold the capture');
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  async function exportVia(choose: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<{ name: string; text: string }> {
    await panel.getByRole('button', { name: 'Export' }).click();
    const dialog = panel.getByRole('dialog');
    await dialog.waitFor();
    await choose(dialog);
    const [download] = await Promise.all([panel.waitForEvent('download'), dialog.getByRole('button', { name: 'Save' }).click()]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }

  it('exports a redacted trace by default, named after the site and the time', async () => {
    const { name, text } = await exportVia(async (d) => {
      expect(await d.getByTestId('redaction-note').textContent()).toContain('access_token');
    });
    expect(name).toMatch(/^wavetrace-127\.0\.0\.1_\d+-\d{8}-\d{6}\.wavetrace\.json$/);
    expect(text).not.toContain(SECRET);
    expect(text).toContain(redactionMark(SECRET));
    expect(JSON.parse(text).redacted).toBe(true);
  });

  it('exports a HAR with _webSocketMessages, redacted', async () => {
    const { name, text } = await exportVia(async (d) => {
      await d.getByLabel(/HAR 1\.2/).check();
    });
    expect(name).toMatch(/\.har$/);
    const har = JSON.parse(text);
    const ws = har.log.entries.find((e: { _resourceType?: string }) => e._resourceType === 'websocket');
    expect(ws._webSocketMessages.map((m: { type: string }) => m.type)).toContain('send');
    expect(text).not.toContain(SECRET);
  });

  it('exports a self-contained report: the viewer and the redacted gzip trace, its size shown before saving', async () => {
    let size = '';
    const { name, text } = await exportVia(async (d) => {
      await d.getByLabel(/Self-contained report/).check();
      size = await waitFor(async () => {
        const t = (await d.getByTestId('export-size').textContent()) ?? '';
        return t.startsWith('Size: ') ? t : undefined;
      }, 'the report size');
    });
    expect(name).toMatch(/^wavetrace-127\.0\.0\.1_\d+-\d{8}-\d{6}\.wavetrace-report\.html$/);
    expect(size).toBe(`Size: ${name}: ${(new TextEncoder().encode(text).length / 1024).toFixed(1)} KiB`);
    const viewer = readFileSync(join(new URL('../../', import.meta.url).pathname, 'dist/wavetrace-viewer.html'), 'utf8');
    const script = (html: string) => /<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1];
    expect(script(text)).toBe(script(viewer));
    const block = /<script type="application\/octet-stream" id="wavetrace-report" data-name="([^"]+)">([^<]+)<\/script>/.exec(text);
    expect(block?.[1]).toMatch(/\.wavetrace\.json\.gz$/);
    const trace = new TextDecoder().decode(gunzipSync(new Uint8Array(Buffer.from(block?.[2] ?? '', 'base64'))));
    expect(JSON.parse(trace).redacted).toBe(true);
    expect(trace).toContain(redactionMark(SECRET));
    expect(trace).not.toContain(SECRET);
    expect(text).not.toContain(SECRET);
  });

  it('keeps secrets only when the user turns redaction off', async () => {
    const { text } = await exportVia(async (d) => {
      await d.getByLabel(/Redact secrets/).uncheck();
      expect(await d.getByTestId('redaction-note').textContent()).toMatch(/as captured/);
    });
    expect(text).toContain(SECRET);
  });

  it('importing a broken file says so in one line and keeps the panel', async () => {
    const p = join(dir, 'broken.wavetrace.json');
    writeFileSync(p, '{"format":"wavetrace","version":1,"events":[{"seq":');
    const [chooser] = await Promise.all([panel.waitForEvent('filechooser'), panel.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles(p);
    const notice = await waitFor(async () => {
      const t = (await panel.locator('[role=status]').first().textContent()) ?? '';
      return t.startsWith('cannot open') ? t : undefined;
    }, 'the import error');
    expect(notice).toMatch(/^cannot open broken\.wavetrace\.json: not JSON/);
    expect(await panel.getByRole('button', { name: 'Export' }).isVisible()).toBe(true);
    expect(await panel.evaluate(() => (globalThis as unknown as { wavetrace: { eventCount(): number } }).wavetrace.eventCount())).toBeGreaterThanOrEqual(4);
  });
});

describe('clear, import and resume in the panel as a tab (docs/design.md#clear-import-and-resume)', () => {
  let b: ExtensionBrowser;
  let srv: TestServers;
  let page: Page;
  let panel: Page;
  const count = (): Promise<number> => panel.evaluate(() => (globalThis as unknown as { wavetrace: { eventCount(): number } }).wavetrace.eventCount());
  const trace = async (): Promise<{ events: { type: string; t: number; data?: string; url?: string }[] }> =>
    JSON.parse(await panel.evaluate(() => (globalThis as unknown as { wavetrace: { exportTrace(o: { redact: boolean }): Promise<string> } }).wavetrace.exportTrace({ redact: false }))) as { events: { type: string; t: number; data?: string; url?: string }[] };
  const send = (text: string): Promise<void> => page.evaluate(`ws.send(${JSON.stringify(text)})`);

  beforeAll(async () => {
    srv = await startTestServers({ '/page.html': PAGE });
    b = await launchChromium();
    page = await b.context.newPage();
    await page.goto(`${srv.httpUrl}/page.html?ws=${encodeURIComponent(srv.wsUrl)}`);
    await waitFor(() => srv.received.length >= 1, 'the page to send');
    panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
    const tabId = await waitFor(() => panel.evaluate(() => [...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent?.includes('/page.html'))?.getAttribute('data-tab-id') ?? null), 'the tab in the picker');
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}`);
    await waitFor(async () => (await count()) >= 3, 'the panel to hold the capture');
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  it('cleared frames never come back; an import is its own capture; Resume asks, then records only what is new', async () => {
    const held = await count();
    await panel.getByRole('button', { name: 'Clear' }).click();
    await panel.getByText(`Cleared ${held - 2} events`).waitFor();
    // The socket still open keeps its create and open; Undo brings back what was cleared, Clear again.
    expect(await count()).toBe(2);
    await panel.getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => (await count()) === held, 'the Undo of Clear');
    await panel.getByRole('button', { name: 'Clear' }).click();
    await waitFor(async () => (await count()) === 2, 'the Clear');
    await send('after-clear');
    await waitFor(async () => (await count()) >= 3, 'the frame sent after Clear');

    const har = fileURLToPath(new URL('../fixtures/har/realworld/mitmproxy-websocket.har', import.meta.url));
    const [chooser] = await Promise.all([panel.waitForEvent('filechooser'), panel.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles(har);
    await panel.getByText('mitmproxy-websocket.har replaced the live capture (recording paused)').waitFor();
    expect(await panel.getByTestId('counts').textContent()).toMatch(/· 5 frames$/);
    await send('while-paused');
    await new Promise((r) => setTimeout(r, 500));
    expect(await panel.getByTestId('counts').textContent()).toMatch(/· 5 frames$/);

    await panel.getByRole('button', { name: 'Paused' }).click();
    const ask = panel.getByRole('alertdialog');
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Resume recording' }).click();
    await send('after-resume');
    const t = await waitFor(async () => {
      const tr = await trace();
      return tr.events.some((e) => e.data?.includes('after-resume')) ? tr : undefined;
    }, 'the frame sent after Resume');
    const texts = t.events.filter((e) => e.type === 'ws-send').map((e) => e.data);
    // Nothing cleared, nothing the replaced live capture held, nothing imported: what the hooks held past the marks, and what is new.
    expect(texts).toEqual(['while-paused', 'after-resume']);
    expect(t.events.slice(0, 2).map((e) => [e.type, e.url?.startsWith(srv.wsUrl) ?? true])).toEqual([['ws-create', true], ['ws-open', true]]);
    const t0 = t.events[0]!.t;
    expect(t.events.every((e) => e.t >= t0 && e.t <= Date.now() + 1000)).toBe(true);
  });
});
