/**
 * A fill batch's `lost` seqs on the panel's side (docs/design.md#live-preview-budget): the
 * pending frame stops being pending, keeps its short preview, gets its measured size, is
 * marked `previewLost` (so the detail pane and the exported trace can tell it from a preview
 * cut by the preview cap) and is counted once in `cutPreviews`.
 */
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../../src/core/bridge/messages';
import type { TraceEvent, WsMessageEvent } from '../../../../src/core/events';
import { createCaptureState } from '../../../../src/core/store/capture-state';
import { ingestBatch } from '../../../../src/core/store/ingest';

const T = 1_700_000_000_000;
const frame = (seq: number, size: number): TraceEvent => ({ seq, t: T + seq, type: 'ws-message', conn: 's.1', opcode: 1, size, data: 'x'.repeat(256), encoding: 'text', truncated: true });
const id = { src: 's', frameUrl: 'https://a.example/', top: true };

describe('ingest of lost previews', () => {
  it('marks each lost frame previewLost with its measured size, once, and leaves the others alone', () => {
    const state = createCaptureState();
    ingestBatch(state, { ...id, events: [frame(1, -1), frame(2, -1), frame(3, 70_000)], owed: [1, 2] } as EventBatch);
    expect(state.pendingPreviews.size).toBe(2);
    const lost = { ...id, events: [], fill: true, lost: [1], lostSizes: [65_536] } as EventBatch;
    ingestBatch(state, lost);
    ingestBatch(state, lost); // the same report again (a re-sent batch) changes nothing
    const [a, b, c] = state.events as WsMessageEvent[];
    expect(a).toMatchObject({ seq: 1, size: 65_536, truncated: true, previewLost: true, data: 'x'.repeat(256) });
    expect(b!.previewLost).toBeUndefined();
    expect(c!.previewLost).toBeUndefined(); // cut by the preview cap: not lost
    expect(state.cutPreviews).toBe(1);
    expect(state.pendingPreviews.size).toBe(1);
    expect(state.connections.get('s.1')!.bytesIn).toBe(65_536 + 70_000);
  });

  it('marks a lost frame whose size the hook no longer knows, keeping the size it had', () => {
    const state = createCaptureState();
    ingestBatch(state, { ...id, events: [frame(1, 70_000)], owed: [1] } as EventBatch);
    ingestBatch(state, { ...id, events: [], fill: true, lost: [1], lostSizes: [-1] } as EventBatch);
    expect(state.events[0]).toMatchObject({ size: 70_000, previewLost: true });
    expect(state.cutPreviews).toBe(1);
  });
});
