import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/core/events';
import { createTrace } from '../../../../src/core/trace/create-trace';
import { serializeTrace } from '../../../../src/core/trace/serialize-trace';
import { AUTO_PROFILE } from '../../../../src/core/trace/trace-format';
import { validateTrace } from '../../../../src/core/trace/validate-trace';

const events: TraceEvent[] = [
  { seq: 1, t: 1717236000000.5, type: 'capture-dropped', count: 4 },
  { seq: 2, t: 1717236000001, type: 'page-online', online: true },
  { seq: 5, t: 1717236000002, type: 'capture-dropped', count: 6 },
];

describe('createTrace', () => {
  it('fills the header defaults and sums dropped counts', () => {
    const t = createTrace(events, { createdAt: Date.UTC(2024, 5, 1), source: { page: 'https://x/' } });
    expect(t).toMatchObject({
      format: 'wavetrace',
      version: 1,
      createdAt: '2024-06-01T00:00:00.000Z',
      source: { tool: 'wavetrace', browser: '', page: 'https://x/' },
      redacted: false,
      profile: AUTO_PROFILE,
      dropped: 10,
    });
    expect(t.events).toEqual(events);
    expect(t.events).not.toBe(events);
    expect(validateTrace(JSON.parse(serializeTrace(t)))).toEqual(t);
    expect(createTrace([], { dropped: 3, profile: 'engine.io-v4', redacted: true })).toMatchObject({ dropped: 3, profile: 'engine.io-v4', redacted: true });
  });
});

describe('serializeTrace', () => {
  it('writes the header in contract order and one event per line', () => {
    const text = serializeTrace(createTrace(events, { createdAt: 0 }));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '{"format":"wavetrace","version":1,"createdAt":"1970-01-01T00:00:00.000Z","source":{"tool":"wavetrace","browser":"","page":""},"redacted":false,"profile":"auto","dropped":10,"events":[',
    );
    expect(lines.slice(1, -1)).toEqual(events.map((e, i) => JSON.stringify(e) + (i < events.length - 1 ? ',' : '')));
    expect(lines.at(-1)).toBe(']}');
    expect(serializeTrace(createTrace([], { createdAt: 0 }))).toMatch(/"events":\[\]\}\n$/);
  });

  it('gzips reproducibly (mtime 0) and keeps sub-millisecond times exactly', () => {
    const t = createTrace(events, { createdAt: 0 });
    const a = serializeTrace(t, { gzip: true });
    const b = serializeTrace(t, { gzip: true });
    expect(a).toEqual(b);
    const back = JSON.parse(new TextDecoder().decode(gunzipSync(a)));
    expect(back.events[0].t).toBe(1717236000000.5);
  });
});
