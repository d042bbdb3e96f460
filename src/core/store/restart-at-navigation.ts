/**
 * Preserve log off: a top-level navigation starts a fresh capture there. Pure: a new
 * {@link CaptureState} from the navigation on, renumbered from seq 1, keeping what the bridge
 * needs to go on (marks, so old events are not re-sent; drop counts; full previews still
 * owed, re-indexed).
 */
import { applyEvent, createCaptureState, type CaptureState } from './capture-state';

/**
 * The capture from the last `page-navigation` at or after event index `firstNew` on, or
 * undefined when there is none there (or it is the very first event: nothing to drop).
 */
export function restartAtNavigation(state: CaptureState, firstNew: number): CaptureState | undefined {
  const ev = state.events;
  let nav = -1;
  for (let i = ev.length - 1; i >= firstNew; i--) {
    if (ev[i]!.type === 'page-navigation') {
      nav = i;
      break;
    }
  }
  if (nav <= 0) return undefined;
  const kept = ev.slice(nav);
  const fresh = createCaptureState();
  fresh.marks = state.marks;
  fresh.dropped = state.dropped;
  fresh.droppedBySrc = state.droppedBySrc;
  kept.forEach((e, i) => applyEvent(fresh, { ...e, seq: i + 1 }));
  for (const [k, i] of state.pendingPreviews) if (i >= nav) fresh.pendingPreviews.set(k, i - nav);
  return fresh;
}
