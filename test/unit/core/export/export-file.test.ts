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
import { Scenario, T0 as SCENARIO_T0 } from '../analysis/scenario';

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

  it('still waiting for their full preview are written with the short one, marked previewLost (a Blob frame says blobUnread instead)', () => {
    const live: TraceEvent[] = [
      { seq: 1, t: T0, type: 'ws-create', conn: 'c', url: 'wss://a.example/ws', protocols: [], frameUrl: 'https://a.example/' },
      { seq: 2, t: T0 + 1, type: 'ws-message', conn: 'c', opcode: 1, size: -1, data: 'x'.repeat(8), encoding: 'text', truncated: true },
      { seq: 3, t: T0 + 2, type: 'ws-message', conn: 'c', opcode: 2, size: 9000, data: 'AAEC', encoding: 'base64', truncated: true },
      { seq: 4, t: T0 + 3, type: 'ws-message', conn: 'c', opcode: 2, size: 12, data: '', encoding: 'base64', truncated: true, blobUnread: true },
      { seq: 5, t: T0 + 4, type: 'ws-message', conn: 'c', opcode: 1, size: 5, data: 'hello', encoding: 'text', truncated: false },
    ];
    const file = buildExport(live, { format: 'trace', redact: false, pending: [1, 2, 3] });
    const frames = readTraceOrHar(file.bytes).trace.events.filter((e) => e.type === 'ws-message');
    expect(frames.map((e) => [e.size, e.truncated, e.previewLost ?? false, e.blobUnread ?? false])).toEqual([
      [8, true, true, false],
      [9000, true, true, false],
      [12, true, false, true],
      [5, false, false, false],
    ]);
    expect(live[2]).not.toHaveProperty('previewLost'); // the capture itself is not mutated
  });
});

describe('recovery records in the HAR export', () => {
  /** A drop by the panel; the client reconnects 100 ms later without calling /v1/sync. */
  function droppedEvents(): TraceEvent[] {
    const s = new Scenario().session(1, { positions: [1, 2], openForMs: 15000, code: null });
    s.push({ type: 'fault', kind: 'drop', conn: 1, origin: 'panel' }).push({ type: 'ws-error', conn: 1, synthetic: true }).push({ type: 'ws-close', conn: 1, code: 1006, reason: '', wasClean: false, synthetic: true });
    s.wait(100).connect(2, 'wss://api.example.com/v1/stream?token=secret-token').wait(10).data(2, 5).wait(3000);
    return s.build();
  }
  const now = new Date(SCENARIO_T0 + 20000);

  it('log._wavetrace.recoveries holds the records check prints (redacted trace), as the analysis of the exported trace', () => {
    const file = buildExport(droppedEvents(), { format: 'har', profile: 'scaiwave', page: 'https://app.example.com/', now });
    const text = new TextDecoder().decode(file.bytes);
    expect(text).not.toContain('secret-token');
    const har = JSON.parse(text);
    const recs = har.log._wavetrace.recoveries;
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ kind: 'drop', conn: 1, verdict: 'failed' });
    expect(recs[0].steps.map((s: { rule: string; ok: boolean | null }) => `${s.rule}:${String(s.ok)}`)).toEqual(['reconnected:true', 'reconnect-delay:true', 'synced:false']);
    // The same records as the analysis of the exported (redacted) trace.
    const trace = JSON.parse(new TextDecoder().decode(buildExport(droppedEvents(), { format: 'trace', profile: 'scaiwave', now }).bytes));
    expect(recs).toEqual(JSON.parse(JSON.stringify(analyze(trace.events, SCAIWAVE_PROFILE, { endT: now.getTime() }).recoveries)));
  });

  it('a HAR round trip keeps the faults: the imported HAR judges the close as injected and gives the same recovery steps', () => {
    const file = buildExport(droppedEvents(), { format: 'har', profile: 'scaiwave', page: 'https://app.example.com/', now });
    const back = readTraceOrHar(file.bytes);
    const a = analyze(back.trace.events, SCAIWAVE_PROFILE, { endT: now.getTime() });
    expect(back.trace.events.filter((e) => e.type === 'fault').map((e) => [e.kind, e.conn, e.origin])).toEqual([['drop', 1, 'panel']]);
    expect(a.findings.map((f) => f.code)).not.toContain('close-abnormal');
    expect(a.findings.map((f) => f.code)).toContain('fault-injected');
    expect(a.recoveries).toHaveLength(1);
    expect(a.recoveries[0]!.steps.map((s) => s.rule)).toContain('synced');
    expect(a.recoveries[0]!.verdict).toBe('failed');
  });

  it('no faults or no usable profile: no recoveries field', () => {
    const plain = new Scenario().session(1, { positions: [1], code: 1000 }).build();
    expect(JSON.parse(new TextDecoder().decode(buildExport(plain, { format: 'har', profile: 'scaiwave', now }).bytes)).log._wavetrace).not.toHaveProperty('recoveries');
    expect(JSON.parse(new TextDecoder().decode(buildExport(droppedEvents(), { format: 'har', profile: 'auto', now }).bytes)).log._wavetrace).not.toHaveProperty('recoveries');
  });

  it('the trace file stays the events: no recoveries in it', () => {
    const file = buildExport(droppedEvents(), { format: 'trace', profile: 'scaiwave', now });
    expect(new TextDecoder().decode(file.bytes)).not.toContain('recoveries');
  });
});
