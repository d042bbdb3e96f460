/**
 * The Break menu's data (src/core/view/break-choices.ts): the close list from RFC 6455, IANA
 * and the profile; why items are disabled; the banner's text and the command that ends a fault.
 */
import { describe, expect, it } from 'vitest';
import { activeFaultText, breakUnavailable, closeChoices, endCommand, endpointOf, failSyncUnavailable, parseWhole, checkedCommand } from '../../../../src/core/view/break-choices';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { PUSHER_PROFILE } from '../../../../src/core/profile/presets/pusher';
import type { ActiveFault } from '../../../../src/core/view/fault-track';

describe('break choices', () => {
  it('offers the profile codes with their reasons, then the codes a server can send', () => {
    const list = closeChoices(SCAIWAVE_PROFILE).map((c) => `${c.code} ${c.name}${c.reason ? ` ${c.reason}` : ''}`);
    expect(list.slice(0, 4)).toEqual(['4001 SW_AUTH_INVALID_TOKEN', '4003 server abort ping_timeout', '4003 server abort duplicate_connection', '4003 server abort']);
    expect(list.slice(4)).toEqual([
      '1000 Normal Closure', '1001 Going Away', '1002 Protocol Error', '1003 Unsupported Data', '1007 Invalid Frame Payload Data', '1008 Policy Violation',
      '1009 Message Too Big', '1011 Internal Error', '1012 Service Restart', '1013 Try Again Later', '1014 Bad Gateway',
    ]);
    expect(list.some((s) => s.startsWith('1006') || s.startsWith('1005') || s.startsWith('1010'))).toBe(false);
    expect(list.some((s) => s.startsWith('1015'))).toBe(false);
    // A profile that names them does not put them on the list either; typed in, the check refuses them.
    const own = closeChoices({ ...SCAIWAVE_PROFILE, closeCodes: { '1006': { name: 'proxy cut' }, '1015': { name: 'tls' }, '1005': { name: 'empty' } } });
    expect(own.map((c) => c.code).filter((c) => c === 1005 || c === 1006 || c === 1015)).toEqual([]);
    expect(checkedCommand({ kind: 'close', conn: 'a.1', code: 1006, origin: 'panel' })).toBe('close code 1006 (Abnormal Closure) is never sent in a close frame (RFC 6455 §7.4.1): use drop for a connection that ends without a close frame');
  });

  it('says why it cannot act: a recording, no connection, a closed one, no sync endpoint', () => {
    expect(breakUnavailable({ live: false, conn: 'a.1', status: 'open' })).toMatch(/^No live tab/);
    expect(breakUnavailable({ live: true })).toBe('No open connection to break');
    expect(breakUnavailable({ live: true, conn: 'a.1', status: 'closed' })).toBe('This connection is closed');
    expect(breakUnavailable({ live: true, conn: 'a.1', status: 'open' })).toBe('');
    expect(failSyncUnavailable(SCAIWAVE_PROFILE)).toBe('');
    expect(failSyncUnavailable(PUSHER_PROFILE)).toBe('The profile pusher has no sync endpoint (sync.urlPath), so there is no sync request to fail');
  });

  it('reads the menu fields and checks the command', () => {
    expect(parseWhole('', 'Seconds', 1, 86400, 0)).toBe(0);
    expect(parseWhole(' 20 ', 'Seconds', 1, 86400)).toBe(20);
    expect(parseWhole('2.5', 'Seconds', 1, 86400)).toBe('Seconds: "2.5" is not a whole number');
    expect(parseWhole('0', 'Frames', 1, 1000)).toBe('Frames: 0 is not from 1 to 1000');
    expect(checkedCommand({ kind: 'close', conn: 'a.1', code: 999, origin: 'panel' })).toBe('close needs a code from 1000 to 4999');
    expect(checkedCommand({ kind: 'close', conn: 'a.1', code: 4001, reason: 'x'.repeat(124), origin: 'panel' })).toBe('a close reason is text of at most 123 bytes');
    expect(endpointOf('ws://127.0.0.1:9/v1/stream?token=x')).toBe('ws://127.0.0.1:9/v1/stream');
  });

  it('words a fault in force with its countdown, and ends it with thaw', () => {
    const f = (x: Partial<ActiveFault> & Pick<ActiveFault, 'kind'>): ActiveFault => ({ fault: { seq: 1, t: 0, type: 'fault', kind: x.kind, origin: 'panel', status: 503 }, ...x });
    const label = (c: unknown) => `#${String(c).slice(2)}`;
    expect(activeFaultText(f({ kind: 'freeze', conn: 'a.3', untilT: 20_000 }), 8_000, label)).toBe('#3 frozen (half-open: nothing arrives, sends go nowhere) — 12.0 s left');
    expect(activeFaultText(f({ kind: 'freeze', conn: 'a.3' }), 8_000, label)).toBe('#3 frozen (half-open: nothing arrives, sends go nowhere) until thawed');
    expect(activeFaultText(f({ kind: 'refuse', endpoint: 'ws://h/v1', untilT: 5000 }), 4000, label)).toBe('New connections to ws://h/v1 are refused — 1.0 s left');
    expect(activeFaultText(f({ kind: 'fail-sync', left: 1 }), 0, label)).toBe('The next 1 sync request will fail with HTTP 503');
    expect(activeFaultText(f({ kind: 'skip', conn: 'a.1', left: 2 }), 0, label)).toBe('#1: the next 2 inbound frames will be kept from the page');
    expect(endCommand(f({ kind: 'freeze', conn: 'a.3' }), '/v1/sync')).toEqual({ kind: 'thaw', conn: 'a.3', origin: 'panel' });
    expect(endCommand(f({ kind: 'refuse', endpoint: 'ws://h/v1' }), '/v1/sync')).toEqual({ kind: 'thaw', endpoint: 'ws://h/v1', origin: 'panel' });
    expect(endCommand(f({ kind: 'fail-sync', left: 1 }), '/v1/sync')).toEqual({ kind: 'thaw', endpoint: '/v1/sync', origin: 'panel' });
  });
});
