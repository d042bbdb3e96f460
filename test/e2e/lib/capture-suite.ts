/**
 * "Nothing lost", written once for Chromium and Firefox:
 * - a burst of 100,000 frames of 100 B with the panel open ends with the panel's count equal
 *   to the page's (in Firefox the panel's tab is in the background meanwhile, `hidden`);
 * - with no panel listening, the ring buffer keeps the newest 50,000 events and the panel,
 *   opened afterwards, shows exactly how many were dropped;
 * - a 50 MiB text frame and a 20 MiB binary frame are recorded with their true size and a
 *   64 KiB preview, while the page receives them unchanged;
 * - stopping the extension's background in the middle of a stream (Chromium's service worker
 *   once, over CDP; Firefox's event page four times, as about:debugging's "Terminate background
 *   script" does) loses nothing: ports reconnect and the panel catches up;
 * - preserve log (on by default) keeps the connections of earlier documents across a reload;
 *   turned off in the panel, a reload starts afresh;
 * - the live preview budget, after 300 frames of 64 KiB at full speed: frames arrive at once
 *   (short previews first), then every full preview and true size; a reload right after the
 *   burst leaves nothing pending; an export after pausing has every full preview; the detail
 *   pane of a selected pending frame updates when its fill arrives;
 * - Blob frames (default binaryType): their bytes, in order, in the trace and HAR exports, read
 *   without the page noticing (blob-frames.ts).
 * The panel is the real one, opened as a tab for the page's tab (`panel.html?tabId=N`).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from './chromium';
import { fixture, startProbeServers, type ProbeServers } from './probe-server';
import { checkLargeFrames } from './large-frames';
import { checkBlobFrames } from './blob-frames';
import { foldBatches, openHubTap, type HubTap } from './hub-tap';
import { PANEL_COUNTS_JS, parseCounts, type PanelCounts } from './panel-snapshot';
import type { ExtensionPage, SuiteBrowser, SuitePage } from './suite-browser';

/** The real panel of one tab, opened as a tab. */
interface PanelTab extends ExtensionPage {
  /** Its toolbar's counts. */
  counts(): Promise<PanelCounts>;
  /** Events it holds (ingest runs even while its tab is hidden; its views wait to be shown: panel/scheduler.ts). */
  held(): Promise<number>;
  /** Its document's visibilityState. */
  visibility(): Promise<string | null>;
}

/** Defines the capture tests in the current `describe`, in the browser `launch` starts. */
export function defineCaptureSuite(launch: () => Promise<SuiteBrowser>): void {
  let srv: ProbeServers;
  let b: SuiteBrowser;
  let tap: HubTap;

  beforeAll(async () => {
    srv = await startProbeServers();
    srv.route('/capture.html', fixture('capture/capture.html'));
    srv.route('/capture.js', fixture('capture/capture.js'));
    b = await launch();
    const picker = await b.openExtensionTab('/src/panel/panel.html');
    tap = await openHubTap(async (e) => (await picker.evaluate(e))!);
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  let opened = 0;
  /**
   * Opens the page at `path` in a new tab; returns it with its tab id. Each page gets its own
   * URL (`&tab=n`), so a test's retry never finds the tab of its first attempt.
   */
  async function openPage(path: string): Promise<{ page: SuitePage; tabId: number }> {
    const page = await b.newPage();
    const url = `${srv.httpUrl}${path}&tab=${++opened}`;
    await page.goto(url);
    return { page, tabId: await tap.tabIdFor(url) };
  }

  /** Opens the real panel for a tab, as a tab (selected, as a user's new tab is). */
  async function openPanel(tabId: number): Promise<PanelTab> {
    const panel = await b.openExtensionTab(`/src/panel/panel.html?tabId=${tabId}`);
    return {
      ...panel,
      counts: async () => parseCounts((await panel.evaluate<string>(PANEL_COUNTS_JS)) ?? ''),
      held: async () => (await panel.evaluate<number>('globalThis.wavetrace ? globalThis.wavetrace.eventCount() : 0')) ?? 0,
      visibility: () => panel.evaluate<string>('document.visibilityState'),
    };
  }

  /** Waits for the panel's counts to satisfy `ok`; on timeout the error names the last counts seen. */
  async function waitCounts(panel: PanelTab, ok: (c: PanelCounts) => boolean, what: string, timeoutMs: number, more = ''): Promise<PanelCounts> {
    let last: PanelCounts | undefined;
    return waitFor(async () => {
      const x = await panel.counts();
      last = x;
      return ok(x) ? x : undefined;
    }, what, timeoutMs).catch((e: Error) => {
      throw new Error(`${e.message}; panel counts: ${JSON.stringify(last)}${more}`);
    });
  }

  const panelReady = (panel: PanelTab) =>
    waitFor(async () => (await panel.counts()).text !== '' || (await panel.evaluate<boolean>(`!!document.querySelector('.app')`)), 'the panel');

  it('a burst of 100,000 frames of 100 B: the panel count equals the page count', async () => {
    const { page, tabId } = await openPage('/capture.html?case=burst');
    const panel = await openPanel(tabId);
    await panelReady(panel);
    // The user works in the page's tab; the panel's tab is in the background meanwhile.
    await page.bringToFront();
    if (b.hidesBackgroundTabs) expect(await panel.visibility()).toBe('hidden');
    const t0 = Date.now();
    const got = await page.evaluate<{ received: number; sent: number; ms: number }>(`window.burst(${JSON.stringify(`${srv.wsUrl}/burst?n=100000&size=100`)}, 100000)`);
    const pageDone = Date.now() - t0;
    expect(got.received).toBe(100000);
    if (b.hidesBackgroundTabs) expect(await panel.visibility()).toBe('hidden');
    await panel.show();
    const c = await waitCounts(panel, (x) => x.frames >= got.received + got.sent, 'the panel to catch up with the burst', 60000);
    const panelDone = Date.now() - t0;
    expect(c.frames).toBe(got.received + got.sent);
    expect(c.connections).toBe(1);
    expect(c.lost).toBe(0);
    console.log(`burst (${b.name}): page received 100,000 frames in ${got.ms} ms (${pageDone} ms incl. driver); panel showed all ${c.frames} frames after ${panelDone} ms`);
    await page.close();
    await panel.close();
  });

  it('with no panel listening, the ring buffer keeps the newest 50,000 events and the panel shows the exact drop', async () => {
    const { page, tabId } = await openPage('/capture.html?case=ring');
    const got = await page.evaluate<{ received: number }>(`window.burst(${JSON.stringify(`${srv.wsUrl}/burst?n=60000&size=100`)}, 60000)`);
    expect(got.received).toBe(60000);
    // Recorded by the hook: page-navigation, ws-create, ws-open, ws-send "go", 60,000 ws-message.
    const recorded = 4 + 60000;
    // Where opening the panel's tab hides the page's tab, the hook then records page-visibility
    // "hidden" after the burst, so the newest 50,000 events are that and 49,999 frames.
    const hidden = b.hidesBackgroundTabs ? ['hidden'] : [];
    const panel = await openPanel(tabId);
    const c = await waitCounts(panel, (x) => x.lost > 0 && x.frames >= 50000 - hidden.length, 'the panel to show the buffered events', 30000);
    // The capture-dropped event sits where the events went missing, before the newest 50,000.
    await tap.attach(tabId);
    const st = await waitFor(async () => {
      const s = foldBatches(await tap.batches(), tabId);
      return s.events.length >= 50001 ? s : undefined;
    }, 'the tap to receive the buffer');
    await tap.detach(tabId);
    const held = st.events.filter((e) => e.type !== 'capture-dropped');
    const later = held.filter((e) => e.type === 'page-visibility');
    expect(held).toHaveLength(50000);
    expect(later.map((e) => (e as { state: string }).state)).toEqual(hidden);
    const dropped = recorded + later.length - 50000;
    expect(st.events[0]).toMatchObject({ type: 'capture-dropped', count: dropped });
    expect(st.events.filter((e) => e.type === 'ws-message')).toHaveLength(50000 - later.length);
    expect(st.dropped).toBe(dropped);
    expect(c.lost).toBe(dropped);
    expect(c.frames).toBe(50000 - later.length);
    await page.close();
    await panel.close();
  });

  /** Has the page receive 300 text frames of 64 KiB at full speed (far over the live budget). */
  async function burst64k(page: SuitePage): Promise<void> {
    await page.bringToFront();
    const got = await page.evaluate<{ received: number }>(`window.burst(${JSON.stringify(`${srv.wsUrl}/burst?n=300&size=65536`)}, 300)`);
    expect(got.received).toBe(300);
  }

  /** Opens a page and its real panel (rendered, automation ready), then runs {@link burst64k}. */
  async function burst64kWithPanel(path: string): Promise<{ page: SuitePage; panel: PanelTab }> {
    const { page, tabId } = await openPage(path);
    const panel = await openPanel(tabId);
    await waitFor(() => panel.evaluate<boolean>(`!!globalThis.wavetrace && !!document.querySelector('.app')`), 'the panel');
    await burst64k(page);
    return { page, panel };
  }

  /** The frames of an exported trace: how many, how many still short, their distinct sizes. */
  const exportedFrames = async (panel: PanelTab): Promise<{ frames: number; short: number; sizes: number[] }> => {
    const trace = JSON.parse((await panel.evaluate<string>(`globalThis.wavetrace.exportTrace({ redact: false })`))!) as { events: { type: string; size?: number; truncated?: boolean }[] };
    const m = trace.events.filter((e) => e.type === 'ws-message');
    return { frames: m.length, short: m.filter((e) => e.truncated).length, sizes: [...new Set(m.map((e) => e.size as number))] };
  };
  const pendingPreviews = async (panel: PanelTab): Promise<number> => (await panel.evaluate<number>(`globalThis.wavetrace.pendingPreviews()`))!;

  it('300 frames of 64 KiB at full speed: each arrives at once, those over the live budget with a short preview, then every full preview and true size follows', async () => {
    const { page, tabId } = await openPage('/capture.html?case=budget');
    const from = await tap.count();
    await tap.attach(tabId);
    await burst64k(page);
    const st = await waitFor(async () => {
      const s = foldBatches(await tap.batches(from), tabId);
      return s.events.filter((e) => e.type === 'ws-message').length >= 300 && s.pendingPreviews.size === 0 ? s : undefined;
    }, 'every frame with its full preview', 30000);
    const batches = await tap.batches(from);
    const owed = batches.reduce((n, x) => n + (x.tabId === tabId ? (x.batch.owed?.length ?? 0) : 0), 0);
    // 300 × 64 KiB is far over the 1 MiB burst: most frames went out short first.
    expect(owed).toBeGreaterThan(200);
    expect(batches.some((x) => x.batch.fill)).toBe(true);
    const msgs = st.events.filter((e): e is Extract<typeof e, { type: 'ws-message' }> => e.type === 'ws-message');
    const expected = (i: number): string => `${i}:` + 'x'.repeat(65536 - `${i}:`.length);
    expect(msgs.every((m, i) => m.data === expected(i) && m.size === 65536 && !m.truncated)).toBe(true);
    expect(st.cutPreviews).toBe(0);
    await tap.detach(tabId);
    await page.close();
  });

  it('a reload right after a 64 KiB burst leaves no frame pending, and an export does not wait', async () => {
    const { page, panel } = await burst64kWithPanel('/capture.html?case=reload');
    await page.reload(); // pagehide: the hook sends what it still owes
    await waitFor(async () => ((await pendingPreviews(panel)) === 0 ? true : undefined), 'no frame pending after the reload', 10000);
    const t0 = Date.now();
    const s = await exportedFrames(panel);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(s.frames).toBeGreaterThanOrEqual(300);
    expect(s.short).toBe(0);
    expect(s.sizes).toEqual([65536]);
    await page.close();
    await panel.close();
  });

  it('pausing recording right after a 64 KiB burst, then exporting: every full preview and true size is in the file', async () => {
    const { page, panel } = await burst64kWithPanel('/capture.html?case=pause');
    await panel.evaluate(`(document.querySelector('.toolbar button.rec').click(), true)`);
    expect(await pendingPreviews(panel)).toBeGreaterThan(0); // the fills were still owed at the pause
    const s = await exportedFrames(panel);
    expect(s.short).toBe(0);
    expect(s.sizes).toEqual([65536]);
    await page.close();
    await panel.close();
  });

  it('the detail pane of a selected pending frame updates when its fill arrives', async () => {
    const { page, panel } = await burst64kWithPanel('/capture.html?case=detail');
    await panel.show();
    // Select the last frame still waiting for its fill (the table may take a moment to render).
    await waitFor(
      () => panel.evaluate<string | null>(`(() => { const r = [...document.querySelectorAll('.t-row')].filter((x) => x.querySelector('.c-size')?.textContent === 'measuring…').at(-1); if (!r) return null; r.click(); return r.textContent; })()`),
      'a row still measuring',
    );
    expect(await panel.evaluate(`!!document.querySelector('[data-testid=preview-pending]')`)).toBe(true);
    // Back to the page while the fills come, as a user would (where a background tab is hidden,
    // the page's tab stays visible); the panel ingests them even while its own tab is hidden.
    await page.bringToFront();
    await waitFor(async () => ((await pendingPreviews(panel)) === 0 ? true : undefined), 'every fill', 30000);
    await panel.show();
    const detail = await waitFor(
      () => panel.evaluate<{ head: string } | null>(`document.querySelector('[data-testid=preview-pending]') ? null : { head: document.querySelector('.detail-head')?.textContent ?? '' }`),
      'the detail pane to drop its pending note',
    );
    expect(detail.head).toContain('64.0 KiB');
    expect(detail.head).not.toMatch(/measuring/);
    await page.close();
    await panel.close();
  });

  it('a 50 MiB text frame and a 20 MiB binary frame: true size, capped preview, page unchanged', async () => {
    const { page, tabId } = await openPage('/capture.html?case=large');
    const from = await tap.count();
    await tap.attach(tabId);
    await checkLargeFrames(page, { ...tap, batches: (n = 0) => tap.batches(from + n) }, tabId, srv.wsUrl);
    await tap.detach(tabId);
    await page.close();
  });

  it('Blob frames in and out: their bytes in the trace and HAR exports, in order, capped at 64 KiB, the page noticing nothing', async () => {
    const { page, tabId } = await openPage('/capture.html?case=blob');
    const panel = await openPanel(tabId);
    await panelReady(panel);
    await page.bringToFront();
    await checkBlobFrames(page, panel, srv.wsUrl);
    await page.close();
    await panel.close();
  });

  it('stopping the background mid-stream loses nothing: the panel, in a background tab meanwhile, shows every frame', async () => {
    const { page, tabId } = await openPage('/capture.html?case=bg');
    const panel = await openPanel(tabId);
    const bg = await b.watchBackground();
    await panelReady(panel);
    await page.bringToFront();
    if (b.hidesBackgroundTabs) expect(await panel.visibility()).toBe('hidden');
    const n = 30000;
    const before = await panel.held();
    // 30,000 frames: 300 every tick, a second or more of stream.
    const run = page.evaluate<{ received: number; sent: number }>(`window.burst(${JSON.stringify(`${srv.wsUrl}/burst?n=${n}&size=100&chunk=300&tick=${bg.tickMs}`)}, ${n})`);
    let done = false;
    void run.then(() => (done = true), () => (done = true));
    // A pulling panel gets a busy page's frames a serve every 250 ms, a few hundred at a time
    // (docs/design.md#ring-buffer-and-streaming): the first serve says the stream reached it.
    await waitFor(async () => (await panel.held()) > before, 'the stream to reach the panel');
    // The stops are 250 ms apart, while the page is still receiving. The panel reconnects at
    // once; should that first attempt fail, its next one is a timer, throttled to 1 s or more
    // in a hidden tab, and the hook buffers meanwhile: 30,000 frames fit its ring buffer
    // (50,000 events) whatever the delay.
    let midStream = 0;
    let stoppedAt = -1;
    for (let k = 0; k < bg.stops && !done; k++) {
      await bg.stop();
      if (stoppedAt < 0) stoppedAt = await panel.held();
      if (!done) midStream++;
      if (k + 1 < bg.stops) await new Promise((r) => setTimeout(r, 250));
    }
    expect(midStream).toBeGreaterThanOrEqual(Math.min(2, bg.stops));
    const got = await run;
    expect(stoppedAt).toBeLessThan(got.received);
    if (b.hidesBackgroundTabs) expect(await panel.visibility()).toBe('hidden');
    await panel.show();
    const c = await waitCounts(panel, (x) => x.frames >= got.received + got.sent, 'the panel to catch up after the restarts', 60000, `; page: ${JSON.stringify(got)}; stopped mid-stream: ${midStream}`);
    expect(c.frames).toBe(got.received + got.sent);
    expect(c.lost).toBe(0);
    expect(c.connections).toBe(1);
    bg.checkRestarted();
    await page.close();
    await panel.close();
  });

  it('preserve log keeps earlier connections across reloads; off, a reload starts afresh', async () => {
    const { page, tabId } = await openPage('/capture.html?case=preserve');
    const panel = await openPanel(tabId);
    await panelReady(panel);
    await page.bringToFront();
    const counts = async (): Promise<PanelCounts> => {
      await panel.show(); // a hidden panel's views (and counts) wait to be shown
      const c = await panel.counts();
      await page.bringToFront();
      return c;
    };
    await page.evaluate(`window.echoOnce(${JSON.stringify(`${srv.wsUrl}/echo?doc=1`)})`);
    await waitFor(async () => (await counts()).connections === 1, 'the first connection');
    await page.reload();
    await page.evaluate(`window.echoOnce(${JSON.stringify(`${srv.wsUrl}/echo?doc=2`)})`);
    await waitFor(async () => (await counts()).connections === 2, 'both connections (preserve log is on by default)');
    await page.goto(`${srv.httpUrl}/capture.html?case=preserve&nav=1`);
    await page.evaluate(`window.echoOnce(${JSON.stringify(`${srv.wsUrl}/echo?doc=3`)})`);
    await waitFor(async () => (await counts()).connections === 3, 'three connections after a navigation');
    // Turn preserve log off in the panel's toolbar, then reload.
    await panel.show();
    const clicked = await panel.evaluate(`(() => {
      const label = [...document.querySelectorAll('label')].find((l) => /preserve log/i.test(l.textContent));
      const box = label && label.querySelector('input[type=checkbox]');
      if (!box || !box.checked) return false;
      box.click();
      return true;
    })()`);
    expect(clicked).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    await page.bringToFront();
    await page.reload();
    await page.evaluate(`window.echoOnce(${JSON.stringify(`${srv.wsUrl}/echo?doc=4`)})`);
    const c = await waitFor(async () => {
      const x = await counts();
      return x.connections === 1 && x.frames === 2 ? x : undefined;
    }, 'only the new document after the reload');
    expect(c.connections).toBe(1);
    await page.close();
    await panel.close();
  });
}
