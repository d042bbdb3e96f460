import { describe, expect, it } from 'vitest';
import { detectProfile, NOTHING_MATCHED, previewFrame, profileFits } from '../../../../src/core/profile/detect';
import { BUILTIN_PROFILES, getBuiltinProfile } from '../../../../src/core/profile/presets/index';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import type { Profile } from '../../../../src/core/profile/types';
import { inText, like, outText } from './frames';

const eio4Open = like(inText('0{"sid":"x","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'));

describe('detectProfile', () => {
  it('falls back to scaiwave when nothing matches', () => {
    const d = detectProfile({ url: 'wss://example.com/live', firstFrames: [like(inText('hello there'))] });
    expect(d.profile).toBe(SCAIWAVE_PROFILE);
    expect(d.reason).toBe('default profile (nothing matched)');
  });

  it('negotiated subprotocol beats URL and first frames', () => {
    const d = detectProfile({ url: 'wss://x.example/socket.io/?EIO=4&transport=websocket', protocol: 'graphql-transport-ws', firstFrames: [eio4Open] });
    expect(d.profile.name).toBe('graphql-transport-ws');
    expect(d.reason).toBe('subprotocol "graphql-transport-ws" negotiated');
  });

  it('URL beats first frames', () => {
    const d = detectProfile({ url: 'wss://x.example/v1/stream', firstFrames: [eio4Open] });
    expect(d.profile.name).toBe('scaiwave');
    expect(d.reason).toBe('URL path /v1/stream matches scaiwave');
  });

  it('uses requested subprotocols only while none is negotiated', () => {
    expect(detectProfile({ url: 'wss://x.example/a', protocols: ['graphql-transport-ws'] }).reason).toBe('subprotocol "graphql-transport-ws" requested');
    // A negotiated subprotocol no profile knows: fall through to the URL, not to the requested list.
    const d = detectProfile({ url: 'wss://x.example/cable', protocols: ['mqtt', 'json'], protocol: 'json' });
    expect(d.profile.name).toBe('actioncable');
  });

  it('ignores the query when comparing URL paths and survives unparsable URLs', () => {
    expect(detectProfile({ url: 'wss://x.example/v1/stream?token=abc&since=4' }).profile.name).toBe('scaiwave');
    expect(detectProfile({ url: '/v1/stream?token=abc' }).profile.name).toBe('scaiwave');
    expect(() => detectProfile({ url: 'not a url at all' })).not.toThrow();
    expect(detectProfile({ url: '' }).reason).toBe('default profile (nothing matched)');
  });

  it('numbers later frames and says their direction', () => {
    const d = detectProfile({ url: 'wss://x.example/', firstFrames: [like(outText('hi')), like(inText('{"type":"welcome"}'))] });
    expect(d.profile.name).toBe('actioncable');
    expect(d.reason).toBe('frame 2 received {"type":"wel… looks like Action Cable welcome (actioncable)');
  });

  it('tries only the given profiles, in order', () => {
    const custom: Profile = { ...SCAIWAVE_PROFILE, name: 'mine', match: { urlRegex: '/live$' } };
    const d = detectProfile({ url: 'wss://x.example/live' }, [custom, ...BUILTIN_PROFILES]);
    expect(d.profile).toBe(custom);
    expect(d.reason).toBe('URL /live matches mine (contains "/live")');
    expect(detectProfile({ url: 'wss://x.example/v1/stream' }, [getBuiltinProfile('mqtt')!]).profile.name).toBe('mqtt');
  });

  it('does not throw on a profile with an invalid pattern', () => {
    const broken: Profile = { ...SCAIWAVE_PROFILE, name: 'broken', match: { urlRegex: '(', firstFrame: { dir: 'in', regex: '[' } } };
    expect(detectProfile({ url: 'wss://x.example/(', firstFrames: [eio4Open] }, [broken, ...BUILTIN_PROFILES]).profile.name).toBe('socketio-v4');
  });
});

describe('previewFrame', () => {
  it('escapes control characters and clips', () => {
    expect(previewFrame(like(inText('\n')))).toBe('\\n');
    expect(previewFrame(like(inText('{"type":6}\u001e')))).toBe('{"type":6}\\u001e');
    expect(previewFrame(like(inText('abcdefghijklmnop')))).toBe('abcdefghijkl…');
  });
});

describe('profileFits', () => {
  it('applies one profile\'s match by the rules of detection: subprotocol, URL, first frames; never without a match', () => {
    expect(profileFits(SCAIWAVE_PROFILE, { url: 'wss://h/v1/stream?token=x' })).toBe(true);
    expect(profileFits(SCAIWAVE_PROFILE, { url: 'wss://h/socket.io/?EIO=4' })).toBe(false);
    const gql = getBuiltinProfile('graphql-transport-ws')!;
    expect(profileFits(gql, { url: 'wss://h/graphql', protocol: 'graphql-transport-ws' })).toBe(true);
    expect(profileFits(gql, { url: 'wss://h/graphql', protocols: ['graphql-transport-ws'] })).toBe(true);
    expect(profileFits(gql, { url: 'wss://h/graphql' })).toBe(false);
    const { match: _m, ...noMatch } = SCAIWAVE_PROFILE;
    expect(profileFits(noMatch as Profile, { url: 'wss://h/v1/stream' })).toBe(false);
    // Detection's fallback is scaiwave even when nothing matched: that is no fit.
    expect(detectProfile({ url: 'wss://h/x' }, [SCAIWAVE_PROFILE]).reason).toBe(NOTHING_MATCHED);
  });
});
