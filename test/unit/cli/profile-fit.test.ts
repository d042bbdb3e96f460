/** Whether a profile check was told to use fits any connection of the capture (src/cli/profile-fit.ts; docs/design.md#exit-codes). */
import { describe, expect, it } from 'vitest';
import { describeMatch, profileFit } from '../../../src/cli/profile-fit';
import type { ResolvedProfile } from '../../../src/cli/resolve-profile';
import { SCAIWAVE_PROFILE } from '../../../src/core/profile/scaiwave';
import { getBuiltinProfile } from '../../../src/core/profile/presets/index';
import type { TraceEvent } from '../../../src/core/events';
import type { Profile } from '../../../src/core/profile/types';

const create = (conn: string, url: string, seq: number): TraceEvent => ({ type: 'ws-create', seq, t: 1000 + seq, conn, url, protocols: [], frameUrl: 'http://127.0.0.1:1/' });
const events = [create('a.1', 'ws://127.0.0.1:1/v1/stream?token=x', 1), create('a.2', 'ws://127.0.0.1:1/other', 2)];
const resolved = (profile: Profile, source: ResolvedProfile['source'] = 'option'): ResolvedProfile => ({ profile, source, reason: 'test' });

describe('profileFit', () => {
  it('counts the connections the profile matches; no warning while one fits', () => {
    expect(profileFit(resolved(SCAIWAVE_PROFILE), events)).toEqual({ matched: 1, connections: 2 });
  });

  it('warns in one line when none fits, naming the match conditions', () => {
    const phoenix = getBuiltinProfile('phoenix')!;
    const fit = profileFit(resolved(phoenix, 'trace'), events)!;
    expect(fit.matched).toBe(0);
    expect(fit.connections).toBe(2);
    expect(fit.warning).toBe(`profile "phoenix" matches none of the 2 connections (its match: ${describeMatch(phoenix.match!)}), so its hello, position, catch-up and heartbeat rules judged nothing; use a profile that fits the capture, or --profile auto`);
    expect(fit.warning).not.toContain('\n');
  });

  it('checks nothing for a detected or learned profile, a profile without match, or a capture without connections', () => {
    expect(profileFit(resolved(SCAIWAVE_PROFILE, 'detected'), events)).toBeUndefined();
    expect(profileFit(resolved(SCAIWAVE_PROFILE, 'learned'), events)).toBeUndefined();
    const { match: _m, ...noMatch } = SCAIWAVE_PROFILE;
    expect(profileFit(resolved(noMatch as Profile), events)).toBeUndefined();
    expect(profileFit(resolved(getBuiltinProfile('phoenix')!), [])).toEqual({ matched: 0, connections: 0 });
  });

  it('describes each kind of condition', () => {
    expect(describeMatch({ urlPath: '/v1/stream' })).toBe('URL path /v1/stream');
    expect(describeMatch({ urlRegex: '[?&]EIO=4', subprotocol: 'a', subprotocols: ['b'] })).toBe('URL regex "[?&]EIO=4", subprotocol "a", subprotocol "b"');
    expect(describeMatch({ firstFrame: { dir: 'in', json: { op: 10 } }, firstFrameName: 'gateway Hello (op 10)' })).toBe('a first frame like gateway Hello (op 10)');
    expect(describeMatch({ firstFrame: { dir: 'in', text: 'o' } })).toBe('its first-frame matcher');
  });
});
