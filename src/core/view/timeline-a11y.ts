/**
 * The timeline's accessible fallback, as data: one text item per marker, reconnect span, sync
 * and flag in the scene (bars and connecting phases carry no information of their own), at
 * most {@link A11Y_MAX_ITEMS}. The panel renders them as a list inside the canvas.
 */
import type { SceneItem } from './timeline-scene';
import type { TimelineRow } from './timeline-rows';

/** Most items listed. */
export const A11Y_MAX_ITEMS = 400;

/** One listed item: its scene kind and colour class, its row ("lane-N" or "session-KEY"), its connection and text. */
export interface TimelineA11yItem {
  kind: string;
  cls: string;
  row: string;
  conn?: string;
  text: string;
}

/** The listed items of a scene, in scene order ("label — tip", or the tip alone). */
export function timelineA11yItems(scene: readonly SceneItem[], rows: readonly TimelineRow[]): TimelineA11yItem[] {
  const out: TimelineA11yItem[] = [];
  for (const it of scene) {
    if (it.kind === 'bar' || it.kind === 'connecting') continue;
    if (out.length >= A11Y_MAX_ITEMS) break;
    const r = rows[it.row];
    const item: TimelineA11yItem = { kind: it.kind, cls: it.cls, row: r?.type === 'lane' ? `lane-${r.lane}` : `session-${r?.session ?? ''}`, text: it.label ? `${it.label} — ${it.tip}` : it.tip };
    if (it.conn !== undefined) item.conn = String(it.conn);
    out.push(item);
  }
  return out;
}
