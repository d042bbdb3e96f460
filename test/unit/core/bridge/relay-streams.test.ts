import { describe, expect, it } from 'vitest';
import { createRelayStreams } from '../../../../src/core/bridge/relay-streams';
import { createLinkPair, type Link } from '../../../../src/core/bridge/link';
import type { EventBatch, PanelToRelay, RelayInfo, RelayToPanel } from '../../../../src/core/bridge/messages';

const delivered = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const batchText = (src: string, seq: number, fill = false): string =>
  JSON.stringify({ kind: 'hook-batch', last: fill ? 0 : seq, batch: { src, frameUrl: 'https://a.example/', top: true, ...(fill ? { fill: true } : {}), events: [{ type: 'page-navigation', t: 1, seq, url: 'https://a.example/' }] } });

/** Stream ports whose relay ends the test holds. */
function streams(marks: Record<string, number> = {}, pending: Record<string, number[]> = {}, now?: () => number) {
  const relays = new Map<string, { end: Link<PanelToRelay, RelayToPanel>; got: PanelToRelay[] }>();
  const opened: RelayInfo[] = [];
  const batches: { batch: EventBatch; frameId: number }[] = [];
  const s = createRelayStreams({
    connect: (info) => {
      if (info.tabId === 99) throw new Error('no such tab');
      opened.push(info);
      const [panelEnd, relayEnd] = createLinkPair<RelayToPanel, PanelToRelay>({ name: 'stream' });
      const got: PanelToRelay[] = [];
      const end = relayEnd as unknown as Link<PanelToRelay, RelayToPanel>;
      end.onMessage((m) => got.push(m));
      relays.set(info.src, { end, got });
      return panelEnd as unknown as Link<RelayToPanel, PanelToRelay>;
    },
    marks: () => marks,
    pending: () => pending,
    onBatch: (batch, frameId) => batches.push({ batch, frameId }),
    ...(now ? { now } : {}),
  });
  return { s, relays, opened, batches };
}

describe('panel stream ports (direct path)', () => {
  it('opens one port per announced relay, starts it from the mark, and ignores a repeat announcement', async () => {
    const x = streams({ a: 7 }, { a: [5, 6] });
    x.s.add([
      { tabId: 1, frameId: 0, src: 'a', documentId: 'D1' },
      { tabId: 1, frameId: 3, src: 'b' },
    ]);
    x.s.add([{ tabId: 1, frameId: 0, src: 'a', documentId: 'D1' }]); // after a hub restart
    x.s.add([{ tabId: 99, frameId: 0, src: 'gone' }]);
    await delivered();
    expect(x.opened.map((r) => r.src)).toEqual(['a', 'b']);
    expect(x.s.size).toBe(2);
    expect(x.relays.get('a')!.got).toEqual([{ kind: 'panel-start', src: 'a', after: 7, pending: [5, 6], pull: true }]);
    expect(x.relays.get('b')!.got).toEqual([{ kind: 'panel-start', src: 'b', after: 0, pull: true }]);
  });

  it('parses and validates each batch against its relay, and marks a popup relay not top', async () => {
    const x = streams();
    x.s.add([{ tabId: 2, frameId: 5, src: 'p', notTop: true }]);
    const p = x.relays.get('p')!.end;
    p.post({ kind: 'relay-batch-text', text: batchText('p', 1) });
    p.post({ kind: 'relay-batch-text', text: batchText('someone-else', 2) }); // wrong source: refused
    p.post({ kind: 'relay-batch-text', text: '{"kind":"hook-batch","last":3,"batch":' }); // cut text: refused
    await delivered();
    expect(x.batches).toHaveLength(1);
    expect(x.batches[0]!.frameId).toBe(5);
    expect(x.batches[0]!.batch.top).toBe(false);
  });

  it('while paused passes only fills, and resumes every port from the marks', async () => {
    const marks: Record<string, number> = {};
    const x = streams(marks);
    x.s.add([{ tabId: 1, frameId: 0, src: 'a' }]);
    const a = x.relays.get('a')!;
    x.s.pause();
    x.s.fillAll();
    a.end.post({ kind: 'relay-batch-text', text: batchText('a', 1) });
    a.end.post({ kind: 'relay-batch-text', text: batchText('a', 1, true) });
    await delivered();
    expect(x.batches.map((b) => b.batch.fill === true)).toEqual([true]);
    marks.a = 40;
    x.s.resume();
    await delivered();
    expect(a.got).toEqual([{ kind: 'panel-start', src: 'a', after: 0, pull: true }, { kind: 'panel-pause' }, { kind: 'panel-fill-all' }, { kind: 'panel-start', src: 'a', after: 40, pull: true }]);
  });

  it('forgets a port whose relay went away, so the relay can be announced again', async () => {
    const x = streams();
    x.s.add([{ tabId: 1, frameId: 0, src: 'a' }]);
    x.relays.get('a')!.end.disconnect(); // back/forward cache, navigation
    await delivered();
    expect(x.s.size).toBe(0);
    x.s.add([{ tabId: 1, frameId: 0, src: 'a' }]);
    expect(x.opened).toHaveLength(2);
    x.s.close();
    expect(x.s.size).toBe(0);
  });

  it('a paused set opens announced ports without starting them', async () => {
    const x = streams();
    x.s.pause();
    x.s.add([{ tabId: 1, frameId: 0, src: 'a' }]);
    await delivered();
    expect(x.relays.get('a')!.got).toEqual([]);
  });

  it('pulls after each live batch it ingested, at a pace from its measured cost; never after a fill or while paused', async () => {
    let clock = 0;
    const x = streams({}, {}, () => (clock += 0.5)); // each batch: 0.5 ms for its one event
    x.s.add([{ tabId: 1, frameId: 0, src: 'a' }]);
    const a = x.relays.get('a')!;
    a.end.post({ kind: 'relay-batch-text', text: batchText('a', 1) });
    a.end.post({ kind: 'relay-batch-text', text: batchText('a', 1, true) });
    await delivered();
    // 0.5 ms per event × 4 (whole cost) = 2 ms: 10 % of 250 ms fits 12, clamped up to 16.
    expect(a.got.slice(1)).toEqual([{ kind: 'panel-pull', max: 16, gapMs: 250 }]);
    a.end.post({ kind: 'relay-batch-text', text: batchText('someone-else', 2) }); // refused, but the stream must not stall
    await delivered();
    expect(a.got.filter((m) => m.kind === 'panel-pull')).toHaveLength(2);
    x.s.pause();
    a.end.post({ kind: 'relay-batch-text', text: batchText('a', 3) }); // dropped while paused
    await delivered();
    expect(a.got.filter((m) => m.kind === 'panel-pull')).toHaveLength(2);
  });

  it('an export waits for every relay asked to fill all to say its hook caught up, or for its port to close', async () => {
    const x = streams();
    x.s.add([
      { tabId: 1, frameId: 0, src: 'a' },
      { tabId: 1, frameId: 1, src: 'b' },
    ]);
    expect(x.s.catchingUp).toBe(false);
    x.s.fillAll();
    expect(x.s.catchingUp).toBe(true);
    const done = JSON.stringify({ kind: 'hook-batch', last: 0, batch: { src: 'a', frameUrl: 'https://a.example/', top: true, events: [], fill: true, caughtUp: true } });
    x.relays.get('a')!.end.post({ kind: 'relay-batch-text', text: done });
    await delivered();
    expect(x.s.catchingUp).toBe(true); // b has not answered
    x.relays.get('b')!.end.disconnect();
    await delivered();
    expect(x.s.catchingUp).toBe(false);
  });
});
