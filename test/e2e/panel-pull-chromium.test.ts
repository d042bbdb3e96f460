/**
 * Pull with back-pressure in real Chromium (docs/design.md#ring-buffer-and-streaming): a
 * standalone panel on the direct path pulls, so during a burst the hook holds what the panel
 * has not asked for. Nothing may be lost: after a burst every frame reaches the panel (count
 * and bytes match what the page sent and got), and an export taken right after a burst
 * contains all of it, the frames still held in the hook included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { startTestServers, type TestServers } from './lib/servers';

/** Frames per burst (each way: the server echoes every one). */
const N = 6000;
/** Characters of each frame the page sends (ASCII: bytes = characters). */
const LEN = 1000;

const PAGE = `<!doctype html><meta charset="utf-8"><title>burst</title>
<script>
  const ws = new WebSocket(new URLSearchParams(location.search).get('ws') + '/burst');
  window.echoes = 0;
  ws.onmessage = (e) => { if (String(e.data).startsWith('echo:')) window.echoes++; };
  window.burst = (tag, n, len) => { for (let i = 0; i < n; i++) ws.send((tag + ':' + i + ':').padEnd(len, 'x')); };
</script>`;

interface TraceFrame {
  type: string;
  size: number;
  data?: string;
}

describe('a pulling panel after a burst (Chromium)', () => {
  let b: ExtensionBrowser;
  let srv: TestServers;
  let page: Page;
  let panel: Page;
  const exportTrace = async (): Promise<TraceFrame[]> => (JSON.parse(await panel.evaluate(() => (globalThis as unknown as { wavetrace: { exportTrace(o: object): Promise<string> } }).wavetrace.exportTrace({ redact: false }))) as { events: TraceFrame[] }).events;
  const eventCount = (): Promise<number> => panel.evaluate(() => (globalThis as unknown as { wavetrace: { eventCount(): number } }).wavetrace.eventCount());
  /** Frames of one burst in a trace: the page's sends and the server's echoes, and their bytes. */
  const ofBurst = (events: TraceFrame[], tag: string) => {
    const sends = events.filter((e) => e.type === 'ws-send' && e.data?.startsWith(`${tag}:`));
    const echoes = events.filter((e) => e.type === 'ws-message' && e.data?.startsWith(`echo:${tag}:`));
    return { sends: sends.length, echoes: echoes.length, bytes: [...sends, ...echoes].reduce((s, e) => s + e.size, 0) };
  };
  const fired = async (tag: string): Promise<void> => {
    const before = srv.received.length;
    await page.evaluate(([t, n, len]) => (window as unknown as { burst(t: string, n: number, l: number): void }).burst(t as string, n as number, len as number), [tag, N, LEN]);
    await waitFor(() => srv.received.length >= before + N, 'the server to get the burst', 60_000);
    await waitFor(() => page.evaluate((want) => (window as unknown as { echoes: number }).echoes >= want, srv.received.length), 'the page to get every echo', 60_000);
  };
  const whole = { sends: N, echoes: N, bytes: N * LEN + N * (LEN + 'echo:'.length) };

  beforeAll(async () => {
    srv = await startTestServers({ '/burst.html': PAGE });
    b = await launchChromium();
    page = await b.context.newPage();
    await page.goto(`${srv.httpUrl}/burst.html?ws=${encodeURIComponent(srv.wsUrl)}`);
    await waitFor(() => page.evaluate(() => (window as unknown as { echoes: number }).echoes === 0 && document.readyState === 'complete'), 'the page');
    panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
    const tabId = await waitFor(() => panel.evaluate(() => [...document.querySelectorAll('a[data-tab-id]')].find((a) => a.textContent?.includes('/burst.html'))?.getAttribute('data-tab-id') ?? null), 'the tab in the picker');
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}`);
    await waitFor(() => eventCount().then((c) => c >= 3), 'the panel to hold the open socket'); // ws-create, ws-open, welcome
    expect(await panel.evaluate(() => document.documentElement.dataset.transport)).toBe('direct');
    await page.bringToFront(); // the panel is a background tab while the page runs, as in real use
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  it('every frame of a burst reaches the panel once the page is quiet: count and bytes match', async () => {
    const base = await eventCount();
    await fired('a');
    await waitFor(() => eventCount().then((c) => c >= base + 2 * N), 'the panel to catch up', 60_000);
    expect(ofBurst(await exportTrace(), 'a')).toEqual(whole);
    expect(await eventCount()).toBe(base + 2 * N);
  }, 120_000);

  it('an export right after a burst contains all of it, the frames the hook still held included', async () => {
    await fired('b');
    const events = await exportTrace(); // at once: no wait for the panel to catch up
    expect(ofBurst(events, 'b')).toEqual(whole);
    expect(ofBurst(events, 'a')).toEqual(whole);
    expect(events.filter((e) => e.type === 'ws-send' || e.type === 'ws-message')).toHaveLength(1 + 4 * N); // and the welcome
  }, 120_000);
});
