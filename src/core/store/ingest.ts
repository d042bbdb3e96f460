/**
 * Ingest of live batches into a {@link CaptureState}: dedupe by the hook-local seq of each
 * source (a batch re-sent after a port reconnect adds nothing twice), trace-wide re-numbering
 * in arrival order, and a `capture-dropped` event wherever a source's contiguous seq jumps
 * (the hook's ring buffer overwrote that many events before they could be sent). Fill batches
 * (see page/recorder.ts, live preview budget) replace the short preview of frames ingested
 * earlier with their full preview, in place.
 */
import type { EventBatch } from '../bridge/messages';
import type { TraceEvent } from '../events';
import { applyEvent, replaceFrame, type CaptureState } from './capture-state';

/** What one ingest added. */
export interface IngestResult {
  /** Events appended to the state. */
  added: number;
  /** Events ignored because their seq was already ingested for that source. */
  duplicates: number;
  /** Event indexes whose data a fill batch replaced (rows to re-classify). */
  filled: number[];
}

/** Key of a pending preview in {@link CaptureState.pendingPreviews}. */
export function pendingKey(src: string, hookSeq: number): string {
  return src + ' ' + hookSeq;
}

/** The pending previews as hook-local seqs per source (what a re-attaching panel tells the hooks). */
export function pendingSeqs(state: CaptureState): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const key of state.pendingPreviews.keys()) {
    const sp = key.lastIndexOf(' ');
    (out[key.slice(0, sp)] ??= []).push(Number(key.slice(sp + 1)));
  }
  return out;
}

/**
 * Appends the batch's new events to `state`, in order. Events with a hook-local seq at or
 * below the source's mark are duplicates and skipped. Mutates `state`.
 */
export function ingestBatch(state: CaptureState, batch: EventBatch): IngestResult {
  if (batch.fill) return { added: 0, duplicates: 0, filled: fillPreviews(state, batch) };
  const owed = batch.owed && batch.owed.length > 0 ? new Set(batch.owed) : undefined;
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
    if (owed?.has(e.seq)) state.pendingPreviews.set(pendingKey(batch.src, e.seq), state.events.length);
    appendEvent(state, e);
    added++;
  }
  state.marks[batch.src] = mark;
  return { added, duplicates, filled: [] };
}

/**
 * Applies a fill batch: each event replaces the data of the pending frame with the same
 * source and hook-local seq (its trace-wide seq kept); `lost` seqs stop being pending and are
 * marked `previewLost` and counted in `cutPreviews`, their measured size (`lostSizes`) put in. Events that are not pending (already filled, or ingested by an
 * earlier panel) are ignored. Returns the event indexes replaced.
 */
function fillPreviews(state: CaptureState, batch: EventBatch): number[] {
  const filled: number[] = [];
  for (const e of batch.events) {
    const key = pendingKey(batch.src, e.seq);
    const i = state.pendingPreviews.get(key);
    if (i === undefined) continue;
    state.pendingPreviews.delete(key);
    const old = state.events[i];
    if (!old || old.type !== e.type || (e.type !== 'ws-send' && e.type !== 'ws-message')) continue;
    replaceFrame(state, i, e);
    filled.push(i);
  }
  const lost = batch.lost ?? [];
  for (let k = 0; k < lost.length; k++) {
    const key = pendingKey(batch.src, lost[k] as number);
    const i = state.pendingPreviews.get(key);
    if (i === undefined) continue;
    state.pendingPreviews.delete(key);
    state.cutPreviews++;
    const old = state.events[i];
    if (!old || (old.type !== 'ws-send' && old.type !== 'ws-message')) continue;
    const size = batch.lostSizes?.[k];
    replaceFrame(state, i, { ...old, previewLost: true, ...(old.size < 0 && typeof size === 'number' && size >= 0 ? { size } : {}) });
  }
  if (lost.length > 0) state.version++;
  return filled;
}

/** Appends one event with the next trace-wide seq (the object is copied, not mutated). */
export function appendEvent(state: CaptureState, e: TraceEvent): void {
  applyEvent(state, { ...e, seq: state.events.length + 1 });
}
