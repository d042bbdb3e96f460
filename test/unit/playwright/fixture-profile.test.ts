/**
 * The fixture's `wavetraceOptions.profile` is resolved at setup (docs/design.md#package-and-playwright-fixture):
 * a misspelt name or an invalid profile is one line naming the accepted names or the first
 * schema error, thrown before the test body runs.
 */
import { describe, expect, it } from 'vitest';
import { resolveFixtureProfile } from '../../../src/playwright/fixture-profile';
import { BUILTIN_PROFILE_NAMES, getBuiltinProfile } from '../../../src/core/profile/presets/index';
import { SCAIWAVE_PROFILE } from '../../../src/core/profile/scaiwave';
import { tempFile } from '../cli/fixtures';

describe('resolveFixtureProfile', () => {
  it('leaves the choice to detection without an option or with "auto"', () => {
    expect(resolveFixtureProfile(undefined)).toBeUndefined();
    expect(resolveFixtureProfile('auto')).toBeUndefined();
  });

  it('takes a built-in name, a profile file and a profile object', () => {
    for (const name of BUILTIN_PROFILE_NAMES) expect(resolveFixtureProfile(name)).toBe(getBuiltinProfile(name));
    const own = { name: 'chat', backoff: { immediateMs: 0, baseMs: 1000, factor: 2, maxMs: 30000, jitter: 0.5, stableAfterMs: 10000 } };
    expect(resolveFixtureProfile(tempFile('chat.profile.json', JSON.stringify(own)))?.name).toBe('chat');
    expect(resolveFixtureProfile(own)?.name).toBe('chat');
    expect(resolveFixtureProfile({ ...SCAIWAVE_PROFILE })?.name).toBe('scaiwave');
  });

  it('refuses a misspelt name, listing the accepted ones', () => {
    expect(() => resolveFixtureProfile('scaiwve')).toThrow(`wavetraceOptions.profile: unknown profile "scaiwve" (built-in: ${BUILTIN_PROFILE_NAMES.join(', ')}; or "auto", a profile .json file, or a profile object)`);
  });

  it('refuses an invalid file or object with its first schema error, and a missing file', () => {
    const bad = tempFile('bad.profile.json', JSON.stringify({ name: 'x', backoff: 3 }));
    expect(() => resolveFixtureProfile(bad)).toThrow(new RegExp(`^wavetraceOptions\\.profile ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: profile\\.backoff: `));
    expect(() => resolveFixtureProfile({ name: 'x', backoff: 3 })).toThrow(/^wavetraceOptions\.profile: profile\.backoff: /);
    expect(() => resolveFixtureProfile({ name: 'x', backoff: { ...SCAIWAVE_PROFILE.backoff, intervalMS: 1 } })).toThrow('wavetraceOptions.profile: profile.backoff.intervalMS: unknown key');
    expect(() => resolveFixtureProfile('profiles/missing.json')).toThrow('wavetraceOptions.profile profiles/missing.json: no such file');
  });

  it('refuses a value of another type in one line', () => {
    expect(() => resolveFixtureProfile(42)).toThrow('wavetraceOptions.profile: expected a built-in profile name, "auto", a profile .json file or a profile object, got number');
    expect(() => resolveFixtureProfile(null)).toThrow(/got null$/);
    expect(() => resolveFixtureProfile([])).toThrow(/got an array$/);
  });

  it('every message is one line', () => {
    for (const bad of ['nope', 'x.json', 42, { name: 1 }]) {
      try {
        resolveFixtureProfile(bad);
        expect.unreachable();
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });
});
