/**
 * The reference app under injected faults (docs/design.md#fault-commands), commanded through
 * the real panel's automation handle (panel → hub → relay → hook), captured and analysed: the
 * correct client recovers from each command (drop, close 1012, freeze and thaw, refuse,
 * fail-sync, skip) with no error finding (after a drop or close 1012: none but `fault-injected`),
 * and its faulty modes are caught after a fault: skipSync → sync-skipped, noBackoff against a
 * refused endpoint → reconnect-storm, reuseToken after a close 4001 → auth-retry-same-token,
 * noPong → pong-missing. One browser launch for the file; the client's backoff runs at 0.2×.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { openClientWithPanel, scaledProfile, type ScenarioTabs } from './lib/reference-scenario';
import { startReferenceServer, type ReferenceServer } from '../reference-app';
import type { Analysis } from '../../src/core/analysis';

const TIME_SCALE = 0.2;
const PING_MS = 1000;
const codes = (a: Analysis) => a.findings.map((f) => f.code);
/** Findings other than the faults themselves, as "code: message". */
const others = (a: Analysis) => a.findings.filter((f) => f.code !== 'fault-injected').map((f) => `${f.code}: ${f.message}`);

describe('the reference client under injected faults', () => {
  let b: ExtensionBrowser;
  let s: ReferenceServer;
  const profile = scaledProfile({ timeScale: TIME_SCALE, pingIntervalMs: PING_MS });

  beforeAll(async () => {
    b = await launchChromium();
    s = await startReferenceServer({ port: 0, eventIntervalMs: 150, pingIntervalMs: PING_MS, maxMissedPongs: 2 });
  });
  afterAll(async () => {
    await b?.close();
    await s?.close();
  });

  /** Sends a fault command from the panel; drop, close, freeze and skip aim at the newest open connection. */
  const fault = async (t: ScenarioTabs, cmd: Record<string, unknown>): Promise<void> => {
    const why = await t.panel.evaluate((c) => {
      const w = (globalThis as unknown as { wavetrace: { newestOpenConnection(): { conn: string } | undefined; fault(c: object): string } }).wavetrace;
      const n = w.newestOpenConnection();
      const aimed = ['drop', 'close', 'freeze', 'skip', 'thaw'].includes(c.kind as string);
      return w.fault({ origin: 'test', ...(n && aimed ? { conn: n.conn } : {}), ...c });
    }, cmd);
    expect(why).toBe('');
  };
  const num = async (t: ScenarioTabs, k: string) => Number((await t.data(k)) ?? 0);

  /** Runs the client with `query` until it processed events, does `act`, returns the analysis. */
  async function scenario(query: string, act: (t: ScenarioTabs) => Promise<void>, waitForEvents = true): Promise<Analysis> {
    const t = await openClientWithPanel(b, `${s.url}/?timeScale=${TIME_SCALE}&resetCursor=1&${query}`);
    try {
      if (waitForEvents) await waitFor(async () => (await num(t, 'lastPosition')) > 0, 'the client to process events');
      await act(t);
      return await t.analyze(profile);
    } finally {
      await t.close();
    }
  }
  /** Waits until the client opened a new connection, synced and processed events on it. */
  const recovered = async (t: ScenarioTabs, opens: number, syncs: number) => {
    await waitFor(async () => (await num(t, 'opens')) > opens && (await num(t, 'syncs')) > syncs, 'the client to reconnect and sync');
    const processed = await num(t, 'eventsProcessed');
    await waitFor(async () => (await num(t, 'eventsProcessed')) > processed, 'events on the new connection');
  };
  const dropThenRecover = (cmd: Record<string, unknown>) => async (t: ScenarioTabs) => {
    const [opens, syncs] = [await num(t, 'opens'), await num(t, 'syncs')];
    await fault(t, cmd);
    await recovered(t, opens, syncs);
  };

  describe('the correct client recovers', () => {
    it('from a drop and from a close 1012: reconnect, sync, resume; only fault-injected', async () => {
      for (const cmd of [{ kind: 'drop' }, { kind: 'close', code: 1012, reason: 'service restart' }]) {
        const a = await scenario('', dropThenRecover(cmd));
        expect(codes(a)).toContain('fault-injected');
        expect(others(a)).toEqual([]);
        expect(a.resumes.length).toBeGreaterThanOrEqual(1);
      }
    });

    it('from a freeze and thaw: frames flow again on the same connection; nothing blamed on the client', async () => {
      const a = await scenario('', async (t) => {
        const opens = await num(t, 'opens');
        await fault(t, { kind: 'freeze' });
        await new Promise((r) => setTimeout(r, 500)); // the link stays half-open this long
        const processed = await num(t, 'eventsProcessed');
        await fault(t, { kind: 'thaw' });
        await waitFor(async () => (await num(t, 'eventsProcessed')) > processed, 'events after the thaw');
        expect(await num(t, 'opens')).toBe(opens);
      });
      expect(codes(a)).toContain('fault-injected');
      // A ping the freeze kept from the page is no ping the page failed to answer.
      expect(codes(a)).not.toContain('pong-missing');
      expect(a.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
    });

    it('from a refused endpoint: it backs off through the refused attempts and gets through', async () => {
      const a = await scenario('', async (t) => {
        await fault(t, { kind: 'refuse', endpoint: `${s.wsUrl}/v1/stream`, ms: 2500 });
        await dropThenRecover({ kind: 'drop' })(t);
      });
      expect(codes(a).filter((c) => c === 'fault-injected').length).toBeGreaterThanOrEqual(3); // the refuse, the drop, refused sockets
      expect(codes(a)).not.toContain('reconnect-storm');
      expect(a.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
    });

    it('from a failing sync: it retries the sync and resumes; no error finding', async () => {
      const a = await scenario('', async (t) => {
        await fault(t, { kind: 'fail-sync', count: 1, status: 503 });
        await dropThenRecover({ kind: 'drop' })(t);
      });
      expect(a.syncs.some((x) => x.outcome === 'failed' && x.status === 503)).toBe(true);
      expect(a.syncs.some((x) => x.outcome === 'ok')).toBe(true);
      expect(a.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
    });

    it('from skipped frames: it keeps processing on the same connection; no error finding', async () => {
      const a = await scenario('', async (t) => {
        const [processed, opens] = [await num(t, 'eventsProcessed'), await num(t, 'opens')];
        await fault(t, { kind: 'skip', count: 3 });
        await waitFor(async () => (await num(t, 'eventsProcessed')) > processed + 3, 'events after the skipped ones');
        expect(await num(t, 'opens')).toBe(opens);
      });
      expect(codes(a)).toContain('fault-injected');
      expect(a.findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
    });
  });

  describe('faulty modes are caught after a fault', () => {
    it('skipSync: a drop, then a resume without /v1/sync → sync-skipped', async () => {
      const a = await scenario('skipSync=1', async (t) => {
        const opens = await num(t, 'opens');
        await fault(t, { kind: 'drop' });
        await waitFor(async () => (await num(t, 'opens')) > opens, 'the client to reconnect');
        const p = await num(t, 'eventsProcessed');
        await waitFor(async () => (await num(t, 'eventsProcessed')) > p, 'events on the new connection');
      });
      expect(codes(a)).toContain('sync-skipped');
    });

    it('noBackoff: a drop while the endpoint is refused → reconnect-storm', async () => {
      const a = await scenario('noBackoff=1', async (t) => {
        const opens = await num(t, 'opens');
        await fault(t, { kind: 'refuse', endpoint: `${s.wsUrl}/v1/stream`, ms: 1500 });
        await fault(t, { kind: 'drop' });
        await waitFor(async () => (await num(t, 'opens')) > opens, 'the client to get through once the refusal ended');
      });
      expect(codes(a)).toContain('reconnect-storm');
    });

    it('reuseToken: a close 4001 → auth-retry-same-token', async () => {
      const a = await scenario('reuseToken=1', async (t) => {
        const connects = await num(t, 'connects');
        await fault(t, { kind: 'close', code: 4001, reason: 'token expired' });
        await waitFor(async () => (await num(t, 'connects')) > connects, 'the retry');
        await waitFor(async () => (await t.data('state')) === 'open', 'the client to reconnect');
      });
      expect(codes(a)).toContain('auth-retry-same-token');
    });

    it('noPong: a drop, then the new connection never answers pings → pong-missing', async () => {
      const a = await scenario('noPong=1', async (t) => {
        const opens = await num(t, 'opens');
        await fault(t, { kind: 'drop' });
        await waitFor(async () => (await num(t, 'opens')) > opens, 'the client to reconnect');
        await waitFor(async () => (await t.data('lastCloseCode')) === '4003', 'the server to give up (4003 ping_timeout)');
      });
      expect(codes(a)).toContain('pong-missing');
    });
  });
});
