/**
 * HAR ids stay unique however the entries' `_wavetrace` ids collide with each other or with
 * the generated `har-<index>` ids.
 */
import { describe, expect, it } from 'vitest';
import { readTraceOrHar } from '../../../../src/core/trace';

const ws = (url: string, t: string, wavetrace?: object) => ({ startedDateTime: t, request: { url }, response: { status: 101 }, _resourceType: 'websocket', _webSocketMessages: [], ...(wavetrace ? { _wavetrace: wavetrace } : {}) });

describe('HAR connection ids', () => {
  it('a _wavetrace id equal to a later generated id does not collide', () => {
    const har = { log: { entries: [ws('wss://h/x', '2024-06-01T10:00:00Z', { conn: 'har-1', createT: 1717236000000 }), ws('wss://h/x', '2024-06-01T10:00:01Z')] } };
    const r = readTraceOrHar(JSON.stringify(har));
    const ids = r.trace.events.filter((e) => e.type === 'ws-create').map((e) => ('conn' in e ? e.conn : ''));
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it('two entries with the same _wavetrace id both import', () => {
    const har = { log: { entries: [ws('wss://h/x', '2024-06-01T10:00:00Z', { conn: 'har-1', createT: 1717236000000 }), ws('wss://h/x', '2024-06-01T10:00:01Z', { conn: 'har-1', createT: 1717236001000 })] } };
    const r = readTraceOrHar(JSON.stringify(har));
    expect(r.trace.events.filter((e) => e.type === 'ws-create')).toHaveLength(2);
    expect(r.warnings.join(' ')).toMatch(/duplicate _wavetrace id/);
  });
});
