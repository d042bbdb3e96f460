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
    // The last event, so the connection's times still run forward.
    ok.events[ok.events.length - 1].t = 8.64e15 - 1;
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

describe('a connection used before its ws-create', () => {
  const create = (seq: number, conn: unknown) => ({ seq, t: seq, type: 'ws-create', conn, url: 'wss://h/s', protocols: [], frameUrl: '' });
  const msg = (seq: number, conn: unknown) => ({ seq, t: seq, type: 'ws-message', conn, opcode: 1, size: 1, data: 'x', encoding: 'text', truncated: false });
  const doc = (events: unknown[]) => JSON.stringify({ ...JSON.parse(fixtureText('traces/minimal.wavetrace.json')), events });

  it('is one-line order error naming both events (it would list the connection twice)', () => {
    const err = readError(() => parseTrace(doc([msg(1, 1), create(2, 1)])));
    expect(err.kind).toBe('order');
    expect(err.message).toBe("events[1].conn: connection 1 is created after events[0] used it; a connection's events must follow its ws-create");
  });

  it('a connection never created (its ws-create dropped by a cap) is still accepted; ids 1 and "1" are different connections', () => {
    expect(() => parseTrace(doc([msg(1, 7), create(2, 1), msg(3, 1)]))).not.toThrow();
    expect(() => parseTrace(doc([create(1, 1), msg(2, '1'), create(3, 2)]))).not.toThrow();
    expect(readError(() => parseTrace(doc([create(1, 1), msg(2, '1'), create(3, '1')]))).message).toContain('connection "1" is created after events[1]');
  });
});
