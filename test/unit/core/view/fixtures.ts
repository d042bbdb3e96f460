/**
 * Small scaiwave captures for view-model tests: a session whose first connection drops (1006)
 * and whose second resumes without /v1/sync (sync-skipped), plus a helper that folds events
 * into a CaptureState.
 */
import { applyEvent, createCaptureState, type CaptureState } from '../../../../src/core/store/capture-state';
import type { TraceEvent } from '../../../../src/core/events';

/** Epoch ms of the first event. */
export const T0 = 1_700_000_000_000;

/** Events with seq 1… and the given offsets (ms from T0). */
export function events(list: Array<[number, Record<string, unknown>]>): TraceEvent[] {
  return list.map(([dt, e], i) => ({ seq: i + 1, t: T0 + dt, ...e }) as TraceEvent);
}

const msg = (conn: string, data: string): Record<string, unknown> => ({ type: 'ws-message', conn, opcode: 1, size: data.length, data, encoding: 'text', truncated: false });
const send = (conn: string, data: string): Record<string, unknown> => ({ type: 'ws-send', conn, opcode: 1, size: data.length, data, encoding: 'text', truncated: false, readyState: 1 });

/** Reconnect after 1006 without sync: the ScaiWave rule "On reconnect → /v1/sync" skipped. */
export function skipSyncEvents(): TraceEvent[] {
  const url = 'wss://app.example.com/v1/stream?token=tok';
  return events([
    [0, { type: 'page-navigation', url: 'https://app.example.com/' }],
    [10, { type: 'ws-create', conn: 'a.1', url, protocols: [], frameUrl: 'https://app.example.com/' }],
    [40, { type: 'ws-open', conn: 'a.1', protocol: '', extensions: '' }],
    [50, msg('a.1', '{"type":"hello","tenant_id":"t-1","stream_position":40}')],
    [100, msg('a.1', '{"type":"event","stream_position":41}')],
    [200, msg('a.1', '{"type":"event","stream_position":42}')],
    [300, msg('a.1', '{"type":"ping"}')],
    [301, send('a.1', '{"type":"pong"}')],
    [15000, { type: 'ws-close', conn: 'a.1', code: 1006, reason: '', wasClean: false }],
    [16000, { type: 'ws-create', conn: 'a.2', url, protocols: [], frameUrl: 'https://app.example.com/' }],
    [16030, { type: 'ws-open', conn: 'a.2', protocol: '', extensions: '' }],
    [16040, msg('a.2', '{"type":"hello","tenant_id":"t-1","stream_position":45}')],
    [16100, msg('a.2', '{"type":"event","stream_position":45}')],
    [16200, msg('a.2', '<img src=x onerror=alert(1)>')],
  ]);
}

/** Folds events into a capture state (keeps their seq). */
export function stateOf(evs: readonly TraceEvent[]): CaptureState {
  const s = createCaptureState();
  for (const e of evs) applyEvent(s, e);
  return s;
}
