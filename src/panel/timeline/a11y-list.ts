/** Renders the timeline's accessible fallback list (timeline-a11y.ts) into the canvas' `<ul>`. */
import type { SceneItem } from '../../core/view/timeline-scene';
import type { TimelineRow } from '../../core/view/timeline-rows';
import { timelineA11yItems } from '../../core/view/timeline-a11y';

/** What each list last showed: an unchanged list is not rebuilt (no DOM churn while streaming). */
const shown = new WeakMap<HTMLUListElement, string>();

/** Replaces the list's items with the scene's (text only; data-kind, data-cls, data-row, data-conn for tests) when they changed. */
export function fillA11yList(ul: HTMLUListElement | null, scene: readonly SceneItem[], rows: readonly TimelineRow[]): void {
  if (!ul) return;
  const items = timelineA11yItems(scene, rows);
  const key = items.map((it) => `${it.kind}\u0001${it.cls}\u0001${it.row}\u0001${it.conn ?? ''}\u0001${it.text}`).join('\u0000');
  if (shown.get(ul) === key && ul.childElementCount === items.length) return;
  shown.set(ul, key);
  const frag = document.createDocumentFragment();
  for (const it of items) {
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
