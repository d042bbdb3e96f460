/**
 * Export files (docs/design.md#redaction, docs/design.md#har-import-and-export): redaction on by default leaves no secret anywhere in a trace or HAR;
 * turned off, secrets stay; names carry the site and the time; HAR round trip keeps findings.
 */
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'fflate';
import { buildExport, exportFileName } from '../../../../src/core/export/export-file';
import { readTraceOrHar } from '../../../../src/core/trace';
import { analyze } from '../../../../src/core/analysis';
import { SCAIWAVE_PROFILE } from '../../../../src/core/profile/scaiwave';
import type { TraceEvent, UnsequencedEvent } from '../../../../src/core/events';

const SECRET = 'tok-9f8e7d6c5b4a';
const API_KEY = 'key-0123456789';
const T0 = 1_764_480_000_000;

/** A reconnect without sync, with secrets in the URL, a frame and a sync body. */
function events(): TraceEvent[] {
  const url = `wss://app.example.com/v1/stream?token=${SECRET}`;
  const ev: UnsequencedEvent[] = [
    { t: T0, type: 'ws-create', conn: 'a.1', url, protocols: [], frameUrl: 'https://app.example.com/' },
    { t: T0 + 50, type: 'ws-open', conn: 'a.1', protocol: '', extensions: '' },
    { t: T0 + 60, type: 'ws-message', conn: 'a.1', opcode: 1, size: 60, data: '{"type":"hello","tenant_id":"t1","stream_position":40}', encoding: 'text', truncated: false },
    { t: T0 + 70, type: 'ws-send', conn: 'a.1', opcode: 1, size: 40, data: `{"type":"auth","api_key":"${API_KEY}"}`, encoding: 'text', truncated: false, readyState: 1 },
    { t: T0 + 100, type: 'ws-message', conn: 'a.1', opcode: 1, size: 40, data: '{"type":"event","stream_position":42}', encoding: 'text', truncated: false },
    { t: T0 + 5000, type: 'ws-close', conn: 'a.1', code: 1006, reason: '', wasClean: false },
    { t: T0 + 6000, type: 'ws-create', conn: 'a.2', url, protocols: [], frameUrl: 'https://app.example.com/' },
    { t: T0 + 6050, type: 'ws-open', conn: 'a.2', protocol: '', extensions: '' },
    { t: T0 + 6100, type: 'ws-message', conn: 'a.2', opcode: 1, size: 40, data: '{"type":"event","stream_position":45}', encoding: 'text', truncated: false },
    { t: T0 + 6200, type: 'ws-message', conn: 'a.2', opcode: 2, size: 4, data: '3q2+7w==', encoding: 'base64', truncated: false },
  ];
  return ev.map((e, i) => ({ ...e, seq: i + 1 }) as TraceEvent);
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('export files', () => {
  const now = new Date(2026, 10, 30, 9, 5, 7);

  it('names files after the site and the local time', () => {
    expect(exportFileName('https://app.example.com:8443/x?token=1', 'trace', now)).toBe('wavetrace-app.example.com_8443-20261130-090507.wavetrace.json');
    expect(exportFileName('', 'har', now)).toBe('wavetrace-capture-20261130-090507.har');
    expect(exportFileName('not a url', 'trace-gz', now)).toBe('wavetrace-capture-20261130-090507.wavetrace.json.gz');
  });

  for (const format of ['trace', 'trace-gz', 'har'] as const) {
    it(`${format}: redaction on by default leaves no secret in the file`, () => {
      const f = buildExport(events(), { format, page: `https://app.example.com/?session=${SECRET}`, now });
      const body = format === 'trace-gz' ? text(gunzipSync(f.bytes)) : text(f.bytes);
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(API_KEY);
      expect(body).toContain('REDACTED~');
      const back = readTraceOrHar(f.bytes, f.fileName);
      expect(back.trace.events.length).toBe(events().length);
    });

    it(`${format}: with redaction off the secrets stay`, () => {
      const f = buildExport(events(), { format, redact: false, now });
      const body = format === 'trace-gz' ? text(gunzipSync(f.bytes)) : text(f.bytes);
      expect(body).toContain(SECRET);
      expect(body).toContain(API_KEY);
    });
  }

  it('a HAR export imports back with the same findings', () => {
    const original = analyze(events(), SCAIWAVE_PROFILE);
    expect(original.findings.map((x) => x.code)).toContain('sync-skipped');
    const har = buildExport(events(), { format: 'har', redact: false, now });
    const back = readTraceOrHar(har.bytes, har.fileName);
    expect(back.kind).toBe('har');
    const again = analyze(back.trace.events, SCAIWAVE_PROFILE, { input: 'har', connEnds: back.entryEnds });
    const summary = (a: typeof original) => a.findings.map((x) => `${x.code}: ${x.message}`);
    expect(summary(again)).toEqual(summary(original));
  });

  it('writes endedAt, so silences run to the end of the capture', () => {
    const f = buildExport(events(), { format: 'trace', now });
    const trace = readTraceOrHar(f.bytes).trace;
    expect(trace.endedAt).toBe(now.toISOString());
  });
});

describe('frames whose size was never measured', () => {
  it('are written with their preview size as a lower bound, marked truncated, never as -1', () => {
    const live: TraceEvent[] = [
      { seq: 1, t: T0, type: 'ws-create', conn: 'c', url: 'wss://a.example/ws', protocols: [], frameUrl: 'https://a.example/' },
      { seq: 2, t: T0 + 1, type: 'ws-message', conn: 'c', opcode: 1, size: -1, data: 'é'.repeat(10), encoding: 'text', truncated: true },
      { seq: 3, t: T0 + 2, type: 'ws-message', conn: 'c', opcode: 1, size: 5, data: 'hello', encoding: 'text', truncated: false },
    ];
    const file = buildExport(live, { format: 'trace', redact: false });
    const back = readTraceOrHar(file.bytes);
    const frames = back.trace.events.filter((e) => e.type === 'ws-message');
    expect(frames.map((e) => [e.size, e.truncated])).toEqual([
      [20, true],
      [5, false],
    ]);
    expect((live[1] as { size: number }).size).toBe(-1); // the capture itself is not mutated
  });
});
