/**
 * utf8Length (page/payload.ts) gives the byte size docs/design.md#previews-and-binary-data puts in `size` for text frames:
 * the UTF-8 length the WebSocket API sends, across its 64 Ki-unit chunks.
 */
import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../../src/page/payload';
import { nodeNatives } from './node-natives';

const n = nodeNatives();
/** Node's own count; it encodes a lone surrogate as U+FFFD (3 bytes) as browsers do. */
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('utf8Length', () => {
  it.each([
    ['empty', ''],
    ['ASCII', 'hello'],
    ['two- and three-byte characters', 'é€'.repeat(1000)],
    ['an astral character', 'a😀b'],
    ['a lone surrogate (sent as U+FFFD)', 'a\ud800b'],
    ['ASCII over several chunks', 'x'.repeat(200_000)],
    ['a surrogate pair across the chunk boundary', 'x'.repeat(65_535) + '😀' + 'y'.repeat(10)],
    ['mixed text over several chunks', ('ab€😀').repeat(50_000)],
  ])('%s', (_name, s) => {
    expect(utf8Length(n, s)).toBe(bytes(s));
  });
});
