/**
 * The hook's body-keeping policy (src/page/sync-matcher.ts): declared paths (the profile's sync
 * endpoint, the presets' handshakes such as Engine.IO's open request) and catch-up candidates
 * (same site, within a minute after a WebSocket of the page closed; JSON content types).
 */
import { describe, expect, it } from 'vitest';
import { createSyncMatcher, isJsonType, siteOf } from '../../../src/page/sync-matcher';
import { BUILTIN_PROFILES } from '../../../src/core/profile/presets';
import { CATCH_UP_WINDOW_MS, PRESET_HANDSHAKES, syncPathsOfProfile } from '../../../src/core/store/capture-config';
import { nodeNatives } from './node-natives';

describe('body policy', () => {
  const n = nodeNatives(); // document: https://app.example/

  it('keeps declared paths: the sync endpoint and Engine.IO open requests (not its later polls with sid)', () => {
    const m = createSyncMatcher(n);
    expect(m.matches('https://app.example/v1/sync?since=3')).toBe(true);
    expect(m.matches('http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=PZx1')).toBe(true);
    expect(m.matches('http://127.0.0.1:3000/socket.io/?EIO=4&transport=polling&t=PZx2&sid=abc')).toBe(false);
    expect(m.matches('https://app.example/api/history?after=3')).toBe(false);
    m.setPaths(['/api/history']);
    expect(m.matches('https://app.example/api/history?after=3')).toBe(true);
    expect(m.matches('https://app.example/v1/sync')).toBe(false);
  });

  it('the presets handshake list is the presets hello.http, and a profile declares sync and handshake paths', () => {
    const declared = BUILTIN_PROFILES.flatMap((p) => (p.hello?.http ? [{ path: p.hello.http.urlPath, unlessParam: p.hello.http.param }] : []));
    expect([...PRESET_HANDSHAKES]).toEqual(declared);
    expect(syncPathsOfProfile(BUILTIN_PROFILES.find((p) => p.name === 'socketio-v4'))).toEqual(['/socket.io/']);
    expect(syncPathsOfProfile(BUILTIN_PROFILES.find((p) => p.name === 'scaiwave'))).toEqual(['/v1/sync']);
  });

  it('catch-up candidates: same site, only within the window after a WebSocket closed', () => {
    const m = createSyncMatcher(n);
    const t = 1_700_000_000_000;
    expect(m.catchUpCandidate('https://app.example/api/history?after=52', t)).toBe(false); // no close yet
    m.noteClose(t);
    expect(m.catchUpCandidate('https://app.example/api/history?after=52', t + 1500)).toBe(true);
    expect(m.catchUpCandidate('https://api.app.example/history', t + 1500)).toBe(true);
    expect(m.catchUpCandidate('https://tracker.other/collect', t + 1500)).toBe(false);
    expect(m.catchUpCandidate('https://app.example/api/history', t + CATCH_UP_WINDOW_MS + 1)).toBe(false);
  });

  it('sites and JSON types', () => {
    expect(siteOf(n, 'https://a.b.example.com:8443/x')).toBe('EXAMPLE.COM');
    expect(siteOf(n, 'http://user@127.0.0.1:3000/x')).toBe('127.0.0.1');
    expect(siteOf(n, 'http://localhost:8080/')).toBe('LOCALHOST');
    expect(siteOf(n, 'not a url')).toBe('');
    for (const t of ['application/json', 'application/json; charset=utf-8', 'application/problem+json', ' Application/JSON ', 'application/x-ndjson']) expect(isJsonType(n, t), t).toBe(true);
    for (const t of ['text/plain', 'text/html', '', null, 'application/jsonp']) expect(isJsonType(n, t), String(t)).toBe(false);
  });
});
