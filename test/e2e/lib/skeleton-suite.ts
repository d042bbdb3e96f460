/**
 * The walking skeleton, written once for Chromium and Firefox: a page on 127.0.0.1 talks to a
 * `ws` server; frames exchanged before the Wavetrace panel was opened and after it both appear,
 * exactly once, in the real panel (inside real DevTools in Chromium; in Firefox the panel page
 * as a tab, attached to the page's tab through its tab picker and the real hub). Secrets in the
 * socket's URL are redacted, payload markup stays text, and both closes (1000 and an abrupt
 * 1006) show in the connection lanes. A screenshot goes to artifacts/panel-<browser>.png.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServers, type TestServers } from './servers';
import { waitFor } from './chromium';
import { PANEL_SNAPSHOT_JS, type PanelSnapshot } from './panel-snapshot';
import { redactionMark } from '../../../src/core/redact';
import type { SuiteBrowser } from './suite-browser';

const SECRET = 's3cr3t-token-value';
const PAGE = `<!doctype html><meta charset="utf-8"><title>skeleton</title>
<script>
  const target = new URLSearchParams(location.search).get('ws');
  const ws = new WebSocket(target + '/stream?token=${SECRET}&room=1');
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => {
    ws.send('before-1');
    ws.send(JSON.stringify({ type: 'before-2', html: '<img src=x onerror=alert(1)>' }));
    ws.send(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
  };
  window.sendNow = (text) => ws.send(text);
  window.closeNow = () => ws.close(1000, 'done');
  window.openSecond = () => { window.ws2 = new WebSocket(target + '/second'); };
</script>`;

/** Defines the skeleton test in the current `describe`, in the browser `launch` starts (Chromium with DevTools open). */
export function defineSkeletonSuite(launch: () => Promise<SuiteBrowser>): void {
  let srv: TestServers;
  let b: SuiteBrowser;

  beforeAll(async () => {
    srv = await startTestServers({ '/page.html': PAGE });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  it('shows frames sent before and after the panel opened, once each', async () => {
    const page = await b.newPage();
    await page.goto(`${srv.httpUrl}/page.html?ws=${encodeURIComponent(srv.wsUrl)}`);
    await waitFor(() => srv.received.length >= 3, 'the server to receive 3 frames');

    const panel = await b.openPanelFor(`${srv.httpUrl}/page.html`);
    const snap = async (): Promise<PanelSnapshot> => (await panel.evaluate<PanelSnapshot>(PANEL_SNAPSHOT_JS)) ?? { counts: '', connections: [], frames: [], empty: true };
    const before = await waitFor(async () => {
      const s = await snap();
      return s.frames.length >= 7 ? s : undefined;
    }, 'the backlog in the panel');
    expect(before.connections).toHaveLength(1);
    const url = before.connections[0]!.url;
    expect(url).toContain(`token=${redactionMark(SECRET)}`);
    expect(url).not.toContain(SECRET);
    expect(url).toContain('room=1');
    expect(before.connections[0]!.state).toBe('open');

    await page.evaluate(`window.sendNow('after-1')`);
    const after = await waitFor(async () => {
      const s = await snap();
      return s.frames.some((f) => f.data === 'echo:after-1') ? s : undefined;
    }, 'the live frame in the panel');
    const texts = after.frames.map((f) => `${f.dir} ${f.data}`);
    const sent = [
      '↑ before-1',
      '↑ {"type":"before-2","html":"<img src=x onerror=alert(1)>"}',
      '↑ de ad be ef',
      '↓ echo:before-1',
      '↓ echo:{"type":"before-2","html":"<img src=x onerror=alert(1)>"}',
      '↓ de ad be ef',
      '↑ after-1',
      '↓ echo:after-1',
    ];
    // "welcome" and the page's first sends race on the wire; everything else has a fixed order.
    expect([...texts].sort()).toEqual(['↓ welcome', ...sent].sort());
    expect(texts.filter((x) => x !== '↓ welcome')).toEqual(sent);
    expect(texts).toHaveLength(9);
    expect(new Set(texts).size).toBe(9);
    expect(after.frames.find((f) => f.data === 'before-1')?.size).toBe('8 B');
    expect(after.frames.find((f) => f.data === 'de ad be ef' && f.dir === '↑')?.size).toBe('4 B');
    // Batches came on the panel's own stream ports to the relays (tabs.connect, also inside
    // Chromium's DevTools), not through the hub (docs/design.md#places-and-data-flow).
    expect(await panel.evaluate<string>('document.documentElement.dataset.transport')).toBe('direct');
    // Payload text stays text: no <img> element was created in the panel.
    expect(await panel.evaluate<number>('document.querySelectorAll("img").length')).toBe(0);

    await page.evaluate(`window.closeNow()`);
    await page.evaluate(`window.openSecond()`);
    await waitFor(() => srv.sockets.size >= 1 && [...srv.sockets].length > 0, 'the second socket');
    await waitFor(async () => (await snap()).connections.length === 2, 'the second connection in the panel');
    await new Promise((r) => setTimeout(r, 300));
    for (const s of srv.sockets) s.terminate(); // no close frame: the page sees 1006
    const closed = await waitFor(async () => {
      const s = await snap();
      return s.connections.every((c) => c.state.startsWith('closed')) ? s : undefined;
    }, 'both connections closed in the panel');
    expect(closed.connections.map((c) => c.state)).toEqual(['closed 1000 Normal Closure', 'closed 1006 Abnormal Closure']);

    // A screenshot of the real panel, for people to look at.
    await panel.screenshot('panel');
  });
}
