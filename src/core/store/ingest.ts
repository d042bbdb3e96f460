/**
 * Ingest of live batches into a {@link CaptureState}: dedupe by the hook-local seq of each
 * source (a batch re-sent after a port reconnect adds nothing twice), trace-wide re-numbering
 * in arrival order, and a `capture-dropped` event wherever a source's contiguous seq jumps
 * (the hook's ring buffer overwrote that many events before they could be sent).
 */
import type { EventBatch } from '../bridge/messages';
import type { TraceEvent } from '../events';
import { applyEvent, type CaptureState } from './capture-state';

/** What one ingest added. */
export interface IngestResult {
  /** Events appended to the state. */
  added: number;
  /** Events ignored because their seq was already ingested for that source. */
  duplicates: number;
}

/**
 * Appends the batch's new events to `state`, in order. Events with a hook-local seq at or
 * below the source's mark are duplicates and skipped. Mutates `state`.
 */
export function ingestBatch(state: CaptureState, batch: EventBatch): IngestResult {
  let mark = state.marks[batch.src] ?? 0;
  let added = 0;
  let duplicates = 0;
  for (const e of batch.events) {
    if (e.seq <= mark) {
      duplicates++;
      continue;
    }
    if (e.seq > mark + 1) {
      const count = e.seq - mark - 1;
      state.droppedBySrc[batch.src] = (state.droppedBySrc[batch.src] ?? 0) + count;
      state.dropped += count;
      appendEvent(state, { seq: 0, t: e.t, type: 'capture-dropped', count });
      added++;
    }
    mark = e.seq;
    appendEvent(state, e);
    added++;
  }
  state.marks[batch.src] = mark;
  return { added, duplicates };
}

/** Appends one event with the next trace-wide seq (the object is copied, not mutated). */
export function appendEvent(state: CaptureState, e: TraceEvent): void {
  applyEvent(state, { ...e, seq: state.events.length + 1 });
}
