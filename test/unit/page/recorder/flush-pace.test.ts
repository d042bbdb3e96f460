/**
 * Flush pacing while streaming (docs/design.md#ring-buffer-and-streaming): after a small batch
 * the next flush waits `flushIntervalMs`; after a batch of `busyBatchEvents` or more (a page
 * streaming fast) it waits `busyFlushIntervalMs`, so a busy page gets fewer, larger batches.
 * Nothing is lost or sent twice either way.
 */
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../../src/core/bridge/messages';
import { Recorder, type RawEvent } from '../../../../src/page/recorder';
import { fromWireBatch } from '../../../../src/core/bridge/wire-frames';
import { nodeNatives } from '../node-natives';

function setup() {
  const delays: number[] = [];
  const timers: (() => void)[] = [];
  const n = nodeNatives(timers);
  n.setTimeout = ((fn: () => void, ms: number) => {
    timers.push(fn);
    delays.push(ms);
    return 0;
  }) as unknown as typeof setTimeout;
  const batches: EventBatch[] = [];
  const rec = new Recorder(n, (b) => batches.push(fromWireBatch(b)!), { src: 's', frameUrl: 'https://a.example/', top: true });
  const record = (k: number): void => {
    for (let i = 0; i < k; i++) rec.record({ type: 'visibility', t: 1, state: 'visible' } as unknown as RawEvent);
  };
  const runTimers = (): void => {
    for (const f of timers.splice(0)) f();
  };
  return { rec, batches, delays, record, runTimers };
}

describe('flush pacing', () => {
  it('waits the short interval after a small batch and the busy interval after a large one', () => {
    const { rec, batches, delays, record, runTimers } = setup();
    const o = rec.options;
    rec.start(0);
    runTimers(); // the start's own flush (nothing held)
    delays.length = 0;
    record(3);
    expect(delays).toEqual([o.flushIntervalMs]);
    runTimers();
    record(o.busyBatchEvents);
    expect(delays.at(-1)).toBe(o.flushIntervalMs); // the previous batch was small
    runTimers();
    record(1);
    expect(delays.at(-1)).toBe(o.busyFlushIntervalMs); // the previous batch was large
    runTimers();
    record(1);
    expect(delays.at(-1)).toBe(o.flushIntervalMs); // back to the short interval
    runTimers();
    const seqs = batches.flatMap((b) => b.events.map((e) => e.seq));
    expect(seqs).toEqual(Array.from({ length: 5 + o.busyBatchEvents }, (_, i) => i + 1));
  });
});
