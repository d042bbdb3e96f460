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

/**
 * `worker-created` → `coverage-worker` (info). A worker made from a `blob:` URL runs code a
 * page script built at run time (MQTT.js's timer worker, for one); nothing in the page can
 * inspect it. It is judged at the end ({@link blobWorkerFindings}): only when the page opened
 * no captured WebSocket could the app's sockets be in there.
 */
export function onWorker(st: PassState, e: WorkerCreatedEvent): void {
  if (e.url.startsWith('blob:')) {
    st.blobWorkers.push(e);
    return;
  }
  st.ctx.emit('coverage-worker', e.t, e.seq, [e.seq], `a ${e.kind === 'shared-worker' ? 'SharedWorker' : 'Worker'} was created (${e.url}): WebSockets inside it are not captured`);
}

/** `capture-dropped` → `capture-gap`. */
export function onCaptureDropped(st: PassState, e: CaptureDroppedEvent): void {
  st.captureDroppedEvents++;
  st.ctx.emit('capture-gap', e.t, e.seq, [e.seq], `capture dropped ${e.count} event${e.count === 1 ? '' : 's'} here: analysis around this point is incomplete`);
}

/**
 * End of pass: `coverage-worker` for the `blob:` workers, unless the page's own WebSockets were
 * captured (the app speaks WebSocket from the page, so the worker is a helper, not where its
 * sockets live). Docs: docs/design.md#what-the-hook-cannot-see.
 */
export function blobWorkerFindings(st: PassState): void {
  if (st.connList.length > 0) return;
  for (const e of st.blobWorkers) {
    st.ctx.emit(
      'coverage-worker',
      e.t,
      e.seq,
      [e.seq],
      `a ${e.kind === 'shared-worker' ? 'SharedWorker' : 'Worker'} was created from a blob: URL (${e.url}), code a page script built that cannot be inspected, and the page opened no WebSocket of its own: if the app's sockets live in that worker they are not captured`,
    );
  }
}
