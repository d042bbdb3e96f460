/**
 * Reference server, `/v1/stream`: hello, events, application ping/pong and 4003 ping_timeout
 * (ScaiWave troubleshooting page: "ScaiWave pings every 30s"; 4003 `ping_timeout` → "client missed too many pongs").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../reference-app/reference-server';
import { connectRecorder, isEvent, isHello, isPing, sleep, within } from './ws-recorder';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const streamUrl = (s: ReferenceServer, token: string): string => `${s.wsUrl}/v1/stream?token=${token}`;

describe('reference server stream', () => {
  it('sends a hello with the tenant and the current head first', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0, tenant: 'acme', initialHead: 40 });
    server.publish(3);
    const rec = await connectRecorder(streamUrl(server, server.issueToken().token));
    const hello = await rec.waitForFrame(isHello);
    expect(hello).toEqual({ type: 'hello', tenant_id: 'acme', stream_position: 43 });
    expect(rec.frames[0]).toBe(hello);
    rec.ws.close();
  });

  it('streams events with increasing stream_position after the head', async () => {
    server = await startReferenceServer({ eventIntervalMs: 15, pingIntervalMs: 0 });
    const rec = await connectRecorder(streamUrl(server, server.issueToken().token));
    const hello = await rec.waitForFrame(isHello);
    const events = await rec.waitForCount(isEvent, 5);
    const positions = events.map((e) => e.stream_position);
    expect(positions[0]).toBeGreaterThan(hello.stream_position);
    for (let i = 1; i < positions.length; i++) expect(positions[i]).toBeGreaterThan(positions[i - 1]!);
    expect(events[0]!.data).toMatchObject({ kind: 'message.created' });
    rec.ws.close();
  });

  it('publish() reaches only the connections of that tenant', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const a = await connectRecorder(streamUrl(server, server.issueToken('tenant-a').token));
    const b = await connectRecorder(streamUrl(server, server.issueToken('tenant-b').token));
    await a.waitForFrame(isHello);
    await b.waitForFrame(isHello);
    server.publish(2, 'tenant-b');
    const got = await b.waitForCount(isEvent, 2);
    expect(got.map((e) => e.stream_position)).toEqual([1, 2]);
    await sleep(50);
    expect(a.frames.filter(isEvent)).toHaveLength(0); // the troubleshooting page's "wrong tenant scope": hello, then nothing
    a.ws.close();
    b.ws.close();
  });

  it('keeps a connection that answers every ping open', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 40, maxMissedPongs: 3 });
    const rec = await connectRecorder(streamUrl(server, server.issueToken().token), { autoPong: true });
    const pings = await rec.waitForCount(isPing, 6);
    expect(pings.map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rec.closeInfo).toBeNull();
    expect(server.connections()[0]).toMatchObject({ lastPingId: expect.any(Number) });
    expect(server.connections()[0]!.lastPongId).toBeGreaterThanOrEqual(5);
    rec.ws.close();
  });

  it('closes with 4003 ping_timeout after maxMissedPongs unanswered pings', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 40, maxMissedPongs: 2 });
    const started = Date.now();
    const rec = await connectRecorder(streamUrl(server, server.issueToken().token));
    const close = await within(rec.closed, 2000, 'ping_timeout close');
    expect(close).toEqual({ code: 4003, reason: 'ping_timeout' });
    expect(rec.frames.filter(isPing).map((p) => p.id)).toEqual([1, 2]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 40 - 5); // (maxMissedPongs + 1) · interval
    const disconnect = server.log.entries().find((e) => e.kind === 'ws.disconnect');
    expect(disconnect).toMatchObject({ code: 4003, reason: 'ping_timeout', by: 'server' });
  });

  it('killSockets() drops connections without a close frame (1006 at the client)', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const rec = await connectRecorder(streamUrl(server, server.issueToken().token));
    await rec.waitForFrame(isHello);
    expect(server.killSockets()).toBe(1);
    expect((await within(rec.closed, 2000, 'close after kill')).code).toBe(1006);
  });

  it('setHead() backwards makes the next hello report a lower head', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    server.publish(10);
    server.setHead(4);
    const rec = await connectRecorder(streamUrl(server, server.issueToken().token));
    expect((await rec.waitForFrame(isHello)).stream_position).toBe(4);
    server.publish(1);
    expect((await rec.waitForFrame(isEvent)).stream_position).toBe(5);
    rec.ws.close();
  });
});
