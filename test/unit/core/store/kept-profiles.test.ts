/**
 * Profiles kept per site in extension storage: a built-in name or a whole profile per origin,
 * each entry checked with the profile schema on the way in and out; a bad entry is dropped alone.
 */
import { describe, expect, it } from 'vitest';
import { keptProfileName, keptProfilesFromStorage, keptProfilesToStorage } from '../../../../src/core/store/kept-profiles';
import { PROFILE_BY_SITE_KEY, settingsFromStorage, settingsToStorage } from '../../../../src/core/store/panel-settings';
import { learnProfile } from '../../../../src/core/profile/learn/learn-profile';
import { chat } from '../profile/learn/protocols';

const learned = learnProfile(chat({ skipSync: true })).profile;

describe('kept profiles codec', () => {
  it('keeps names of built-ins and whole valid profiles; round-trips through JSON storage', () => {
    const kept = { 'http://127.0.0.1:8080': learned, 'https://app.example.com': 'phoenix' };
    const stored = keptProfilesToStorage(kept);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(JSON.parse(JSON.stringify(kept)));
    expect(keptProfilesFromStorage(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(keptProfileName(stored['http://127.0.0.1:8080']!)).toBe(learned.name);
  });

  it('drops a bad entry alone: unknown name, "auto", invalid profile, key that is not an origin', () => {
    const raw = {
      'http://ok.example': 'socketio-v4',
      'http://a.example': 'no-such-preset',
      'http://b.example': 'auto',
      'http://c.example': { ...learned, heartbeat: { intervalMs: 'x' } },
      'not an origin': 'phoenix',
      'http://d.example/path': 'phoenix',
    };
    expect(keptProfilesFromStorage(raw)).toEqual({ 'http://ok.example': 'socketio-v4' });
    expect(keptProfilesFromStorage([1, 2])).toEqual({});
    expect(keptProfilesFromStorage('x')).toEqual({});
  });

  it('is part of the panel settings in storage', () => {
    const s = settingsFromStorage({ [PROFILE_BY_SITE_KEY]: { 'http://127.0.0.1:8080': learned, 'http://x.example': 7 } });
    expect(s.profileBySite).toEqual({ 'http://127.0.0.1:8080': learned });
    expect(settingsToStorage(s, undefined)[PROFILE_BY_SITE_KEY]).toEqual({ 'http://127.0.0.1:8080': learned });
  });
});
