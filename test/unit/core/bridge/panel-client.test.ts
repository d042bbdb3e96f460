import { describe, expect, it } from 'vitest';
import { createPanelClient } from '../../../../src/core/bridge/panel-client';
import { createLinkPair, type Link } from '../../../../src/core/bridge/link';
import type { HubToPanel, PanelToHub } from '../../../../src/core/bridge/messages';

/** A panel client over in-memory links whose hub ends the test holds; schedule calls are recorded, not run. */
function client(opts: { failConnects?: number } = {}) {
  const hubEnds: Link<PanelToHub, HubToPanel>[] = [];
  const delays: number[] = [];
  const pending: Array<() => void> = [];
  let fail = opts.failConnects ?? 0;
  createPanelClient({
    tabId: 7,
    connect: () => {
      if (fail > 0) {
        fail--;
        throw new Error('no background yet');
      }
      const [panelEnd, hubEnd] = createLinkPair<PanelToHub, HubToPanel>({ name: 'panel' });
      hubEnds.push(hubEnd as unknown as Link<PanelToHub, HubToPanel>);
      return panelEnd as unknown as Link<HubToPanel, PanelToHub>;
    },
    marks: () => ({}),
    onBatch: () => undefined,
    schedule: (fn, ms) => {
      delays.push(ms);
      pending.push(fn);
    },
  });
  const runScheduled = (): void => {
    for (const f of pending.splice(0)) f();
  };
  return { hubEnds, delays, runScheduled };
}

/** Lets the in-memory links deliver (they do so in microtasks, like ports). */
const delivered = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('panel client reconnects', () => {
  it('at once after a drop, then 50 ms doubling to 2 s while attempts fail', async () => {
    const c = client();
    expect(c.hubEnds).toHaveLength(1);
    c.hubEnds[0]!.disconnect();
    await delivered();
    expect(c.delays).toEqual([0]);
    for (let i = 0; i < 7; i++) {
      c.runScheduled();
      c.hubEnds.at(-1)!.disconnect(); // the new background went away again before saying anything
      await delivered();
    }
    expect(c.delays).toEqual([0, 50, 100, 200, 400, 800, 1600, 2000]);
  });

  it('a message from the hub makes the next drop reconnect at once again', async () => {
    const c = client();
    c.hubEnds[0]!.disconnect();
    await delivered();
    c.runScheduled();
    c.hubEnds[1]!.disconnect();
    await delivered();
    c.runScheduled();
    expect(c.delays).toEqual([0, 50]);
    c.hubEnds[2]!.post({ kind: 'hub-tabs', tabs: [] });
    c.hubEnds[2]!.disconnect();
    await delivered();
    expect(c.delays).toEqual([0, 50, 0]);
  });

  it('a connect that throws (no extension context yet) is retried with the same schedule', () => {
    const c = client({ failConnects: 2 });
    expect(c.hubEnds).toHaveLength(0);
    expect(c.delays).toEqual([0]);
    c.runScheduled();
    expect(c.delays).toEqual([0, 50]);
    c.runScheduled();
    expect(c.hubEnds).toHaveLength(1);
  });
});
