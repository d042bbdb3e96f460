/** The CLI's `--fault <kind>[:<arg>…]@<seconds after load>` spec. */
import { describe, expect, it } from 'vitest';
import { faultSpecLabel, parseFaultSpec } from '../../../../src/core/fault/fault-spec';

describe('fault spec', () => {
  it('reads every kind with its arguments and the time after load', () => {
    expect(parseFaultSpec('drop@5')).toEqual({ kind: 'drop', atS: 5 });
    expect(parseFaultSpec('close:4001@5')).toEqual({ kind: 'close', atS: 5, code: 4001 });
    expect(parseFaultSpec('close:4003:ping_timeout@2.5')).toEqual({ kind: 'close', atS: 2.5, code: 4003, reason: 'ping_timeout' });
    expect(parseFaultSpec('freeze:20000@8')).toEqual({ kind: 'freeze', atS: 8, ms: 20000 });
    expect(parseFaultSpec('freeze@8')).toEqual({ kind: 'freeze', atS: 8 });
    expect(parseFaultSpec('refuse:5000@8')).toEqual({ kind: 'refuse', atS: 8, ms: 5000 });
    expect(parseFaultSpec('fail-sync:503:2@0')).toEqual({ kind: 'fail-sync', atS: 0, status: 503, count: 2 });
    expect(parseFaultSpec('fail-sync:network@0')).toEqual({ kind: 'fail-sync', atS: 0, status: 'network', count: 1 });
    expect(parseFaultSpec('skip:3@6')).toEqual({ kind: 'skip', atS: 6, count: 3 });
    expect(parseFaultSpec('thaw@20')).toEqual({ kind: 'thaw', atS: 20 });
  });

  it('rejects a bad spec with one line that says what is wrong', () => {
    const err = (s: string): string => {
      try {
        parseFaultSpec(s);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(err('drop')).toBe('bad --fault "drop": expected <kind>[:<arg>…]@<seconds after load>, e.g. drop@5');
    expect(err('explode@1')).toBe('bad --fault "explode@1": unknown kind "explode" (drop, close, freeze, thaw, refuse, fail-sync, skip)');
    expect(err('close@5')).toBe('bad --fault "close@5": close needs a code from 1000 to 4999, e.g. close:4001@5');
    expect(err('close:999@5')).toContain('close needs a code from 1000 to 4999');
    expect(err('close:1006@5')).toBe('bad --fault "close:1006@5": close code 1006 (Abnormal Closure) is never sent in a close frame (RFC 6455 §7.4.1): use drop for a connection that ends without a close frame');
    expect(err('close:1015:tls@5')).toBe('bad --fault "close:1015:tls@5": close code 1015 (TLS Handshake) is never sent in a close frame (RFC 6455 §7.4.1)');
    expect(err('close:1005@0')).toBe('bad --fault "close:1005@0": close code 1005 (No Status Received) is never sent in a close frame (RFC 6455 §7.4.1)');
    expect(err('refuse@8')).toBe('bad --fault "refuse@8": refuse needs ms, e.g. refuse:5000@8');
    expect(err('fail-sync:99@0')).toContain('fail-sync needs an HTTP status (200–599) or "network"');
    expect(err('skip:0@6')).toContain('skip needs a count ≥ 1');
    expect(err('drop:1@5')).toBe('bad --fault "drop:1@5": drop takes no arguments');
    expect(err('drop@-1')).toBe('bad --fault "drop@-1": the time after @ must be seconds ≥ 0');
    expect(err('drop@')).toContain('the time after @ must be seconds ≥ 0');
    for (const s of ['drop@5', 'close:4001@5']) expect(err(s)).toBe('accepted');
    expect(err('x').includes('\n')).toBe(false);
  });
});

describe('fault spec labels', () => {
  it('say the spec as typed, without its time', () => {
    for (const s of ['drop', 'close:4001', 'close:4003:ping_timeout', 'freeze', 'freeze:20000', 'refuse:5000', 'fail-sync:503:2', 'fail-sync:network:1', 'skip:3', 'thaw']) {
      expect(faultSpecLabel(parseFaultSpec(`${s}@5`))).toBe(s);
    }
    expect(faultSpecLabel(parseFaultSpec('fail-sync:503@0'))).toBe('fail-sync:503:1');
  });
});
