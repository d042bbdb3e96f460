import { describe, expect, it } from 'vitest';
import { locateJsonError } from '../../../../src/core/trace/json-error';
import { prng } from './helpers';

function jsonParses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

describe('locateJsonError', () => {
  it('finds nothing in valid JSON and a position in invalid JSON', () => {
    expect(locateJsonError('{"a":[1,2.5e3,-0,"x\\u00e9\\n",true,false,null,{}]}')).toBeUndefined();
    expect(locateJsonError('  "x"  ')).toBeUndefined();
    expect(locateJsonError('{"a":1,}')).toMatchObject({ reason: 'expected a string key, found "}"', offset: 7, line: 1, column: 8 });
    expect(locateJsonError('[01]')).toMatchObject({ offset: 2 });
    expect(locateJsonError('"a\tb"')).toMatchObject({ reason: 'control character "\\t" in string', offset: 2 });
    expect(locateJsonError('{"a":"\\x"}')).toMatchObject({ reason: 'bad escape \\x in string' });
    expect(locateJsonError('[1\n,\n2\n,]')).toMatchObject({ line: 4, column: 2 });
  });

  it('agrees with JSON.parse on thousands of random mutations of JSON text', () => {
    const rnd = prng(3);
    const base = JSON.stringify({ a: [1, -2.5, 3e10, 'x"y\\z\u00e9', true, false, null], b: { c: {}, d: [] }, e: '' });
    const alphabet = '{}[]:,"\\ \n\t-+.eE0123456789tfnrlsuax';
    for (let n = 0; n < 4000; n++) {
      const chars = base.split('');
      const k = 1 + Math.floor(rnd() * 3);
      for (let i = 0; i < k; i++) {
        const at = Math.floor(rnd() * chars.length);
        const op = rnd();
        const c = alphabet[Math.floor(rnd() * alphabet.length)]!;
        if (op < 0.4) chars[at] = c;
        else if (op < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, c);
      }
      const s = chars.join('');
      const loc = locateJsonError(s);
      expect(loc === undefined, s).toBe(jsonParses(s));
      if (loc) {
        expect(loc.offset).toBeGreaterThanOrEqual(0);
        expect(loc.offset).toBeLessThanOrEqual(s.length);
      }
    }
  });
});
