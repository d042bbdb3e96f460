/**
 * A whole trace (or imported HAR) as a capture: its events applied in `seq` order, and the
 * header facts the analysis needs (docs/design.md#trace-header, docs/design.md#har-import-and-export).
 */
import { applyEvent, createCaptureState, type CaptureState } from '../core/store/capture-state';
import type { ConnId, TraceEvent } from '../core/events';
import type { Profile } from '../core/profile/types';

/** Options of a load: what a trace header or a HAR import says. */
export interface LoadOptions {
  /** Profile name, "auto", or an inline profile (trace header `profile`). Default auto. */
  profile?: string | Profile;
  /** Trace header `dropped`. */
  dropped?: number;
  /** `har` applies the HAR rules of the analysis. */
  input?: 'trace' | 'har';
  /** HAR: conn → end of its entry (ms since the epoch). */
  connEnds?: ReadonlyMap<ConnId, number>;
  /** Trace header `source.page` (its origin keys the per-site profile). */
  page?: string;
  /** When the capture ended, ms since the epoch (open connections run up to it). */
  endT?: number;
  /** Same as `endT` (the trace header's `endedAt`, parsed to ms since the epoch). */
  endedAt?: number;
}

/** Header facts of a loaded capture. */
export interface CaptureSource {
  page: string;
  dropped: number;
  input: 'trace' | 'har';
  connEnds?: ReadonlyMap<ConnId, number>;
  endT?: number;
}

/** The capture of a trace's events (sorted by `seq` when they are not) and its header facts. */
export function loadedCapture(events: readonly TraceEvent[], opts: LoadOptions): { state: CaptureState; source: CaptureSource } {
  let evs = events;
  for (let i = 1; i < evs.length; i++) {
    if (evs[i]!.seq <= evs[i - 1]!.seq) {
      evs = [...events].sort((a, b) => a.seq - b.seq);
      break;
    }
  }
  const state = createCaptureState();
  for (let i = 0; i < evs.length; i++) applyEvent(state, evs[i]!);
  state.dropped = opts.dropped ?? 0;
  const endT = opts.endT ?? opts.endedAt;
  const source: CaptureSource = { page: opts.page ?? '', dropped: opts.dropped ?? 0, input: opts.input ?? 'trace' };
  if (opts.connEnds) source.connEnds = opts.connEnds;
  if (endT !== undefined) source.endT = endT;
  return { state, source };
}
