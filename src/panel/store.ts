/**
 * The panel store: a {@link CaptureState} behind a preact signal. Batches are ingested as
 * they arrive; views re-render at most once per animation frame via `version`.
 */
import { signal } from '@preact/signals';
import { createCaptureState, type CaptureState } from '../core/store/capture-state';
import { ingestBatch } from '../core/store/ingest';
import type { EventBatch } from '../core/bridge/messages';
import type { ConnId } from '../core/events';

/** Live (or loaded) capture plus UI selection. */
export class PanelStore {
  state: CaptureState = createCaptureState();
  /** Bumped (throttled to animation frames) when `state` changed. */
  readonly version = signal(0);
  readonly selectedConn = signal<ConnId | undefined>(undefined);
  readonly recording = signal(true);
  readonly linkUp = signal(false);
  private pending = false;

  constructor(private readonly raf: (cb: () => void) => void = (cb) => requestAnimationFrame(() => cb())) {}

  /** Ingests a live batch (dedupe by hook-local seq) and schedules a re-render. */
  ingest(batch: EventBatch): void {
    const r = ingestBatch(this.state, batch);
    if (r.added > 0) this.touch();
  }

  /** Drops every event and the selection. Marks are kept so old events are not re-sent. */
  clear(): void {
    const marks = this.state.marks;
    this.state = createCaptureState();
    this.state.marks = marks;
    this.selectedConn.value = undefined;
    this.touch();
  }

  /** Schedules a `version` bump on the next animation frame. */
  touch(): void {
    if (this.pending) return;
    this.pending = true;
    this.raf(() => {
      this.pending = false;
      this.version.value++;
    });
  }
}
