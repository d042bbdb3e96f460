import { describe, expect, it } from 'vitest';
import { countOf, formatBytes, formatDuration, previewPayload, toHex } from '../../../src/core/format';
import { base64Prefix, base64ToBytes } from '../../../src/core/har/base64';

describe('format', () => {
  it('counts with en-US grouping and an English plural, as toLocaleString does', () => {
    expect(countOf(1, 'frame')).toBe('1 frame');
    expect(countOf(0, 'frame')).toBe('0 frames');
    expect(countOf(1234567, 'full preview')).toBe('1,234,567 full previews');
    for (const n of [2, 999, 1000, 65536, 1.5]) expect(countOf(n, 'x')).toBe(`${n.toLocaleString('en-US')} xs`);
  });

  it('formats sizes and durations with units', () => {
    expect(formatBytes(100)).toBe('100 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MiB');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(125000)).toBe('2 min 5 s');
    expect(formatDuration(62500)).toBe('62.5 s');
    expect(formatDuration(-350)).toBe('-350 ms');
    expect(formatDuration(Number.NaN)).toBe('NaN');
  });

  it('decodes base64 like Buffer does', () => {
    for (const bytes of [[], [0], [1, 2], [1, 2, 3], [255, 254, 253, 0, 7]]) {
      const b64 = Buffer.from(bytes).toString('base64');
      expect([...base64ToBytes(b64)!]).toEqual(bytes);
      expect([...base64Prefix(b64)]).toEqual(bytes);
    }
    expect(toHex(base64Prefix('3q2+7w=='))).toBe('de ad be ef');
    expect(toHex(base64ToBytes('3q2+7w==')!)).toBe('de ad be ef');
  });

  it('validates base64 strictly, or shows the prefix that decodes', () => {
    expect(base64ToBytes('3q2+7w')).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef])); // padding optional
    expect(base64ToBytes('3q2-7w==')).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef])); // base64url
    expect(base64ToBytes(' 3q2+\n7w== ')).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    expect(base64ToBytes('3q2+7')).toBeUndefined(); // 4n + 1 symbols
    expect(base64ToBytes('3q=2+7w')).toBeUndefined(); // padding inside
    expect(base64ToBytes('3q2*7w==')).toBeUndefined();
    expect(base64Prefix('3q2*7w==')).toEqual(new Uint8Array([0xde, 0xad])); // stops at '*'
    expect(base64Prefix('3q2+7w==', 3)).toEqual(new Uint8Array([0xde, 0xad, 0xbe]));
    expect(base64Prefix('')).toEqual(new Uint8Array([]));
  });

  it('previews binary as hex and text on one line', () => {
    expect(previewPayload('wAA=', 'base64')).toBe('c0 00');
    expect(previewPayload('a\nb\tc', 'text')).toBe('a b c');
    expect(previewPayload('x'.repeat(300), 'text', 10)).toBe('x'.repeat(10) + '…');
  });
});
