/**
 * Frame tuples in a hook batch's text (docs/design.md#messages-between-places): what the hook
 * writes (page/wire-batch.ts) reads back as the same trace events, the text is shorter, and a
 * malformed tuple refuses the whole batch (the page world is untrusted).
 */
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../../src/core/bridge/messages';
import type { TraceEvent } from '../../../../src/core/events';
import { parseHookBatchText } from '../../../../src/core/bridge/validate-batch';
import { toWireBatch } from '../../../../src/core/bridge/wire-frames';

const events: TraceEvent[] = [
  { seq: 1, t: 1765100000000.125, type: 'ws-create', conn: 'ab.1', url: 'wss://x.example/s', protocols: [], frameUrl: 'https://x.example/' },
  { seq: 2, t: 1765100000001.5, type: 'ws-message', conn: 'ab.1', opcode: 1, size: 14, data: '{"type":"hé"}', encoding: 'text', truncated: false },
  { seq: 3, t: 1765100000002, type: 'ws-send', conn: 'ab.1', readyState: 1, opcode: 2, size: 3, data: 'AQID', encoding: 'base64', truncated: false },
  { seq: 4, t: 1765100000003, type: 'ws-message', conn: 'ab.1', opcode: 1, size: -1, data: 'x'.repeat(256), encoding: 'text', truncated: true, faulted: true },
  { seq: 5, t: 1765100000004, type: 'ws-send', conn: 7, readyState: 3, opcode: 1, size: 2, data: 'hi', encoding: 'text', truncated: false, synthetic: true },
  { seq: 6, t: 1765100000005, type: 'ws-message', conn: 'ab.1', opcode: 2, size: 8, data: '', encoding: 'base64', truncated: false, blobUnread: true },
];
const batch: EventBatch = { src: 'ab', frameUrl: 'https://x.example/', top: true, events, owed: [4] };
const text = (b: unknown): string => JSON.stringify({ kind: 'hook-batch', last: 6, batch: b });

describe('frame tuples in a hook batch', () => {
  it('read back as the events the hook recorded, with every other batch field', () => {
    expect(parseHookBatchText(text(toWireBatch(batch)), 'ab')).toEqual(batch);
    const fill: EventBatch = { src: 'ab', frameUrl: '', top: false, events: [events[3]!], fill: true, lost: [9], lostSizes: [100] };
    expect(parseHookBatchText(text(toWireBatch(fill)), 'ab')).toEqual(fill);
  });

  it('make the text of many small frames much shorter', () => {
    const many: EventBatch = { ...batch, events: Array.from({ length: 100 }, (_, i) => ({ ...events[1]!, seq: i + 1 }) as TraceEvent) };
    expect(text(toWireBatch(many)).length).toBeLessThan(0.7 * text(many).length);
  });

  it('refuse the whole batch when one tuple is malformed', () => {
    const wire = toWireBatch(batch);
    const bad: unknown[][] = [
      [2, 1, 2, 'ab.1', 1, 14, 'x', 0], // unknown kind
      [0, '1', 2, 'ab.1', 1, 14, 'x', 0], // t not a number
      [0, 1, 2, 'ab.1', 3, 14, 'x', 0], // opcode
      [0, 1, 2, 'ab.1', 1, 14, { html: 1 }, 0], // data not text
      [1, 1, 2, 'ab.1', 1, 14, 'x', 0, 9], // readyState
      [0, 1, 2, null, 1, 14, 'x', 0], // conn
      [0, 1, 2], // too short
    ];
    for (const t of bad) expect(parseHookBatchText(text({ ...wire, events: [...wire.events, t] }), 'ab')).toBeUndefined();
  });
});
