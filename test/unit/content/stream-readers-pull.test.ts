/**
 * Pulling readers of one relay (docs/design.md#ring-buffer-and-streaming): the hook holds
 * events only while every active reader pulls; one push reader (the hub, the Playwright
 * fixture) means push, exactly as before. A pull reaches the hook once per live batch at most.
 */
import { describe, expect, it } from 'vitest';
import { createStreamReaders, type PanelPort } from '../../../src/content/stream-readers';
import type { RelayToHook } from '../../../src/core/bridge/messages';

const port = (): PanelPort => ({}) as PanelPort;

function readers() {
  const told: RelayToHook[] = [];
  return { told, r: createStreamReaders({ send: (m) => told.push(m) }) };
}

describe('pulling readers of one relay', () => {
  it('puts the hook in pull mode while every active reader pulls, and back to push when a push reader joins', () => {
    const { told, r } = readers();
    const a = port();
    r.addPort(a);
    r.start(a, 0, undefined, true);
    expect(told).toEqual([{ kind: 'relay-demand', pull: true }, { kind: 'relay-start', after: 0 }]);
    r.start('hub', 0); // the hub's readers take pushed batches
    expect(told.at(-1)).toEqual({ kind: 'relay-demand', pull: false });
    r.pull(a, { max: 100, gapMs: 250 });
    expect(told.filter((m) => m.kind === 'relay-pull')).toEqual([]); // the hook pushes anyway
    r.remove('hub');
    expect(told.at(-1)).toEqual({ kind: 'relay-demand', pull: true });
    r.pause(a);
    expect(told.slice(-2)).toEqual([{ kind: 'relay-demand', pull: false }, { kind: 'relay-stop' }]);
  });

  it('a push reader alone never changes the mode (an old hook or the fixture sees today’s messages only)', () => {
    const { told, r } = readers();
    r.start('hub', 0);
    r.pause('hub');
    expect(told.map((m) => m.kind)).toEqual(['relay-start', 'relay-stop']);
  });

  it('forwards one pull per live batch, with the reader’s pace; a pull before any live batch after a start is not forwarded twice', () => {
    const { told, r } = readers();
    const a = port();
    const b = port();
    r.addPort(a);
    r.addPort(b);
    r.start(a, 0, undefined, true);
    r.start(b, 0, undefined, true);
    const pulls = (): RelayToHook[] => told.filter((m) => m.kind === 'relay-pull');
    r.pull(a, { max: 120.7, gapMs: 250 });
    r.pull(b, { max: 80, gapMs: 250 });
    expect(pulls()).toEqual([{ kind: 'relay-pull', max: 120, gapMs: 250 }]);
    r.sent(0); // a fill is not a serve
    r.pull(b, { max: 80, gapMs: 250 });
    expect(pulls()).toHaveLength(1);
    r.sent(40); // a live batch went out: the next pull is forwarded
    r.pull(b, { max: 80, gapMs: 250 });
    r.pull(a, { max: 80, gapMs: 250 });
    expect(pulls()).toEqual([
      { kind: 'relay-pull', max: 120, gapMs: 250 },
      { kind: 'relay-pull', max: 80, gapMs: 250 },
    ]);
    r.sent(41);
    r.pull(a, { max: 0, gapMs: 250 }); // not a pace
    r.pull(port(), { max: 10, gapMs: 250 }); // not a reader
    expect(pulls()).toHaveLength(2);
  });
});
