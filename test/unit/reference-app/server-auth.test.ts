/**
 * Reference server, tokens: 4001 (ScaiWave troubleshooting page: "`SW_AUTH_INVALID_TOKEN`. Token expired or invalid.")
 * and 4003 duplicate_connection (same page: "another client signed in with the same token; the older
 * one is closed").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../reference-app/reference-server';
import type { TokenResponse } from '../../reference-app/wire-types';
import { connectRecorder, isHello, sleep, within } from './ws-recorder';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const streamUrl = (s: ReferenceServer, token: string): string => `${s.wsUrl}/v1/stream?token=${encodeURIComponent(token)}`;

describe('reference server tokens', () => {
  it('GET /v1/token issues a fresh token per call, for the asked tenant and TTL', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0, tokenTtlMs: 5000 });
    const a = (await (await fetch(`${server.url}/v1/token`)).json()) as TokenResponse;
    const b = (await (await fetch(`${server.url}/v1/token?tenant=beta&ttl_ms=1234`)).json()) as TokenResponse;
    expect(a).toMatchObject({ expires_in_ms: 5000, tenant_id: 'tenant-a' });
    expect(b).toMatchObject({ expires_in_ms: 1234, tenant_id: 'beta' });
    expect(a.token).not.toBe(b.token);
    const rec = await connectRecorder(streamUrl(server, b.token));
    expect((await rec.waitForFrame(isHello)).tenant_id).toBe('beta');
    rec.ws.close();
  });

  it('closes with 4001 on an unknown token, before any hello', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const rec = await connectRecorder(streamUrl(server, 'not-a-token'));
    expect(await within(rec.closed, 2000, '4001')).toEqual({ code: 4001, reason: 'invalid_token' });
    expect(rec.frames).toEqual([]);
    expect(server.log.entries().find((e) => e.kind === 'ws.connect')).toMatchObject({ tenant: null });
  });

  it('closes with 4001 when the token is missing', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const rec = await connectRecorder(`${server.wsUrl}/v1/stream`);
    expect((await within(rec.closed, 2000, '4001')).code).toBe(4001);
  });

  it('closes with 4001 token_expired on an expired token', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const { token } = server.issueToken(undefined, 30);
    await sleep(50);
    const rec = await connectRecorder(streamUrl(server, token));
    expect(await within(rec.closed, 2000, '4001')).toEqual({ code: 4001, reason: 'token_expired' });
    expect(rec.frames).toEqual([]);
  });

  it('closes an open connection with 4001 when its token expires', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const rec = await connectRecorder(streamUrl(server, server.issueToken(undefined, 400).token));
    await rec.waitForFrame(isHello);
    expect(await within(rec.closed, 2000, '4001')).toEqual({ code: 4001, reason: 'token_expired' });
  });

  it('expireTokens() closes open connections with 4001 and rejects their tokens afterwards', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const { token } = server.issueToken();
    const rec = await connectRecorder(streamUrl(server, token));
    await rec.waitForFrame(isHello);
    server.expireTokens();
    expect((await within(rec.closed, 2000, '4001')).code).toBe(4001);
    const again = await connectRecorder(streamUrl(server, token));
    expect((await within(again.closed, 2000, '4001')).reason).toBe('token_expired');
  });

  it('a second connection with the same token closes the older one with 4003 duplicate_connection', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const { token } = server.issueToken();
    const older = await connectRecorder(streamUrl(server, token));
    await older.waitForFrame(isHello);
    const newer = await connectRecorder(streamUrl(server, token));
    await newer.waitForFrame(isHello);
    expect(await within(older.closed, 2000, '4003')).toEqual({ code: 4003, reason: 'duplicate_connection' });
    await sleep(30);
    expect(newer.closeInfo).toBeNull();
    expect(server.connections()).toHaveLength(1);
    server.publish(1);
    await newer.waitForFrame((f): f is typeof f => f.type === 'event');
    newer.ws.close();
  });

  it('different tokens of one tenant may be connected at the same time', async () => {
    server = await startReferenceServer({ eventIntervalMs: 0, pingIntervalMs: 0 });
    const a = await connectRecorder(streamUrl(server, server.issueToken().token));
    const b = await connectRecorder(streamUrl(server, server.issueToken().token));
    await a.waitForFrame(isHello);
    await b.waitForFrame(isHello);
    await sleep(30);
    expect(a.closeInfo).toBeNull();
    expect(server.connections()).toHaveLength(2);
    a.ws.close();
    b.ws.close();
  });
});
