/**
 * The hook writes a recorded frame straight into its wire tuple (docs/design.md#messages-between-places):
 * read back by the panel's reader, it is the trace event the frame stands for (text measured or
 * left to its fill, previews cut outside surrogate pairs, binary in base64, every flag kept).
 */
import { describe, expect, it } from 'vitest';
import type { FrameTuple } from '../../../src/core/bridge/messages';
import { frameFromTuple } from '../../../src/core/bridge/wire-frames';
import { rawToWire } from '../../../src/page/wire-batch';
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
