/** Fault commands as the panel and the CLI send them: checked before they leave, one line when not valid. */
import { describe, expect, it } from 'vitest';
import { faultCommandError } from '../../../../src/core/fault/fault-command';

describe('fault command', () => {
  it('accepts every command of the contract', () => {
    for (const c of [
      { kind: 'drop', conn: 'a.1', origin: 'panel' },
      { kind: 'close', conn: 'a.1', code: 1001, reason: 'going away', origin: 'panel' },
      { kind: 'close', conn: 3, code: 4999, origin: 'cli' },
      { kind: 'freeze', conn: 'a.1', ms: 20000, origin: 'test' },
      { kind: 'freeze', conn: 'a.1', origin: 'test' },
      { kind: 'thaw', conn: 'a.1', origin: 'test' },
      { kind: 'thaw', endpoint: 'wss://x/', origin: 'test' },
      { kind: 'refuse', endpoint: 'wss://api.example.com/v1/stream', ms: 5000, origin: 'panel' },
      { kind: 'fail-sync', count: 2, status: 503, origin: 'cli' },
      { kind: 'fail-sync', count: 1, status: 'network', origin: 'cli' },
      { kind: 'skip', conn: 'a.1', count: 3, origin: 'panel' },
    ]) expect(faultCommandError(c), JSON.stringify(c)).toBeUndefined();
  });

  it('says what is wrong with a bad one', () => {
    expect(faultCommandError(null)).toBe('a fault command is an object');
    expect(faultCommandError({ kind: 'nuke', origin: 'panel' })).toBe('unknown fault kind "nuke" (drop, close, freeze, thaw, refuse, fail-sync, skip)');
    expect(faultCommandError({ kind: 'drop', conn: 'a.1', origin: 'page' })).toBe('origin must be panel, cli or test');
    expect(faultCommandError({ kind: 'drop', origin: 'panel' })).toBe('drop needs a connection');
    expect(faultCommandError({ kind: 'close', conn: 'a.1', code: 5000, origin: 'panel' })).toBe('close needs a code from 1000 to 4999');
    // No close frame carries these (RFC 6455 §7.4.1): the page would see a clean 1006.
    expect(faultCommandError({ kind: 'close', conn: 'a.1', code: 1006, origin: 'panel' })).toBe('close code 1006 (Abnormal Closure) is never sent in a close frame (RFC 6455 §7.4.1): use drop for a connection that ends without a close frame');
    expect(faultCommandError({ kind: 'close', conn: 'a.1', code: 1005, origin: 'cli' })).toBe('close code 1005 (No Status Received) is never sent in a close frame (RFC 6455 §7.4.1)');
    expect(faultCommandError({ kind: 'close', conn: 'a.1', code: 1015, origin: 'test' })).toBe('close code 1015 (TLS Handshake) is never sent in a close frame (RFC 6455 §7.4.1)');
    for (const code of [1000, 1004, 1007, 1010, 1014, 1016]) expect(faultCommandError({ kind: 'close', conn: 'a.1', code, origin: 'panel' })).toBeUndefined();
    expect(faultCommandError({ kind: 'close', conn: 'a.1', code: 4000, reason: 'é'.repeat(62), origin: 'panel' })).toBe('a close reason is text of at most 123 bytes');
    expect(faultCommandError({ kind: 'refuse', endpoint: 'https://x/', ms: 5, origin: 'panel' })).toBe('refuse needs an endpoint (a ws:// or wss:// URL prefix)');
    expect(faultCommandError({ kind: 'refuse', endpoint: 'wss://x/', origin: 'panel' })).toBe('refuse needs ms (how long)');
    expect(faultCommandError({ kind: 'fail-sync', count: 1, status: 150, origin: 'panel' })).toBe('fail-sync needs an HTTP status from 200 to 599, or "network"');
    expect(faultCommandError({ kind: 'skip', conn: 'a.1', count: 0, origin: 'panel' })).toBe('skip needs a count from 1 to 1000000');
    expect(faultCommandError({ kind: 'thaw', origin: 'panel' })).toBe('thaw needs a connection or an endpoint');
  });
});
