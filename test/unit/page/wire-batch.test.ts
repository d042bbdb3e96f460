/**
 * The hook writes a recorded frame straight into its wire tuple (docs/design.md#messages-between-places):
 * read back by the panel's reader, it is the trace event the frame stands for (text measured or
 * left to its fill, previews cut outside surrogate pairs, binary in base64, every flag kept).
 */
import { describe, expect, it } from 'vitest';
import type { FrameTuple } from '../../../src/core/bridge/messages';
import { frameFromTuple } from '../../../src/core/bridge/wire-frames';
import { lastSeqOfHookText, parseHookBatchText } from '../../../src/core/bridge/validate-batch';
import { batchText, rawToWire } from '../../../src/page/wire-batch';
import type { RawEvent } from '../../../src/page/recorder';
import { nodeNatives } from './node-natives';

const n = nodeNatives();
const read = (e: RawEvent, cap?: number, sizeLater?: boolean) => frameFromTuple(rawToWire(n, e, cap, sizeLater) as FrameTuple);
const text = (s: string) => ({ opcode: 1 as const, text: s, size: -1, truncated: false, weight: s.length * 2 });

describe('rawToWire', () => {
  it('writes a text frame in full, measured', () => {
    expect(read({ seq: 3, t: 5.5, type: 'ws-message', conn: 'a.1', payload: text('{"é":1}') })).toEqual({ seq: 3, t: 5.5, type: 'ws-message', conn: 'a.1', opcode: 1, size: 8, data: '{"é":1}', encoding: 'text', truncated: false });
  });

  it('cuts a text frame at the cap, never inside a surrogate pair, its size left to the fill', () => {
    const s = 'ab😀cd';
    expect(read({ seq: 1, t: 1, type: 'ws-send', conn: 'a.1', readyState: 1, payload: text(s) }, 3, true)).toEqual({ seq: 1, t: 1, type: 'ws-send', conn: 'a.1', readyState: 1, opcode: 1, size: -1, data: 'ab', encoding: 'text', truncated: true });
    expect(read({ seq: 1, t: 1, type: 'ws-send', conn: 'a.1', readyState: 1, payload: text(s) }, 4)).toMatchObject({ size: 8, data: 'ab😀', truncated: true });
  });

  it('writes binary as base64, cut at the cap, with its true size and flags', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const e: RawEvent = { seq: 2, t: 2, type: 'ws-message', conn: 'a.1', faulted: true, payload: { opcode: 2, bytes, size: 9, truncated: true, weight: 5 } };
    expect(read(e, 3)).toEqual({ seq: 2, t: 2, type: 'ws-message', conn: 'a.1', opcode: 2, size: 9, data: Buffer.from([1, 2, 3]).toString('base64'), encoding: 'base64', truncated: true, faulted: true });
    const blob: RawEvent = { seq: 4, t: 2, type: 'ws-send', conn: 'a.1', readyState: 1, synthetic: true, payload: { opcode: 2, size: 8, truncated: false, weight: 0, blob: 'reading' } };
    expect(read(blob)).toEqual({ seq: 4, t: 2, type: 'ws-send', conn: 'a.1', readyState: 1, opcode: 2, size: 8, data: '', encoding: 'base64', truncated: false, synthetic: true, blobUnread: true });
  });

  it('leaves any other event as it is', () => {
    const e: RawEvent = { seq: 1, t: 1, type: 'ws-open', conn: 'a.1', protocol: '', extensions: '' };
    expect(rawToWire(n, e)).toBe(e);
  });
});

describe('batchText', () => {
  const id = { src: 'abc', frameUrl: 'https://x/', top: true };
  const frame = (seq: number, s: string): RawEvent => ({ seq, t: seq, type: 'ws-message', conn: 'abc.1', payload: text(s) });

  it('writes the header as JSON and the frames\u2019 data raw after it, and the panel reads back every frame in order', () => {
    const datas = ['{"a":"b\\"c"}', 'line\nbreak\n', '', 'é😀\ud800 lone', '{"kind":"hook-batch"}'];
    const raws: RawEvent[] = datas.map((d, i) => frame(i + 2, d));
    raws.splice(2, 0, { seq: 99, t: 1, type: 'ws-open', conn: 'abc.1', protocol: '', extensions: '' });
    raws.push({ seq: 100, t: 2, type: 'ws-send', conn: 'abc.1', readyState: 1, payload: { opcode: 2, bytes: new Uint8Array([0, 255, 34]), size: 3, truncated: false, weight: 3 } });
    const expected = raws.map((e) => (e.payload ? frameFromTuple(rawToWire(n, e) as FrameTuple) : e));
    const t = batchText(n, { ...id, events: raws.map((e) => rawToWire(n, e)) }, 100);
    expect(lastSeqOfHookText(t)).toBe(100);
    const nl = t.indexOf('\n');
    expect(t.slice(nl + 1)).toBe(datas.join('') + Buffer.from([0, 255, 34]).toString('base64'));
    expect(parseHookBatchText(t, 'abc')).toEqual({ ...id, events: expected });
  });

  it('a batch whose data lengths do not add up to the text after the header is refused whole', () => {
    const t = batchText(n, { ...id, events: [rawToWire(n, frame(1, 'abcd')), rawToWire(n, frame(2, 'ef'))] }, 2);
    expect(parseHookBatchText(t, 'abc')).toBeDefined();
    expect(parseHookBatchText(t + 'x', 'abc')).toBeUndefined();
    expect(parseHookBatchText(t.slice(0, -1), 'abc')).toBeUndefined();
    expect(parseHookBatchText(t.replace('"abc.1",1,4,4,', '"abc.1",1,4,-1,'), 'abc')).toBeUndefined();
    expect(parseHookBatchText(t.replace('"abc.1",1,4,4,', '"abc.1",1,4,1.5,'), 'abc')).toBeUndefined();
    // a length where there is no data after the header
    expect(parseHookBatchText(t.slice(0, t.indexOf('\n')), 'abc')).toBeUndefined();
  });
});
