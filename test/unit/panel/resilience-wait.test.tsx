// @vitest-environment happy-dom
/**
 * The panel's *Resilience check…* Start on a protocol no preset matches
 * (docs/design.md#panel-and-viewer): it waits for enough traffic to learn the protocol (with
 * Cancel) and builds the plan from the learned profile, or says nothing could be learned; it
 * never runs the default profile's plan on another protocol.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import type { TraceEvent, UnsequencedEvent } from '../../../src/core/events';
import type { FaultCommand } from '../../../src/core/fault/fault-command';
import { LEARN_FRAMES } from '../../../src/core/fault/profile-wait';
import { PanelStore } from '../../../src/panel/store';
import { ResilienceStrip } from '../../../src/panel/resilience-strip';
import { resilienceOf, resilienceStripOpen } from '../../../src/panel/resilience-session';
import { resilienceWaitOf } from '../../../src/panel/resilience-wait';
import { manualScheduler } from './harness';

const T0 = 1_700_000_000_000;
const PAGE = 'http://127.0.0.1:9000/';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A live store on one connection of an own feed protocol (`{"type":"update","seq":N}`), with `frames` frames so far. */
function feedStore(frames: number): { store: PanelStore; sent: FaultCommand[]; more(n: number): void } {
  const store = new PanelStore(manualScheduler(), () => Date.now());
  const sent: FaultCommand[] = [];
  store.requestFault = (c) => void sent.push(c);
  let seq = 0;
  let n = 0;
  const push = (events: UnsequencedEvent[]): void => {
    store.ingest({ src: 'hook-1', frameUrl: PAGE, top: true, events: events.map((e) => ({ ...e, seq: ++seq }) as TraceEvent) });
  };
  const more = (k: number): void => {
    const ev: UnsequencedEvent[] = [];
    for (let i = 0; i < k; i++) {
      const data = JSON.stringify({ type: 'update', seq: ++n });
      ev.push({ type: 'ws-message', t: T0 + 100 * n, conn: 'c1', opcode: 1, size: data.length, data, encoding: 'text', truncated: false });
    }
    push(ev);
  };
  push([
    { type: 'ws-create', t: T0, conn: 'c1', url: 'ws://127.0.0.1:9000/feed', protocols: [], frameUrl: PAGE },
    { type: 'ws-open', t: T0 + 5, conn: 'c1', protocol: '', extensions: '' },
  ]);
  more(frames);
  store.flush();
  return { store, sent, more };
}

function openStrip(store: PanelStore) {
  resilienceStripOpen(store).value = true;
  return render(<ResilienceStrip store={store} />);
}

describe('Resilience check… on a protocol no preset matches', () => {
  it('Start waits for enough traffic, then builds the plan from the learned profile', async () => {
    const { store, sent, more } = feedStore(3);
    const { getByTestId, getByText, queryByTestId } = openStrip(store);
    // Not the default profile's plan: the strip says Start learns the protocol first.
    expect(getByTestId('resilience-learn-first').textContent).toContain('No preset matches this protocol: Start first waits for enough traffic to learn it');
    expect(queryByTestId('resilience-strip')!.textContent).not.toContain('Failing catch-up');
    fireEvent.click(getByText('Start'));
    expect(getByTestId('resilience-wait').textContent).toContain(`waiting for enough traffic to learn it (3 of ${LEARN_FRAMES} frames of the first connection)`);
    expect(getByText('Cancel')).toBeTruthy();
    expect(resilienceOf(store).value).toBeUndefined();
    expect(sent).toEqual([]);
    await act(() => {
      more(8);
      vi.advanceTimersByTime(200);
    });
    expect(getByTestId('resilience-wait').textContent).toContain(`(11 of ${LEARN_FRAMES} frames`);
    await act(() => {
      more(LEARN_FRAMES - 11);
      vi.advanceTimersByTime(200);
    });
    const session = resilienceOf(store).value!;
    expect(session.running.value).toBe(true);
    expect(resilienceWaitOf(store).value).toBeUndefined();
    // The plan of the learned profile: no catch-up to fail, no heartbeat to miss, no auth close
    // code to send (the default profile would have run all three).
    expect(store.profile.value.learned).toBeDefined();
    expect(session.plan.groups.filter((g) => g.skipped).map((g) => `${g.name}: ${g.skipped}`)).toEqual([
      'Failing catch-up: the profile has no catch-up step (no sync)',
      'Half-open link: the profile has no heartbeat: a client cannot be expected to notice a silent link',
      'Auth close: the profile has no close code of kind "auth"',
    ]);
    await act(() => session.cancel());
  });

  it('Cancel ends the wait: nothing is started, Start is offered again', async () => {
    const { store, sent } = feedStore(3);
    const { getByText, queryByTestId } = openStrip(store);
    fireEvent.click(getByText('Start'));
    await act(() => {
      fireEvent.click(getByText('Cancel'));
    });
    expect(resilienceWaitOf(store).value).toBeUndefined();
    expect(queryByTestId('resilience-wait')).toBeNull();
    expect(getByText('Start')).toBeTruthy();
    await act(() => {
      vi.advanceTimersByTime(20_000);
    });
    expect(resilienceOf(store).value).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('says so when nothing can be learned within the wait, and runs nothing', async () => {
    const { store, sent } = feedStore(1);
    const { getByText, getByRole } = openStrip(store);
    fireEvent.click(getByText('Start'));
    await act(() => {
      vi.advanceTimersByTime(15_200);
    });
    expect(getByRole('alert').textContent).toMatch(/^nothing learned: the first connection carried 1 frame\(s\) in 15\.\d s: choose a profile in the profile menu to run the check$/);
    expect(resilienceOf(store).value).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('with no connection yet it waits for one, and says so when none came', async () => {
    const store = new PanelStore(manualScheduler(), () => Date.now());
    const sent: FaultCommand[] = [];
    store.requestFault = (c) => void sent.push(c);
    const { getByTestId, getByText, getByRole } = openStrip(store);
    expect(getByTestId('resilience-learn-first').textContent).toContain('No connection yet: Start first waits for one (at most 15.0 s)');
    fireEvent.click(getByText('Start'));
    expect(getByTestId('resilience-wait').textContent).toContain('No connection yet: waiting for one to learn its protocol.');
    await act(() => {
      vi.advanceTimersByTime(15_200);
    });
    expect(getByRole('alert').textContent).toMatch(/^no WebSocket connection in 15\.\d s: nothing to learn a profile from: choose a profile in the profile menu to run the check$/);
    expect(resilienceOf(store).value).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('a chosen profile starts at once, with its own plan', () => {
    const { store } = feedStore(3);
    store.setProfileChoice({ kind: 'named', name: 'scaiwave' });
    const { getByText } = openStrip(store);
    fireEvent.click(getByText('Start'));
    expect(resilienceWaitOf(store).value).toBeUndefined();
    const session = resilienceOf(store).value!;
    expect(session.running.value).toBe(true);
    expect(session.plan.groups.filter((g) => g.skipped)).toEqual([]);
    session.cancel();
  });
});
