/**
 * The live preview budget in real Chromium, with the real panel (as a tab), after a burst of
 * 300 × 64 KiB frames: a reload right after it leaves nothing pending; an export after pausing
 * still gets every full preview and true size; the detail pane of a selected pending frame
 * updates when its fill arrives. (Cases found by a break-it pass.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { fixture, startProbeServers, type ProbeServers } from './lib/probe-server';
import { openHubTap } from './lib/hub-tap';

type Trace = { events: { type: string; size?: number; truncated?: boolean; data?: string }[] };
const W = 'globalThis.wavetrace';

describe('live preview budget in Chromium', () => {
  let srv: ProbeServers;
  let b: ExtensionBrowser;
  let picker: Page;

  beforeAll(async () => {
    srv = await startProbeServers();
    srv.route('/capture.html', fixture('capture/capture.html'));
    srv.route('/capture.js', fixture('capture/capture.js'));
    b = await launchChromium();
    picker = await b.context.newPage();
    await picker.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  async function setup(path: string) {
    const page = await b.context.newPage();
    const url = `${srv.httpUrl}${path}`;
    await page.goto(url);
    const tap = await openHubTap((e) => picker.evaluate(e));
    const tabId = await tap.tabIdFor(url);
    const panel = await b.context.newPage();
    await panel.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html?tabId=${tabId}`);
    await waitFor(async () => ((await panel.evaluate(`!!${W} && !!document.querySelector('.app')`)) ? true : undefined), 'the panel');
    await page.bringToFront();
    return { page, panel };
  }

  const summary = (t: Trace) => {
    const m = t.events.filter((e) => e.type === 'ws-message');
    return { frames: m.length, short: m.filter((e) => e.truncated).length, sizes: [...new Set(m.map((e) => e.size))].slice(0, 5) };
  };

  it('reload right after a burst: pending previews of the old document resolve (filled or lost), export does not wait', async () => {
    const { page, panel } = await setup('/capture.html?case=reload');
    const got = (await page.evaluate(`window.burst(${JSON.stringify(`${srv.wsUrl}/burst?n=300&size=65536`)}, 300)`)) as { received: number };
    expect(got.received).toBe(300);
    await page.reload();
    await new Promise((r) => setTimeout(r, 8000));
    const pending = (await panel.evaluate(`${W}.pendingPreviews()`)) as number;
    const sizes = (await panel.evaluate(`[...document.querySelectorAll('.c-size')].map((e) => e.textContent).filter((s) => s === 'measuring…').length`)) as number;
    const t0 = Date.now();
    const trace = JSON.parse((await panel.evaluate(`${W}.exportTrace({ redact: false })`)) as string) as Trace;
    const exportMs = Date.now() - t0;
    console.log(`reload: pending after 8 s = ${pending}, visible "measuring…" cells = ${sizes}, export took ${exportMs} ms`, JSON.stringify(summary(trace)));
    expect(pending).toBe(0);
    expect(exportMs).toBeLessThan(3000);
    await page.close();
    await panel.close();
  });

  it('pause recording after a burst, then export: the full previews are in the file', async () => {
    const { page, panel } = await setup('/capture.html?case=pause');
    const got = (await page.evaluate(`window.burst(${JSON.stringify(`${srv.wsUrl}/burst?n=300&size=65536`)}, 300)`)) as { received: number };
    expect(got.received).toBe(300);
    await panel.evaluate(`document.querySelector('.toolbar button.rec').click()`);
    const pendingAtPause = (await panel.evaluate(`${W}.pendingPreviews()`)) as number;
    const t0 = Date.now();
    const trace = JSON.parse((await panel.evaluate(`${W}.exportTrace({ redact: false })`)) as string) as Trace;
    const exportMs = Date.now() - t0;
    const s = summary(trace);
    console.log(`pause: pending at pause = ${pendingAtPause}, export took ${exportMs} ms`, JSON.stringify(s));
    expect(s.short).toBe(0);
    expect(s.sizes).toEqual([65536]);
    await page.close();
    await panel.close();
  });

  it('detail pane of a selected pending frame updates when its fill arrives', async () => {
    const { page, panel } = await setup('/capture.html?case=detail');
    const got = (await page.evaluate(`window.burst(${JSON.stringify(`${srv.wsUrl}/burst?n=300&size=65536`)}, 300)`)) as { received: number };
    expect(got.received).toBe(300);
    await panel.bringToFront();
    // Select the last frame still waiting for its fill (the table may take a moment to render).
    const picked = await waitFor(
      () => panel.evaluate<string | null>(`(() => { const r = [...document.querySelectorAll('.t-row')].filter((x) => x.querySelector('.c-size')?.textContent === 'measuring…').at(-1); if (!r) return null; r.click(); return r.textContent; })()`),
      'a row still measuring',
    );
    expect(await panel.evaluate(`!!document.querySelector('[data-testid=preview-pending]')`)).toBe(true);
    await waitFor(async () => ((await panel.evaluate(`${W}.pendingPreviews()`)) === 0 ? true : undefined), 'every fill', 30000);
    await new Promise((r) => setTimeout(r, 1000));
    const detail = (await panel.evaluate(`(() => ({ pending: !!document.querySelector('[data-testid=preview-pending]'), head: document.querySelector('.detail-head')?.textContent, len: document.querySelector('.detail pre')?.textContent?.length, sizes: [...document.querySelectorAll('.t-row .c-size')].filter((e) => e.textContent === 'measuring…').length }))()`)) as { pending: boolean; head: string; len: number; sizes: number };
    console.log('detail:', picked.slice(0, 80), JSON.stringify(detail));
    expect(detail.pending).toBe(false);
    expect(detail.head).not.toMatch(/measuring/);
    await page.close();
    await panel.close();
  });
});
