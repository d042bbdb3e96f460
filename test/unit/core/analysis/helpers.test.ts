/** Pure helpers: backoff expectations, session keys, credentials, close decoding, formatting. */
import { describe, expect, it } from 'vitest';
import { expectedDelayMs, judgeDelay, minDelayMs, maxDelayMs } from '../../../../src/core/analysis/backoff';
import { decodeClose, isFatalClose } from '../../../../src/core/analysis/close-rules';
import { formatDuration } from '../../../../src/core/format';
import { credentialsOf, sessionKey, urlPath } from '../../../../src/core/analysis/url-parts';
import { ALL_FINDING_CODES, FINDING_CODES } from '../../../../src/core/analysis/finding-codes';
import { redactKeySet } from '../../../../src/core/redact';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';

const B = SCAIWAVE_PROFILE.backoff;

describe('backoff (docs/design.md#analysis, seed 1, 2, 4, 8 … max 30 s)', () => {
  it('E per k', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((k) => expectedDelayMs(k, B))).toEqual([1000, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
  it('bounds and verdicts', () => {
    expect(minDelayMs(0, B)).toBe(0);
    expect(minDelayMs(3, B)).toBe(2000);
    expect(maxDelayMs(0, B)).toBe(2500);
    expect(maxDelayMs(6, B)).toBe(46000);
    expect(judgeDelay(0, 0, B)).toBe('ok');
    expect(judgeDelay(1999, 3, B)).toBe('too-fast');
    expect(judgeDelay(2000, 3, B)).toBe('ok');
    expect(judgeDelay(7000, 3, B)).toBe('ok');
    expect(judgeDelay(7001, 3, B)).toBe('too-slow');
    expect(judgeDelay(undefined, 3, B)).toBe('unknown');
  });
});

describe('url parts', () => {
  it('session keys: scheme + host + path, query ignored', () => {
    expect(sessionKey('WSS://User:pw@API.Example.com/v1/stream?token=a#x')).toBe('wss://api.example.com/v1/stream');
    expect(sessionKey('wss://h')).toBe('wss://h/');
    expect(sessionKey('/relative?x=1')).toBe('/relative');
  });
  it('paths', () => {
    expect(urlPath('https://h/v1/sync?since=1')).toBe('/v1/sync');
    expect(urlPath('/v1/sync?since=1')).toBe('/v1/sync');
    expect(urlPath('v1/sync')).toBe('/v1/sync');
  });
  it('credentials: redaction-list parameters, sorted, compared by value', () => {
    const keys = redactKeySet();
    expect(credentialsOf('wss://h/s?b=1&token=abc&Auth=z', keys)).toBe('auth=z&token=abc');
    expect(credentialsOf('wss://h/s?x=1', keys)).toBe('');
    expect(credentialsOf('wss://h/s?token=REDACTED~1a2b', keys)).toBe('token=REDACTED~1a2b');
  });
});

describe('close rules', () => {
  it('fatal codes: 1002, 1003, 1007, 1008, 1010, 1015 and profile fatal; not 4001', () => {
    for (const c of [1002, 1003, 1007, 1008, 1010, 1015]) expect(isFatalClose(c, SCAIWAVE_PROFILE)).toBe(true);
    for (const c of [1000, 1001, 1006, 1011, 1012, 4001, 4003]) expect(isFatalClose(c, SCAIWAVE_PROFILE)).toBe(false);
  });
  it('decodes profile codes with reason meanings', () => {
    const c = decodeClose({ seq: 1, t: 0 }, 4003, 'duplicate_connection', true, SCAIWAVE_PROFILE);
    expect(c).toMatchObject({ kind: 'server-abort', info: { name: 'server abort', source: 'scaiwave' }, reasonMeaning: expect.stringContaining('same token') });
  });
});

describe('format and code table', () => {
  it('durations', () => {
    expect(formatDuration(350)).toBe('350 ms');
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(62500)).toBe('62.5 s');
  });
  it('lists every docs/design.md#analysis code with its severity', () => {
    expect(ALL_FINDING_CODES).toHaveLength(34);
    expect(ALL_FINDING_CODES.filter((c) => FINDING_CODES[c].severity === 'error')).toEqual([
      'sync-skipped', 'sync-cursor-ahead', 'sync-cursor-missing', 'sync-cursor-mismatch', 'sync-failed', 'sync-truncated', 'pong-missing', 'half-open-undetected',
      'reconnect-storm', 'reconnect-after-fatal', 'no-reconnect', 'session-ended', 'resume-not-granted', 'auth-retry-same-token',
    ]);
    expect(ALL_FINDING_CODES.filter((c) => FINDING_CODES[c].severity === 'warning')).toContain('reconnect-no-jitter');
    expect(ALL_FINDING_CODES.filter((c) => FINDING_CODES[c].severity === 'warning')).toContain('heartbeat-doubled');
    expect(ALL_FINDING_CODES.filter((c) => FINDING_CODES[c].severity === 'warning')).toContain('server-error');
    expect(ALL_FINDING_CODES.filter((c) => FINDING_CODES[c].severity === 'info')).toEqual(['coverage-worker', 'fault-injected']);
  });
});
