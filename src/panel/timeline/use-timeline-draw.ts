/**
 * The timeline's drawing loop: paints both canvases in the next animation frame after anything
 * drawn changes (capture, analysis, viewport, selection, evidence, profile, size, scroll; in
 * the same frame when the render clock's bump changed it), once a second while a live
 * connection is open and the panel is shown ("now" moves), and refreshes the accessible list
 * (at most 150 ms after a paint, 1 s while the page streams fast, only when its items changed)
 * and the section's data attributes (only the ones that changed).
 */
import { effect } from '@preact/signals';
import { useEffect, useRef, type MutableRef } from 'preact/hooks';
import type { PanelStore } from '../store';
import type { Finding } from '../../core/analysis/types';
import { buildScene, type SceneItem } from '../../core/view/timeline-scene';
import { rowOfLane, type TimelineRow } from '../../core/view/timeline-rows';
import { TOP_H, rowWindow } from '../../core/view/timeline-layout';
import { drawTop } from './draw-top';
import { drawLanes } from './draw-lanes';
import { sizeCanvas } from './canvas';
import { readColors, type TimelineColors } from './colors';
import { fillA11yList } from './a11y-list';
import { captureLimits, effectiveViewport, trackOf } from './viewport';
import { faultTrackOf } from '../fault-actions';
import { inRenderBump } from '../render-clock';

/** What the loop reads at paint time (kept in a ref: the latest render's values, and the last scene for hit tests). */
export interface TimelineLive {
  rows: readonly TimelineRow[];
  width: number;
  scrollTop: number;
  height: number;
  keepFinding: (f: Finding) => boolean;
  scene: SceneItem[];
  colors: TimelineColors | undefined;
}

/** Elements the loop paints into. */
export interface TimelineElements {
  top: MutableRef<HTMLCanvasElement | null>;
  lanes: MutableRef<HTMLCanvasElement | null>;
  a11y: MutableRef<HTMLUListElement | null>;
  section: MutableRef<HTMLElement | null>;
}

/** Paints the capture on every change (see module comment); returns `schedule()` to ask for a repaint. */
export function useTimelineDraw(store: PanelStore, live: MutableRef<TimelineLive>, el: TimelineElements, deps: readonly unknown[]): () => void {
  const frame = useRef(0);
  const a11yTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const a11yScene = useRef<{ scene: SceneItem[]; rows: readonly TimelineRow[] } | undefined>(undefined);
  const draw = (): void => {
    frame.current = 0;
    const L = live.current;
    const colors = L.colors ?? (L.colors = readColors());
    const limits = captureLimits(store);
    const vp = effectiveViewport(store, limits);
    const a = store.analysis.value;
    const ev = store.state.events;
    const selEi = store.selectedEvent.value;
    const selE = selEi === undefined ? undefined : ev[selEi];
    const evidence = store.evidence.value.map((i) => ev[i]).filter((e) => e !== undefined);
    const laneOfEvent = (e: (typeof ev)[number]): number => ('conn' in e && e.conn !== undefined ? (store.index.laneIndexOf(e.conn) ?? -1) : -1);
    const top = el.top.current ? sizeCanvas(el.top.current, L.width, TOP_H) : null;
    if (top) drawTop(top, { width: L.width, vp, colors, analysis: a, track: a ? trackOf(a) : undefined, keepFinding: L.keepFinding, selectedT: selE?.t, evidenceTs: evidence.map((e) => e.t) });
    const lanesH = Math.max(0, L.height);
    const ctx = el.lanes.current ? sizeCanvas(el.lanes.current, L.width, lanesH) : null;
    const { first, last } = rowWindow(L.scrollTop, lanesH);
    const scene = buildScene({ rows: L.rows, firstRow: first, lastRow: last, index: store.index, state: store.state, events: ev, analysis: a, profile: store.profile.value.profile, viewport: vp, width: L.width, endT: limits.endT, faults: faultTrackOf(store) });
    L.scene = scene;
    if (ctx) {
      const selLane = store.selectedConn.value === undefined ? undefined : store.index.laneIndexOf(store.selectedConn.value);
      drawLanes(ctx, {
        width: L.width, height: lanesH, scrollTop: L.scrollTop, vp, colors, rows: L.rows, index: store.index, scene,
        selectedLane: selLane, selectedT: selE?.t,
        ...(selE ? { selected: { lane: laneOfEvent(selE), t: selE.t } } : {}),
        evidence: evidence.map((e) => ({ lane: laneOfEvent(e), t: e.t })),
        laneRow: (lane) => (lane < 0 ? -1 : rowOfLane(L.rows, lane)),
      });
    }
    // What is drawn, as attributes (tests and assistive tools read them; the canvas cannot be).
    const sec = el.section.current;
    if (sec) {
      setData(sec, 'selectedSeq', selE ? String(selE.seq) : '');
      setData(sec, 'evidenceSeqs', evidence.map((e) => e.seq).join(' '));
      setData(sec, 'viewport', `${Math.round(vp.t0)} ${Math.round(vp.t1)}`);
    }
    // The list for assistive tools follows the drawing at most 150 ms later, or 1 s while the page
    // streams fast (rebuilding the list at every draw costs more than the draw), from the newest
    // scene: a pending fill is not pushed back by later draws, so draws that keep coming (a live
    // stream) never hold it back.
    a11yScene.current = { scene, rows: L.rows };
    if (a11yTimer.current === undefined) {
      a11yTimer.current = setTimeout(() => {
        a11yTimer.current = undefined;
        const s = a11yScene.current;
        if (s) fillA11yList(el.a11y.current, s.scene, s.rows);
      }, store.streamBusy() ? 1000 : 150);
    }
  };
  const schedule = (): void => {
    if (frame.current) return;
    if (inRenderBump()) {
      // Inside the render clock's frame: draw in it, after the views it re-renders (their
      // render is a microtask queued before ours), instead of asking for one more frame.
      frame.current = -1;
      queueMicrotask(() => queueMicrotask(draw));
      return;
    }
    frame.current = requestAnimationFrame(draw);
  };

  // Theme colours (re-read when DevTools switches theme).
  useEffect(() => {
    live.current.colors = readColors();
    const mo = new MutationObserver(() => {
      live.current.colors = readColors();
      schedule();
    });
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => mo.disconnect();
  }, []);
  // Redraw whenever something drawn changes.
  useEffect(
    () =>
      effect(() => {
        void store.version.value;
        void store.analysis.value;
        void store.viewport.value;
        void store.follow.value;
        void store.selectedEvent.value;
        void store.selectedConn.value;
        void store.evidence.value;
        void store.profile.value;
        schedule();
      }),
    [],
  );
  useEffect(schedule, deps);
  useEffect(() => () => {
    if (frame.current > 0) cancelAnimationFrame(frame.current);
    clearTimeout(a11yTimer.current);
  }, []);
  // While live with an open connection, "now" moves: redraw once a second.
  useEffect(() => {
    const id = setInterval(() => {
      if (store.live.value && store.recording.value && store.follow.value && document.visibilityState !== 'hidden') schedule();
    }, 1000);
    return () => clearInterval(id);
  }, []);
  return schedule;
}

/** Sets a data attribute only when its value changes (an equal write still notifies observers). */
function setData(el: HTMLElement, key: string, value: string): void {
  if (el.dataset[key] !== value) el.dataset[key] = value;
}
