/**
 * The recorder in pull mode (docs/design.md#ring-buffer-and-streaming): it holds what nobody
 * asked for, serves a busy page at most `max` live events `gapMs` after the last serve, a
 * quiet one its usual chunk after the flush interval; the forced flush near the ring buffer's
 * bounds, fillAll (export) and flushAll (pagehide) send everything; nothing is lost.
 */
import { describe, expect, it } from 'vitest';
import { fromWireBatch } from '../../../../src/core/bridge/wire-frames';
import type { EventBatch, WireBatch } from '../../../../src/core/bridge/messages';
import { Recorder, type RecorderOptions } from '../../../../src/page/recorder';
import { handClock } from './hand-clock';

function setup(opts: Partial<RecorderOptions> = {}) {
  const { n, timers, advance, now } = handClock();
  const batches: EventBatch[] = [];
  const rec = new Recorder(n, (b: WireBatch) => batches.push(fromWireBatch(b)!), { src: 's', frameUrl: 'https://a.example/', top: true }, { liveBurstBytes: 1e9, liveBytesPerSec: 1e9, ...opts });
  const frames = (count: number, weight = 2): void => {
    for (let i = 0; i < count; i++) rec.record({ t: rec.now(), type: 'ws-message', conn: 's.1', payload: { opcode: 1, text: 'x', size: -1, truncated: false, weight } });
  };
  const liveSeqs = (): number[] => batches.filter((b) => !b.fill).flatMap((b) => b.events.map((e) => e.seq));
  const serves = (): number[] => batches.filter((b) => !b.fill).map((b) => b.events.length);
  return { rec, timers, batches, frames, advance, liveSeqs, serves, now };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A pulling recorder that has already served its start credit (one event), at clock 1016. */
function pulling(opts: Partial<RecorderOptions> = {}) {
  const x = setup(opts);
  x.rec.setPull(true);
  x.rec.start(0);
  x.frames(1);
  x.advance(16);
  expect(x.liveSeqs()).toEqual([1]);
  return x;
}

describe('recorder in pull mode', () => {
  it('holds: without a pull, recording sends nothing and sets no timer per event', () => {
    const x = pulling();
    x.frames(1000);
    expect(x.timers).toHaveLength(0);
    x.advance(5000);
    expect(x.liveSeqs()).toEqual([1]);
    expect(x.rec.held).toBe(1001);
  });

  it('a pull while the page is busy serves at most max live events, gapMs after the last serve', () => {
    const x = pulling();
    x.frames(300); // busy: 300 events within 500 ms
    x.rec.pull({ max: 50, gapMs: 250 });
    x.advance(200); // 216 ms after the last serve
    expect(x.liveSeqs()).toEqual([1]);
    x.advance(60);
    expect(x.liveSeqs()).toEqual(range(1, 51));
    x.advance(5000); // the credit is spent: nothing more until the next pull
    expect(x.liveSeqs()).toEqual(range(1, 51));
    // The serve says the page is busy: the panel received 50 events, the page made 300.
    expect(x.batches.filter((b) => !b.fill).map((b) => b.busy)).toEqual([undefined, true]);
  });

  it('a pull while the page is quiet serves the usual chunk after the flush interval', () => {
    const x = pulling({ batchMaxEvents: 2000 });
    x.frames(300);
    x.advance(1000); // the page has been quiet for a second
    x.rec.pull({ max: 50, gapMs: 250 });
    x.advance(15);
    expect(x.liveSeqs()).toEqual([1]);
    x.advance(1);
    expect(x.liveSeqs()).toEqual(range(1, 301));
    expect(x.batches.some((b) => b.busy)).toBe(false);
  });

  it('keeps the credit when a serve finds nothing: the next event is served', () => {
    const x = pulling();
    x.rec.pull({ max: 50, gapMs: 250 });
    x.advance(1000);
    x.frames(1);
    expect(x.timers).toHaveLength(1);
    x.advance(16);
    expect(x.liveSeqs()).toEqual([1, 2]);
  });

  it('still forces a flush when the held backlog reaches half the ring buffer, by count or by bytes', () => {
    const x = pulling({ maxEvents: 100, syncFlushEvents: 50, batchMaxEvents: 2000 });
    x.frames(49);
    expect(x.liveSeqs()).toEqual([1]);
    x.frames(1); // 50 unsent
    expect(x.liveSeqs()).toEqual(range(1, 51));
    x.frames(400);
    expect(x.rec.held).toBe(100);
    x.rec.fillAll();
    x.advance(100);
    expect(x.liveSeqs()).toEqual(range(1, 451)); // none overwritten before it was sent

    const y = pulling({ maxPreviewBytes: 1000 });
    y.frames(4, 100);
    expect(y.liveSeqs()).toEqual([1]);
    y.frames(1, 100); // 500 bytes unsent: half the ring's byte bound
    expect(y.liveSeqs()).toEqual(range(1, 6));
    y.frames(50, 100);
    y.rec.fillAll();
    y.advance(100);
    expect(y.liveSeqs()).toEqual(range(1, 56));
  });

  it('fillAll (export) sends every held event, then says it caught up; flushAll (pagehide) sends everything at once', () => {
    const x = pulling({ batchMaxEvents: 100 });
    x.frames(450);
    x.rec.fillAll();
    x.advance(0);
    expect(x.liveSeqs()).toEqual(range(1, 451));
    const last = x.batches.at(-1)!;
    expect(last).toMatchObject({ fill: true, caughtUp: true, events: [] });
    x.frames(10); // back to holding
    x.advance(1000);
    expect(x.liveSeqs()).toHaveLength(451);

    const y = pulling({ batchMaxEvents: 100 });
    y.frames(450);
    y.rec.flushAll();
    expect(y.liveSeqs()).toEqual(range(1, 451));
  });

  it('switching back to push sends what was held, then pushes as before', () => {
    const x = pulling();
    x.frames(20);
    x.rec.setPull(false);
    x.advance(16);
    expect(x.liveSeqs()).toEqual(range(1, 21));
    x.frames(5);
    x.advance(16);
    expect(x.liveSeqs()).toEqual(range(1, 26));
  });

  it('over a long busy run every event arrives once, in order, with contiguous seqs', () => {
    const x = pulling({ batchMaxEvents: 2000 });
    for (let ms = 0; ms < 3000; ms += 10) {
      x.frames(20); // 2000 events a second
      x.advance(10);
      // The panel pulls as soon as a serve arrived (it ingests synchronously).
      if (x.batches.length > 0 && !x.timers.length) x.rec.pull({ max: 100, gapMs: 250 });
    }
    const during = x.liveSeqs().length;
    expect(during).toBeLessThan(6001 / 2); // the page kept most of its burst unserialised
    for (let k = 0; k < 100 && x.liveSeqs().length < 6001; k++) {
      x.rec.pull({ max: 100, gapMs: 250 });
      x.advance(300);
    }
    expect(x.liveSeqs()).toEqual(range(1, 6001));
  });
});
