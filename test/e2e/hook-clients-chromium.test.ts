/**
 * Real client libraries in real Chromium (docs/design.md#invisibility-rules): socket.io-client against a Socket.IO server, graphql-ws
 * against its server and reconnecting-websocket against a `ws` server each connect, exchange,
 * lose their connection (the server drops it) and reconnect on their own. In a hooked page they
 * behave exactly as in a plain one — the same application messages, reconnect delays within
 * 250 ms of each other — and Wavetrace captured every frame each server sent and received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor } from './lib/chromium';
import { startClientServers, type ClientServers, type FrameCounts } from './lib/clients-server';
import { foldBatches, openHubTap } from './lib/hub-tap';
import type { TraceEvent } from '../../src/core/events';

interface FlowResult {
  got: string[];
  reconnectMs: number;
}
interface Run {
  results: Record<'socketio' | 'graphql' | 'rws', FlowResult>;
  counts: Record<'socketio' | 'graphql' | 'rws', FrameCounts>;
  events: TraceEvent[];
}

const FLOWS = [
  ['socketio', 'socketIoFlow', (base: string) => base.replace('ws://', 'http://')],
  ['graphql', 'graphqlFlow', (base: string) => `${base}/graphql`],
  ['rws', 'rwsFlow', (base: string) => `${base}/rws`],
] as const;

describe('real clients in Chromium, hooked and plain', () => {
  let plain: Run;
  let hooked: Run;

  async function runOnce(extension: boolean): Promise<Run> {
    const srv: ClientServers = await startClientServers();
    const b = await launchChromium({ extension });
    try {
      const page = await b.context.newPage();
      const url = `${srv.httpUrl}/clients.html`;
      await page.goto(url);
      let tabId = -1;
      let tap;
      if (extension) {
        const ext = await b.context.newPage();
        await ext.goto(`chrome-extension://${b.extensionId}/src/panel/panel.html`);
        tap = await openHubTap((e) => ext.evaluate(e));
        tabId = await tap.tabIdFor(url);
        await tap.attach(tabId);
        await page.bringToFront();
      }
      const results = {} as Run['results'];
      for (const [key, fn, target] of FLOWS) results[key] = (await page.evaluate(`window.${fn}(${JSON.stringify(target(srv.wsBase))})`)) as FlowResult;
      await new Promise((r) => setTimeout(r, 500));
      const counts = JSON.parse(JSON.stringify(srv.counts)) as Run['counts'];
      let events: TraceEvent[] = [];
      if (tap) {
        const t = tap;
        const total = counts.socketio.sent + counts.graphql.sent + counts.rws.sent;
        events = await waitFor(async () => {
          const ev = foldBatches(await t.batches(), tabId).events;
          return ev.filter((e) => e.type === 'ws-message').length >= total ? ev : undefined;
        }, 'every frame in the capture');
      }
      return { results, counts, events };
    } finally {
      await b.close();
      await srv.close();
    }
  }

  beforeAll(async () => {
    plain = await runOnce(false);
    hooked = await runOnce(true);
  }, 120000);

  for (const [key] of FLOWS) {
    it(`${key}: same messages and reconnect timing, every frame captured`, () => {
      const p = plain.results[key];
      const h = hooked.results[key];
      expect(h.got).toEqual(p.got);
      expect(p.reconnectMs).toBeGreaterThan(250);
      expect(h.reconnectMs).toBeGreaterThan(250);
      expect(Math.abs(h.reconnectMs - p.reconnectMs)).toBeLessThan(250);
      expect(hooked.counts[key].connections).toBe(plain.counts[key].connections);
      expect(hooked.counts[key].connections).toBeGreaterThanOrEqual(2);
      // Every frame the server sent and received on this library's sockets was captured.
      const path = key === 'socketio' ? '/socket.io/' : `/${key}`;
      const conns = new Set(hooked.events.filter((e) => e.type === 'ws-create' && new URL(e.url).pathname === path).map((e) => (e as { conn: string }).conn));
      expect(conns.size).toBe(hooked.counts[key].connections);
      const frames = hooked.events.filter((e) => (e.type === 'ws-message' || e.type === 'ws-send') && conns.has((e as { conn: string }).conn));
      expect(frames.filter((e) => e.type === 'ws-message')).toHaveLength(hooked.counts[key].sent);
      expect(frames.filter((e) => e.type === 'ws-send')).toHaveLength(hooked.counts[key].received);
      console.log(`${key}: ${p.got.length} messages; reconnect ${Math.round(p.reconnectMs)} ms plain, ${Math.round(h.reconnectMs)} ms hooked; ${conns.size} connections, ${frames.length} frames captured`);
    });
  }
});
