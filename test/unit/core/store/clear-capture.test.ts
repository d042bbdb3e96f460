/**
 * Clear and its Undo over a capture state: the fresh capture keeps the marks (the same object)
 * and the create and open of each socket still open, renumbered from seq 1; a closed socket
 * keeps nothing; Undo puts the cleared events back in front of what arrived since.
 */
import { describe, expect, it } from 'vitest';
import { clearCapture, undoClear } from '../../../../src/core/store/clear-capture';
import { ingestBatch } from '../../../../src/core/store/ingest';
import { createCaptureState } from '../../../../src/core/store/capture-state';
import type { TraceEvent } from '../../../../src/core/events';
import { skipSyncEvents } from '../view/fixtures';

const SRC = 'hook-1';
const live = (events: TraceEvent[]) => {
  const s = createCaptureState();
  ingestBatch(s, { src: SRC, frameUrl: 'https://app.example.com/', top: true, events });
  return s;
};

describe('clearCapture', () => {
  it('keeps the marks and the open sockets’ create and open; the cleared state is unchanged', () => {
    const evs = skipSyncEvents();
    const before = live(evs);
    const n = before.events.length;
    const { state, kept } = clearCapture(before);
    expect(state.marks).toBe(before.marks);
    expect(state.marks[SRC]).toBe(evs[evs.length - 1]!.seq);
    // a.1 closed: nothing of it; a.2 still open: its create and open, renumbered.
    expect(kept).toBe(2);
    expect(state.events.map((e) => [e.seq, e.type, 'conn' in e ? e.conn : ''])).toEqual([[1, 'ws-create', 'a.2'], [2, 'ws-open', 'a.2']]);
    expect(state.connOrder).toEqual(['a.2']);
    expect(state.connections.get('a.2')).toMatchObject({ status: 'open', url: 'wss://app.example.com/v1/stream?token=tok', framesIn: 0, openT: evs[10]!.t });
    expect(before.events.length).toBe(n);
    // The hooks re-sending what was cleared adds nothing.
    expect(ingestBatch(state, { src: SRC, frameUrl: '', top: true, events: evs }).added).toBe(0);
  });

  it('keeps nothing when every socket is closed', () => {
    const evs = skipSyncEvents().slice(0, 9);
    expect(clearCapture(live(evs))).toMatchObject({ kept: 0, state: { events: [] } });
  });
});

describe('undoClear', () => {
  it('puts the cleared events back in front of what arrived since, renumbered, with the latest marks', () => {
    const evs = skipSyncEvents();
    const before = live(evs.slice(0, 12));
    const cleared = clearCapture(before);
    ingestBatch(cleared.state, { src: SRC, frameUrl: '', top: true, events: evs.slice(12), owed: [evs[13]!.seq] });
    const restored = undoClear(before, cleared);
    expect(restored.events.map((e) => e.seq)).toEqual(evs.map((_, i) => i + 1));
    expect(restored.events.map((e) => e.type)).toEqual(evs.map((e) => e.type));
    expect(restored.marks[SRC]).toBe(evs[evs.length - 1]!.seq);
    expect(restored.connections.get('a.2')!.framesIn).toBe(3);
    expect([...restored.pendingPreviews]).toEqual([[`${SRC} ${evs[13]!.seq}`, 13]]);
  });
});
