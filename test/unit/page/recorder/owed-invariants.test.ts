/**
 * Invariants of the recorder's live preview budget, driven directly with random sequences of
 * frames, quiet periods, export requests (fill all), pagehide flushes and re-attaches (the
 * panel stops listening and a new one attaches with its marks and the previews it still
 * misses): the owed queue's weight never exceeds its bound, and every frame sent short ends
 * exactly once for the panel — filled in full or reported lost.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EventBatch } from '../../../../src/core/bridge/messages';
import { Recorder } from '../../../../src/page/recorder';
import { fromWireBatch } from '../../../../src/core/bridge/wire-frames';
import { nodeNatives } from '../node-natives';

type Op =
  | { k: 'frame'; len: number; binary: boolean }
  | { k: 'wait'; ms: number }
  | { k: 'quiet' }
  | { k: 'export' }
  | { k: 'pagehide' }
  | { k: 'reattach'; long: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ k: fc.constant('frame' as const), len: fc.integer({ min: 0, max: 3000 }), binary: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 2000 }) }) },
  { weight: 2, arbitrary: fc.constant({ k: 'quiet' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'export' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'pagehide' as const }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('reattach' as const), long: fc.boolean() }) },
);

/** A panel as the recorder sees it: marks (last seq), previews it holds short, and how each ended. */
class PanelModel {
  last = 0;
  readonly pending = new Set<number>();
  readonly ends = new Map<number, number>();
  readonly owedEver = new Set<number>();
  readonly problems: string[] = [];
  receive(b: EventBatch): void {
    if (!b.fill) {
      for (const e of b.events) this.last = Math.max(this.last, e.seq);
      for (const s of b.owed ?? []) {
        if (this.owedEver.has(s)) this.problems.push(`seq ${s} owed twice`);
        this.owedEver.add(s);
        this.pending.add(s);
      }
      return;
    }
    for (const e of b.events) this.end(e.seq);
    for (const s of b.lost ?? []) this.end(s);
  }
  private end(seq: number): void {
    if (!this.pending.has(seq)) this.problems.push(`seq ${seq} ended but was not pending`);
    this.pending.delete(seq);
    this.ends.set(seq, (this.ends.get(seq) ?? 0) + 1);
  }
}

function run(ops: readonly Op[], maxEvents: number): void {
  const timers: (() => void)[] = [];
  let clock = 0;
  const n = { ...nodeNatives(timers), now: () => clock };
  const panel = new PanelModel();
  const rec = new Recorder(n, (b) => panel.receive(JSON.parse(JSON.stringify(fromWireBatch(b))) as EventBatch), { src: 's', frameUrl: 'https://app.example/', top: true }, {
    maxEvents, batchMaxEvents: 5, syncFlushEvents: 8, liveBurstBytes: 4000, liveBytesPerSec: 500, livePreviewCap: 64, fillBytesPerFlush: 1500, owedMaxBytes: 8000,
  });
  const runTimers = (k: number): void => {
    for (let i = 0; i < k && timers.length > 0; i++) timers.shift()!();
  };
  const check = (): void => expect(rec.owedWeight).toBeLessThanOrEqual(rec.options.owedMaxBytes);
  rec.start(0);
  for (const o of ops) {
    if (o.k === 'frame') {
      if (o.binary) rec.record({ t: rec.now(), type: 'ws-message', conn: 'c', payload: { opcode: 2, bytes: new Uint8Array(o.len), size: o.len, truncated: false, weight: o.len } });
      else {
        const text = 'é'.repeat(o.len);
        rec.record({ t: rec.now(), type: 'ws-message', conn: 'c', payload: { opcode: 1, text, size: -1, truncated: false, weight: text.length * 2 } });
      }
    } else if (o.k === 'wait') clock += o.ms;
    else if (o.k === 'quiet') runTimers(20);
    else if (o.k === 'export') rec.fillAll();
    else if (o.k === 'pagehide') rec.flushAll();
    else {
      rec.stop();
      if (o.long) {
        clock += 61_000;
        runTimers(50); // the owed queue is released while no panel listens
      }
      rec.start(panel.last, [...panel.pending]);
    }
    check();
  }
  // The last panel exports: everything owed ends.
  rec.fillAll();
  runTimers(100_000);
  check();
  expect(panel.problems).toEqual([]);
  expect([...panel.pending]).toEqual([]);
  for (const s of panel.owedEver) expect(panel.ends.get(s)).toBe(1);
  expect(rec.owedCount).toBe(0);
}

describe('live preview budget invariants', () => {
  it('owed weight stays within its bound and every owed frame ends exactly once (filled or lost)', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 120 }), (ops) => run(ops, 50000)), { numRuns: 200 });
  });

  it('holds the same when the ring buffer overwrites frames still owed', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 120 }), (ops) => run(ops, 12)), { numRuns: 200 });
  });
});
