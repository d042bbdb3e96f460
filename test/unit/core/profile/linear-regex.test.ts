/**
 * Profile patterns run in linear time whatever they are: hostile patterns from a trace's
 * inline profile cannot hang the CLI or the viewer, and built-in URL patterns stay fast on
 * huge URLs.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/analysis';
import type { TraceEvent } from '../../../../src/core/events';
import { detectProfile } from '../../../../src/core/profile/detect';
import { compileLinearRegex, linearRegexError, REGEX_INPUT_LIMIT, unsupportedReason } from '../../../../src/core/profile/linear-regex';
import { compileMatcher, prepareFrame } from '../../../../src/core/profile/match';
import { parseProfile } from '../../../../src/core/profile/schema';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';

const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};

describe('linear-time profile patterns', () => {
  it('(a+)+$ against a 41-character payload answers at once (JavaScript backtracking runs for ever)', () => {
    const m = compileMatcher({ dir: 'in', regex: '(a+)+$' });
    const [hit, ms] = timed(() => m.test(prepareFrame({ dir: 'in', opcode: 1, data: 'a'.repeat(40) + '!', encoding: 'text', truncated: false })));
    expect(hit).toBe(false);
    expect(ms).toBeLessThan(1000);
    expect(m.test(prepareFrame({ dir: 'in', opcode: 1, data: 'aaaa', encoding: 'text', truncated: false }))).toBe(true);
  });

  it('a hostile inline profile in a trace: validation and the whole analysis finish fast', () => {
    const profile = parseProfile({
      ...structuredClone(SCAIWAVE_PROFILE),
      name: 'evil',
      hello: { match: { dir: 'in', regex: '^(a|a)*(b|b)*$' }, fields: [] },
      heartbeat: { intervalMs: 1000, ping: { dir: 'in', regex: '(x+x+)+y' } },
      match: { urlRegex: '(.*a){20}' },
    });
    const events: TraceEvent[] = [
      { seq: 1, t: 0, type: 'ws-create', conn: 1, url: 'wss://h/' + 'a'.repeat(5000), protocols: [], frameUrl: '' },
      { seq: 2, t: 1, type: 'ws-open', conn: 1, protocol: '', extensions: '' },
    ];
    for (let i = 0; i < 200; i++) {
      events.push({ seq: 3 + i, t: 2 + i, type: 'ws-message', conn: 1, opcode: 1, size: 41, data: 'x'.repeat(40) + 'z', encoding: 'text', truncated: false });
    }
    const [a, ms] = timed(() => analyze(events, profile, {}));
    expect(a.connections).toHaveLength(1);
    expect(ms).toBeLessThan(5000);
  });

  it('a built-in URL pattern on a 480 KB URL is fast (it took 30 s)', () => {
    const url = 'wss://example.com/socket/websocket?' + 'a=1&'.repeat(120_000) + 'x=2';
    expect(url.length).toBeGreaterThan(480_000);
    const [d, ms] = timed(() => detectProfile({ url }));
    expect(d.profile.name).toBe('scaiwave');
    expect(ms).toBeLessThan(2000);
    expect(detectProfile({ url: url + '&vsn=2.0.0' }).profile.name).toBe('scaiwave'); // beyond the 65,536 characters a pattern sees
    expect(detectProfile({ url: 'wss://example.com/socket/websocket?a=1&vsn=2.0.0' }).profile.name).toBe('phoenix');
  });

  it('lookaround and backreferences are refused with one line; JavaScript syntax errors keep their message', () => {
    const err = (p: unknown) => {
      try {
        parseProfile(p);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    const base = { name: 'x', hello: { match: { dir: 'in', regex: '' }, fields: [] } };
    base.hello.match.regex = '^0\\{(?=.*"a")';
    expect(err(base)).toBe('profile.hello.match.regex: not supported by the linear-time matcher: the lookahead `(?=…)` needs backtracking');
    base.hello.match.regex = '(a)\\1';
    expect(err(base)).toMatch(/^profile\.hello\.match\.regex: not supported .*\\1/);
    expect(err(base)).toBe('profile.hello.match.regex: not supported by the linear-time matcher: the backreference `\\1` needs backtracking (for a character by its code write \\xHH)');
    base.hello.match.regex = '(';
    expect(err(base)).toMatch(/^profile\.hello\.match\.regex: Invalid regular expression/);
    base.hello.match.regex = 'a'.repeat(2001);
    expect(err(base)).toBe('profile.hello.match.regex: pattern longer than 2000 characters');
  });

  it('each refusal names what is unsupported: lookahead, lookbehind, backreferences, repeat counts above 1000', () => {
    const cases: [string, string | undefined][] = [
      ['(?=a)b', 'not supported by the linear-time matcher: the lookahead `(?=…)` needs backtracking'],
      ['(?!a)b', 'not supported by the linear-time matcher: the negative lookahead `(?!…)` needs backtracking'],
      ['(?<=a)b', 'not supported by the linear-time matcher: the lookbehind `(?<=…)` needs backtracking'],
      ['x(?<!y)', 'not supported by the linear-time matcher: the negative lookbehind `(?<!…)` needs backtracking'],
      ['(?<n>a)\\k<n>', 'not supported by the linear-time matcher: the named backreference `\\k<…>` needs backtracking'],
      ['(a)(b)\\2', 'not supported by the linear-time matcher: the backreference `\\2` needs backtracking (for a character by its code write \\xHH)'],
      ['a{1001}', 'not supported by the linear-time matcher: the repeat count `{1001}` is above 1000'],
      ['"seq":\\d{2,5000}', 'not supported by the linear-time matcher: the repeat count `{2,5000}` is above 1000'],
      ['(a{100}){100}', 'not supported by the linear-time matcher: the repeat count `{100}` around another repeat makes more than 1000 in all'],
      ['a{1000}', undefined],
      ['(?<n>a)', undefined],
    ];
    for (const [source, why] of cases) expect(linearRegexError(source), source).toBe(why);
    expect(unsupportedReason('error parsing regexp: something new: `x`')).toBe('not supported by the linear-time matcher: something new: `x`');
  });

  it('sees at most the first 65,536 characters of a text', () => {
    const re = compileLinearRegex('b$');
    expect(re.test('a'.repeat(REGEX_INPUT_LIMIT - 1) + 'b')).toBe(true);
    expect(re.test('a'.repeat(REGEX_INPUT_LIMIT) + 'b')).toBe(false);
    expect(compileLinearRegex('[?&]EIO=4(?:&|$)').find('wss://h/socket.io/?EIO=4&transport=websocket')).toBe('?EIO=4&');
  });

  it('the Engine.IO v3/v4 presets still tell their open packets apart without lookahead', () => {
    const open3 = '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":5000}';
    const open4 = '0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}';
    const frame = (data: string) => ({ dir: 'in' as const, opcode: 1 as const, data, encoding: 'text' as const, truncated: false });
    expect(detectProfile({ url: 'wss://h/rt', firstFrames: [frame(open3)] }).profile.name).toBe('socketio-v3');
    expect(detectProfile({ url: 'wss://h/rt', firstFrames: [frame(open4)] }).profile.name).toBe('socketio-v4');
    expect(SCAIWAVE_PROFILE.name).toBe('scaiwave');
  });
});
