/**
 * Walking skeleton in real Firefox: the same capture as in Chromium (frames before and after
 * the panel attached, once each) verified down to what the panel receives and renders. The
 * panel page is opened as a tab (DevTools panels cannot be driven headless in Firefox) and
 * attaches to the page's tab through the real hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServers, type TestServers } from './lib/servers';
import { launchFirefox, type FirefoxWithExtension } from './lib/firefox';
import { waitFor } from './lib/chromium';
import { PANEL_SNAPSHOT_JS, type PanelSnapshot } from './lib/panel-snapshot';
import { redactionMark } from '../../src/core/redact';

const SECRET = 'ff-secret-token';
const PAGE = `<!doctype html><meta charset="utf-8"><title>skeleton-ff</title>
<script>
  const target = new URLSearchParams(location.search).get('ws');
  const ws = new WebSocket(target + '/stream?token=${SECRET}');
  ws.binaryType = 'arraybuffer';
  ws.onopen = () => { ws.send('before-1'); ws.send(new Uint8Array([1, 2, 255])); };
  window.sendNow = (t) => ws.send(t);
</script>`;

describe('walking skeleton in Firefox', () => {
  let srv: TestServers;
  let ff: FirefoxWithExtension;

  beforeAll(async () => {
    srv = await startTestServers({ '/page.html': PAGE });
    ff = await launchFirefox();
  });
  afterAll(async () => {
    await ff?.close();
    await srv?.close();
  });

  it('captures frames before and after the panel attached, once each', async () => {
    const page = await ff.browser.newPage();
    const pageUrl = `${srv.httpUrl}/page.html?ws=${encodeURIComponent(srv.wsUrl)}`;
    await page.goto(pageUrl);
    await waitFor(() => srv.received.length >= 2, 'the server to receive 2 frames');

    const panel = await ff.openExtensionTab('/src/panel/panel.html');
    const pick = await waitFor(
      () => panel.evaluate<{ id: string; text: string } | null>(`(() => { const a = [...document.querySelectorAll('a[data-tab-id]')].find((x) => x.textContent.includes('/page.html')); return a ? { id: a.dataset.tabId, text: a.textContent } : null; })()`),
      'the hooked tab in the picker',
    );
    expect(pick.text).toContain(`${srv.httpUrl}/page.html`);
    await panel.evaluate(`(document.querySelector('a[data-tab-id="${pick.id}"]').click(), true)`);
    const snap = async () => (await panel.evaluate<PanelSnapshot | null>(PANEL_SNAPSHOT_JS)) ?? { counts: '', connections: [], frames: [], empty: true };
    await waitFor(async () => (await snap()).frames.length >= 5, 'the backlog in the panel');

    await page.evaluate(() => (window as unknown as { sendNow(t: string): void }).sendNow('after-1'));
    const s = await waitFor(async () => {
      const x = await snap();
      return x.frames.some((f) => f.data === 'echo:after-1') ? x : undefined;
    }, 'the live frame in the panel');
    const texts = s.frames.map((f) => `${f.dir} ${f.data}`);
    // "welcome" and the page's first sends race on the wire; everything else has a fixed order.
    expect([...texts].sort()).toEqual(['↓ welcome', '↑ before-1', '↑ 01 02 ff', '↓ echo:before-1', '↓ 01 02 ff', '↑ after-1', '↓ echo:after-1'].sort());
    expect(texts.filter((x) => x !== '↓ welcome')).toEqual(['↑ before-1', '↑ 01 02 ff', '↓ echo:before-1', '↓ 01 02 ff', '↑ after-1', '↓ echo:after-1']);
    expect(s.connections).toHaveLength(1);
    expect(s.connections[0]!.url).toContain(`token=${redactionMark(SECRET)}`);
    expect(s.connections[0]!.url).not.toContain(SECRET);
  });
});
