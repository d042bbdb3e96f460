/**
 * A collapsible JSON tree. Keys and values are text nodes (never markup); strings are shown
 * JSON-quoted. Objects and arrays open to `openDepth` levels; more than 100 children show a
 * "show more" button, so a 64 KiB payload stays quick; a string longer than 16 Ki characters shows
 * its start and how many characters follow. Keyboard: the WAI-ARIA tree pattern (roving focus
 * on the treeitems, one Tab stop; docs/design.md#panel-and-viewer): Up/Down move through the
 * shown items, Home/End to the first and last, Right expands a closed node or moves to its first
 * child, Left collapses an open node or moves to its parent, Enter toggles.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatCount } from '../core/view/count-format';

const PAGE = 100;
/** A string value longer than this many characters (16 Ki) shows its start and how much is left (Copy JSON takes all). */
export const STRING_SHOWN_CAP = 16 * 1024;

function summary(v: unknown): string {
  if (Array.isArray(v)) return `Array(${v.length})`;
  const n = Object.keys(v as object).length;
  return `{…} ${n} key${n === 1 ? '' : 's'}`;
}

function Scalar({ v }: { v: unknown }) {
  const t = v === null ? 'null' : typeof v;
  if (typeof v === 'string' && v.length > STRING_SHOWN_CAP) {
    return (
      <span class="jv jv-string">
        {JSON.stringify(v.slice(0, STRING_SHOWN_CAP))}
        <span class="muted"> … {formatCount(v.length - STRING_SHOWN_CAP)} more characters (Copy JSON for all)</span>
      </span>
    );
  }
  return <span class={`jv jv-${t}`}>{typeof v === 'string' ? JSON.stringify(v) : String(v)}</span>;
}

function Node({ name, value, depth, openDepth }: { name: string | undefined; value: unknown; depth: number; openDepth: number }) {
  const composite = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < openDepth);
  const [limit, setLimit] = useState(PAGE);
  const label = name !== undefined && <span class="jk">{name}</span>;
  if (!composite) {
    return (
      <div class="jrow" role="treeitem" tabIndex={depth === 0 ? 0 : -1}>
        {label}
        {name !== undefined && <span class="jp">: </span>}
        <Scalar v={value} />
      </div>
    );
  }
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((x, i) => [String(i), x]) : Object.entries(value as Record<string, unknown>);
  return (
    <div
      class="jnode"
      role="treeitem"
      aria-expanded={open}
      tabIndex={depth === 0 ? 0 : -1}
      onKeyDown={(e) => {
        // Only this node's own keys: its children's bubble through it to the tree.
        if (e.target !== e.currentTarget) return;
        const toggle = e.key === 'Enter' || (e.key === 'ArrowRight' && !open) || (e.key === 'ArrowLeft' && open);
        if (!toggle) return;
        e.preventDefault();
        e.stopPropagation();
        setOpen(!open);
      }}
    >
      <div class="jrow jtoggle" onClick={() => setOpen(!open)}>
        <span class="jchev" aria-hidden="true">{open ? '▾' : '▸'}</span>
        {label}
        {name !== undefined && <span class="jp">: </span>}
        <span class="jsum">{summary(value)}</span>
      </div>
      {open && (
        <div class="jchildren" role="group">
          {entries.slice(0, limit).map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > limit && (
            <button type="button" class="link" onClick={() => setLimit(limit + PAGE)}>
              show {Math.min(PAGE, entries.length - limit)} more of {entries.length - limit}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** The tree's moves (see the module comment): the treeitem to focus for `key` from `at`, if any. */
function moveTarget(tree: HTMLElement, at: HTMLElement, key: string): HTMLElement | undefined {
  const items = [...tree.querySelectorAll<HTMLElement>('[role=treeitem]')];
  const i = items.indexOf(at);
  if (key === 'ArrowDown') return items[i + 1];
  if (key === 'ArrowUp') return i > 0 ? items[i - 1] : undefined;
  if (key === 'Home') return items[0];
  if (key === 'End') return items[items.length - 1];
  // Right on an open node: its first child; Left on a leaf or closed node: its parent.
  if (key === 'ArrowRight') return at.getAttribute('aria-expanded') === 'true' ? (at.querySelector<HTMLElement>('[role=treeitem]') ?? undefined) : undefined;
  if (key === 'ArrowLeft') return at.parentElement?.closest<HTMLElement>('[role=treeitem]') ?? undefined;
  return undefined;
}

/** Roving focus: `to` becomes the tree's one Tab stop. */
function rove(tree: HTMLElement, to: HTMLElement): void {
  for (const el of tree.querySelectorAll<HTMLElement>('[role=treeitem][tabindex="0"]')) if (el !== to) el.tabIndex = -1;
  to.tabIndex = 0;
}

/** Props: the parsed value and how many levels start open (default 3). */
export function JsonTree({ value, openDepth = 3 }: { value: unknown; openDepth?: number }) {
  const onKey = (e: KeyboardEvent): void => {
    const tree = e.currentTarget as HTMLElement;
    const at = (e.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
    if (!at || !tree.contains(at)) return;
    const to = moveTarget(tree, at, e.key);
    if (['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) e.preventDefault();
    if (to) {
      rove(tree, to);
      to.focus();
    }
  };
  // A click that collapsed the node holding the Tab stop leaves none: the root takes it back.
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const tree = ref.current;
    const root = tree?.querySelector<HTMLElement>('[role=treeitem]');
    if (tree && root && !tree.querySelector('[role=treeitem][tabindex="0"]')) root.tabIndex = 0;
  });
  return (
    <div
      class="json-tree"
      role="tree"
      aria-label="JSON payload"
      ref={ref}
      onKeyDown={onKey}
      onFocusIn={(e) => {
        const at = (e.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
        if (at && e.target === at) rove(e.currentTarget as HTMLElement, at);
      }}
    >
      <Node name={undefined} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}
