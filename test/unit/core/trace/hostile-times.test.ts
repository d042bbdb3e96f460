/**
 * Times no Date can hold (≥ 8.64e15 ms, or not finite) are one-line rejections, never a
 * RangeError later nor "NaN:NaN" on screen.
 */
import { describe, expect, it } from 'vitest';
import { formatClock } from '../../../../src/core/format';
import { importHar } from '../../../../src/core/har/import-har';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { fixtureText, readError } from './helpers';

const minimal = () => JSON.parse(fixtureText('traces/minimal.wavetrace.json'));

describe('event times at or beyond the largest Date', () => {
  it('t = 8.64e15 is rejected with one line naming the field', () => {
    const doc = minimal();
    doc.events[0].t = 8.64e15;
    const err = readError(() => parseTrace(JSON.stringify(doc)));
    expect(err.kind).toBe('schema');
    expect(err.message).toBe('events[0].t: expected number < 8.64e15 (ms since the Unix epoch; later times are not dates)');
  });

  it('t just below the limit is accepted; 1e400 (Infinity after JSON.parse) is rejected', () => {
    const ok = minimal();
    ok.events[0].t = 8.64e15 - 1;
    expect(() => parseTrace(JSON.stringify(ok))).not.toThrow();
    const text = JSON.stringify(minimal()).replace(/"t":\s*[\d.]+/, '"t":1e400');
    expect(readError(() => parseTrace(text)).message).toMatch(/^events\[0\]\.t: expected a finite number$/);
  });

  it('HAR dates and message times beyond the limit are skipped, not imported', () => {
    const r = importHar({
      log: {
        entries: [
          { startedDateTime: '+275760-09-13T00:00:00.000Z', request: { url: 'https://h/a' }, response: { status: 200 } },
          { startedDateTime: '2024-06-01T10:00:00Z', request: { url: 'wss://h/s' }, response: { status: 101 }, _webSocketMessages: [{ type: 'receive', time: 8.64e15, opcode: 1, data: 'x' }] },
        ],
      },
    });
    expect(r.events.map((e) => e.type)).toEqual(['ws-create', 'ws-open']);
    expect(r.skipped).toBe(1);
    expect(r.warnings[0]).toBe('skipped 1 entry without a usable startedDateTime (log.entries[0])');
  });

  it('formatClock shows "invalid time", never NaN:NaN', () => {
    expect(formatClock(8.64e15 + 1)).toBe('invalid time');
    expect(formatClock(NaN)).toBe('invalid time');
    expect(formatClock(0)).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
  });
});
