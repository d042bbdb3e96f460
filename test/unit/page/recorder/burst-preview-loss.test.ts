/**
 * Where full previews go in a long burst of large frames (docs/design.md#live-preview-budget):
 * a page receiving 64 KiB text frames as fast as a `ws` server sends them (about 790 a second
 * for 10 s, 500 MB) to a pulling panel, with the default limits. The live budget (1 MiB/s)
 * pays for a few full previews; the rest are owed, and no fill goes while the page is busy,
 * so the owed queue fills to its bound (4 × the ring buffer's 64 MiB preview budget, weighed
 * 2 bytes a UTF-16 unit) and pushes the oldest out as lost. The panel is told which ones, and
 * marks them `previewLost`: distinct from a preview cut by the preview cap.
 */
import { describe, expect, it } from 'vitest';
import { fromWireBatch } from '../../../../src/core/bridge/wire-frames';
import type { EventBatch, WireBatch } from '../../../../src/core/bridge/messages';
import type { WsMessageEvent } from '../../../../src/core/events';
import { createCaptureState } from '../../../../src/core/store/capture-state';
import { ingestBatch } from '../../../../src/core/store/ingest';
import { DEFAULT_RECORDER_OPTIONS, Recorder } from '../../../../src/page/recorder';
import { handClock } from './hand-clock';

const KIB = 1024;
const PACE = { max: 200, gapMs: 250 };

/** A recorder on a hand-driven clock, pulled by a panel that ingests every batch and pulls again 1 ms after each live one. */
function setup() {
  const { n, advance } = handClock();
  const state = createCaptureState();
  const rec: Recorder = new Recorder(n, (b: WireBatch) => {
    const batch = fromWireBatch(b) as EventBatch;
    ingestBatch(state, batch);
    if (!batch.fill) n.setTimeout(() => rec.pull(PACE), 1); // the pull crosses the ports back: a little later
  }, { src: 's', frameUrl: 'https://a.example/', top: true });
  return { rec, state, advance };
}

describe('a 10 s burst of 64 KiB text frames with the default limits', () => {
  it('keeps the full previews the owed queue can hold and reports the others lost, each marked previewLost with its true size', () => {
    const { rec, state, advance } = setup();
    rec.setPull(true);
    rec.start(0);
    const text = 'x'.repeat(64 * KIB); // one string: the test holds 64 KiB, not 500 MB
    const count = 7888;
    const stepMs = 10_000 / count;
    for (let i = 0; i < count; i++) {
      rec.record({ t: rec.now(), type: 'ws-message', conn: 's.1', payload: { opcode: 1, text, size: -1, truncated: false, weight: text.length * 2 } });
      advance(stepMs);
    }
    advance(4500); // the page is quiet: 2,048 owed previews drain in about 4.1 s (8 a 16 ms flush: 512 Ki units)
    const frames = state.events.filter((e): e is WsMessageEvent => e.type === 'ws-message');
    expect(frames).toHaveLength(count);
    expect(state.pendingPreviews.size).toBe(0);
    const full = frames.filter((e) => !e.truncated);
    const lost = frames.filter((e) => e.previewLost);
    expect(full.length + lost.length).toBe(count);
    expect(state.cutPreviews).toBe(lost.length);
    // Held as owed at once, at most: the bound over one frame's weight (2,048 frames).
    const owedFit = Math.floor(DEFAULT_RECORDER_OPTIONS.owedMaxBytes / (text.length * 2));
    // Paid by the live budget over the burst, at most: the bucket plus 10 s of refill (176 frames).
    const paid = Math.ceil((DEFAULT_RECORDER_OPTIONS.liveBurstBytes + 10 * DEFAULT_RECORDER_OPTIONS.liveBytesPerSec) / text.length);
    expect(full.length).toBeGreaterThanOrEqual(owedFit);
    expect(full.length).toBeLessThanOrEqual(owedFit + paid + 16);
    // The lost are the oldest owed, each with its true size and its 256-unit short preview.
    expect(lost.every((e) => e.truncated && e.size === text.length && e.data.length === DEFAULT_RECORDER_OPTIONS.livePreviewCap)).toBe(true);
    expect(frames.slice(-owedFit).every((e) => !e.truncated)).toBe(true);
  });
});
