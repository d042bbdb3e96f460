/**
 * Reading one top-level key without parsing (docs/design.md#positions-and-resumes, used for the
 * stream position of data frames): the answer is always what `JSON.parse` gives, or UNSURE.
 */
import { describe, expect, it } from 'vitest';
import { readTopLevelValue, TOP_LEVEL_MAX_DEPTH, UNSURE } from '../../../../src/core/profile/top-level-value';
import { prng } from '../trace/helpers';

const KEY = '"stream_position"';

/** What the reader must answer when it is sure: `JSON.parse(text)`'s own property, or undefined when not an object. */
function parsed(text: string): { ok: boolean; value?: unknown } {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false };
    return { ok: true, value: Object.prototype.hasOwnProperty.call(v, 'stream_position') ? (v as Record<string, unknown>).stream_position : undefined };
  } catch {
    return { ok: false };
  }
}

describe('readTopLevelValue', () => {
  it('reads a primitive value of a top-level key, the last of duplicates', () => {
    expect(readTopLevelValue('{"type":"event","stream_position":1001,"payload":{"id":"m1"}}', 0, KEY)).toBe(1001);
    expect(readTopLevelValue(' { "stream_position" : "42" } ', 0, KEY)).toBe('42');
    expect(readTopLevelValue('{"stream_position":-0.5e-3}', 0, KEY)).toBe(-0.0005);
    expect(Object.is(readTopLevelValue('{"stream_position":-0}', 0, KEY), -0)).toBe(true);
    expect(readTopLevelValue('{"stream_position":true,"a":[1,{"b":null}],"stream_position":null}', 0, KEY)).toBe(null);
    expect(readTopLevelValue('{"stream_position":1e400}', 0, KEY)).toBe(Infinity);
    expect(readTopLevelValue('42{"stream_position":7}', 2, KEY)).toBe(7);
  });

  it('answers undefined for a valid object without the key, nested keys included', () => {
    expect(readTopLevelValue('{}', 0, KEY)).toBeUndefined();
    expect(readTopLevelValue('{"payload":{"stream_position":5},"x":["stream_position"]}', 0, KEY)).toBeUndefined();
    expect(readTopLevelValue('{"stream_position_2":5}', 0, KEY)).toBeUndefined();
  });

  it('is UNSURE for escapes, containers, non-objects, deep nesting and invalid JSON', () => {
    for (const text of [
      '{"stream\\u005fposition":5}',
      '{"stream_position":5,"t":"a\\"b"}',
      '{"stream_position":{"n":5}}',
      '{"stream_position":[5]}',
      '[{"stream_position":5}]',
      '"stream_position"',
      '{"stream_position":5,}',
      '{"stream_position":05}',
      '{"stream_position":5} x',
      '{"stream_position":5',
      '{"a":"tab\there","stream_position":5}',
      '{"stream_position":tru}',
      `{"a":${'['.repeat(TOP_LEVEL_MAX_DEPTH)}${']'.repeat(TOP_LEVEL_MAX_DEPTH)},"stream_position":5}`,
    ]) {
      expect(readTopLevelValue(text, 0, KEY), text).toBe(UNSURE);
    }
  });

  it('agrees with JSON.parse on thousands of random mutations of a frame', () => {
    const rnd = prng(11);
    const bases = [
      JSON.stringify({ type: 'event', stream_position: 1234, event: 'message.created', payload: { id: 'm1', text: 'lorem ipsum', n: [1, -2.5, 3e10, true, false, null, {}, []] } }),
      JSON.stringify({ a: 'x', stream_position: '77', b: { stream_position: 9 }, c: [] }),
    ];
    const alphabet = '{}[]:,"\\ \n\t-+.eE0123456789tfnrlsuax_';
    let sure = 0;
    for (let n = 0; n < 6000; n++) {
      const chars = bases[n % bases.length]!.split('');
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
      const got = readTopLevelValue(s, 0, KEY);
      if (got === UNSURE) continue;
      sure++;
      const want = parsed(s);
      expect(want.ok, s).toBe(true);
      expect(Object.is(got, want.value), s).toBe(true);
    }
    // Most mutations stay valid JSON objects: the reader answers those itself.
    expect(sure).toBeGreaterThan(1000);
  });
});
