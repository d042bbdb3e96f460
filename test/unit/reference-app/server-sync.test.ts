/**
 * Reference server, `GET /v1/sync?since=N` (ScaiWave troubleshooting page: "On reconnect → /v1/sync?since=
 * <last_stream_position> to bridge the gap") and the page it serves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../reference-app/reference-server';
import type { SyncResponse } from '../../reference-app/wire-types';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

describe('reference server sync', () => {
  it('returns the events after `since` and the head', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    server.publish(8);
    const { status, body } = await getJson(`${server.url}/v1/sync?since=5`);
    expect(status).toBe(200);
    const sync = body as SyncResponse;
    expect(sync.head).toBe(8);
    expect(sync.events.map((e) => e.stream_position)).toEqual([6, 7, 8]);
    expect(sync.events[0]).toMatchObject({ type: 'event', data: { id: 'evt-tenant-a-6' } });
    const empty = (await getJson(`${server.url}/v1/sync?since=8`)).body as SyncResponse;
    expect(empty).toEqual({ events: [], head: 8 });
    const ahead = (await getJson(`${server.url}/v1/sync?since=20`)).body as SyncResponse;
    expect(ahead).toEqual({ events: [], head: 8 });
  });

  it('logs the request with its query, in order with stream connects', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    await fetch(`${server.url}/v1/sync?since=0`);
    expect(server.log.entries().at(-1)).toMatchObject({ kind: 'http', method: 'GET', path: '/v1/sync', query: { since: '0' }, status: 200 });
  });

  it('scopes to the tenant of a token and rejects a bad token with 401', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    server.publish(2, 'tenant-a');
    server.publish(5, 'tenant-b');
    const b = server.issueToken('tenant-b');
    const sync = (await getJson(`${server.url}/v1/sync?since=3&token=${b.token}`)).body as SyncResponse;
    expect(sync.head).toBe(5);
    expect(sync.events.map((e) => e.data.id)).toEqual(['evt-tenant-b-4', 'evt-tenant-b-5']);
    expect((await getJson(`${server.url}/v1/sync?since=0&token=nope`)).status).toBe(401);
  });

  it('answers 400 without a valid `since`', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    expect(await getJson(`${server.url}/v1/sync`)).toEqual({ status: 400, body: { error: 'missing_since' } });
    expect((await getJson(`${server.url}/v1/sync?since=abc`)).status).toBe(400);
  });

  it('failSync(status) makes sync fail until reset', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    server.failSync(503);
    expect((await getJson(`${server.url}/v1/sync?since=0`)).status).toBe(503);
    server.failSync(null);
    expect((await getJson(`${server.url}/v1/sync?since=0`)).status).toBe(200);
  });

  it('the event ticker keeps filling the log while nobody is connected', async () => {
    server = await startReferenceServer({ eventIntervalMs: 10, pingIntervalMs: 0 });
    // Nobody connects; wait (bounded) until the ticker has logged a few events on its own.
    const until = Date.now() + 5000;
    while (server.head() < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    server.setEventsEnabled(false);
    const head = server.head();
    expect(head).toBeGreaterThanOrEqual(3);
    const sync = (await getJson(`${server.url}/v1/sync?since=0`)).body as SyncResponse;
    expect(sync.events).toHaveLength(head);
  });

  it('serves the client page and its modules with a CSP header', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain('connect-src');
    expect(csp).toContain('ws://127.0.0.1:*');
    expect(csp).not.toContain('unsafe-inline');
    expect(await page.text()).toContain('src="client.js"');
    for (const file of ['client.js', 'params.js', 'reconnect-policy.js', 'sync-cursor.js', 'cursor-store.js', 'status-view.js', 'api.js', 'client.css']) {
      const res = await fetch(`${server.url}/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-security-policy'), file).toBe(csp);
    }
    expect((await fetch(`${server.url}/../reference-server.ts`)).status).toBe(404);
    expect((await fetch(`${server.url}/secret.txt`)).status).toBe(404);
  });
});
