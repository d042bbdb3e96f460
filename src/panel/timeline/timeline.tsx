/**
 * The timeline, centre of the panel: a time axis with zoom (wheel or trackpad pinch, `+`/`-`,
 * W/S) and pan (drag, horizontal wheel or Shift+wheel, arrows, A/D; `0` or F fits and follows
 * the capture), one lane per connection grouped by session (the gutter on the left is DOM,
 * the plot is canvas), the findings flags and the stream-position track on top. Clicking a
 * tick, marker, span or flag selects it in the table / findings list; the selection and the
 * selected finding's evidence are drawn here. The canvas holds an accessible text list of what
 * it shows (markers, reconnect spans, syncs, flags) as fallback content.
 */
import { effect } from '@preact/signals';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PanelStore } from '../store';
import type { Analysis, Finding } from '../../core/analysis/types';
import { PositionChart } from '../../core/view/position-chart';
import { buildScene, hitScene, type SceneItem } from '../../core/view/timeline-scene';
import { TIMELINE_ROW_HEIGHT, rowOfLane, timelineRows, type TimelineRow } from '../../core/view/timeline-rows';
import { clampViewport, fitViewport, panViewport, revealRange, wheelZoomFactor, xToTime, zoomViewport, type Viewport, type ViewportLimits } from '../../core/view/time-viewport';
import { eventIndexOfSeq } from '../../core/view/evidence';
import { findingFlags } from '../../core/view/finding-flags';
import { AXIS_H, FLAGS_H, TOP_H, drawLanes, drawTop, sizeCanvas } from './draw';
import { readColors, type TimelineColors } from './colors';
import { TimelineGutter, GUTTER_WIDTH } from './gutter';
import { formatDuration, formatFrameSize } from '../../core/format';
import { visibleText } from '../../core/visible-text';

/** Props: the store, the findings severity filter, and the height of the lanes area (CSS px). */
export interface TimelineProps {
  store: PanelStore;
  keepFinding: (f: Finding) => boolean;
  height: number;
  /** Width of the lane gutter, CSS px (default 300). */
  gutter?: number;
}

const trackCache = new WeakMap<object, PositionChart>();
function trackOf(a: Analysis): PositionChart {
  let t = trackCache.get(a);
  if (!t) trackCache.set(a, (t = new PositionChart(a.positions)));
  return t;
}

/** Data range of the capture (ms); `endT` includes "now" while a live connection is open. */
export function captureLimits(store: PanelStore): ViewportLimits {
  const ev = store.state.events;
  if (ev.length === 0) {
    const now = Date.now();
    return { startT: now - 1000, endT: now, minSpanMs: 1 };
  }
  let endT = ev[ev.length - 1]!.t;
  if (store.live.value && store.recording.value) {
    for (const c of store.state.connections.values()) {
      if (c.status !== 'closed' && c.status !== 'gone') {
        endT = Math.max(endT, Date.now());
        break;
      }
    }
  }
  return { startT: ev[0]!.t, endT, minSpanMs: 1 };
}

/** The viewport the timeline shows now (fit while following). */
export function effectiveViewport(store: PanelStore, limits = captureLimits(store)): Viewport {
  const v = store.viewport.value;
  return store.follow.value || !v ? fitViewport(limits) : clampViewport(v, limits);
}

/**
 * The timeline: fixed top tracks (axis, findings, positions; TOP_H px) above `height` px of
 * lanes that scroll vertically. Draws on canvas in the next animation frame after any change.
 */
export function Timeline({ store, keepFinding, height, gutter = GUTTER_WIDTH }: TimelineProps) {
  const topRef = useRef<HTMLCanvasElement>(null);
  const lanesRef = useRef<HTMLCanvasElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const a11yRef = useRef<HTMLUListElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(600);
  const [scrollTop, setScrollTop] = useState(0);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | undefined>(undefined);
  const laneVersion = store.version.value && store.index.laneVersion; // re-render gutter on new lanes
  const rows = useMemo(() => timelineRows(store.index, collapsed), [store.index, laneVersion, collapsed]);
  const live = useRef({ rows, width, scrollTop, height, keepFinding, scene: [] as SceneItem[], colors: undefined as TimelineColors | undefined, posRange: undefined as { lo: number; hi: number } | undefined });
  live.current.rows = rows;
  live.current.width = width;
  live.current.scrollTop = scrollTop;
  live.current.height = height;
  live.current.keepFinding = keepFinding;

  // Width of the plot.
  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const measure = (): void => setWidth(Math.max(50, Math.floor(el.clientWidth)));
    measure();
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : undefined;
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);

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

  const frame = useRef(0);
  const a11yTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
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
    const laneOfEvent = (e: (typeof ev)[number]): number => ('conn' in e ? (store.index.laneIndexOf(e.conn) ?? -1) : -1);
    const top = topRef.current ? sizeCanvas(topRef.current, L.width, TOP_H) : null;
    if (top) {
      L.posRange = drawTop(top, {
        width: L.width, vp, colors, analysis: a, track: a ? trackOf(a) : undefined, keepFinding: L.keepFinding,
        selectedT: selE?.t, evidenceTs: evidence.map((e) => e.t),
      });
    }
    const lanesH = Math.max(0, L.height);
    const ctx = lanesRef.current ? sizeCanvas(lanesRef.current, L.width, lanesH) : null;
    const first = Math.max(0, Math.floor(L.scrollTop / TIMELINE_ROW_HEIGHT) - 1);
    const last = Math.ceil((L.scrollTop + lanesH) / TIMELINE_ROW_HEIGHT) + 1;
    const scene = buildScene({ rows: L.rows, firstRow: first, lastRow: last, index: store.index, state: store.state, events: ev, analysis: a, profile: store.profile.value.profile, viewport: vp, width: L.width, endT: limits.endT });
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
    const sec = sectionRef.current;
    if (sec) {
      sec.dataset.selectedSeq = selE ? String(selE.seq) : '';
      sec.dataset.evidenceSeqs = evidence.map((e) => e.seq).join(' ');
      sec.dataset.viewport = `${Math.round(vp.t0)} ${Math.round(vp.t1)}`;
    }
    clearTimeout(a11yTimer.current);
    a11yTimer.current = setTimeout(() => fillA11y(a11yRef.current, scene, L.rows), 150);
  };
  const schedule = (): void => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(draw);
  };

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
  useEffect(schedule, [width, scrollTop, height, rows, keepFinding]);
  useEffect(() => () => {
    if (frame.current) cancelAnimationFrame(frame.current);
    clearTimeout(a11yTimer.current);
  }, []);
  // While live with an open connection, "now" moves: redraw once a second.
  useEffect(() => {
    const id = setInterval(() => {
      if (store.live.value && store.recording.value && store.follow.value) schedule();
    }, 1000);
    return () => clearInterval(id);
  }, []);

  // Reveal requests (finding selected) and table selections out of view.
  useEffect(
    () =>
      effect(() => {
        const req = store.revealRequest.value;
        if (!req) return;
        const limits = captureLimits(store);
        const cur = effectiveViewport(store, limits);
        const next = revealRange(cur, req.a, req.b, limits);
        if (next !== cur) {
          store.follow.value = false;
          store.viewport.value = next;
        }
      }),
    [],
  );
  useEffect(
    () =>
      effect(() => {
        const req = store.zoomRequest.value;
        if (!req) return;
        const limits = captureLimits(store);
        store.follow.value = false;
        store.viewport.value = clampViewport({ t0: req.a, t1: req.b }, limits);
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
        if (e.t < cur.t0 || e.t > cur.t1) {
          store.follow.value = false;
          store.viewport.value = revealRange(cur, e.t, e.t, limits);
        }
        if ('conn' in e) {
          const lane = store.index.laneIndexOf(e.conn);
          const row = lane === undefined ? -1 : rowOfLane(live.current.rows, lane);
          const sc = scrollRef.current;
          if (row >= 0 && sc) {
            const y = row * TIMELINE_ROW_HEIGHT;
            if (y < sc.scrollTop) sc.scrollTop = y;
            else if (y + TIMELINE_ROW_HEIGHT > sc.scrollTop + sc.clientHeight) sc.scrollTop = y + TIMELINE_ROW_HEIGHT - sc.clientHeight;
          }
        }
      }),
    [],
  );

  const setView = (v: Viewport): void => {
    store.follow.value = false;
    store.viewport.value = v;
  };
  const zoomAt = (x: number, factor: number): void => {
    const limits = captureLimits(store);
    const cur = effectiveViewport(store, limits);
    setView(zoomViewport(cur, xToTime(cur, live.current.width, x), factor, limits));
  };
  const panBy = (dx: number): void => {
    const limits = captureLimits(store);
    const cur = effectiveViewport(store, limits);
    setView(panViewport(cur, (dx / live.current.width) * (cur.t1 - cur.t0), limits));
  };
  const fit = (): void => {
    store.viewport.value = undefined;
    store.follow.value = true;
  };

  // Wheel: zoom (vertical wheel, trackpad pinch = ctrl+wheel), pan (horizontal or Shift).
  useEffect(() => {
    const el = plotRef.current;
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

  // Drag to pan (time horizontally, lanes vertically); a click without drag selects.
  const drag = useRef<{ x: number; y: number; vp: Viewport; top: number; moved: boolean; id: number } | undefined>(undefined);
  const onPointerDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    const limits = captureLimits(store);
    drag.current = { x: e.clientX, y: e.clientY, vp: effectiveViewport(store, limits), top: scrollRef.current?.scrollTop ?? 0, moved: false, id: e.pointerId };
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
      const limits = captureLimits(store);
      setView(panViewport(d.vp, (-dx / live.current.width) * (d.vp.t1 - d.vp.t0), limits));
      if (scrollRef.current) scrollRef.current.scrollTop = d.top - dy;
      return;
    }
    hover(e);
  };
  const onPointerUp = (e: PointerEvent): void => {
    const d = drag.current;
    drag.current = undefined;
    if (d && !d.moved) click(e);
  };

  /** Where the pointer is: the top tracks (part) or a lane row; x in plot px. */
  const locate = (e: MouseEvent): { x: number; part: 'axis' | 'flags' | 'position' | 'lanes'; row: number; y: number } => {
    const rect = plotRef.current!.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    if (y < AXIS_H) return { x, part: 'axis', row: -1, y };
    if (y < AXIS_H + FLAGS_H) return { x, part: 'flags', row: -1, y };
    if (y < TOP_H) return { x, part: 'position', row: -1, y };
    const row = Math.floor((y - TOP_H + live.current.scrollTop) / TIMELINE_ROW_HEIGHT);
    return { x, part: 'lanes', row, y };
  };

  type Hit = { text: string; act?: () => void };
  const hitAt = (e: MouseEvent): Hit | undefined => {
    const p = locate(e);
    const a = store.analysis.value;
    const limits = captureLimits(store);
    const vp = effectiveViewport(store, limits);
    const w = live.current.width;
    if (p.part === 'flags' && a) {
      const flags = findingFlags(a.findings, vp, w, 10, (f) => live.current.keepFinding(f));
      let best: (typeof flags)[number] | undefined;
      for (const f of flags) if (Math.abs(f.x + 3 - p.x) <= 7 && (!best || Math.abs(f.x - p.x) < Math.abs(best.x - p.x))) best = f;
      if (!best) return undefined;
      const f = a.findings[best.finding]!;
      return { text: visibleText(`${f.severity}: ${f.code} — ${f.message}${best.count > 1 ? ` (+${best.count - 1} more here)` : ''}`), act: () => store.selectFinding(f) };
    }
    if (p.part === 'position' && a) {
      const tr = trackOf(a);
      const t = xToTime(vp, w, p.x);
      const i = tr.nearest(t, ((vp.t1 - vp.t0) / w) * 4);
      if (i < 0) return undefined;
      const ei = eventIndexOfSeq(store.state.events, tr.seq[i]!);
      return { text: `stream position ${tr.pos[i]}${tr.fromSync[i] ? ' (from a sync response)' : ''}`, ...(ei >= 0 ? { act: () => store.selectEvent(ei) } : {}) };
    }
    if (p.part === 'lanes') {
      const it = hitScene(live.current.scene, p.row, p.x);
      if (it && it.kind !== 'bar' && it.kind !== 'connecting') {
        if (it.kind === 'flag' && it.finding !== undefined && a) {
          const f = a.findings[it.finding]!;
          return { text: it.tip, act: () => store.selectFinding(f) };
        }
        return { text: it.tip, ...(it.tableRow >= 0 ? { act: () => store.selectEvent(store.index.ev.get(it.tableRow)) } : {}) };
      }
      const r = live.current.rows[p.row];
      if (r?.type === 'lane') {
        const t = xToTime(vp, w, p.x);
        const fr = store.index.nearestFrameRow(r.lane, t, ((vp.t1 - vp.t0) / w) * 4);
        if (fr >= 0) {
          const ei = store.index.ev.get(fr);
          const ev = store.state.events[ei];
          const kind = store.index.kindName(fr);
          const dir = ev?.type === 'ws-send' ? '↑ sent' : '↓ received';
          return { text: `${dir} ${kind} frame #${fr + 1}${ev && 'size' in ev ? ` · ${formatFrameSize(ev.size)}` : ''}`, act: () => store.selectEvent(ei) };
        }
      }
      if (it) return { text: it.tip, ...(it.tableRow >= 0 ? { act: () => store.selectEvent(store.index.ev.get(it.tableRow)) } : {}) };
      if (r?.type === 'lane') return { text: '', act: () => store.focusConnection(store.index.lanes[r.lane]?.conn) };
    }
    return undefined;
  };
  const hover = (e: PointerEvent): void => {
    const h = hitAt(e);
    const el = plotRef.current!;
    el.style.cursor = h?.act && h.text ? 'pointer' : 'default';
    if (!h || !h.text) {
      if (tip) setTip(undefined);
      return;
    }
    const rect = el.getBoundingClientRect();
    setTip({ x: e.clientX - rect.left, y: e.clientY - rect.top, text: h.text });
  };
  const click = (e: PointerEvent): void => {
    hitAt(e)?.act?.();
  };

  const onKey = (e: KeyboardEvent): void => {
    const w = live.current.width;
    const k = e.key;
    if (k === '+' || k === '=' || k === 'w' || k === 'W') zoomAt(w / 2, 0.7);
    else if (k === '-' || k === '_' || k === 's' || k === 'S') zoomAt(w / 2, 1 / 0.7);
    else if (k === 'ArrowLeft' || k === 'a' || k === 'A') panBy(-w * 0.2);
    else if (k === 'ArrowRight' || k === 'd' || k === 'D') panBy(w * 0.2);
    else if (k === '0' || k === 'f' || k === 'F') fit();
    else if (k === 'Home' || k === 'End') {
      const limits = captureLimits(store);
      const cur = effectiveViewport(store, limits);
      const span = cur.t1 - cur.t0;
      const t0 = k === 'Home' ? limits.startT - span * 0.02 : limits.endT - span * 0.98;
      setView(clampViewport({ t0, t1: t0 + span }, limits));
    } else return;
    e.preventDefault();
  };

  const limits = captureLimits(store);
  const vp = effectiveViewport(store, limits);
  const span = vp.t1 - vp.t0;
  const track = store.analysis.value ? trackOf(store.analysis.value) : undefined;
  const posName = store.profile.value.profile.position?.path ?? 'position';
  return (
    <section ref={sectionRef} class="timeline" aria-label="Timeline" style={{ height: `${TOP_H + height}px` }}>
      <div class="tl-top-gutter" style={{ width: `${gutter}px` }}>
        <div class="tl-label" style={{ height: `${AXIS_H}px` }}>
          <span class="tl-span" title="Visible time span">{formatDuration(span)}</span>
          <span class="tl-tools">
            <button type="button" class="icon" onClick={() => zoomAt(live.current.width / 2, 0.7)} title="Zoom in (wheel, +, W)" aria-label="Zoom in">+</button>
            <button type="button" class="icon" onClick={() => zoomAt(live.current.width / 2, 1 / 0.7)} title="Zoom out (wheel, −, S)" aria-label="Zoom out">−</button>
            <button type="button" class={`icon ${store.follow.value ? 'on' : ''}`} onClick={fit} title="Fit everything and follow the capture (0, F)" aria-pressed={store.follow.value} aria-label="Fit and follow">⤢</button>
          </span>
        </div>
        <div class="tl-label" style={{ height: `${FLAGS_H}px` }}>Findings</div>
        <div class="tl-label tl-pos-label" style={{ height: `${TOP_H - AXIS_H - FLAGS_H}px` }} title="Stream positions of data frames (line), sync responses (squares) and hellos (circles: the server's head)">
          <span>{posName}</span>
          {track && !Number.isNaN(track.hi) && <span class="muted mono">last {store.analysis.value?.lastPosition ?? '—'}</span>}
        </div>
      </div>
      <div
        class="tl-plot"
        ref={plotRef}
        tabIndex={0}
        role="application"
        aria-label="Timeline plot: wheel or +/− to zoom, drag or arrows to pan, 0 to fit"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setTip(undefined)}
        onDblClick={(e) => zoomAt(e.clientX - plotRef.current!.getBoundingClientRect().left, 0.5)}
        onKeyDown={onKey}
        style={{ left: `${gutter}px` }}
      >
        <canvas ref={topRef} class="tl-top-canvas" />
        <canvas ref={lanesRef} class="tl-lanes-canvas">
          <ul ref={a11yRef} class="tl-a11y" aria-label="Timeline items" />
        </canvas>
        {tip && (
          <div class="tl-tip" role="tooltip" style={{ left: `${Math.min(tip.x + 12, Math.max(0, width - 360))}px`, top: `${tip.y + 14}px` }}>
            {tip.text}
          </div>
        )}
      </div>
      <div
        class="tl-scroll"
        ref={scrollRef}
        style={{ top: `${TOP_H}px`, height: `${height}px` }}
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      >
        <TimelineGutter store={store} rows={rows} scrollTop={scrollTop} height={height} collapsed={collapsed} width={gutter} onToggle={(key) => {
          const next = new Set(collapsed);
          if (next.has(key)) next.delete(key);
          else next.add(key);
          setCollapsed(next);
        }} />
        <div class="tl-scroll-spacer" style={{ height: `${rows.length * TIMELINE_ROW_HEIGHT}px` }} />
      </div>
    </section>
  );
}

/** Rebuilds the canvas' accessible fallback list (text only) from the scene. */
function fillA11y(ul: HTMLUListElement | null, scene: readonly SceneItem[], rows: readonly TimelineRow[]): void {
  if (!ul) return;
  const items = scene.filter((s) => s.kind !== 'bar' && s.kind !== 'connecting').slice(0, 400);
  const frag = document.createDocumentFragment();
  for (const it of items) {
    const li = document.createElement('li');
    li.dataset.kind = it.kind;
    li.dataset.cls = it.cls;
    const r = rows[it.row];
    li.dataset.row = r?.type === 'lane' ? `lane-${r.lane}` : `session-${r?.session ?? ''}`;
    if (it.conn !== undefined) li.dataset.conn = String(it.conn);
    li.textContent = it.label ? `${it.label} — ${it.tip}` : it.tip;
    frag.appendChild(li);
  }
  ul.replaceChildren(frag);
}

