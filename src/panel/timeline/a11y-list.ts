/** Renders the timeline's accessible fallback list (timeline-a11y.ts) into the canvas' `<ul>`. */
import type { SceneItem } from '../../core/view/timeline-scene';
import type { TimelineRow } from '../../core/view/timeline-rows';
import { timelineA11yItems } from '../../core/view/timeline-a11y';

/** Replaces the list's items with the scene's (text only; data-kind, data-cls, data-row, data-conn for tests). */
export function fillA11yList(ul: HTMLUListElement | null, scene: readonly SceneItem[], rows: readonly TimelineRow[]): void {
  if (!ul) return;
  const frag = document.createDocumentFragment();
  for (const it of timelineA11yItems(scene, rows)) {
    const li = document.createElement('li');
    li.dataset.kind = it.kind;
    li.dataset.cls = it.cls;
    li.dataset.row = it.row;
    if (it.conn !== undefined) li.dataset.conn = it.conn;
    li.textContent = it.text;
    frag.appendChild(li);
  }
  ul.replaceChildren(frag);
}
