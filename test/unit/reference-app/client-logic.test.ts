/**
 * The browser client's pure modules (plain JS served as-is), run in Node: the ScaiWave troubleshooting page's
 * reconnect strategy ("First disconnect → reconnect immediately. Successive failures →
 * exponential backoff (1s, 2s, 4s, 8s, max 30s)"), the sync cursor and the query switches.
 */
import { describe, expect, it } from 'vitest';
import { readParams } from '../../reference-app/client/params.js';
import { backoffDelayMs, createReconnectPolicy } from '../../reference-app/client/reconnect-policy.js';
import { syncCursor } from '../../reference-app/client/sync-cursor.js';

describe('reference client reconnect policy', () => {
  it('backs off 0, 1, 2, 4, 8, 16, 30, 30 s over the failure streak', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((k) => backoffDelayMs(k))).toEqual([0, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('scales delays by timeScale, and noBackoff is a flat 50 ms', () => {
    expect([1, 2, 3].map((k) => backoffDelayMs(k, { timeScale: 0.1 }))).toEqual([100, 200, 400]);
    expect([0, 1, 5].map((k) => backoffDelayMs(k, { noBackoff: true }))).toEqual([50, 50, 50]);
  });

  it('reconnects immediately after a stable connection, backs off after failures, resets when stable again', () => {
    const policy = createReconnectPolicy({ timeScale: 0.1 }); // stable after 1000 ms
    expect(policy.stableAfterMs).toBe(1000);
    expect(policy.connectionEnded({ openedAt: 0, closedAt: 5000 })).toBe(0); // first drop: immediate
    expect(policy.connectionEnded({ openedAt: 5000, closedAt: 5100 })).toBe(100); // failed: 1 s · 0.1
    expect(policy.connectionEnded({ openedAt: null, closedAt: 5300 })).toBe(200);
    expect(policy.attemptFailed()).toBe(400); // a failed sync counts too
    expect(policy.failureStreak).toBe(3);
    expect(policy.connectionEnded({ openedAt: 6000, closedAt: 7000 })).toBe(0); // stable again
    expect(policy.failureStreak).toBe(0);
  });

  it('counts a first connection that never became stable as a failure', () => {
    const policy = createReconnectPolicy();
    expect(policy.connectionEnded({ openedAt: 0, closedAt: 20 })).toBe(1000);
  });
});

describe('reference client sync cursor', () => {
  it('syncs from the last position, or 5 off with the faulty switches', () => {
    expect(syncCursor(null)).toBeNull();
    expect(syncCursor(42)).toBe(42);
    expect(syncCursor(42, { staleCursor: true })).toBe(37);
    expect(syncCursor(3, { staleCursor: true })).toBe(0);
    expect(syncCursor(42, { cursorAhead: true })).toBe(47);
  });
});

describe('reference client switches', () => {
  const loc = { protocol: 'http:', host: '127.0.0.1:9000', origin: 'http://127.0.0.1:9000' };
  it('defaults to the page origin and a correct client', () => {
    expect(readParams('', loc)).toEqual({
      timeScale: 1,
      stableAfterMs: null,
      skipSync: false,
      staleCursor: false,
      cursorAhead: false,
      noBackoff: false,
      reuseToken: false,
      noPong: false,
      token: null,
      tokenTtlMs: null,
      tenant: '',
      wsUrl: 'ws://127.0.0.1:9000',
      httpBase: 'http://127.0.0.1:9000',
      watchdogMs: 0,
      resetCursor: false,
      giveUpAfterFailure: false,
    });
  });

  it('reads every switch', () => {
    const p = readParams(
      '?timeScale=0.1&skipSync&staleCursor=1&cursorAhead=true&noBackoff=yes&reuseToken&noPong&token=bad&tokenTtlMs=500' +
        '&tenant=beta&wsUrl=ws://127.0.0.1:9001/&httpBase=http://127.0.0.1:9001&watchdogMs=3000&resetCursor&stableAfterMs=200&giveUpAfterFailure',
      loc,
    );
    expect(p).toMatchObject({
      timeScale: 0.1,
      stableAfterMs: 200,
      skipSync: true,
      staleCursor: true,
      cursorAhead: true,
      noBackoff: true,
      reuseToken: true,
      noPong: true,
      token: 'bad',
      tokenTtlMs: 500,
      tenant: 'beta',
      wsUrl: 'ws://127.0.0.1:9001',
      httpBase: 'http://127.0.0.1:9001',
      watchdogMs: 3000,
      resetCursor: true,
      giveUpAfterFailure: true,
    });
    expect(readParams('?skipSync=0&timeScale=-2', loc)).toMatchObject({ skipSync: false, timeScale: 1 });
  });
});
