/**
 * A collapsible JSON tree. Keys and values are text nodes (never markup); strings are shown
 * JSON-quoted. Objects and arrays open to `openDepth` levels; more than 100 children show a
 * "show more" button, so a 64 KiB payload stays quick; a string longer than 16 Ki characters shows
 * its start and how many characters follow. Arrow keys: Right/Left expand/collapse
 * the focused node.
 */
import { useState } from 'preact/hooks';
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
      <div class="jrow" role="treeitem">
        {label}
        {name !== undefined && <span class="jp">: </span>}
        <Scalar v={value} />
      </div>
    );
  }
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((x, i) => [String(i), x]) : Object.entries(value as Record<string, unknown>);
  return (
    <div class="jnode" role="treeitem" aria-expanded={open}>
      <div
        class="jrow jtoggle"
        tabIndex={0}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Enter') {
            e.preventDefault();
            setOpen(e.key === 'Enter' ? !open : e.key === 'ArrowRight');
          }
        }}
      >
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

/** Props: the parsed value and how many levels start open (default 3). */
export function JsonTree({ value, openDepth = 3 }: { value: unknown; openDepth?: number }) {
  return (
    <div class="json-tree" role="tree" aria-label="JSON payload">
      <Node name={undefined} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}
