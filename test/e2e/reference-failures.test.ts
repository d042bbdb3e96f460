/**
 * Every failure mode of the ScaiWave troubleshooting page (docs/design.md#the-scaiwave-profile), reproduced by the reference app and captured through the
 * real extension (hook → relay → hub → panel store → export), ends in its finding; the correct
 * client produces none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor, type ExtensionBrowser } from './lib/chromium';
import { openClientWithPanel, openInNewWindow, scaledProfile } from './lib/reference-scenario';
import { startIdleProxy, startReferenceServer, type ReferenceServer } from '../reference-app';
import type { Analysis } from '../../src/core/analysis';

const TIME_SCALE = 0.2; // client backoff: immediate, then 200, 400, 800 … ms
const PING_MS = 600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const codes = (a: Analysis) => a.findings.map((f) => f.code);
const find = (a: Analysis, code: string) => a.findings.find((f) => f.code === code);

describe('reference app failure modes through the real extension', () => {
  let b: ExtensionBrowser;
  const servers: { close(): Promise<void> }[] = [];
  const server = async (opts: Parameters<typeof startReferenceServer>[0] = {}): Promise<ReferenceServer> => {
    const s = await startReferenceServer({ port: 0, eventIntervalMs: 150, pingIntervalMs: PING_MS, maxMissedPongs: 2, ...opts });
    servers.push(s);
    return s;
  };
  const profile = scaledProfile({ timeScale: TIME_SCALE, pingIntervalMs: PING_MS });

  beforeAll(async () => {
    b = await launchChromium();
  });
  afterAll(async () => {
    await b?.close();
    for (const s of servers) await s.close();
  });

  /** Runs the client with `query`, does `act` after it processed events, returns the analysis. */
  async function scenario(s: ReferenceServer, query: string, act: (t: Awaited<ReturnType<typeof openClientWithPanel>>) => Promise<void>, p = profile, waitForEvents = true): Promise<Analysis> {
    const tabs = await openClientWithPanel(b, `${s.url}/?timeScale=${TIME_SCALE}&resetCursor=1&${query}`);
    try {
      if (waitForEvents) await waitFor(async () => Number((await tabs.data('lastPosition')) ?? 0) > 0, 'the client to process events');
      await act(tabs);
      return await tabs.analyze(p);
    } finally {
      await tabs.close();
    }
  }

  const dropAndResume = async (s: ReferenceServer, t: Awaited<ReturnType<typeof openClientWithPanel>>) => {
    const opensBefore = Number(await t.data('opens'));
    s.closeSockets(1012, 'service restart');
    await waitFor(async () => Number(await t.data('opens')) > opensBefore && Number(await t.data('eventsProcessed')) > 0, 'the client to resume');
    await sleep(600);
  };

  it('the correct client: drop, sync since the last position, resume — no finding', async () => {
    const s = await server();
    const a = await scenario(s, '', (t) => dropAndResume(s, t));
    expect(a.resumes.length).toBeGreaterThanOrEqual(1);
    expect(a.syncs.length).toBeGreaterThanOrEqual(1);
    expect(a.findings.map((f) => `${f.code}: ${f.message}`)).toEqual([]);
  });

  // The modes whose finding is in what the client sent or received (a request skipped, a cursor,
  // a token, a close code, a tenant), not in when: two at a time (the e2e project's
  // maxConcurrency), each with its own server, window and panel. The correct client (no finding
  // at all, its timing included) runs before them, the modes judged by their timing (backoff,
  // pings, silences) one at a time after them.
  it.concurrent('skipSync → sync-skipped', async () => {
    const s = await server();
    const a = await scenario(s, 'skipSync=1', (t) => dropAndResume(s, t));
    expect(codes(a)).toContain('sync-skipped');
    expect(find(a, 'sync-skipped')!.message).toMatch(/stream_position \d+ without GET \/v1\/sync\?since=\d+/);
  });

  it.concurrent('staleCursor → sync-cursor-stale', async () => {
    const s = await server();
    const a = await scenario(s, 'staleCursor=1', (t) => dropAndResume(s, t));
    expect(codes(a)).toContain('sync-cursor-stale');
    expect(codes(a)).not.toContain('sync-skipped');
  });

  it.concurrent('cursorAhead → sync-cursor-ahead', async () => {
    const s = await server();
    const a = await scenario(s, 'cursorAhead=1', (t) => dropAndResume(s, t));
    expect(codes(a)).toContain('sync-cursor-ahead');
  });

  it.concurrent('reuseToken after 4001 → auth-retry-same-token and close-auth', async () => {
    const s = await server();
    // Start with a token the server never issued: 4001, then the same token again.
    const a = await scenario(
      s,
      'token=never-issued&reuseToken=1',
      async (t) => {
        await waitFor(async () => Number(await t.data('connects')) >= 3, 'three attempts with the same token');
      },
      profile,
      false,
    );
    expect(codes(a)).toContain('close-auth');
    expect(codes(a)).toContain('auth-retry-same-token');
  });

  it.concurrent('refreshing the token after 4001 → close-auth but no auth-retry-same-token', async () => {
    const s = await server();
    const a = await scenario(s, '', async (t) => {
      s.expireTokens();
      s.killSockets();
      await waitFor(async () => (await t.data('lastCloseCode')) === '4001', 'a 4001 close');
      await waitFor(async () => (await t.data('state')) === 'open', 'the client to reconnect with a fresh token');
      await sleep(300);
    });
    expect(codes(a)).toContain('close-auth');
    expect(codes(a)).not.toContain('auth-retry-same-token');
  });

  it.concurrent('a second tab with the same token → 4003 duplicate_connection on the older one', async () => {
    const s = await server();
    const token = s.issueToken().token;
    const a = await scenario(s, `token=${token}`, async (t) => {
      const other = await openInNewWindow(b, `${s.url}/?timeScale=${TIME_SCALE}&token=${token}`);
      await waitFor(async () => (await t.data('lastCloseCode')) === '4003', 'the older tab to get 4003');
      await other.close();
    });
    expect(find(a, 'close-server-abort')!.message).toContain('duplicate_connection');
  });

  it.concurrent('a reload as another tenant → tenant-changed', async () => {
    const s = await server({ trafficTenants: ['tenant-a', 'tenant-b'] });
    const a = await scenario(s, 'tenant=tenant-a', async (t) => {
      await t.goto(`${s.url}/?timeScale=${TIME_SCALE}&tenant=tenant-b`);
      await waitFor(async () => (await t.data('state')) === 'open', 'the client as tenant-b');
      await sleep(400);
    });
    expect(codes(a)).toContain('tenant-changed');
    expect(find(a, 'tenant-changed')!.message).toMatch(/tenant-a.*tenant-b|tenant-b.*tenant-a/);
  });

  it('noBackoff → reconnect-storm', async () => {
    const s = await server();
    const a = await scenario(s, 'noBackoff=1', async (t) => {
      // Six drops, each once the client is back (a drop every 150 ms whatever the client did
      // found no socket to cut when a loaded machine slowed its reconnect: two drops, no storm).
      for (let i = 0; i < 6; i++) {
        const opens = Number(await t.data('opens'));
        s.killSockets();
        await waitFor(async () => Number(await t.data('opens')) > opens && (await t.data('state')) === 'open', 'the client to reconnect');
      }
    });
    expect(codes(a)).toContain('reconnect-storm');
  });

  it('a correct client backing off the same drops → no reconnect-storm', async () => {
    const s = await server();
    const a = await scenario(s, '', async (t) => {
      for (let i = 0; i < 3; i++) {
        const opens = Number(await t.data('opens'));
        s.killSockets();
        await waitFor(async () => Number(await t.data('opens')) > opens, 'the client to reconnect');
      }
      await sleep(300);
    });
    expect(codes(a)).not.toContain('reconnect-storm');
    expect(codes(a)).toContain('close-abnormal');
  });

  it('noPong → 4003 ping_timeout: close-server-abort (reason decoded) and pong-missing', async () => {
    const s = await server();
    const a = await scenario(s, 'noPong=1', async (t) => {
      await waitFor(async () => (await t.data('lastCloseCode')) === '4003', 'a 4003 close', 20000);
    });
    expect(codes(a), a.findings.map((f) => f.message).join('\n')).toContain('pong-missing');
    expect(find(a, 'close-server-abort')?.message, a.findings.map((f) => f.message).join('\n')).toContain('ping_timeout');
  });

  it('a silent drop (no FIN, no close frame) → silent-drop-suspected', async () => {
    const s = await server();
    const proxy = await startIdleProxy({ targetPort: s.port, idleTimeoutMs: 60000 });
    servers.push(proxy);
    const a = await scenario(s, `wsUrl=${encodeURIComponent(proxy.wsUrl)}`, async () => {
      await sleep(PING_MS * 1.5);
      proxy.dropSilently();
      await sleep(PING_MS * 3);
    });
    expect(codes(a)).toContain('silent-drop-suspected');
  });

  it('a proxy cutting idle sockets before the next ping → idle-timeout-suspected', async () => {
    // The analysis ignores silences under 5 s (no middlebox cuts sooner), so cut at 5.5 s.
    const s = await server({ eventIntervalMs: 0, pingIntervalMs: 30000 });
    const proxy = await startIdleProxy({ targetPort: s.port, idleTimeoutMs: 5500 });
    servers.push(proxy);
    s.publish(3);
    const a = await scenario(
      s,
      `wsUrl=${encodeURIComponent(proxy.wsUrl)}`,
      async (t) => {
        await waitFor(async () => Number(await t.data('opens')) >= 3, 'two idle cuts', 20000);
      },
      scaledProfile({ timeScale: TIME_SCALE, pingIntervalMs: 30000, idleTimeoutsMs: [] }),
    );
    expect(codes(a)).toContain('close-abnormal');
    expect(codes(a)).toContain('idle-timeout-suspected');
  });
});
