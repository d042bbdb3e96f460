/**
 * Times of a trace file (docs/design.md#trace-format): a connection's events do not go back in
 * time (beyond 1 s of jitter) and `endedAt` lies between the last event and `createdAt` (when the file was written);
 * otherwise the file is refused in one line naming the field path — the CLI (exit 2) and the
 * viewer's import read it the same way.
 */
import { describe, expect, it } from 'vitest';
import { readTraceOrHar } from '../../../../src/core/trace/read-trace-or-har';
import { TraceReadError } from '../../../../src/core/trace/trace-read-error';
import { runCli } from '../../../../src/cli/run-cli';
import { tempFile, traceDoc } from '../../cli/fixtures';
import type { TraceEvent } from '../../../../src/core/events';

const T0 = 1_700_000_000_000;
/** A connection's events, `step` ms apart (negative: backwards), with a close after the last. */
function events(step: number, n = 6): TraceEvent[] {
  const out: TraceEvent[] = [
    { seq: 1, t: T0, type: 'ws-create', conn: 'c', url: 'wss://a.example/s', protocols: [], frameUrl: 'https://a.example/' },
    { seq: 2, t: T0 + step, type: 'ws-open', conn: 'c', protocol: '', extensions: '' },
  ];
  for (let k = 0; k < n; k++) out.push({ seq: 3 + k, t: T0 + step * (2 + k), type: 'ws-message', conn: 'c', opcode: 1, size: 2, data: '{}', encoding: 'text', truncated: false });
  return out;
}
const read = (doc: Record<string, unknown>) => readTraceOrHar(JSON.stringify(doc), 't.wavetrace.json');

describe('trace times', () => {
  it('accepts forward times, jitter under 1 s, and endedAt from the last event up to createdAt', () => {
    expect(read(traceDoc(events(100))).trace.events).toHaveLength(8);
    const jitter = events(100);
    (jitter[4] as { t: number }).t = jitter[3]!.t - 900;
    expect(() => read(traceDoc(jitter))).not.toThrow();
    const last = T0 + 100 * 7;
    expect(() => read(traceDoc(events(100), { createdAt: new Date(last + 5000).toISOString(), endedAt: new Date(last).toISOString() }))).not.toThrow();
    // An old capture exported years later: endedAt and createdAt are the export time.
    const later = new Date(last + 3 * 365 * 86_400_000).toISOString();
    expect(() => read(traceDoc(events(100), { createdAt: later, endedAt: later }))).not.toThrow();
    // Different connections may come from different documents: only one connection's events are compared.
    const two = [...events(100, 1), { seq: 4, t: T0 - 5000, type: 'ws-create', conn: 'd', url: 'wss://b.example/', protocols: [], frameUrl: 'https://b.example/' } as TraceEvent];
    expect(() => read(traceDoc(two))).not.toThrow();
  });

  it('refuses t running backwards within a connection, naming the event', () => {
    expect(() => read(traceDoc(events(-1000)))).toThrow(TraceReadError);
    expect(() => read(traceDoc(events(-1000)))).toThrow(/^events\[2\]\.t: 1699999998000 is 2\.0 s before events\[0\]\.t of the same connection; t must not go back in time within a connection$/);
  });

  it('refuses endedAt before the last event or absurdly far after it', () => {
    expect(() => read(traceDoc(events(100), { createdAt: '2030-01-01T00:00:00.000Z', endedAt: '2000-01-01T00:00:00.000Z' }))).toThrow(/^endedAt: 2000-01-01T00:00:00\.000Z is [\d.]+ s before the last event; the capture cannot end before its events$/);
    expect(() => read(traceDoc(events(100), { createdAt: '2023-11-14T22:14:00.000Z', endedAt: '9999-12-31T23:59:59.999Z' }))).toThrow(/^endedAt: 9999-12-31T23:59:59\.999Z is after createdAt 2023-11-14T22:14:00\.000Z \(when the file was written\); a capture cannot end after its file was written$/);
  });

  it('checks times in the validation walk, after its schema and order checks', () => {
    // t goes back at events[2], a field is wrong at events[6]: the schema error is reported.
    const both = events(-1000);
    (both[6] as { conn: unknown }).conn = true;
    expect(() => read(traceDoc(both))).toThrow(/^events\[6\]\.conn: /);
    // The first backwards event is named, even when later ones go back further.
    const twice = events(100);
    (twice[3] as { t: number }).t = T0 - 2000;
    (twice[5] as { t: number }).t = T0 - 9000;
    expect(() => read(traceDoc(twice))).toThrow(/^events\[3\]\.t: 1699999998000 is 2\.2 s before events\[2\]\.t of the same connection; /);
  });

  it('check exits 2 with the one line', async () => {
    const f = tempFile('back.wavetrace.json', JSON.stringify(traceDoc(events(-1000))));
    const r = await runCli(['check', f]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`wavetrace: ${f}: events[2].t: 1699999998000 is 2.0 s before events[0].t of the same connection; t must not go back in time within a connection\n`);
    const g = tempFile('far.wavetrace.json', JSON.stringify(traceDoc(events(100), { endedAt: '9999-12-31T23:59:59.999Z' })));
    const s = await runCli(['check', g]);
    expect(s.exitCode).toBe(2);
    expect(s.stderr).toMatch(/: endedAt: 9999-12-31T23:59:59\.999Z is after createdAt 2023-11-14T22:14:00\.000Z \(when the file was written\); a capture cannot end after its file was written\n$/);
  });
});
