/**
 * Batch size (docs/design.md#ring-buffer-and-streaming): one flush sends its events in batches
 * whose text stays near `batchMaxChars` (Chromium's JSON.stringify gets far slower per
 * character on long output, in the hook and in every port the text crosses), a preview larger
 * than that goes alone, and the panel still gets every event once, in order, with its full
 * preview (fills are split the same way).
 */
import { describe, expect, it } from 'vitest';
import { fromWireBatch } from '../../../../src/core/bridge/wire-frames';
import type { EventBatch, WireBatch } from '../../../../src/core/bridge/messages';
import { Recorder } from '../../../../src/page/recorder';
import { nodeNatives } from '../node-natives';

function setup(opts: Record<string, number>) {
  const timers: (() => void)[] = [];
  const texts: string[] = [];
  const batches: EventBatch[] = [];
  const rec = new Recorder(nodeNatives(timers), (b: WireBatch, last: number) => {
    texts.push(JSON.stringify({ kind: 'hook-batch', last, batch: b }));
    batches.push(fromWireBatch(b)!);
  }, { src: 's', frameUrl: 'https://a.example/', top: true }, opts);
  const frame = (len: number, i: number): void => {
    const s = String(i).padEnd(len, 'x');
    rec.record({ t: i, type: 'ws-message', conn: 's.1', payload: { opcode: 1, text: s, size: -1, truncated: false, weight: s.length * 2 } });
  };
  const run = (): void => {
    for (let k = 0; k < 1000 && timers.length > 0; k++) timers.shift()!();
  };
  return { rec, texts, batches, frame, run };
}

describe('batch size', () => {
  it('splits one flush into batches of about batchMaxChars, nothing lost or reordered', () => {
    const t = setup({ batchMaxChars: 8000, liveBurstBytes: 1e9, liveBytesPerSec: 1e9 });
    t.rec.start(0);
    t.run();
    for (let i = 1; i <= 200; i++) t.frame(1000, i);
    t.rec.flush(false);
    expect(t.batches.length).toBeGreaterThanOrEqual(20);
    for (const s of t.texts) expect(s.length).toBeLessThan(8000 + 1200);
    const got = t.batches.flatMap((b) => b.events);
    expect(got.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    for (const e of got) expect(e).toMatchObject({ size: 1000, truncated: false });
  });

  it('sends a preview larger than a batch alone, and splits fills the same way', () => {
    const t = setup({ batchMaxChars: 4000, liveBurstBytes: 0, liveBytesPerSec: 0, livePreviewCap: 100 });
    t.rec.start(0);
    t.run();
    t.frame(10_000, 1);
    for (let i = 2; i <= 41; i++) t.frame(1000, i);
    t.run(); // live batches with short previews, then (quiet) fills
    t.run();
    const live = t.batches.filter((b) => !b.fill);
    const fills = t.batches.filter((b) => b.fill);
    expect(live.flatMap((b) => b.events.map((e) => e.seq))).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    const filled = fills.flatMap((b) => b.events);
    expect(filled.map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(fills[0]!.events.map((e) => e.seq)).toEqual([1]); // the 10,000-unit preview goes alone
    for (const b of fills.slice(1)) expect(b.events.length).toBeLessThanOrEqual(4);
    for (const e of filled) expect(e).toMatchObject({ truncated: false });
    expect(t.rec.owedCount).toBe(0);
  });
});
