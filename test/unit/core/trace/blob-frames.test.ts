/**
 * Blob frames in a trace and its HAR export (docs/design.md#previews-and-binary-data): the
 * bytes the hook read are the frame's base64 `data` (HAR opcode 2, `data` base64); a frame
 * whose Blob bytes never came keeps `blobUnread: true` in the trace and in the HAR message's
 * `_wavetrace`, read back on import — never an empty preview that says nothing.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/core/events';
import { createTrace } from '../../../../src/core/trace/create-trace';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { serializeTrace } from '../../../../src/core/trace/serialize-trace';
import { exportHar } from '../../../../src/core/har/export-har';
import { importHar } from '../../../../src/core/har/import-har';
import { readError } from './helpers';

const T = 1_700_000_000_000;
const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff, 42, 7, 8]).toString('base64');
const events = (): TraceEvent[] =>
  [
    { type: 'ws-create', conn: 'a.1', url: 'wss://api.example.com/feed', protocols: [], frameUrl: 'https://app.example.com/' },
    { type: 'ws-open', conn: 'a.1', protocol: '', extensions: '' },
    { type: 'ws-message', conn: 'a.1', opcode: 2, size: 8, data: bytes, encoding: 'base64', truncated: false },
    { type: 'ws-send', conn: 'a.1', readyState: 1, opcode: 2, size: 12, data: '', encoding: 'base64', truncated: true, blobUnread: true },
  ].map((e, i) => ({ ...e, seq: i + 1, t: T + i * 10 }) as TraceEvent);

describe('Blob frames', () => {
  it('round-trip through a trace file with blobUnread', () => {
    const trace = createTrace(events(), { createdAt: 0 });
    expect(parseTrace(serializeTrace(trace)).events).toEqual(trace.events);
    const evs = events().map((e) => ({ ...e })) as unknown as Record<string, unknown>[];
    evs[3]!.blobUnread = 'no';
    expect(readError(() => parseTrace(JSON.stringify({ ...createTrace([], { createdAt: 0 }), events: evs }))).message).toBe('events[3].blobUnread: expected boolean');
  });

  it('write their bytes as HAR opcode-2 base64 data, and say when the bytes never came', () => {
    const har = exportHar(createTrace(events(), { createdAt: 0 }));
    const msgs = har.log.entries.find((e) => e._resourceType === 'websocket')!._webSocketMessages!;
    expect(msgs[0]).toMatchObject({ type: 'receive', opcode: 2, data: bytes });
    expect(msgs[0]!._wavetrace).toBeUndefined();
    expect(msgs[1]).toMatchObject({ type: 'send', opcode: 2, data: '', _wavetrace: { size: 12, truncated: true, blobUnread: true } });
    const back = importHar(JSON.parse(JSON.stringify(har))).events.filter((e) => e.type === 'ws-send' || e.type === 'ws-message');
    expect(back.map((e) => (e.type === 'ws-send' || e.type === 'ws-message') && [e.data, e.size, e.blobUnread ?? false])).toEqual([
      [bytes, 8, false],
      ['', 12, true],
    ]);
  });
});
