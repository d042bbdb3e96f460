import { gzipSync, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { readTraceOrHar } from '../../../../src/core/trace/read-trace-or-har';
import { fixtureBytes, fixtureText, readError } from './helpers';

describe('readTraceOrHar', () => {
  it('sniffs a trace, plain or gzip', () => {
    const text = fixtureText('traces/scaiwave-resume.wavetrace.json');
    const r = readTraceOrHar(text);
    expect(r).toMatchObject({ kind: 'wavetrace', skipped: 0, warnings: [] });
    expect(r.entryEnds.size).toBe(0);
    expect(r.trace).toEqual(parseTrace(text));
    expect(readTraceOrHar(gzipSync(new TextEncoder().encode(text)), 'x.wavetrace.json.gz').trace).toEqual(r.trace);
  });

  it('sniffs a HAR (also gzip and mitmproxy .zhar zlib) and wraps it in a valid trace', () => {
    const bytes = fixtureBytes('har/chrome-devtools.har');
    const r = readTraceOrHar(bytes, 'session.har');
    expect(r.kind).toBe('har');
    expect(r.skipped).toBe(2);
    expect([...r.entryEnds]).toEqual([['har-1', Date.parse('2024-06-01T10:00:01.000Z') + 35.2]]);
    expect(r.trace).toMatchObject({
      format: 'wavetrace',
      version: 1,
      redacted: false,
      profile: 'auto',
      dropped: 0,
      source: { tool: 'WebInspector 537.36 (HAR import)', browser: '', page: 'https://app.example.com/dashboard' },
    });
    expect(readTraceOrHar(gzipSync(bytes)).trace.events).toEqual(r.trace.events);
    expect(readTraceOrHar(zlibSync(fixtureBytes('har/mitmproxy.har')), 'dump.zhar').skipped).toBe(1);
  });

  it('accepts a HAR with entries but no WebSocket entry (HTTP events only)', () => {
    const har = { log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [
      { startedDateTime: '2024-06-01T10:00:00.000Z', time: 5, request: { method: 'GET', url: 'https://a/v1/sync?since=3' }, response: { status: 200, content: { text: '{}' } }, timings: { wait: 4 } },
    ] } };
    const r = readTraceOrHar(JSON.stringify(har));
    expect(r.trace.events.map((e) => e.type)).toEqual(['http-request', 'http-response']);
    expect(readTraceOrHar(JSON.stringify({ log: { entries: [] } })).trace.events).toEqual([]);
  });

  it('says "unknown format" for other JSON, with a hint for .har names', () => {
    expect(readError(() => readTraceOrHar('{"hello":1}')).message).toBe('unknown format: expected a .wavetrace.json trace or a HAR file');
    expect(readError(() => readTraceOrHar('[1,2]', 'a.json')).message).toBe('unknown format: expected a .wavetrace.json trace or a HAR file');
    expect(readError(() => readTraceOrHar('{"hello":1}', '/tmp/dir/capture.har')).message).toBe(
      'unknown format: capture.har has no "log.entries" (expected a HAR file)',
    );
    expect(readError(() => readTraceOrHar('{"log":{"entries":{}}}')).message).toBe('not a HAR file: log.entries must be an array');
    expect(readError(() => readTraceOrHar('{"format":"wavetrace","version":3}')).message).toBe('unsupported version 3 (this Wavetrace reads version 1)');
    expect(readError(() => readTraceOrHar('nope')).kind).toBe('not-json');
  });

  it('names a profile given where a trace or a HAR belongs', () => {
    const profile = JSON.stringify({ name: 'mine', backoff: { immediateMs: 0, baseMs: 1000, factor: 2, maxMs: 30000, jitter: 0.5, stableAfterMs: 10000 } });
    expect(readError(() => readTraceOrHar(profile, 'mine.profile.json')).message).toBe('this is a Wavetrace profile, not a trace or a HAR (give it with --profile)');
    // A name alone is not enough to call it a profile.
    expect(readError(() => readTraceOrHar('{"name":"x"}')).message).toBe('unknown format: expected a .wavetrace.json trace or a HAR file');
  });
});
