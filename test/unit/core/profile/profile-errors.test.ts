/**
 * The profile editor's error list: every schema error by field path (without the leading
 * `profile`), JSON syntax errors as one top-level error, valid text gives the profile.
 */
import { describe, expect, it } from 'vitest';
import { checkProfileText, formatProfileError, issuePath } from '../../../../src/core/profile/profile-errors';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';

const copy = () => JSON.parse(JSON.stringify(SCAIWAVE_PROFILE)) as Record<string, Record<string, unknown>>;

describe('checkProfileText', () => {
  it('a valid profile', () => {
    const r = checkProfileText(JSON.stringify(SCAIWAVE_PROFILE));
    expect(r.ok && r.profile).toEqual(SCAIWAVE_PROFILE);
  });

  it('lists every bad field by path', () => {
    const p = copy();
    p.heartbeat!.intervalMs = 'soon';
    p.backoff!.intervalMS = 3;
    const r = checkProfileText(JSON.stringify(p));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatProfileError)).toEqual(['heartbeat.intervalMs: expected a number', 'backoff.intervalMS: unknown key']);
  });

  it('missing fields, a bad regex, a document that is not an object', () => {
    const r = checkProfileText('{}');
    expect(!r.ok && r.errors.map(formatProfileError)).toEqual(['name: missing required field', 'backoff: missing required field']);
    const p = copy();
    (p.heartbeat!.ping as Record<string, unknown>) = { dir: 'out', regex: '(' };
    const bad = checkProfileText(JSON.stringify(p));
    expect(!bad.ok && formatProfileError(bad.errors[0]!)).toMatch(/^heartbeat\.ping\.regex: Invalid regular expression/);
    const arr = checkProfileText('[1]');
    expect(!arr.ok && formatProfileError(arr.errors[0]!)).toBe('(top level): expected an object');
  });

  it('a regex the linear-time matcher refuses: the line names the construct (lookbehind, repeat count)', () => {
    const withRegex = (ping: string, url: string) => JSON.stringify({ ...SCAIWAVE_PROFILE, match: { urlRegex: url }, heartbeat: { ...SCAIWAVE_PROFILE.heartbeat, ping: { dir: 'in', regex: ping } } });
    const r = checkProfileText(withRegex('(?<="type":)"ping"', '[?&]v=\\d{1,1001}'));
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors.map(formatProfileError).sort()).toEqual([
      'heartbeat.ping.regex: not supported by the linear-time matcher: the lookbehind `(?<=…)` needs backtracking',
      'match.urlRegex: not supported by the linear-time matcher: the repeat count `{1,1001}` is above 1000',
    ]);
  });

  it('bad JSON: one top-level error naming the parser message', () => {
    const r = checkProfileText('{"name": "x",');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(formatProfileError(r.errors[0]!)).toMatch(/^\(top level\): not JSON: /);
    }
  });

  it('renders paths with indexes and non-identifier keys', () => {
    expect(issuePath([{ key: 'closeCodes' }, { key: '4001' }, { key: 'meaning' }])).toBe('closeCodes["4001"].meaning');
    expect(issuePath([{ key: 'idleTimeoutsMs' }, { key: 0 }])).toBe('idleTimeoutsMs[0]');
    expect(issuePath(undefined)).toBe('');
  });
});
