/**
 * Real client libraries against real servers from npm on 127.0.0.1, recorded through the
 * extension in Chromium (docs/design.md#built-in-presets): sockjs-client + sockjs, @stomp/stompjs
 * over sockjs-client against an in-process STOMP broker, @stomp/stompjs on a raw socket with a
 * negotiated `heart-beat:0,20000`, socket.io with a 40 s pingInterval over default transports
 * (long-polling first), MQTT.js + Aedes. The server cuts each library's first TCP connection
 * once; the second connection stays open to the end of the capture. Each capture must give the right profile, one session, the reconnect measured, every
 * heartbeat recognised (counted independently from the raw frames) and no finding beyond the
 * drop itself (`close-abnormal`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor } from './lib/chromium';
import { foldBatches, openHubTap } from './lib/hub-tap';
import { openInNewWindow } from './lib/reference-scenario';
import { startLibraryServers, type Lib, type LibraryServers } from './lib/library-servers';
import { analyze, type Analysis } from '../../src/core/analysis';
import { detectFromEvents } from '../../src/cli/resolve-profile';
import type { TraceEvent } from '../../src/core/events';
import { PROFILE, frames, rawHeartbeats } from './lib/library-checks';
import type { Profile } from '../../src/core/profile/types';

interface FlowResult {
  got: string[];
  connects: number;
  reconnectMs: number;
}
interface Run {
  lib: Lib;
  result: FlowResult;
  events: TraceEvent[];
  profile: Profile;
  reason: string;
  analysis: Analysis;
}

const HOLD_MS: Record<Lib, number> = { sockjs: 3000, 'stomp-sockjs': 3500, stomp: 45000, socketio: 0, mqtt: 4000 };

describe('real client libraries through the extension (Chromium)', () => {
  let srv: LibraryServers;
  const runs = new Map<Lib, Run>();

  beforeAll(async () => {
    srv = await startLibraryServers(3000);
    const b = await launchChromium({ extension: true });
    try {
      const ext = await b.context.newPage();
      await ext.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
      const tap = await openHubTap((e) => ext.evaluate(e));
      // Each library in a tab of its own window: a tab opened beside another gets it as its
      // opener, and the hub routes an opened tab's batches to its opener's listeners too (tabs
      // tapped at the same time then shared connections in the folded capture).
      const record = async (lib: Lib): Promise<void> => {
        const url = srv.page(lib);
        const page = await openInNewWindow(b, url);
        const tabId = await tap.tabIdFor(url);
        await tap.attach(tabId);
        const result = (await page.evaluate(`window.runFlow(${JSON.stringify(lib)}, ${HOLD_MS[lib]})`)) as FlowResult;
        await new Promise((r) => setTimeout(r, 500));
        const events = await waitFor(async () => {
          const ev = foldBatches(await tap.batches(), tabId).events;
          const creates = ev.filter((e) => e.type === 'ws-create').length;
          const closes = ev.filter((e) => e.type === 'ws-close').length;
          return creates >= 2 && closes >= 1 ? ev : undefined;
        }, `${lib}: both connections in the capture`);
        const det = detectFromEvents(events);
        runs.set(lib, { lib, result, events, profile: det.profile, reason: det.reason, analysis: analyze(events, det.profile) });
        await tap.detach(tabId);
        await page.close();
      };
      // Three lanes, the longest about 46 s, instead of one of 100 s: most of a flow is waiting
      // for heartbeats (stomp holds 45 s for two 20 s heart-beats, socket.io 40 s for one ping),
      // so each of those two waits in a lane of its own and the three short flows share the third.
      const lane = async (libs: Lib[]) => {
        for (const lib of libs) await record(lib);
      };
      await Promise.all([lane(['stomp']), lane(['socketio']), lane(['sockjs', 'mqtt', 'stomp-sockjs'])]);
    } finally {
      await b.close();
    }
  }, 300000);

  afterAll(async () => {
    await srv?.close();
  });

  for (const lib of ['sockjs', 'stomp-sockjs', 'stomp', 'socketio', 'mqtt'] as const) {
    it(`${lib}: right profile, one session, the reconnect measured, every heartbeat recognised, only the drop found`, () => {
      const r = runs.get(lib)!;
      expect(r.result.connects).toBe(2);
      expect(srv.cuts[lib]).toBe(1);
      expect(r.profile.name, r.reason).toBe(PROFILE[lib]);
      const a = r.analysis;
      const ws = a.connections.filter((c) => !c.url.includes('/info'));
      expect(ws).toHaveLength(2);
      expect(a.sessions).toHaveLength(1);
      expect(a.attempts).toHaveLength(1);
      expect(a.attempts[0]!.delayMs).toBeGreaterThan(0);
      expect(a.connections[0]!.closed?.code).toBe(1006);
      expect(a.connections[1]!.closed).toBeUndefined();
      const pings = a.connections.reduce((n, c) => n + c.heartbeat.pings + c.heartbeat.pongs, 0);
      const raw = rawHeartbeats(lib, r.events);
      // sockjs-node heartbeats its WebSocket transport with RFC 6455 pings (opcode 9), which
      // browsers answer themselves and pages never see: no `h` frame reaches the client there.
      if (lib === 'sockjs') expect(raw).toBe(0);
      else expect(raw).toBeGreaterThan(0);
      expect(pings).toBe(raw);
      expect(a.findings.map((f) => `${f.code}: ${f.message}`)).toEqual([expect.stringMatching(/^close-abnormal: connection \S+ closed 1006/)]);
      console.log(`${lib}: ${r.reason}; reconnect ${Math.round(a.attempts[0]!.delayMs ?? -1)} ms (${a.attempts[0]!.verdict}); ${raw} heartbeats; session ${a.sessions[0]!.key}`);
    });
  }

  it('sockjs and stomp-sockjs: one session per prefix, server and session ids left out', () => {
    expect(runs.get('sockjs')!.analysis.sessions[0]!.key).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/echo\/\*\/\*\/websocket$/);
    expect(runs.get('stomp-sockjs')!.analysis.sessions[0]!.key).toMatch(/\/stomp\/\*\/\*\/websocket$/);
    const hb = runs.get('stomp-sockjs')!.analysis.connections[1]!.heartbeat;
    expect(hb).toMatchObject({ intervalMs: 1000, intervalSource: 'negotiated', negotiated: { out: 1000, in: 1000 } });
  });

  it('stomp: heart-beat 0,20000 negotiated; the 10 s default would have raised false alarms on the same capture', () => {
    const r = runs.get('stomp')!;
    for (const c of r.analysis.connections) expect(c.heartbeat).toMatchObject({ intervalSource: 'negotiated', negotiated: { out: 20000, in: 0 }, intervalMs: 20000 });
    expect(r.analysis.connections[1]!.heartbeat.pings).toBeGreaterThanOrEqual(2);
    const plain: Profile = { ...r.profile, heartbeat: { ...r.profile.heartbeat!, negotiate: undefined } };
    const codes = analyze(r.events, plain).findings.map((f) => f.code);
    expect(codes).toContain('silent-drop-suspected');
  });

  it('socketio: pingInterval 40 s read from the long-polling open packet; the 25 s default would report a missed heartbeat', () => {
    const r = runs.get('socketio')!;
    const bodies = r.events.filter((e) => e.type === 'http-response' && typeof e.body === 'string' && e.body.startsWith('0{'));
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const c of r.analysis.connections) expect(c.heartbeat).toMatchObject({ intervalMs: 40000, intervalSource: 'announced' });
    expect(r.analysis.connections[1]!.heartbeat.pings).toBeGreaterThanOrEqual(1);
    const plain: Profile = { ...r.profile, hello: { ...r.profile.hello!, http: undefined } };
    expect(analyze(r.events, plain).findings.map((f) => f.code)).toContain('heartbeat-missed');
  });

  it('mqtt: Aedes CONNACK across frames is one hello per connection; MQTT.js blob timer worker seen, not reported', () => {
    const r = runs.get('mqtt')!;
    for (const c of r.analysis.connections) {
      expect(c.hello).toBeDefined();
      expect(c.heartbeat).toMatchObject({ intervalMs: 1000, intervalSource: 'announced', missedPongs: 0 });
    }
    const workers = r.events.filter((e) => e.type === 'worker-created');
    expect(workers.every((w) => w.type === 'worker-created' && w.url.startsWith('blob:'))).toBe(true);
    console.log(`mqtt: ${workers.length} blob worker(s) created by the page`);
  });
});
