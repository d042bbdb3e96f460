/**
 * The timeline, centre of the panel: a time axis with zoom and pan (use-timeline-input.ts),
 * one lane per connection grouped by session (the gutter on the left is DOM, the plot is
 * canvas, painted by use-timeline-draw.ts), the findings flags and the stream-position track
 * on top. Clicking a tick, marker, span or flag selects it in the table / findings list; the
 * selection and the selected finding's evidence are drawn here, and reveal requests of other
 * views are followed (use-view-requests.ts). The canvas holds an accessible text list of what
 * it shows (markers, reconnect spans, syncs, flags) as fallback content.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PanelStore } from '../store';
import type { Finding } from '../../core/analysis/types';
import { TIMELINE_ROW_HEIGHT, timelineRows } from '../../core/view/timeline-rows';
import { AXIS_H, FLAGS_H, TOP_H } from '../../core/view/timeline-layout';
import { TimelineGutter, GUTTER_WIDTH } from './gutter';
import { formatDuration } from '../../core/format';
import { visibleText } from '../../core/visible-text';
import { captureLimits, effectiveViewport, trackOf } from './viewport';
import { useTimelineDraw, type TimelineLive } from './use-timeline-draw';
import { useTimelineInput } from './use-timeline-input';
import { useViewRequests } from './use-view-requests';

export { captureLimits, effectiveViewport } from './viewport';

/** Props: the store, the findings severity filter, and the height of the lanes area (CSS px). */
export interface TimelineProps {
  store: PanelStore;
  keepFinding: (f: Finding) => boolean;
  height: number;
  /** Width of the lane gutter, CSS px (default 300). */
  gutter?: number;
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
  const laneVersion = store.version.value && store.index.laneVersion; // re-render gutter on new lanes
  const rows = useMemo(() => timelineRows(store.index, collapsed), [store.index, laneVersion, collapsed]);
  const live = useRef<TimelineLive>({ rows, width, scrollTop, height, keepFinding, scene: [], colors: undefined });
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

  useTimelineDraw(store, live, { top: topRef, lanes: lanesRef, a11y: a11yRef, section: sectionRef }, [width, scrollTop, height, rows, keepFinding]);
  useViewRequests(store, live, scrollRef);
  const input = useTimelineInput(store, live, plotRef, scrollRef);

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
            <button type="button" class="icon" onClick={() => input.zoomAt(live.current.width / 2, 0.7)} title="Zoom in (wheel, +, W)" aria-label="Zoom in">+</button>
            <button type="button" class="icon" onClick={() => input.zoomAt(live.current.width / 2, 1 / 0.7)} title="Zoom out (wheel, −, S)" aria-label="Zoom out">−</button>
            <button type="button" class={`icon ${store.follow.value ? 'on' : ''}`} onClick={input.fit} title="Fit everything and follow the capture (0, F)" aria-pressed={store.follow.value} aria-label="Fit and follow">⤢</button>
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
        onPointerDown={input.onPointerDown}
        onPointerMove={input.onPointerMove}
        onPointerUp={input.onPointerUp}
        onPointerLeave={input.clearTip}
        onDblClick={(e) => input.zoomAt(e.clientX - plotRef.current!.getBoundingClientRect().left, 0.5)}
        onKeyDown={input.onKeyDown}
        style={{ left: `${gutter}px` }}
      >
        <canvas ref={topRef} class="tl-top-canvas" />
        <canvas ref={lanesRef} class="tl-lanes-canvas">
          <ul ref={a11yRef} class="tl-a11y" aria-label="Timeline items" />
        </canvas>
        {input.tip && (
          <div class="tl-tip" role="tooltip" style={{ left: `${Math.min(input.tip.x + 12, Math.max(0, width - 360))}px`, top: `${input.tip.y + 14}px` }}>
            {visibleText(input.tip.text)}
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
