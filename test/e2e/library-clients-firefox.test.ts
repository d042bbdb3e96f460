/**
 * Two of the real-library runs in Firefox through the extension (docs/design.md#built-in-presets):
 * @stomp/stompjs over sockjs-client (STOMP inside SockJS, negotiated heart-beats 1 s both ways)
 * and MQTT.js + Aedes (packets spanning frames, MQTT.js's blob timer worker). The server cuts
 * each library's first TCP connection once. Same checks as in Chromium: right profile, one
 * session, the reconnect measured, every heartbeat recognised, only the drop found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxWithExtension } from './lib/firefox';
import { waitFor } from './lib/chromium';
import { foldBatches, openHubTap } from './lib/hub-tap';
import { startLibraryServers, type Lib, type LibraryServers } from './lib/library-servers';
import { PROFILE, rawHeartbeats } from './lib/library-checks';
import { analyze, type Analysis } from '../../src/core/analysis';
import { detectFromEvents } from '../../src/cli/resolve-profile';
import type { TraceEvent } from '../../src/core/events';

const LIBS = ['stomp-sockjs', 'mqtt'] as const;

describe('real client libraries through the extension (Firefox)', () => {
  let srv: LibraryServers;
  let ff: FirefoxWithExtension;
  const runs = new Map<Lib, { events: TraceEvent[]; name: string; reason: string; analysis: Analysis; connects: number }>();

  beforeAll(async () => {
    srv = await startLibraryServers(3000);
    ff = await launchFirefox();
    const picker = await ff.openExtensionTab('/src/panel/panel.html');
    const tap = await openHubTap((e) => picker.evaluate(e));
    for (const lib of LIBS) {
      const page = await ff.browser.newPage();
      const url = srv.page(lib);
      await page.goto(url);
      const tabId = await tap.tabIdFor(url);
      await tap.attach(tabId);
      await page.bringToFront();
      const result = (await page.evaluate(`window.runFlow(${JSON.stringify(lib)}, 3500)`)) as { connects: number };
      await new Promise((r) => setTimeout(r, 500));
      const events = await waitFor(async () => {
        const ev = foldBatches(await tap.batches(), tabId).events;
        return ev.filter((e) => e.type === 'ws-create').length >= 2 && ev.some((e) => e.type === 'ws-close') ? ev : undefined;
      }, `${lib}: both connections in the capture`);
      const det = detectFromEvents(events);
      runs.set(lib, { events, name: det.profile.name, reason: det.reason, analysis: analyze(events, det.profile), connects: result.connects });
      await tap.detach(tabId);
      await page.close();
    }
  }, 180000);

  afterAll(async () => {
    await ff?.close();
    await srv?.close();
  });

  for (const lib of LIBS) {
    it(`${lib}: right profile, one session, the reconnect measured, every heartbeat recognised, only the drop found`, () => {
      const r = runs.get(lib)!;
      expect(r.connects).toBe(2);
      expect(r.name, r.reason).toBe(PROFILE[lib]);
      const a = r.analysis;
      expect(a.connections).toHaveLength(2);
      expect(a.sessions).toHaveLength(1);
      expect(a.attempts).toHaveLength(1);
      expect(a.attempts[0]!.delayMs).toBeGreaterThan(0);
      const raw = rawHeartbeats(lib, r.events);
      expect(raw).toBeGreaterThan(0);
      expect(a.connections.reduce((n, c) => n + c.heartbeat.pings + c.heartbeat.pongs, 0)).toBe(raw);
      expect(a.findings.map((f) => `${f.code}: ${f.message}`)).toEqual([expect.stringMatching(/^close-abnormal: connection \S+ closed 1006/)]);
      console.log(`firefox ${lib}: ${r.reason}; reconnect ${Math.round(a.attempts[0]!.delayMs ?? -1)} ms; ${raw} heartbeats`);
    });
  }
});
