/**
 * Frames whose full preview was lost in capture (docs/design.md#live-preview-budget) in a trace
 * and its HAR export: `previewLost: true` beside `truncated: true` and the true `size` survives
 * a trace file and a HAR round trip, a reader refuses a `previewLost` that is not a boolean, and
 * loading such a trace counts the frames (what the toolbar and the export dialog show).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/core/events';
import { createTrace } from '../../../../src/core/trace/create-trace';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { serializeTrace } from '../../../../src/core/trace/serialize-trace';
import { exportHar } from '../../../../src/core/har/export-har';
import { importHar } from '../../../../src/core/har/import-har';
import { applyEvent, createCaptureState } from '../../../../src/core/store/capture-state';
import { readError } from './helpers';

const T = 1_700_000_000_000;
const full = 'x'.repeat(1000);
const events = (): TraceEvent[] =>
  [
    { type: 'ws-create', conn: 'a.1', url: 'wss://api.example.com/feed', protocols: [], frameUrl: 'https://app.example.com/' },
    { type: 'ws-open', conn: 'a.1', protocol: '', extensions: '' },
    { type: 'ws-message', conn: 'a.1', opcode: 1, size: 65536, data: 'x'.repeat(256), encoding: 'text', truncated: true, previewLost: true },
    { type: 'ws-message', conn: 'a.1', opcode: 1, size: 1000, data: full, encoding: 'text', truncated: false },
    { type: 'ws-message', conn: 'a.1', opcode: 1, size: 70000, data: 'x'.repeat(512), encoding: 'text', truncated: true },
  ].map((e, i) => ({ ...e, seq: i + 1, t: T + i * 10 }) as TraceEvent);

describe('frames whose full preview was lost', () => {
  it('round-trip through a trace file, and a non-boolean previewLost is refused naming the field', () => {
    const trace = createTrace(events(), { createdAt: 0 });
    expect(parseTrace(serializeTrace(trace)).events).toEqual(trace.events);
    const evs = events().map((e) => ({ ...e })) as unknown as Record<string, unknown>[];
    evs[2]!.previewLost = 1;
    expect(readError(() => parseTrace(JSON.stringify({ ...createTrace([], { createdAt: 0 }), events: evs }))).message).toBe('events[2].previewLost: expected boolean');
  });

  it('keep the mark through a HAR export and import, apart from a preview cut by the cap', () => {
    const har = exportHar(createTrace(events(), { createdAt: 0 }));
    const msgs = har.log.entries.find((e) => e._resourceType === 'websocket')!._webSocketMessages!;
    expect(msgs[0]!._wavetrace).toEqual({ size: 65536, truncated: true, previewLost: true });
    expect(msgs[2]!._wavetrace).toEqual({ size: 70000, truncated: true });
    const back = importHar(JSON.parse(JSON.stringify(har))).events.filter((e) => e.type === 'ws-message');
    expect(back.map((e) => e.type === 'ws-message' && [e.size, e.truncated, e.previewLost ?? false])).toEqual([
      [65536, true, true],
      [1000, false, false],
      [70000, true, false],
    ]);
  });

  it('are counted when a trace is loaded, the cap-cut frame not', () => {
    const state = createCaptureState();
    for (const e of events()) applyEvent(state, e);
    expect(state.cutPreviews).toBe(1);
  });
});
