import { describe, expect, it } from 'vitest';
import { createStreamReaders, type PanelPort } from '../../../src/content/stream-readers';
import type { RelayToHook } from '../../../src/core/bridge/messages';

/** A stand-in port: the reader set only compares ports by identity. */
const port = (): PanelPort => ({}) as PanelPort;

function readers() {
  const told: RelayToHook[] = [];
  return { told, r: createStreamReaders({ send: (m) => told.push(m) }) };
}

describe('stream readers of one relay', () => {
  it('starts the hook for the first reader from its mark, and stops it when the last one pauses or leaves', () => {
    const { told, r } = readers();
    const a = port();
    r.addPort(a);
    expect(told).toEqual([]);
    r.start(a, 40, [38]);
    expect(told).toEqual([{ kind: 'relay-start', after: 40, pending: [38] }]);
    r.start('hub', 50);
    r.pause(a);
    expect(told).toHaveLength(1); // the hub still reads
    r.remove('hub');
    expect(told.at(-1)).toEqual({ kind: 'relay-stop' });
    r.start(a, 60);
    expect(told.at(-1)).toEqual({ kind: 'relay-start', after: 60 });
    r.remove(a);
    expect(told.at(-1)).toEqual({ kind: 'relay-stop' });
    expect(told).toHaveLength(4);
  });

  it('moves the stream back for a reader behind the others, never forward past what they got', () => {
    const { told, r } = readers();
    const a = port();
    const b = port();
    r.start(a, 0);
    r.sent(100); // a got up to 100
    r.start(b, 30);
    expect(told.at(-1)).toEqual({ kind: 'relay-start', after: 30 });
    r.sent(100);
    r.start('hub', 500); // a mark from beyond the stream: a and b would miss 101…500
    expect(told).toHaveLength(2); // not behind: nothing to resend
    r.start(b, 100, [90]); // level, but with previews it is owed
    expect(told.at(-1)).toEqual({ kind: 'relay-start', after: 100, pending: [90] });
    r.sent(0); // a fill says nothing about the live position
    r.start('hub', 120);
    expect(told).toHaveLength(3);
  });

  it('sends live batches to active ports, fills to paused ones too', () => {
    const { r } = readers();
    const a = port();
    const b = port();
    r.addPort(a);
    r.addPort(b);
    r.start(a, 0);
    const live: PanelPort[] = [];
    const fill: PanelPort[] = [];
    r.forEachPort(false, (p) => live.push(p));
    r.forEachPort(true, (p) => fill.push(p));
    expect(live).toEqual([a]);
    expect(fill).toEqual([a, b]);
    expect(r.reads(a)).toBe(true);
    expect(r.reads(b)).toBe(false);
    expect(r.reads('hub')).toBe(false);
    r.remove(b);
    const after: PanelPort[] = [];
    r.forEachPort(true, (p) => after.push(p));
    expect(after).toEqual([a]);
  });
});
