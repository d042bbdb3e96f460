/**
 * Faults in force, derived from recorded events only (src/core/view/fault-track.ts): what the
 * banner shows after a reload, and why a faulted frame was kept from the page.
 */
import { describe, expect, it } from 'vitest';
import { FaultTrack } from '../../../../src/core/view/fault-track';
import type { FaultEvent, TraceEvent } from '../../../../src/core/events';

let seq = 0;
const fault = (t: number, f: Partial<FaultEvent>): TraceEvent => ({ seq: ++seq, t, type: 'fault', origin: 'panel', kind: 'drop', ...f }) as TraceEvent;
const msg = (t: number, conn: string, faulted?: boolean): TraceEvent => ({ seq: ++seq, t, type: 'ws-message', conn, opcode: 1, size: 2, data: '{}', encoding: 'text', ...(faulted ? { faulted } : {}) }) as TraceEvent;
const close = (t: number, conn: string): TraceEvent => ({ seq: ++seq, t, type: 'ws-close', conn, code: 1006, reason: '', wasClean: false }) as TraceEvent;
const kinds = (tr: FaultTrack, now: number) => tr.active(now).map((a) => `${a.kind}${a.conn !== undefined ? ` ${a.conn}` : ''}${a.endpoint ? ` ${a.endpoint}` : ''}${a.left !== undefined ? ` left ${a.left}` : ''}${a.untilT !== undefined ? ` until ${a.untilT}` : ''}`);

describe('fault track', () => {
  it('a freeze lasts until thawed, its time runs out, or the socket closes; frames it kept say so', () => {
    const ev: TraceEvent[] = [fault(1000, { kind: 'freeze', conn: 'a.1', ms: 5000 }), msg(1100, 'a.1', true)];
    const tr = new FaultTrack();
    tr.advance(ev);
    expect(kinds(tr, 2000)).toEqual(['freeze a.1 until 6000']);
    expect(kinds(tr, 6000)).toEqual([]);
    expect(tr.keptBy(ev[1]!.seq)).toBe('freeze');
    ev.push(fault(1200, { kind: 'thaw', conn: 'a.1' }));
    tr.advance(ev);
    expect(kinds(tr, 2000)).toEqual([]);
    ev.push(fault(1300, { kind: 'freeze', conn: 'a.1' }));
    tr.advance(ev);
    expect(kinds(tr, 99_000)).toEqual(['freeze a.1']);
    ev.push(close(1400, 'a.1'));
    tr.advance(ev);
    expect(kinds(tr, 2000)).toEqual([]);
    expect(tr.faults.map((f) => f.kind)).toEqual(['freeze', 'thaw', 'freeze']);
  });

  it('a skip counts down the frames it kept (not those a freeze kept); a timed freeze running out leaves it armed', () => {
    const ev: TraceEvent[] = [fault(0, { kind: 'freeze', conn: 'a.1', ms: 100 }), fault(1, { kind: 'skip', conn: 'a.1', count: 2 }), msg(2, 'a.1', true)];
    const tr = new FaultTrack();
    tr.advance(ev);
    expect(kinds(tr, 50)).toEqual(['freeze a.1 until 100', 'skip a.1 left 2']);
    ev.push(fault(100, { kind: 'thaw', conn: 'a.1', ms: 100 }), msg(101, 'a.1', true));
    tr.advance(ev);
    expect(tr.keptBy(ev[2]!.seq)).toBe('freeze');
    expect(tr.keptBy(ev[4]!.seq)).toBe('skip');
    expect(kinds(tr, 102)).toEqual(['skip a.1 left 1']);
    ev.push(msg(103, 'a.1', true), msg(104, 'a.1'));
    tr.advance(ev);
    expect(kinds(tr, 105)).toEqual([]);
  });

  it('a drop ends the freeze at once; frames after it were kept because the socket was closing', () => {
    const ev: TraceEvent[] = [fault(0, { kind: 'freeze', conn: 'a.1' }), fault(10, { kind: 'drop', conn: 'a.1' }), msg(11, 'a.1', true)];
    const tr = new FaultTrack();
    tr.advance(ev);
    expect(kinds(tr, 12)).toEqual([]);
    expect(tr.keptBy(ev[2]!.seq)).toBe('close');
  });

  it('refuse runs for ms or until thawed; fail-sync counts made-up answers and a sync-endpoint thaw disarms it', () => {
    const ev: TraceEvent[] = [
      fault(0, { kind: 'refuse', endpoint: 'ws://h/v1', ms: 3000 }),
      fault(5, { kind: 'refuse', conn: 'a.2', endpoint: 'ws://h/v1' }),
      fault(10, { kind: 'fail-sync', count: 2, status: 503 }),
      { seq: ++seq, t: 20, type: 'http-response', req: 1, status: 503, synthetic: true } as TraceEvent,
      { seq: ++seq, t: 21, type: 'http-response', req: 2, status: 200 } as TraceEvent,
    ];
    const tr = new FaultTrack();
    tr.advance(ev);
    expect(kinds(tr, 100)).toEqual(['refuse ws://h/v1 until 3000', 'fail-sync left 1']);
    expect(kinds(tr, 3000)).toEqual(['fail-sync left 1']);
    ev.push(fault(30, { kind: 'thaw', endpoint: 'ws://h/v1' }), fault(31, { kind: 'thaw', endpoint: '/v1/sync' }));
    tr.advance(ev);
    expect(kinds(tr, 100)).toEqual([]);
  });

  it('a page navigation ends every fault; a new (or cleared) capture starts over', () => {
    const ev: TraceEvent[] = [fault(0, { kind: 'fail-sync', count: 1, status: 'network' }), { seq: ++seq, t: 1, type: 'page-navigation', url: 'http://h/' } as TraceEvent];
    const tr = new FaultTrack();
    tr.advance(ev.slice(0, 1));
    expect(kinds(tr, 1)).toEqual(['fail-sync left 1']);
    tr.advance(ev);
    expect(kinds(tr, 1)).toEqual([]);
    tr.advance([]);
    expect(tr.faults).toEqual([]);
  });
});
