import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../../../src/core/profile/presets/index';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import { parseProfile } from '../../../../src/core/profile/schema';

/** A JSON copy of scaiwave, modified by `mut`, then parsed; returns the error message or 'ok'. */
function errorOf(mut: (p: any) => void): string {
  const p = JSON.parse(JSON.stringify(SCAIWAVE_PROFILE));
  mut(p);
  try {
    parseProfile(p);
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('parseProfile', () => {
  it('accepts every built-in profile as JSON', () => {
    for (const p of BUILTIN_PROFILES) {
      expect(parseProfile(JSON.parse(JSON.stringify(p)))).toEqual(p);
    }
  });

  it('accepts a JSON string', () => {
    expect(parseProfile(JSON.stringify(SCAIWAVE_PROFILE)).name).toBe('scaiwave');
    expect(() => parseProfile('{nope')).toThrow(/^profile: not JSON/);
  });

  it('names the bad field in a one-line message', () => {
    expect(errorOf((p) => (p.heartbeat.intervalMs = '30000'))).toBe('profile.heartbeat.intervalMs: expected a number');
    expect(errorOf((p) => delete p.heartbeat.intervalMs)).toBe('profile.heartbeat.intervalMs: missing required field');
    expect(errorOf((p) => (p.heartbeat.intervalMs = -5))).toBe('profile.heartbeat.intervalMs: expected a number > 0 (ms)');
    expect(errorOf((p) => delete p.backoff)).toBe('profile.backoff: missing required field');
    expect(errorOf((p) => (p.backoff.jitter = 2))).toBe('profile.backoff.jitter: expected a number from 0 to 1');
    expect(errorOf((p) => (p.backoff.maxMs = 10))).toBe('profile.backoff.maxMs: maxMs must be ≥ baseMs');
    expect(errorOf((p) => (p.heartbeat.ping.dir = 'up'))).toBe('profile.heartbeat.ping.dir: expected "in" or "out"');
    expect(errorOf((p) => (p.closeCodes['4001'].fatal = 'yes'))).toBe('profile.closeCodes["4001"].fatal: expected true or false');
    expect(errorOf((p) => (p.closeCodes['99'] = { name: 'x' }))).toBe('profile.closeCodes["99"]: close code keys must be codes 1000–4999');
    expect(errorOf((p) => (p.idleTimeoutsMs[1] = 'x'))).toBe('profile.idleTimeoutsMs[1]: expected a number');
    expect(errorOf((p) => (p.name = ''))).toBe('profile.name: expected a non-empty string');
    expect(errorOf((p) => (p.hello.fields = [3]))).toBe('profile.hello.fields[0]: expected a string');
  });

  it('rejects unknown keys (typos)', () => {
    expect(errorOf((p) => (p.heartbeat.intervalMS = 30000))).toBe('profile.heartbeat.intervalMS: unknown key');
    expect(errorOf((p) => (p.extra = 1))).toBe('profile.extra: unknown key');
  });

  it('rejects regex sources that do not compile, naming the field', () => {
    expect(errorOf((p) => (p.heartbeat.ping.regex = '('))).toMatch(/^profile\.heartbeat\.ping\.regex: Invalid regular expression/);
    expect(errorOf((p) => (p.match.urlRegex = '[a-'))).toMatch(/^profile\.match\.urlRegex: Invalid regular expression/);
    expect(errorOf((p) => (p.heartbeat.ping.regex = '^\\{"type":"ping"'))).toBe('ok');
  });

  it('rejects malformed paths, naming the field', () => {
    expect(errorOf((p) => (p.position.path = 'a..b'))).toBe('profile.position.path: invalid path "a..b": empty segment at 2');
    expect(errorOf((p) => (p.sync.responsePositions = 'events[x]'))).toMatch(/^profile\.sync\.responsePositions: invalid path/);
    expect(errorOf((p) => (p.hello.match.json = { 'a[': 1 }))).toMatch(/^profile\.hello\.match\.json\["a\["\]: invalid path/);
  });

  it('validates matchers as a whole', () => {
    expect(errorOf((p) => (p.heartbeat.ping = { dir: 'in' }))).toBe('profile.heartbeat.ping: a matcher needs at least one of text, regex, json, hexPrefix, prefix');
    expect(errorOf((p) => (p.heartbeat.ping = { dir: 'in', hexPrefix: 'c00' }))).toBe('profile.heartbeat.ping.hexPrefix: expected an even number of hex digits, e.g. "c000"');
    expect(errorOf((p) => (p.heartbeat.ping = { dir: 'in', hexPrefix: 'c000', text: '2' }))).toMatch(/^profile\.heartbeat\.ping: hexPrefix matches binary frames only/);
    expect(errorOf((p) => (p.sync = { param: 'since' }))).toBe('profile.sync: a sync needs urlPath (HTTP catch-up), frame (in-band resume) or resumeParam (cursor in the reconnect URL)');
  });

  it('rejects non-objects', () => {
    expect(() => parseProfile(null)).toThrow('profile: expected an object');
    expect(() => parseProfile([])).toThrow('profile: expected an object');
  });

  it('never evaluates code: a "function" string is only a string', () => {
    const p = parseProfile({ ...JSON.parse(JSON.stringify(SCAIWAVE_PROFILE)), description: 'function(){ throw 1 }' });
    expect(p.description).toBe('function(){ throw 1 }');
  });
});

describe('parseProfile on a file that is not a profile', () => {
  it('names a trace or a HAR instead of the first field a profile would need', () => {
    const trace = { format: 'wavetrace', version: 1, createdAt: '2026-05-04T10:21:07.000Z', events: [] };
    expect(() => parseProfile(JSON.stringify(trace))).toThrow(/^profile: this is a Wavetrace trace, not a profile \(learn a profile from it with wavetrace profile learn\)$/);
    expect(() => parseProfile({ log: { version: '1.2', entries: [] } })).toThrow(/^profile: this is a HAR file, not a profile/);
    expect(() => parseProfile({ name: 'x' })).toThrow(/^profile\.\w+: /); // any other object: still the field path
  });
});
