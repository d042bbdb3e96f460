/**
 * The idle-cutting proxy (ScaiWave troubleshooting page: "if a middlebox closes idle connections at 20s, you get drops";
 * "Drops without close frame — connection just goes silent").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startIdleProxy, type IdleProxy } from '../../reference-app/idle-proxy';
import { startReferenceServer, type ReferenceServer } from '../../reference-app/reference-server';
import type { TokenResponse } from '../../reference-app/wire-types';
import { connectRecorder, isEvent, isHello, sleep, waitUntil, within } from './ws-recorder';

let server: ReferenceServer | undefined;
let proxy: IdleProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await server?.close();
  proxy = server = undefined;
});

describe('idle proxy', () => {
  it('forwards HTTP and WebSocket traffic', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    proxy = await startIdleProxy({ targetPort: server.port, idleTimeoutMs: 0 });
    const page = await fetch(`${proxy.url}/`);
    expect(page.status).toBe(200);
    const { token } = (await (await fetch(`${proxy.url}/v1/token`)).json()) as TokenResponse;
    const rec = await connectRecorder(`${proxy.wsUrl}/v1/stream?token=${token}`);
    expect((await rec.waitForFrame(isHello)).tenant_id).toBe('tenant-a');
    server.publish(2);
    expect((await rec.waitForCount(isEvent, 2)).map((e) => e.stream_position)).toEqual([1, 2]);
    rec.ws.close();
  });

  it('cuts a connection idle for idleTimeoutMs without a close frame (client sees 1006)', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    proxy = await startIdleProxy({ targetPort: server.port, idleTimeoutMs: 150 });
    const rec = await connectRecorder(`${proxy.wsUrl}/v1/stream?token=${server.issueToken().token}`);
    await rec.waitForFrame(isHello);
    const close = await within(rec.closed, 2000, 'idle cut');
    expect(close.code).toBe(1006); // no close frame reached the client
    const cut = proxy.events().find((e) => e.kind === 'idle-cut');
    expect(cut?.idleMs).toBeGreaterThanOrEqual(150); // idle time as the proxy saw it (last byte → cut)
    const s = server;
    await waitUntil(() => s.log.entries().some((e) => e.kind === 'ws.disconnect'), 1000, 'server notices the cut');
    expect(server.log.entries().find((e) => e.kind === 'ws.disconnect')).toMatchObject({ code: 1006, by: 'client' });
  });

  it('does not cut a connection whose pings keep it busy', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 40 });
    proxy = await startIdleProxy({ targetPort: server.port, idleTimeoutMs: 150 });
    const rec = await connectRecorder(`${proxy.wsUrl}/v1/stream?token=${server.issueToken().token}`, { autoPong: true });
    await sleep(400);
    expect(rec.closeInfo).toBeNull();
    rec.ws.close();
  });

  it('dropSilently() stops all traffic on current connections without closing them', async () => {
    server = await startReferenceServer({ eventIntervalMs: 15, pingIntervalMs: 0 });
    proxy = await startIdleProxy({ targetPort: server.port, idleTimeoutMs: 100 });
    const rec = await connectRecorder(`${proxy.wsUrl}/v1/stream?token=${server.issueToken().token}`);
    await rec.waitForCount(isEvent, 3);
    // Whatever the proxy forwarded was sent by the server before the drop: nothing newer may arrive.
    const sentBeforeDrop = server.connections()[0]?.lastSentPosition ?? 0;
    expect(proxy.dropSilently()).toBe(1);
    await sleep(300); // longer than the idle timeout: a black hole is never idle-cut
    const received = rec.frames.filter(isEvent).map((e) => e.stream_position);
    expect(Math.max(...received)).toBeLessThanOrEqual(sentBeforeDrop);
    expect(rec.closeInfo).toBeNull();
    expect(rec.ws.readyState).toBe(rec.ws.OPEN);
    expect(server.connections()[0]?.lastSentPosition ?? 0).toBeGreaterThan(sentBeforeDrop + 3); // the server keeps sending into the void
    expect(proxy.events().some((e) => e.kind === 'idle-cut')).toBe(false);
    // New connections are forwarded normally.
    const fresh = await connectRecorder(`${proxy.wsUrl}/v1/stream?token=${server.issueToken().token}`);
    await fresh.waitForFrame(isHello);
    fresh.ws.close();
    rec.ws.terminate();
  });
});
