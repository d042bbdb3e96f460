import { describe, expect, it } from 'vitest';
import { AUTO_CHOICE, choiceKey, originOf, resolveProfile, siteOrigin, toProfileChoice } from '../../../../src/core/view/profile-choice';
import { hexDump, lostPreviewNote, parseJsonPayload, shownPart, truncationNote, utf8Text } from '../../../../src/core/view/payload-views';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { createCaptureState } from '../../../../src/core/store/capture-state';
import { events, skipSyncEvents, stateOf } from './fixtures';

describe('profile choice', () => {
  it('auto-detects from the first connection and says why', () => {
    const r = resolveProfile(AUTO_CHOICE, stateOf(skipSyncEvents()));
    expect(r.profile.name).toBe('scaiwave');
    expect(r.reason).toBe('auto: URL path /v1/stream matches scaiwave');
    expect(r.key).toBe('auto');
    const none = resolveProfile(AUTO_CHOICE, createCaptureState());
    expect(none.reason).toBe('auto: default profile, nothing detected yet (no connection)');
    expect(none.defaulted).toBe(true);
    const sio = stateOf(events([[0, { type: 'ws-create', conn: 'x', url: 'wss://h/socket.io/?EIO=4&transport=websocket', protocols: [], frameUrl: '' }]]));
    expect(resolveProfile(AUTO_CHOICE, sio).profile.name).toBe('socketio-v4');
  });

  it('uses a chosen built-in or an inline profile; unknown names fall back to auto', () => {
    const named = resolveProfile(toProfileChoice('phoenix'), createCaptureState(), 'http://localhost:4000');
    expect([named.profile.name, named.reason, named.key]).toEqual(['phoenix', 'chosen for http://localhost:4000', 'phoenix']);
    const inline = toProfileChoice({ ...SCAIWAVE_PROFILE, name: 'mine' });
    expect(choiceKey(inline)).toBe('inline:mine');
    expect(resolveProfile(inline, createCaptureState()).reason).toBe('from the loaded trace');
    expect(toProfileChoice('no-such-profile')).toEqual(AUTO_CHOICE);
    expect(toProfileChoice('auto')).toEqual(AUTO_CHOICE);
  });

  it('keys the site by the origin of the page or of the first socket document', () => {
    expect(siteOrigin(skipSyncEvents())).toBe('https://app.example.com');
    expect(siteOrigin(events([[0, { type: 'ws-create', conn: 'x', url: 'ws://a/b', protocols: [], frameUrl: 'HTTP://Local:3000/x?y' }]]))).toBe('http://local:3000');
    expect(siteOrigin([], 'https://viewer.example/trace')).toBe('https://viewer.example');
    expect(originOf('not a url')).toBe('');
  });
});

describe('payload views', () => {
  it('parses JSON objects and arrays only', () => {
    expect(parseJsonPayload(' {"a":1}')).toEqual({ value: { a: 1 } });
    expect(parseJsonPayload('42')).toBeUndefined();
    expect(parseJsonPayload('{broken')).toBeUndefined();
  });

  it('dumps hex with offsets and ASCII, capped', () => {
    const bytes = new Uint8Array(20).map((_, i) => 0x41 + i);
    const dump = hexDump(bytes).split('\n');
    expect(dump[0]).toBe('00000000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|');
    expect(dump[1]!.startsWith('00000010  51 52 53 54')).toBe(true);
    expect(hexDump(bytes, 16).split('\n')[1]).toBe('… 4 more bytes');
    expect(utf8Text(new Uint8Array([0x68, 0xc3, 0xa9]))).toBe('hé');
  });

  it('notes truncated previews with the true size', () => {
    expect(truncationNote('abc', 'text', 70_000, true)).toBe('Preview truncated: 3 B of 68.4 KiB shown');
    expect(truncationNote('abc', 'text', 3, false)).toBe('');
  });

  it('says a lost full preview was not the preview cap, with what was kept and the true size', () => {
    const note = lostPreviewNote('x'.repeat(256), 'text', 65_536);
    expect(note).toMatch(/^Full preview not kept: 256 B of 64\.0 KiB shown\. /);
    expect(note).toContain('faster than the panel took their full previews');
    expect(note).toContain('The preview cap was not the cause');
    expect(lostPreviewNote('AAEC', 'base64', -1)).toMatch(/^Full preview not kept: 3 B shown\. /);
  });

  it('shows a bounded prefix of a long text, never half a surrogate pair', () => {
    expect(shownPart('abc', 3)).toEqual({ text: 'abc', cut: false });
    expect(shownPart('abcd', 3)).toEqual({ text: 'abc', cut: true });
    expect(shownPart('ab\u{1F600}cd', 3)).toEqual({ text: 'ab', cut: true }); // the emoji's high surrogate would be the 3rd unit
  });
});
