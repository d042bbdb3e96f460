/**
 * The profile menu's model: precedence (kept for the site > the trace's own profile > auto,
 * which is a detected preset, else the learned profile), what Keep stores, and the entries.
 */
import { describe, expect, it } from 'vitest';
import { AUTO_CHOICE, resolveProfile, toProfileChoice, type ProfileChoice } from '../../../../src/core/view/profile-choice';
import { keptChoice, keptMayReplace, learnedName, profileMenuItems, startingChoice, toKept } from '../../../../src/core/view/profile-menu-model';
import { createCaptureState } from '../../../../src/core/store/capture-state';
import { ingestBatch } from '../../../../src/core/store/ingest';
import { BUILTIN_PROFILES } from '../../../../src/core/profile/presets/index';
import { chat } from '../profile/learn/protocols';
import { skipSyncEvents } from './fixtures';

function stateOf(events: ReturnType<typeof chat>) {
  const s = createCaptureState();
  ingestBatch(s, { src: 's', frameUrl: 'http://x.example/', top: true, events });
  return s;
}

describe('precedence', () => {
  const learnedState = stateOf(chat({ skipSync: true }));
  const learned = resolveProfile(AUTO_CHOICE, learnedState);

  it('kept for the site wins over auto; a trace with its own profile keeps it; auto otherwise', () => {
    expect(startingChoice(undefined)).toEqual(AUTO_CHOICE);
    expect(startingChoice('phoenix')).toEqual({ kind: 'named', name: 'phoenix' });
    expect(startingChoice(learned.profile)).toEqual({ kind: 'inline', profile: learned.profile, from: 'kept' });
    const trace = toProfileChoice('socketio-v4', 'trace');
    expect(startingChoice(learned.profile, trace)).toBe(trace);
    expect(startingChoice(learned.profile, AUTO_CHOICE)).toEqual(keptChoice(learned.profile));
  });

  it('auto: a detected preset for traffic that looks like it, else the learned profile', () => {
    expect(resolveProfile(AUTO_CHOICE, stateOf(skipSyncEvents())).reason).toBe('auto: URL path /v1/stream matches scaiwave');
    expect(learned.learned).toBeDefined();
    expect(learned.profile.name).not.toBe('scaiwave');
  });

  it('the reason says why: kept for this site, edited, imported', () => {
    const s = learnedState;
    expect(resolveProfile(keptChoice(learned.profile), s, 'http://127.0.0.1:8080').reason).toBe('kept for this site (http://127.0.0.1:8080)');
    expect(resolveProfile({ kind: 'inline', profile: learned.profile, from: 'edited' }, s).reason).toBe('edited by you');
    expect(resolveProfile({ kind: 'inline', profile: learned.profile, from: 'imported', file: 'a.profile.json' }, s).reason).toBe('imported from a.profile.json');
    expect(resolveProfile({ kind: 'named', name: 'mqtt' }, s).reason).toBe('chosen by you');
  });

  it('a kept profile replaces auto, a picked preset and a kept one, never an edit, an import or a trace\'s own', () => {
    expect(keptMayReplace(AUTO_CHOICE)).toBe(true);
    expect(keptMayReplace({ kind: 'named', name: 'mqtt' })).toBe(true);
    expect(keptMayReplace(keptChoice(learned.profile))).toBe(true);
    expect(keptMayReplace({ kind: 'inline', profile: learned.profile, from: 'edited' })).toBe(false);
    expect(keptMayReplace({ kind: 'inline', profile: learned.profile, from: 'imported' })).toBe(false);
    expect(keptMayReplace(toProfileChoice('mqtt', 'trace'))).toBe(false);
    expect(keptMayReplace({ kind: 'inline', profile: learned.profile })).toBe(false);
  });

  it('Keep stores a preset by name, anything else as the whole profile', () => {
    expect(toKept(resolveProfile({ kind: 'named', name: 'phoenix' }, learnedState))).toBe('phoenix');
    expect(toKept(resolveProfile(AUTO_CHOICE, stateOf(skipSyncEvents())))).toBe('scaiwave');
    const k = toKept(learned);
    expect(k).toEqual(learned.profile);
    expect(k).not.toBe(learned.profile);
  });
});

describe('profileMenuItems', () => {
  const s = stateOf(chat({ skipSync: true }));
  const ids = (choice: ProfileChoice, extra: Partial<Parameters<typeof profileMenuItems>[0]> = {}) =>
    profileMenuItems({ choice, resolved: resolveProfile(choice, s, 'http://x.example'), origin: 'http://x.example', canKeep: true, ...extra });

  it('Auto names what it resolves to; presets; the actions', () => {
    const items = ids(AUTO_CHOICE);
    // The learned profile's name says "learned" once; the entry does not add "(learned)" to it.
    expect(items[0]).toMatchObject({ id: 'auto', checked: true, detail: 'learned 127.0.0.1:8080/chat' });
    expect(items.filter((i) => i.id.startsWith('preset:'))).toHaveLength(BUILTIN_PROFILES.length);
    expect(items.filter((i) => i.action).map((i) => i.id)).toEqual(['keep', 'edit', 'import', 'export']);
    expect(items.find((i) => i.id === 'keep')).toMatchObject({ disabled: false, detail: 'for http://x.example' });
  });

  it('the kept profile and the trace\'s inline profile are listed; Forget when something is kept', () => {
    const learned = resolveProfile(AUTO_CHOICE, s).profile;
    const trace: ProfileChoice = { kind: 'inline', profile: { ...learned, name: 'from file' } };
    const items = ids(keptChoice(learned), { kept: learned, trace });
    expect(items.find((i) => i.id === 'kept')).toMatchObject({ label: learned.name, checked: true, detail: 'kept for this site' });
    expect(items.find((i) => i.id === 'trace')).toMatchObject({ label: 'from file', checked: false });
    expect(items.find((i) => i.id === 'keep')).toMatchObject({ disabled: true, detail: 'in use for http://x.example' });
    expect(items.some((i) => i.id === 'forget')).toBe(true);
  });

  it('Keep says why it is unavailable: no extension storage, no site', () => {
    expect(ids(AUTO_CHOICE, { canKeep: false }).find((i) => i.id === 'keep')).toMatchObject({ disabled: true, detail: expect.stringMatching(/needs the extension/) });
    expect(ids(AUTO_CHOICE, { origin: '' }).find((i) => i.id === 'keep')).toMatchObject({ disabled: true, detail: 'no site known yet' });
  });

  it('an edited profile in use is listed and checked', () => {
    const learned = resolveProfile(AUTO_CHOICE, s).profile;
    const items = ids({ kind: 'inline', profile: learned, from: 'edited' });
    expect(items.find((i) => i.id === 'current')).toMatchObject({ detail: 'edited', checked: true });
    expect(items[0]!.checked).toBe(false);
  });
});

it('learnedName says "learned" once: as learning names a profile, or after any other name', () => {
  expect(learnedName('learned 127.0.0.1:8080/chat')).toBe('learned 127.0.0.1:8080/chat');
  expect(learnedName('learned')).toBe('learned');
  expect(learnedName('chat')).toBe('chat (learned)');
});
