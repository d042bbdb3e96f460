/**
 * Real client libraries through the resilience check (docs/design.md#record), each with its own
 * reconnect logic, in one shared Chromium, started through the panel's automation handle; the
 * verdicts are what each library's documentation promises:
 * - socket.io-client reconnects by itself with a randomised backoff and notices a dead link
 *   when no ping came within pingInterval + pingTimeout: the drop and the freeze recover; its
 *   catch-up is in-band (connection state recovery), so the failing-catch-up group is skipped,
 *   and the preset has no auth close;
 * - graphql-ws retries (`retryAttempts`) and re-subscribes, but by its documentation "NOTHING
 *   will happen automatically with the client if the server never responds to a PingMessage":
 *   the frozen link is not noticed (noticed-half-open fails) and only the check's drop ends it;
 *   4403 Forbidden is retried with the same connection_init, which the URLs cannot show
 *   (auth-handled inconclusive);
 * - reconnecting-websocket reconnects after its configured delay, but replays nothing: on a
 *   stream with positions (`{"seq":n}`, learned) the drop fails at synced, as its README
 *   promises reconnection only, not catching up what was missed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { openClientWithPanel } from './lib/reference-scenario';
import { startResilienceLibraryServers, type ResilienceLib, type ResilienceLibraryServers } from './lib/resilience-library-servers';
import { getBuiltinProfile } from '../../src/core/profile/presets/index';
import type { Profile } from '../../src/core/profile/types';
import type { ResilienceCard } from '../../src/core/fault/resilience-card';

const gqlPreset = getBuiltinProfile('graphql-transport-ws')!;
/** graphql-transport-ws with this deployment's keep-alive (the page pings every 500 ms). */
const GRAPHQL: Profile = { ...gqlPreset, heartbeat: { ...gqlPreset.heartbeat!, intervalMs: 500, pongTimeoutMs: 500 } };

type Polled = { done: boolean; card?: ResilienceCard; progress?: { outcome?: string } };

// The three checks are independent (each library on its own path and state, its tab in its own
// window, its own panel) and mostly wait on the check's fault timers: two run at a time (the
// e2e project's maxConcurrency).
describe.concurrent('real libraries through the resilience check', () => {
  let srv: ResilienceLibraryServers;
  let b: ExtensionBrowser;
  beforeAll(async () => {
    srv = await startResilienceLibraryServers();
    b = await launchChromium();
  });
  afterAll(async () => {
    await b?.close();
    await srv?.close();
  });

  /** Runs the check on a library's page; the card as "verdict label" rows and "rule ok" steps. */
  async function check(lib: ResilienceLib, profile: string | Profile | undefined) {
    const tabs = await openClientWithPanel(b, srv.page(lib));
    try {
      await tabs.page.bringToFront();
      await waitFor(() => tabs.page.evaluate(() => document.body.dataset.tick), `${lib} streaming`);
      const why = await tabs.panel.evaluate((p) => (globalThis as unknown as { wavetrace: { resilience: { start(o: object): string } } }).wavetrace.resilience.start(p === null ? { origin: 'test' } : { profile: p, origin: 'test' }), (profile ?? null) as never);
      expect(why).toBe('');
      const p = await waitFor(async () => {
        const x = await tabs.panel.evaluate(() => (globalThis as unknown as { wavetrace: { resilience: { progress(): Polled | undefined } } }).wavetrace.resilience.progress());
        return x?.done ? x : undefined;
      }, `the check on ${lib}`, 120000);
      expect(p.progress?.outcome).toBe('completed');
      const card = p.card!;
      return {
        rows: card.rows.map((r) => `${r.verdict} ${r.label}`),
        steps: card.rows.map((r) => r.steps.map((s) => `${s.rule} ${s.ok}`)),
        skipped: card.skipped.map((g) => g.name),
        card,
      };
    } finally {
      await tabs.close();
    }
  }

  it('socket.io-client: recovers from the drop and notices the frozen link (pingInterval + pingTimeout)', async () => {
    const r = await check('socketio', 'socketio-v4');
    expect(r.rows).toEqual(['recovered drop', 'recovered freeze']);
    expect(r.steps[1]).toContain('noticed-half-open true');
    expect(r.skipped).toEqual(['Failing catch-up', 'Auth close']);
  }, 150000);

  it('graphql-ws: reconnects and re-subscribes, but does not notice a frozen link by itself', async () => {
    const r = await check('graphql', GRAPHQL);
    expect(r.rows).toEqual(['recovered drop', 'failed freeze', 'recovered drop', 'inconclusive close 4403']);
    // The check dropped the frozen link at its bound: what graphql-ws did next is that drop's
    // recovery (the next row), not the page noticing (docs/design.md#recovery-records).
    expect(r.steps[1]).toEqual(['noticed-half-open false']);
    expect(r.card.rows[1]!.steps[0]!.message).toMatch(/^the page had not noticed: connection \S+ stayed frozen .* until a fault ended it \(limit 2 × 500 ms heartbeat \+ 500 ms pong timeout = 1\.5 s\)$/);
    expect(r.steps[2]).toEqual(['reconnected true', 'reconnect-delay true']);
    expect(r.steps[3]).toEqual(['auth-handled null', 'reconnect-delay true']);
    expect(r.skipped).toEqual(['Failing catch-up']);
  }, 150000);

  it('reconnecting-websocket: reconnects after its delay, but does not catch up what the drop lost', async () => {
    const r = await check('rws', undefined);
    expect(r.rows).toEqual(['failed drop']);
    // No no-gap step after a failed synced: the gap is that failure's consequence (docs/design.md#recovery-records).
    expect(r.steps[0]).toEqual(['reconnected true', 'reconnect-delay true', 'synced false']);
    expect(r.card.rows[0]!.steps[2]!.message).toMatch(/^reconnected \d+ ms after 1006 and received seq \d+ without a sync \(since=\d+\)$/);
    expect(r.skipped).toEqual(['Failing catch-up', 'Half-open link', 'Auth close']);
  }, 150000);
});
