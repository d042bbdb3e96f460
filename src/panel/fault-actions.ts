/**
 * Small panel-side helpers of fault injection (docs/design.md#fault-commands): which connection
 * the toolbar's Break menu acts on, how a connection is named, sending a command to the tab,
 * and the {@link FaultTrack} of a store (faults in force, derived from recorded events).
 */
import type { PanelStore } from './store';
import { withConnLabels } from '../core/view/conn-labels';
import type { ConnId } from '../core/events';
import type { FaultCommand } from '../core/fault/fault-command';
import { FaultTrack } from '../core/view/fault-track';

/** The connection a menu acts on: a given one, or the newest open one (toolbar). */
export function newestOpen(store: PanelStore): ConnId | undefined {
  const order = store.state.connOrder;
  for (let i = order.length - 1; i >= 0; i--) {
    const c = store.state.connections.get(order[i]!);
    if (c && (c.status === 'open' || c.status === 'connecting')) return order[i]!;
  }
  return undefined;
}

/** `#n` of a connection (its lane number), or its id. */
export function connLabel(store: PanelStore, conn: ConnId): string {
  const lane = store.index.laneIndexOf(conn);
  return lane === undefined ? String(conn) : `#${store.index.lanes[lane]!.n}`;
}

/** `text` with every connection id the capture knows replaced by its `#n` (core/view/conn-labels.ts). */
export function withLaneLabels(store: PanelStore, text: string): string {
  return withConnLabels(text, (id) => {
    const l = store.index.laneIndexOf(id);
    return l === undefined ? undefined : `#${store.index.lanes[l]!.n}`;
  });
}

/** Sends a command to the tab; returns false (and shows the reason) when there is no tab. */
export function sendFault(store: PanelStore, cmd: FaultCommand): boolean {
  if (!store.requestFault) {
    store.notice.value = 'No live tab to send the fault to';
    return false;
  }
  store.requestFault(cmd);
  return true;
}

const tracks = new WeakMap<PanelStore, FaultTrack>();

/** The store's fault track, advanced to its current events (incremental: only new events are read). */
export function faultTrackOf(store: PanelStore): FaultTrack {
  let t = tracks.get(store);
  if (!t) tracks.set(store, (t = new FaultTrack()));
  t.advance(store.state.events);
  return t;
}

/** "Now" for countdowns: the clock while a tab is live, else the time of the last event. */
export function faultNow(store: PanelStore): number {
  if (store.live.value) return Date.now();
  const ev = store.state.events;
  return ev.length ? ev[ev.length - 1]!.t : 0;
}
