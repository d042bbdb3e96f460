/**
 * `fault` events and the `faulted` / `synthetic` flags in a version-1 trace: read back,
 * validated (one-line errors naming the field), redacted, and marked in the HAR export.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../src/core/events';
import { createTrace } from '../../../../src/core/trace/create-trace';
import { parseTrace } from '../../../../src/core/trace/parse-trace';
import { serializeTrace } from '../../../../src/core/trace/serialize-trace';
import { redactTrace } from '../../../../src/core/trace/redact-trace';
import { exportHar } from '../../../../src/core/har/export-har';
import type { HarWavetraceConnection } from '../../../../src/core/har/har-types';
import { readError } from './helpers';

const T = 1_700_000_000_000;
const events = (): TraceEvent[] =>
  [
    { type: 'ws-create', conn: 'a.1', url: 'wss://api.example.com/v1/stream?token=secret', protocols: [], frameUrl: 'https://app.example.com/' },
    { type: 'ws-open', conn: 'a.1', protocol: '', extensions: '' },
    { type: 'fault', kind: 'freeze', conn: 'a.1', ms: 20000, origin: 'panel' },
    { type: 'ws-message', conn: 'a.1', opcode: 1, size: 15, data: '{"type":"ping"}', encoding: 'text', truncated: false, faulted: true },
    { type: 'fault', kind: 'drop', conn: 'a.1', origin: 'cli' },
    { type: 'ws-error', conn: 'a.1', synthetic: true },
    { type: 'ws-close', conn: 'a.1', code: 1006, reason: '', wasClean: false, synthetic: true },
    { type: 'fault', kind: 'refuse', endpoint: 'wss://api.example.com/v1/stream?token=secret', ms: 5000, origin: 'test' },
    { type: 'fault', kind: 'fail-sync', count: 2, status: 'network', origin: 'test' },
  ].map((e, i) => ({ ...e, seq: i + 1, t: T + i * 10 }) as TraceEvent);

describe('fault events in a trace', () => {
  it('round-trip through a version-1 file with their flags', () => {
    const trace = createTrace(events(), { createdAt: 0 });
    expect(trace.version).toBe(1);
    const back = parseTrace(serializeTrace(trace));
    expect(back.events).toEqual(trace.events);
  });

  it('reject a bad fault with one line naming the field', () => {
    const bad = (patch: Record<string, unknown>, index = 2) => {
      const evs = events().map((e) => ({ ...e })) as unknown as Record<string, unknown>[];
      Object.assign(evs[index]!, patch);
      return readError(() => parseTrace(JSON.stringify({ ...createTrace([], { createdAt: 0 }), events: evs }))).message;
    };
    expect(bad({ kind: 'explode' })).toBe('events[2].kind: expected a fault kind (drop, close, freeze, thaw, refuse, fail-sync, skip)');
    expect(bad({ kind: 'close', code: 999 })).toBe('events[2].code: expected integer 1000..4999');
    expect(bad({ origin: 'page' })).toBe('events[2].origin: expected "panel", "cli" or "test"');
    expect(bad({ faulted: 'yes' }, 3)).toBe('events[3].faulted: expected boolean');
    expect(bad({ synthetic: 1 }, 5)).toBe('events[5].synthetic: expected boolean');
  });

  it('redact the refused endpoint like any URL', () => {
    const r = redactTrace(createTrace(events(), { createdAt: 0 }));
    const refuse = r.events.find((e) => e.type === 'fault' && e.kind === 'refuse');
    expect(refuse && refuse.type === 'fault' && refuse.endpoint).toMatch(/^wss:\/\/api\.example\.com\/v1\/stream\?token=REDACTED~[0-9a-f]{4}$/);
  });

  it('are marked in the HAR export: faulted messages, the synthetic close and the connection faults', () => {
    const har = exportHar(createTrace(events(), { createdAt: 0 }));
    const ws = har.log.entries.find((e) => e._resourceType === 'websocket')!;
    expect(ws._webSocketMessages![0]!._wavetrace).toEqual({ size: 15, truncated: false, faulted: true });
    const wt = ws._wavetrace as HarWavetraceConnection;
    expect(wt.close).toEqual({ t: T + 60, code: 1006, reason: '', wasClean: false, synthetic: true });
    expect(wt.faults).toEqual([
      { t: T + 20, kind: 'freeze', ms: 20000, origin: 'panel' },
      { t: T + 40, kind: 'drop', origin: 'cli' },
    ]);
    const other = har.log._wavetrace!.otherEvents.filter((e) => e.type === 'fault');
    expect(other.map((e) => e.type === 'fault' && e.kind)).toEqual(['refuse', 'fail-sync']);
  });
});
