/**
 * The timeline follows what other views ask of it: a reveal request (a finding selected: its
 * evidence comes into view), a zoom request (exact range), and a selected event outside the
 * viewport or the scrolled lanes (brought into view).
 */
import { effect } from '@preact/signals';
import { useEffect, type MutableRef } from 'preact/hooks';
import type { PanelStore } from '../store';
import { rowOfLane, type TimelineRow } from '../../core/view/timeline-rows';
import { scrollToRow } from '../../core/view/timeline-layout';
import { clampViewport, revealRange } from '../../core/view/time-viewport';
import { captureLimits, effectiveViewport, setViewport } from './viewport';

/** Applies reveal and zoom requests and follows the selected event (see module comment). */
export function useViewRequests(store: PanelStore, rows: MutableRef<{ rows: readonly TimelineRow[] }>, scroller: MutableRef<HTMLDivElement | null>): void {
  useEffect(
    () =>
      effect(() => {
        const req = store.revealRequest.value;
        if (!req) return;
        const limits = captureLimits(store);
        const cur = effectiveViewport(store, limits);
        const next = revealRange(cur, req.a, req.b, limits);
        if (next !== cur) setViewport(store, next);
      }),
    [],
  );
  useEffect(
    () =>
      effect(() => {
        const req = store.zoomRequest.value;
        if (!req) return;
        setViewport(store, clampViewport({ t0: req.a, t1: req.b }, captureLimits(store)));
      }),
    [],
  );
  useEffect(
    () =>
      effect(() => {
        const ei = store.selectedEvent.value;
        const e = ei === undefined ? undefined : store.state.events[ei];
        if (!e) return;
        const limits = captureLimits(store);
        const cur = effectiveViewport(store, limits);
        if (e.t < cur.t0 || e.t > cur.t1) setViewport(store, revealRange(cur, e.t, e.t, limits));
        if ('conn' in e && e.conn !== undefined) {
          const lane = store.index.laneIndexOf(e.conn);
          const row = lane === undefined ? -1 : rowOfLane(rows.current.rows, lane);
          const sc = scroller.current;
          if (row >= 0 && sc) {
            const top = scrollToRow(row, sc.scrollTop, sc.clientHeight);
            if (top !== sc.scrollTop) sc.scrollTop = top;
          }
        }
      }),
    [],
  );
}
