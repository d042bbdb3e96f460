/**
 * The capture state: connection lifecycles, including sockets whose document went away.
 */
import { describe, expect, it } from 'vitest';
import { applyEvent, createCaptureState } from '../../../../src/core/store/capture-state';
import type { TraceEvent, UnsequencedEvent } from '../../../../src/core/events';

const build = (evs: UnsequencedEvent[]): TraceEvent[] => evs.map((e, i) => ({ ...e, seq: i + 1 }) as TraceEvent);

describe('capture state', () => {
  it('a top-level navigation ends the old document’s sockets that never closed; closed ones keep their close', () => {
    const s = createCaptureState();
    for (const e of build([
      { t: 1, type: 'page-navigation', url: 'https://a/' },
      { t: 2, type: 'ws-create', conn: 'a.1', url: 'wss://a/s', protocols: [], frameUrl: 'https://a/' },
      { t: 3, type: 'ws-open', conn: 'a.1', protocol: '', extensions: '' },
      { t: 4, type: 'ws-close', conn: 'a.1', code: 1006, reason: '', wasClean: false },
      { t: 5, type: 'ws-create', conn: 'a.2', url: 'wss://a/s', protocols: [], frameUrl: 'https://a/' },
      { t: 6, type: 'ws-open', conn: 'a.2', protocol: '', extensions: '' },
      { t: 9, type: 'page-navigation', url: 'https://a/' },
      { t: 10, type: 'ws-create', conn: 'b.1', url: 'wss://a/s', protocols: [], frameUrl: 'https://a/' },
    ])) applyEvent(s, e);
    expect(s.connections.get('a.1')).toMatchObject({ status: 'closed', closeCode: 1006 });
    expect(s.connections.get('a.2')).toMatchObject({ status: 'gone', goneT: 9 });
    expect(s.connections.get('b.1')!.status).toBe('connecting');
  });
});
