/**
 * Full previews the panel still waits for (frames that came with a short preview, see
 * docs/design.md#live-preview-budget): whether a frame is one of them, and fetching them all
 * before an export.
 */
import type { CaptureState } from '../core/store/capture-state';
import type { PanelScheduler } from './scheduler';

/** True while the frame at event index `ei` waits for its full preview (a fill batch). */
export function isPreviewPending(state: CaptureState, ei: number): boolean {
  if (state.pendingPreviews.size === 0) return false;
  for (const i of state.pendingPreviews.values()) if (i === ei) return true;
  return false;
}

/**
 * Asks the hooks (`request`) for every owed full preview and every event they still hold
 * unsent (a pulling panel lets a busy page hold its backlog, docs/design.md#ring-buffer-and-streaming),
 * and resolves once no preview is pending and no hook is `behind` any more, or after
 * `timeoutMs` (the tab may be gone), with the number of previews still pending. Polls every 50 ms.
 */
export function completePreviews(state: () => CaptureState, sched: PanelScheduler, request: (() => void) | undefined, timeoutMs: number, behind: () => boolean = () => false): Promise<number> {
  request?.();
  const end = sched.now() + timeoutMs;
  return new Promise((resolve) => {
    const check = (): void => {
      const left = state().pendingPreviews.size;
      if ((left === 0 && !behind()) || sched.now() >= end) resolve(left);
      else sched.timeout(check, 50);
    };
    check();
  });
}
