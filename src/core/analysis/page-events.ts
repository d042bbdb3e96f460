/**
 * Page-level events (docs/design.md#event-types, docs/design.md#positions-and-resumes): `page-navigation` (a new document: its connections
 * end, positions carry over with preserve log, a sync window opens), `page-visibility`
 * (hidden intervals, for heartbeat messages), `worker-created` (`coverage-worker`),
 * `capture-dropped` (`capture-gap`).
 */
import type { CaptureDroppedEvent, PageNavigationEvent, PageVisibilityEvent, WorkerCreatedEvent } from '../events';
import { SyncWindow } from './catch-up-state';
import { endConn } from './connection-lifecycle';
import type { PassState } from './pass-state';

/** `page-navigation`: ends every live connection (cause `navigation`), drops pending windows, opens the navigation window. */
export function onNavigation(st: PassState, e: PageNavigationEvent): void {
  st.navEpoch++;
  st.navTimes.push(e.t);
  for (const s of st.sessions.values()) {
    for (const c of s.alive.slice()) endConn(st, c, e.t, e.seq, 'navigation');
    if (s.pending) {
      st.closeWindow(s.pending);
      s.pending = undefined;
    }
  }
  if (st.navWindow) st.closeWindow(st.navWindow);
  st.navWindow = new SyncWindow({ seq: e.seq, t: e.t, by: 'navigation' }, st.lastPosition);
  st.openWindow(st.navWindow);
}

/** `page-visibility`: records hidden intervals. */
export function onVisibility(st: PassState, e: PageVisibilityEvent): void {
  if (e.state === 'hidden') {
    if (st.hiddenSince < 0) st.hiddenSince = e.t;
  } else if (st.hiddenSince >= 0) {
    st.hidden.push(st.hiddenSince, e.t);
    st.hiddenSince = -1;
  }
}

/** `worker-created` → `coverage-worker` (info). */
export function onWorker(st: PassState, e: WorkerCreatedEvent): void {
  st.ctx.emit('coverage-worker', e.t, e.seq, [e.seq], `a ${e.kind === 'shared-worker' ? 'SharedWorker' : 'Worker'} was created (${e.url}): WebSockets inside it are not captured`);
}

/** `capture-dropped` → `capture-gap`. */
export function onCaptureDropped(st: PassState, e: CaptureDroppedEvent): void {
  st.captureDroppedEvents++;
  st.ctx.emit('capture-gap', e.t, e.seq, [e.seq], `capture dropped ${e.count} event${e.count === 1 ? '' : 's'} here: analysis around this point is incomplete`);
}
