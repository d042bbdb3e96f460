/**
 * The panel, written once for Chromium and Firefox: the reference client with `skipSync` loses
 * its socket (1006) and resumes the stream without GET /v1/sync. The real panel (in Chromium
 * inside real DevTools, docked at the bottom of a 1280-wide window; in Firefox the panel page
 * as a tab, picked in its tab picker) shows the session with both connections, the reconnect
 * span (actual and expected delay), and the `sync-skipped` finding; clicking the finding
 * selects its evidence frame in the table and on the timeline. A frame carrying
 * `<img src=x onerror=alert(1)>` stays inert text. Screenshots go to artifacts/ for people to
 * look at (Chromium: 1280×800 in the light and dark DevTools themes).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { waitFor, type DevToolsPanel } from './chromium';
import { startTestServers, type TestServers } from './servers';
import { startReferenceServer, type ReferenceServer } from '../../reference-app';
import type { PanelForPage, SuiteBrowser, SuitePage } from './suite-browser';

const SHOT_W = 1280;
const SHOT_H = 800;
const XSS = '<img src=x onerror=alert(1)>';

/** Per-browser expectations of the panel suite. */
export interface PanelSuiteOptions {
  /**
   * The reconnect span's text. Chromium reaches the drop within the first connection's
   * `stableAfterMs`, so k = 1 and the expected delay is 1.0 s; Firefox's slower start may leave
   * the first connection established (k = 0, "expected ≤ 1.0 s").
   */
  reconnectSpan: RegExp;
}

/** Docks DevTools at the bottom with the given height (CSS px) and returns the frontend's viewport. */
async function dockBottom(dt: DevToolsPanel, height: number): Promise<{ w: number; h: number }> {
  await dt.frontend.evaluate(`(async () => {
    const C = await import('devtools://devtools/bundled/core/common/common.js');
    C.Settings.Settings.instance().createSetting('inspector-view.split-view-state', {}).set({ vertical: { size: 0, showMode: 'Both' }, horizontal: { size: ${height}, showMode: 'Both' } });
    const L = await import('devtools://devtools/bundled/ui/legacy/legacy.js');
    L.DockController.DockController.instance().setDockSide('bottom');
    return true;
  })()`);
  await new Promise((r) => setTimeout(r, 800));
  return JSON.parse(await dt.frontend.evaluate<string>('JSON.stringify({ w: innerWidth, h: innerHeight })')) as { w: number; h: number };
}

/** Sets the DevTools theme ("default" or "dark"). */
async function setTheme(dt: DevToolsPanel, theme: 'default' | 'dark'): Promise<void> {
  await dt.frontend.evaluate(`(async () => {
    const C = await import('devtools://devtools/bundled/core/common/common.js');
    C.Settings.Settings.instance().moduleSetting('ui-theme').set(${JSON.stringify(theme)});
    return true;
  })()`);
}

/** Defines the panel tests in the current `describe`, in the browser `launch` starts (Chromium with DevTools open, 1280 wide). */
export function definePanelSuite(launch: () => Promise<SuiteBrowser>, opts: PanelSuiteOptions): void {
  let srv: ReferenceServer;
  let echo: TestServers;
  let b: SuiteBrowser;
  let page: SuitePage;
  let panel: PanelForPage;
  let frontSize = { w: SHOT_W, h: SHOT_H };
  const panelEval = async <T,>(js: string): Promise<T> => (await panel.evaluate<T>(js)) as T;
  const openPanel = async (): Promise<void> => {
    panel = await b.openPanelFor(srv.url);
    if (panel.devtools) frontSize = await dockBottom(panel.devtools, SHOT_H);
  };
  const data = (name: string): Promise<string | undefined> => page.evaluate<string | undefined>(`document.body.dataset[${JSON.stringify(name)}]`);

  beforeAll(async () => {
    srv = await startReferenceServer({ port: 0, eventIntervalMs: 250, pingIntervalMs: 1200 });
    echo = await startTestServers({});
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
    await echo?.close();
  });

  it('shows the session, the reconnect span and sync-skipped; the finding selects its evidence frame', async () => {
    page = await b.newPage();
    // Where it can, the panel opens first: the drop must come while the first connection is
    // younger than stableAfterMs, however long opening DevTools takes.
    if (b.panelBeforePage) await openPanel();
    await page.goto(`${srv.url}/?skipSync=1&resetCursor=1&timeScale=0.2`);
    await waitFor(async () => Number((await data('eventsProcessed')) ?? 0) >= 3, 'the client to process events');
    if (!b.panelBeforePage) await openPanel();
    await waitFor(async () => Number((await data('eventsProcessed')) ?? 0) >= 4, 'the client to process events');
    await waitFor(() => panelEval<boolean>(`document.querySelectorAll('.conn-row').length >= 1`), 'the connection lane');
    await new Promise((r) => setTimeout(r, 1500)); // a ping or two
    const processed = Number(await data('eventsProcessed'));
    srv.killSockets(); // no close frame: the page sees 1006, reconnects at once, and skips /v1/sync
    await waitFor(async () => Number(await data('opens')) >= 2 && Number(await data('eventsProcessed')) >= processed + 3, 'the client to resume the stream');

    // The finding appears (the live analysis runs at most every 500 ms).
    await waitFor(() => panelEval<boolean>(`!!document.querySelector('.finding[data-code="sync-skipped"]')`), 'the sync-skipped finding in the panel', 20000);
    expect(await panelEval<string[]>(`[...document.querySelectorAll('.conn-row .conn-state')].map((e) => e.textContent)`)).toEqual(['closed 1006 Abnormal Closure', 'open']);

    // A second endpoint whose frame carries markup.
    await page.evaluate(`(() => { const w = new WebSocket(${JSON.stringify(`${echo.wsUrl}/chat`)}); w.onopen = () => w.send(${JSON.stringify(XSS)}); return true; })()`);
    await waitFor(() => echo.received.includes(XSS), 'the markup frame to reach the echo server');

    // The session and its lanes. The chat socket's events may reach the panel a moment later: wait for both lanes.
    const readLanes = () =>
      panelEval<{ sessions: string[]; paths: string[]; rows: { conn: string; name: string; state: string }[] }>(`(() => ({
      // A session row leads with its path; its tooltip holds the whole key.
      sessions: [...document.querySelectorAll('.tl-session')].map((e) => e.getAttribute('title')),
      paths: [...document.querySelectorAll('.tl-session-path')].map((e) => e.textContent),
      rows: [...document.querySelectorAll('.conn-row[data-conn]')].map((r) => ({ conn: r.dataset.conn, name: r.querySelector('.conn-name').textContent, state: r.querySelector('.conn-state').textContent })),
    }))()`);
    const lanes = await waitFor(async () => {
      const l = await readLanes();
      return l && l.sessions.length >= 2 && l.rows.length >= 3 ? l : undefined;
    }, 'both sessions in the timeline');
    expect(lanes.sessions).toEqual([`${srv.wsUrl}/v1/stream`, `${echo.wsUrl}/chat`]);
    expect(lanes.paths).toEqual(['/v1/stream', '/chat']);
    expect(lanes.rows.slice(0, 2).map((r) => [r.name, r.state])).toEqual([
      ['#1', 'closed 1006 Abnormal Closure'],
      ['#2', 'open'],
    ]);

    // The reconnect span on #2's lane, with the actual and the expected delay.
    const reconnect = await waitFor(
      () => panelEval<{ conn: string; text: string } | null>(`(() => { const li = document.querySelector('.tl-a11y li[data-kind="reconnect"]'); return li ? { conn: li.dataset.conn, text: li.textContent } : null; })()`),
      'the reconnect span',
    );
    expect(reconnect.conn).toBe(lanes.rows[1]!.conn);
    expect(reconnect.text).toMatch(opts.reconnectSpan);
    expect(await panelEval<string>(`document.querySelector('.tl-a11y li[data-kind="close"]').textContent`)).toMatch(/^1006 — #1 closed 1006 Abnormal Closure/);

    // Clicking the finding selects its evidence frame: the resumed connection's first data frame.
    await panelEval(`(document.querySelector('.finding[data-code="sync-skipped"]').click(), true)`);
    const sel = await waitFor(
      () => panelEval<{ seq: string; cls: string; conn: string; kind: string; data: string; timeline: string; evidence: string; detail: string } | null>(`(() => {
        const r = document.querySelector('.t-row.selected');
        const tl = document.querySelector('.timeline');
        if (!r || tl.dataset.selectedSeq !== r.dataset.seq) return null; // the canvas draws on the next frame
        const t = (s) => r.querySelector(s).textContent;
        return { seq: r.dataset.seq, cls: r.className, conn: t('.c-conn'), kind: t('.c-kind'), data: t('.c-data'), timeline: tl.dataset.selectedSeq, evidence: tl.dataset.evidenceSeqs, detail: document.querySelector('.detail-head strong').textContent };
      })()`),
      'the evidence row to be selected',
    );
    expect(sel.cls).toContain('frame-row');
    expect(sel.cls).toContain('evidence');
    expect([sel.conn, sel.kind]).toEqual(['#2', 'data']);
    expect(sel.data).toMatch(/^\{"type":"event","stream_position":\d+/);
    expect(sel.timeline).toBe(sel.seq);
    expect(sel.evidence.split(' ')).toContain(sel.seq);
    expect(sel.detail).toBe('↓ Received text frame');
    expect(await panelEval<string>(`document.querySelector('.finding-detail .fd-msg').textContent`)).toMatch(/without GET \/v1\/sync\?since=\d+/);

    // Payload markup is text: select the frame, look at the detail, count <img> elements.
    const xssSeq = await panelEval<string>(`[...document.querySelectorAll('.frame-row')].find((r) => r.querySelector('.c-data').textContent === ${JSON.stringify(XSS)})?.dataset.seq ?? ''`);
    if (xssSeq) {
      await panelEval(`(document.querySelector('.frame-row[data-seq="${xssSeq}"]').click(), true)`);
    } else {
      // Not in the rendered window of the virtualized table: filter for it.
      await panelEval(`(() => { const i = document.querySelector('.filter-bar .search'); i.value = '<img'; i.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`);
      await waitFor(() => panelEval<boolean>(`[...document.querySelectorAll('.frame-row .c-data')].some((d) => d.textContent === ${JSON.stringify(XSS)})`), 'the markup frame in the table');
      await panelEval(`([...document.querySelectorAll('.frame-row')].find((r) => r.querySelector('.c-data').textContent === ${JSON.stringify(XSS)}).click(), true)`);
    }
    await waitFor(() => panelEval<boolean>(`document.querySelector('.detail .payload')?.textContent === ${JSON.stringify(XSS)}`), 'the markup frame in the detail pane as text');
    expect(await panelEval<number>(`document.querySelectorAll('img').length`)).toBe(0);
    // Back to the finding for the screenshots.
    await panelEval(`(() => { const i = document.querySelector('.filter-bar .search'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`);
    await new Promise((r) => setTimeout(r, 300));
    await panelEval(`(document.querySelector('.finding[data-code="sync-skipped"]').click(), true)`);
  });

  it('takes screenshots of the panel (Chromium: 1280×800 in the light and dark DevTools themes)', async () => {
    const dt = panel.devtools;
    if (!dt) {
      await panel.screenshot('panel');
      return;
    }
    const shoot = async (name: string): Promise<void> => {
      await new Promise((r) => setTimeout(r, 600));
      const clip = { x: 0, y: Math.max(0, frontSize.h - SHOT_H), width: SHOT_W, height: Math.min(SHOT_H, frontSize.h), scale: 1 };
      const shot = await dt.frontend.send<{ data: string }>('Page.captureScreenshot', { format: 'png', clip });
      mkdirSync('artifacts', { recursive: true });
      writeFileSync(`artifacts/${name}`, Buffer.from(shot.data, 'base64'));
    };
    await setTheme(dt, 'default');
    await waitFor(() => panelEval<boolean>(`document.documentElement.dataset.theme === 'light'`), 'the light theme');
    await shoot('panel-chromium-light.png');
    await setTheme(dt, 'dark');
    await waitFor(() => panelEval<boolean>(`document.documentElement.dataset.theme === 'dark'`), 'the panel to follow the dark DevTools theme');
    await shoot('panel-chromium-dark.png');
    await setTheme(dt, 'default');
  });
}
