/**
 * The panel in real Chromium DevTools (docs/design.md#panel-and-viewer): the reference client with `skipSync`
 * loses its socket (1006) and resumes the stream without GET /v1/sync. The real panel, docked
 * at the bottom of a 1280-wide window, shows the session with both connections, the reconnect
 * span (actual and expected delay), and the `sync-skipped` finding; clicking the finding
 * selects its evidence frame in the table and on the timeline. A frame carrying
 * `<img src=x onerror=alert(1)>` stays inert text. Screenshots at 1280×800 in the light and
 * dark DevTools themes go to artifacts/ for people to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium, openWavetracePanel, waitFor, type DevToolsPanel, type ExtensionBrowser } from './lib/chromium';
import { startTestServers, type TestServers } from './lib/servers';
import { startReferenceServer, type ReferenceServer } from '../reference-app';

const SHOT_W = 1280;
const SHOT_H = 800;
const XSS = '<img src=x onerror=alert(1)>';

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

describe('the Wavetrace panel in Chromium DevTools', () => {
  let srv: ReferenceServer;
  let echo: TestServers;
  let b: ExtensionBrowser;
  let dt: DevToolsPanel;
  let page: Page;
  let frontSize = { w: SHOT_W, h: SHOT_H };
  const panelEval = <T,>(js: string): Promise<T> => dt.panel.evaluate<T>(js);
  const data = (name: string): Promise<string | undefined> => page.evaluate((n) => document.body.dataset[n], name);

  beforeAll(async () => {
    srv = await startReferenceServer({ port: 0, eventIntervalMs: 250, pingIntervalMs: 1200 });
    echo = await startTestServers({});
    b = await launchChromium({ devtools: true, width: SHOT_W, height: SHOT_H + 400 });
    page = b.context.pages()[0] ?? (await b.context.newPage());
    await page.goto(`${srv.url}/?skipSync=1&resetCursor=1&timeScale=0.2`);
    dt = await openWavetracePanel(b, srv.url);
    frontSize = await dockBottom(dt, SHOT_H);
  });
  afterAll(async () => {
    dt?.close();
    await b?.close();
    await srv?.close();
    await echo?.close();
  });

  it('shows the session, the reconnect span and sync-skipped; the finding selects its evidence frame', async () => {
    await waitFor(async () => Number((await data('eventsProcessed')) ?? 0) >= 4, 'the client to process events');
    await new Promise((r) => setTimeout(r, 1500)); // a ping or two
    const processed = Number(await data('eventsProcessed'));
    srv.killSockets(); // no close frame: the page sees 1006, reconnects at once, and skips /v1/sync
    await waitFor(async () => Number(await data('opens')) >= 2 && Number(await data('eventsProcessed')) >= processed + 3, 'the client to resume the stream');
    // A second endpoint whose frame carries markup.
    await page.evaluate(({ url, text }) => {
      const w = new WebSocket(`${url}/chat`);
      w.onopen = () => w.send(text);
    }, { url: echo.wsUrl, text: XSS });
    await waitFor(() => echo.received.includes(XSS), 'the markup frame to reach the echo server');

    // The finding appears (the live analysis runs at most every 500 ms).
    await waitFor(() => panelEval<boolean>(`!!document.querySelector('.finding[data-code="sync-skipped"]')`), 'the sync-skipped finding in the panel', 20000);

    // The session and its lanes.
    // The chat socket's events may reach the panel a moment after the finding: wait for both lanes.
    const readLanes = () =>
      panelEval<{ sessions: string[]; rows: { conn: string; name: string; state: string }[] }>(`(() => ({
      sessions: [...document.querySelectorAll('.tl-session-key')].map((e) => e.textContent),
      rows: [...document.querySelectorAll('.conn-row[data-conn]')].map((r) => ({ conn: r.dataset.conn, name: r.querySelector('.conn-name').textContent, state: r.querySelector('.conn-state').textContent })),
    }))()`);
    const lanes = await waitFor(async () => {
      const l = await readLanes();
      return l.sessions.length >= 2 && l.rows.length >= 3 ? l : undefined;
    }, 'both sessions in the timeline');
    expect(lanes.sessions).toEqual([`${srv.wsUrl}/v1/stream`, `${echo.wsUrl}/chat`]);
    expect(lanes.rows.slice(0, 2).map((r) => [r.name, r.state])).toEqual([
      ['#1', 'closed 1006 Abnormal Closure'],
      ['#2', 'open'],
    ]);

    // The reconnect span on #2's lane, with the actual and the expected delay (k = 0: immediate).
    const reconnect = await waitFor(
      () => panelEval<{ conn: string; text: string } | null>(`(() => { const li = document.querySelector('.tl-a11y li[data-kind="reconnect"]'); return li ? { conn: li.dataset.conn, text: li.textContent } : null; })()`),
      'the reconnect span',
    );
    expect(reconnect.conn).toBe(lanes.rows[1]!.conn);
    // The first connection lived < stableAfterMs (10 s), so k = 1 and E = 1 s (docs/design.md#reconnects-and-backoff).
    expect(reconnect.text).toMatch(/^↻ \d+ ms · expected 1\.0 s — Reconnect #1 after \d+ ms; after 1 failed connection in a row, backoff expects 1\.0 s/);
    expect(await panelEval<string>(`document.querySelector('.tl-a11y li[data-kind="close"]').textContent`)).toMatch(/^1006 — #1 closed 1006 Abnormal Closure/);

    // Clicking the finding selects its evidence frame: the resumed connection's first data frame.
    await panelEval(`document.querySelector('.finding[data-code="sync-skipped"]').click()`);
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
      await panelEval(`document.querySelector('.frame-row[data-seq="${xssSeq}"]').click()`);
    } else {
      // Not in the rendered window of the virtualized table: filter for it.
      await panelEval(`(() => { const i = document.querySelector('.filter-bar .search'); i.value = '<img'; i.dispatchEvent(new Event('input', { bubbles: true })); })()`);
      await waitFor(() => panelEval<boolean>(`[...document.querySelectorAll('.frame-row .c-data')].some((d) => d.textContent === ${JSON.stringify(XSS)})`), 'the markup frame in the table');
      await panelEval(`[...document.querySelectorAll('.frame-row')].find((r) => r.querySelector('.c-data').textContent === ${JSON.stringify(XSS)}).click()`);
    }
    await waitFor(() => panelEval<boolean>(`document.querySelector('.detail .payload')?.textContent === ${JSON.stringify(XSS)}`), 'the markup frame in the detail pane as text');
    expect(await panelEval<number>(`document.querySelectorAll('img').length`)).toBe(0);
    // Back to the finding for the screenshots.
    await panelEval(`(() => { const i = document.querySelector('.filter-bar .search'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); })()`);
    await new Promise((r) => setTimeout(r, 300));
    await panelEval(`document.querySelector('.finding[data-code="sync-skipped"]').click()`);
  });

  it('takes 1280×800 screenshots in the light and dark DevTools themes', async () => {
    mkdirSync('artifacts', { recursive: true });
    const shoot = async (name: string): Promise<void> => {
      await new Promise((r) => setTimeout(r, 600));
      const clip = { x: 0, y: Math.max(0, frontSize.h - SHOT_H), width: SHOT_W, height: Math.min(SHOT_H, frontSize.h), scale: 1 };
      const shot = await dt.frontend.send<{ data: string }>('Page.captureScreenshot', { format: 'png', clip });
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
});
