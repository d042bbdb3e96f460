/**
 * Input on the timeline plot: zoom (wheel or trackpad pinch = ctrl+wheel, `+`/`-`, W/S,
 * double click), pan (drag, horizontal wheel or Shift+wheel, arrows, A/D, Home/End), fit and
 * follow (`0`, F), and pointing: the tooltip under the pointer and a click that selects what
 * it describes (timeline-hit.ts).
 */
import { useEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import type { PanelStore } from '../store';
import { hitTimeline, type HitTarget, type TimelineHit } from '../../core/view/timeline-hit';
import { locateInTimeline } from '../../core/view/timeline-layout';
import { clampViewport, panViewport, wheelZoomFactor, xToTime, zoomViewport, type Viewport } from '../../core/view/time-viewport';
import type { TimelineLive } from './use-timeline-draw';
import { captureLimits, effectiveViewport, setViewport, trackOf } from './viewport';

/** A tooltip at plot coordinates (CSS px). */
export interface TimelineTip {
  x: number;
  y: number;
  text: string;
}

/** Handlers and actions for the plot element (see module comment). */
export interface TimelineInput {
  tip: TimelineTip | undefined;
  clearTip(): void;
  /** Zooms by `factor` (< 1 zooms in) around plot x `x`. */
  zoomAt(x: number, factor: number): void;
  /** Fits everything and follows the capture. */
  fit(): void;
  onPointerDown(e: PointerEvent): void;
  onPointerMove(e: PointerEvent): void;
  onPointerUp(e: PointerEvent): void;
  onKeyDown(e: KeyboardEvent): void;
}

/** Wires input on `plot` (see module comment); the lanes scroller moves with vertical drags. */
export function useTimelineInput(store: PanelStore, live: MutableRef<TimelineLive>, plot: MutableRef<HTMLDivElement | null>, scroller: MutableRef<HTMLDivElement | null>): TimelineInput {
  const [tip, setTip] = useState<TimelineTip | undefined>(undefined);
  const view = (): { limits: ReturnType<typeof captureLimits>; cur: Viewport } => {
    const limits = captureLimits(store);
    return { limits, cur: effectiveViewport(store, limits) };
  };
  const zoomAt = (x: number, factor: number): void => {
    const { limits, cur } = view();
    setViewport(store, zoomViewport(cur, xToTime(cur, live.current.width, x), factor, limits));
  };
  const panBy = (dx: number): void => {
    const { limits, cur } = view();
    setViewport(store, panViewport(cur, (dx / live.current.width) * (cur.t1 - cur.t0), limits));
  };
  const fit = (): void => {
    store.viewport.value = undefined;
    store.follow.value = true;
  };

  // Wheel: zoom (vertical wheel, trackpad pinch = ctrl+wheel), pan (horizontal or Shift).
  useEffect(() => {
    const el = plot.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      const rect = el.getBoundingClientRect();
      const x = Number.isFinite(e.clientX) ? e.clientX - rect.left : live.current.width / 2;
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const dx = (e.deltaX || 0) * unit;
      const dy = (e.deltaY || 0) * unit;
      e.preventDefault();
      if (e.shiftKey && !e.ctrlKey) panBy(dy || dx);
      else if (Math.abs(dx) > Math.abs(dy) && !e.ctrlKey) panBy(dx);
      else zoomAt(x, wheelZoomFactor(e.ctrlKey ? dy * 4 : dy));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const hitAt = (e: MouseEvent): TimelineHit | undefined => {
    const rect = plot.current!.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const { part, row } = locateInTimeline(e.clientY - rect.top, live.current.scrollTop);
    const a = store.analysis.value;
    const L = live.current;
    return hitTimeline({ part, row, x, vp: view().cur, width: L.width, analysis: a, track: a ? trackOf(a) : undefined, keepFinding: (f) => L.keepFinding(f), scene: L.scene, rows: L.rows, index: store.index, events: store.state.events });
  };
  const select = (t: HitTarget): void => {
    if (t.kind === 'finding') store.selectFinding(t.finding);
    else if (t.kind === 'event') store.selectEvent(t.ei);
    else store.focusConnection(t.conn);
  };
  const hover = (e: PointerEvent): void => {
    const h = hitAt(e);
    const el = plot.current!;
    el.style.cursor = h?.target && h.text ? 'pointer' : 'default';
    if (!h || !h.text) {
      if (tip) setTip(undefined);
      return;
    }
    const rect = el.getBoundingClientRect();
    setTip({ x: e.clientX - rect.left, y: e.clientY - rect.top, text: h.text });
  };

  // Drag to pan (time horizontally, lanes vertically); a click without drag selects.
  const drag = useRef<{ x: number; y: number; vp: Viewport; top: number; moved: boolean; id: number } | undefined>(undefined);
  const onPointerDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, vp: view().cur, top: scroller.current?.scrollTop ?? 0, moved: false, id: e.pointerId };
  };
  const onPointerMove = (e: PointerEvent): void => {
    const d = drag.current;
    if (d && (e.buttons & 1) === 1) {
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      if (!d.moved) {
        d.moved = true;
        (e.currentTarget as Element).setPointerCapture?.(d.id);
        setTip(undefined);
      }
      setViewport(store, panViewport(d.vp, (-dx / live.current.width) * (d.vp.t1 - d.vp.t0), captureLimits(store)));
      if (scroller.current) scroller.current.scrollTop = d.top - dy;
      return;
    }
    hover(e);
  };
  const onPointerUp = (e: PointerEvent): void => {
    const d = drag.current;
    drag.current = undefined;
    if (d && !d.moved) {
      const t = hitAt(e)?.target;
      if (t) select(t);
    }
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    const w = live.current.width;
    const k = e.key;
    if (k === '+' || k === '=' || k === 'w' || k === 'W') zoomAt(w / 2, 0.7);
    else if (k === '-' || k === '_' || k === 's' || k === 'S') zoomAt(w / 2, 1 / 0.7);
    else if (k === 'ArrowLeft' || k === 'a' || k === 'A') panBy(-w * 0.2);
    else if (k === 'ArrowRight' || k === 'd' || k === 'D') panBy(w * 0.2);
    else if (k === '0' || k === 'f' || k === 'F') fit();
    else if (k === 'Home' || k === 'End') {
      const { limits, cur } = view();
      const span = cur.t1 - cur.t0;
      const t0 = k === 'Home' ? limits.startT - span * 0.02 : limits.endT - span * 0.98;
      setViewport(store, clampViewport({ t0, t1: t0 + span }, limits));
    } else return;
    e.preventDefault();
  };

  return { tip, clearTip: () => setTip(undefined), zoomAt, fit, onPointerDown, onPointerMove, onPointerUp, onKeyDown };
}
