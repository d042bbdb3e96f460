/**
 * `wavetrace.fault(…)` requests of the Playwright fixture: a kind or a partial command becomes a
 * full fault command aimed at the newest open connection of the recording; a bad request throws
 * one line with the reason of the command check.
 */
import { describe, expect, it } from 'vitest';
import { faultCommandFor, newestOpenConnection } from '../../../src/playwright/fault-request';
import { applyEvent, createCaptureState } from '../../../src/core/store/capture-state';
import type { TraceEvent } from '../../../src/core/events';

const target = { conn: 2, url: 'wss://rt.example.test/v1/stream?token=x' };

describe('faultCommandFor', () => {
  it('aims a kind at the target connection, origin test', () => {
    expect(faultCommandFor('drop', target)).toEqual({ kind: 'drop', conn: 2, origin: 'test' });
    expect(faultCommandFor({ kind: 'close', code: 4001, reason: 'expired' }, target)).toEqual({ kind: 'close', code: 4001, reason: 'expired', conn: 2, origin: 'test' });
    expect(faultCommandFor({ kind: 'freeze', ms: 5000 }, target)).toEqual({ kind: 'freeze', ms: 5000, conn: 2, origin: 'test' });
    expect(faultCommandFor('thaw', target)).toEqual({ kind: 'thaw', conn: 2, origin: 'test' });
    expect(faultCommandFor({ kind: 'drop', conn: 7 }, target)).toEqual({ kind: 'drop', conn: 7, origin: 'test' });
  });

  it('fills refuse endpoint from the target URL, fail-sync and skip defaults', () => {
    expect(faultCommandFor({ kind: 'refuse', ms: 3000 }, target)).toEqual({ kind: 'refuse', ms: 3000, endpoint: 'wss://rt.example.test/v1/stream', origin: 'test' });
    expect(faultCommandFor('fail-sync', undefined)).toEqual({ kind: 'fail-sync', count: 1, status: 503, origin: 'test' });
    expect(faultCommandFor({ kind: 'fail-sync', status: 'network', count: 2 }, undefined)).toEqual({ kind: 'fail-sync', status: 'network', count: 2, origin: 'test' });
    expect(faultCommandFor('skip', target)).toEqual({ kind: 'skip', count: 1, conn: 2, origin: 'test' });
  });

  it('throws one line for a bad request', () => {
    expect(() => faultCommandFor('explode', target)).toThrow(/^wavetrace\.fault: unknown fault kind "explode" \(drop, close/);
    expect(() => faultCommandFor({ kind: 'close', code: 99 }, target)).toThrow(/^wavetrace\.fault: close needs a code from 1000 to 4999$/);
    expect(() => faultCommandFor({ kind: 'freeze', ms: -1 }, target)).toThrow(/^wavetrace\.fault: freeze ms must be a whole number/);
    expect(() => faultCommandFor('refuse', target)).toThrow(/^wavetrace\.fault: refuse needs ms \(how long\)$/);
    expect(() => faultCommandFor('drop', undefined)).toThrow(/^wavetrace\.fault: no open connection on the page for drop$/);
    expect(() => faultCommandFor(42, target)).toThrow(/^wavetrace\.fault: a fault command is an object$/);
  });
});

describe('newestOpenConnection', () => {
  it('is the newest connection not closed', () => {
    const s = createCaptureState();
    const ev = (e: Record<string, unknown>, seq: number): TraceEvent => ({ seq, t: 1000 + seq, ...e }) as unknown as TraceEvent;
    expect(newestOpenConnection(s)).toBeUndefined();
    applyEvent(s, ev({ type: 'ws-create', conn: 1, url: 'ws://a/1', protocols: [] }, 1));
    applyEvent(s, ev({ type: 'ws-open', conn: 1, protocol: '', extensions: '' }, 2));
    applyEvent(s, ev({ type: 'ws-create', conn: 2, url: 'ws://a/2', protocols: [] }, 3));
    expect(newestOpenConnection(s)).toEqual({ conn: 2, url: 'ws://a/2' });
    applyEvent(s, ev({ type: 'ws-close', conn: 2, code: 1006, reason: '', wasClean: false }, 4));
    expect(newestOpenConnection(s)).toEqual({ conn: 1, url: 'ws://a/1' });
  });
});
