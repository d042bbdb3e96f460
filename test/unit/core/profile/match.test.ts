import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64PrefixHex, compileMatcher, containsQuoted, jsonEqual, matchFrame, prepareFrame, splitRecords, type FrameLike } from '../../../../src/core/profile/match';

const tin = (data: string, truncated = false): FrameLike => ({ dir: 'in', opcode: 1, data, encoding: 'text', truncated });
const tout = (data: string): FrameLike => ({ dir: 'out', opcode: 1, data, encoding: 'text' });
const bin = (dir: 'in' | 'out', bytes: number[]): FrameLike => ({ dir, opcode: 2, data: Buffer.from(bytes).toString('base64'), encoding: 'base64' });

afterEach(() => vi.restoreAllMocks());

describe('matchFrame', () => {
  it('checks direction', () => {
    expect(matchFrame({ dir: 'in', text: '2' }, tin('2'))).toBe(true);
    expect(matchFrame({ dir: 'in', text: '2' }, tout('2'))).toBe(false);
  });

  it('text is whole-payload equality, never on a truncated preview', () => {
    expect(matchFrame({ dir: 'in', text: '2' }, tin('2probe'))).toBe(false);
    expect(matchFrame({ dir: 'in', text: 'h' }, tin('h'))).toBe(true);
    expect(matchFrame({ dir: 'in', text: 'h' }, tin('h', true))).toBe(false);
  });

  it('regex tests the whole text', () => {
    expect(matchFrame({ dir: 'in', regex: '^CONNECTED\\r?\\n' }, tin('CONNECTED\nversion:1.2\n\n\0'))).toBe(true);
    expect(matchFrame({ dir: 'in', regex: '^(?:\\r?\\n)+$' }, tin('\r\n'))).toBe(true);
    expect(matchFrame({ dir: 'in', regex: '^(?:\\r?\\n)+$' }, tin('MESSAGE\n'))).toBe(false);
  });

  it('json compares paths by deep equality', () => {
    const m = { dir: 'in' as const, json: { type: 'ping' } };
    expect(matchFrame(m, tin('{"type":"ping"}'))).toBe(true);
    expect(matchFrame(m, tin('{ "type" : "ping", "x": 1 }'))).toBe(true);
    expect(matchFrame(m, tin('{"type":"pong"}'))).toBe(false);
    expect(matchFrame({ dir: 'in', json: { 'd.list': [1, { a: 2 }] } }, tin('{"d":{"list":[1,{"a":2}]}}'))).toBe(true);
    expect(matchFrame({ dir: 'in', json: { 'd.list': [1, { a: 2 }] } }, tin('{"d":{"list":[1,{"a":3}]}}'))).toBe(false);
    expect(matchFrame({ dir: 'in', json: { op: 0 } }, tin('{"op":0}'))).toBe(true);
    expect(matchFrame({ dir: 'in', json: { op: 0 } }, tin('{"op":"0"}'))).toBe(false);
    expect(matchFrame({ dir: 'in', json: { 'a.b': null } }, tin('{"a":{"b":null}}'))).toBe(true);
    expect(matchFrame({ dir: 'in', json: { 'a.b': null } }, tin('{"a":{}}'))).toBe(false);
  });

  it('json with escaped strings still matches (literal pre-filter is skipped)', () => {
    expect(matchFrame({ dir: 'in', json: { type: 'welcome' } }, tin('{"type":"\\u0077elcome"}'))).toBe(true);
    expect(matchFrame({ dir: 'in', json: { type: 'hé' } }, tin('{"type":"h\\u00e9"}'))).toBe(true);
  });

  it('an empty json map only requires a JSON object or array', () => {
    expect(matchFrame({ dir: 'in', json: {} }, tin('[1]'))).toBe(true);
    expect(matchFrame({ dir: 'in', json: {} }, tin('{}'))).toBe(true);
    expect(matchFrame({ dir: 'in', json: {} }, tin('"str"'))).toBe(false);
    expect(matchFrame({ dir: 'in', json: {} }, tin('12'))).toBe(false);
  });

  it('prefix strips text before the JSON', () => {
    const m = { dir: 'in' as const, prefix: '42', json: { '[0]': 'chat' } };
    expect(matchFrame(m, tin('42["chat","hi"]'))).toBe(true);
    expect(matchFrame(m, tin('43["chat"]'))).toBe(false);
    expect(matchFrame({ dir: 'in', prefix: '0' }, tin('0{"sid":"x"}'))).toBe(true);
  });

  it('hexPrefix works on binary frames only, decoding just the prefix', () => {
    expect(matchFrame({ dir: 'out', hexPrefix: 'c000' }, bin('out', [0xc0, 0x00]))).toBe(true);
    expect(matchFrame({ dir: 'out', hexPrefix: 'C000' }, bin('out', [0xc0, 0x00]))).toBe(true);
    expect(matchFrame({ dir: 'in', hexPrefix: 'd000' }, bin('in', [0xd0, 0x00]))).toBe(true);
    expect(matchFrame({ dir: 'in', hexPrefix: 'd000' }, bin('in', [0xd0]))).toBe(false);
    expect(matchFrame({ dir: 'in', hexPrefix: '20' }, bin('in', [0x20, 0x02, 0x00, 0x00]))).toBe(true);
    expect(matchFrame({ dir: 'out', hexPrefix: 'c000' }, tout('\u00c0\u0000'))).toBe(false);
    expect(matchFrame({ dir: 'out', text: 'x' }, bin('out', [0x78]))).toBe(false);
  });

  it('all conditions must hold', () => {
    const m = { dir: 'in' as const, json: { op: 10 }, regex: '"heartbeat_interval"' };
    expect(matchFrame(m, tin('{"op":10,"d":{"heartbeat_interval":41250}}'))).toBe(true);
    expect(matchFrame(m, tin('{"op":10,"d":{}}'))).toBe(false);
  });

  it('never throws on malformed payloads', () => {
    const ms = [
      { dir: 'in' as const, json: { a: 1 } },
      { dir: 'in' as const, prefix: '42', json: {} },
      { dir: 'in' as const, hexPrefix: 'c000' },
      { dir: 'in' as const, regex: 'x' },
    ];
    const bad: FrameLike[] = [
      tin('{"a":1'),
      tin('{"a":1}garbage'),
      tin('[}'),
      tin(''),
      tin('{'),
      tin('42['),
      { dir: 'in', opcode: 2, data: '!!!not base64***', encoding: 'base64' },
      { dir: 'in', opcode: 2, data: '', encoding: 'base64' },
      { dir: 'in', opcode: 2, data: 'wA=', encoding: 'base64' },
    ];
    for (const m of ms) for (const f of bad) expect(() => matchFrame(m, f)).not.toThrow();
    expect(matchFrame(ms[0]!, tin('{"a":1'))).toBe(false);
  });

  it('compileMatcher names the field of an invalid regex', () => {
    expect(() => compileMatcher({ dir: 'in', regex: '(' }, 'profile.heartbeat.ping')).toThrow(/^profile\.heartbeat\.ping\.regex: /);
  });
});

describe('prepareFrame', () => {
  it('parses JSON at most once per prefix, and not at all when it cannot be JSON', () => {
    const spy = vi.spyOn(JSON, 'parse');
    const view = prepareFrame(tin('{"type":"event","stream_position":5}'));
    const ms = [{ dir: 'in' as const, json: { type: 'event' } }, { dir: 'in' as const, json: { stream_position: 5 } }, { dir: 'in' as const, json: {} }].map((m) =>
      compileMatcher(m),
    );
    for (const m of ms) expect(m.test(view)).toBe(true);
    expect(view.json()).toEqual({ type: 'event', stream_position: 5 });
    expect(spy).toHaveBeenCalledTimes(1);

    spy.mockClear();
    for (const text of ['2', 'h', 'o', '\n', 'CONNECTED\n\n\0', '0{"sid":"x"}', '{"truncated":']) {
      const v = prepareFrame(tin(text));
      v.json();
      v.json();
    }
    expect(spy).toHaveBeenCalledTimes(0);
  });

  it('caches JSON per prefix', () => {
    const spy = vi.spyOn(JSON, 'parse');
    const view = prepareFrame(tin('42["a",1]'));
    expect(view.json('42')).toEqual(['a', 1]);
    expect(view.json('4')).toBeUndefined(); // '2["a",1]' is not a container
    expect(view.json('42')).toEqual(['a', 1]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('decodes hex prefixes of base64 data', () => {
    expect(base64PrefixHex(Buffer.from([0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51]).toString('base64'), 2)).toBe('100c');
    expect(base64PrefixHex(Buffer.from([0xff, 0xee, 0xdd, 0xcc]).toString('base64'), 4)).toBe('ffeeddcc');
    expect(base64PrefixHex('wA==', 4)).toBe('c0');
    expect(prepareFrame(bin('in', [0xd0, 0x00])).hex(2)).toBe('d000');
    expect(prepareFrame(tin('x')).hex(2)).toBe('');
  });
});

describe('splitRecords', () => {
  it('splits on a separator and drops empty records', () => {
    const v = prepareFrame(tin('{"type":6}\u001e{"type":1}\u001e'));
    expect(splitRecords(v, '\u001e').map((r) => r.text)).toEqual(['{"type":6}', '{"type":1}']);
    expect(splitRecords(prepareFrame(tin('{}\u001e')), '\u001e').map((r) => r.text)).toEqual(['{}']);
    expect(splitRecords(prepareFrame(tin('{}\n{"push":{}}')), '\n').map((r) => r.text)).toEqual(['{}', '{"push":{}}']);
    expect(splitRecords(v, undefined)).toEqual([v]);
  });
});

describe('jsonEqual', () => {
  it('compares JSON values deeply', () => {
    expect(jsonEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});

describe('containsQuoted', () => {
  it('answers like includes of the quoted needle, wherever the unquoted tail occurs first', () => {
    const texts = ['{"type":"hello"}', '{"type":"ahello"}', '{"x":"ahello","type":"hello"}', 'hello"', '"hello"', '', '{"type":"hello}', '{"a":"b"}'];
    for (const t of texts) expect(containsQuoted(t, 'hello"'), t).toBe(t.includes('"hello"'));
    expect(containsQuoted('{"a":""}', '"')).toBe(true);
    expect(containsQuoted('{"a":1}', '"')).toBe(false);
    expect(containsQuoted('1"', '"')).toBe(false);
  });

  it('keeps the json pre-check exact: a value only preceded by other text does not match', () => {
    const m = { dir: 'in' as const, json: { type: 'hello' } };
    expect(matchFrame(m, { dir: 'in', opcode: 1, data: '{"x":"ahello","type":"hello"}', encoding: 'text' })).toBe(true);
    expect(matchFrame(m, { dir: 'in', opcode: 1, data: '{"type":"ahello"}', encoding: 'text' })).toBe(false);
  });
});
