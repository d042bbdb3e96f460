/**
 * Leaves of a parsed JSON value as (path, value) pairs, in the path grammar of path.ts
 * (`a.b`, `a[0].c`, a leading `[1]` for a top-level array), for profile learning
 * (docs/design.md#profile-learning). Bounded: depth, leaves and array elements are capped so a
 * huge frame costs no more than a small one.
 */

/** A scalar leaf: a path and its string, number or boolean value. */
export type Leaf = [path: string, value: string | number | boolean];

const MAX_DEPTH = 6;
const MAX_LEAVES = 80;
const MAX_ITEMS = 4;
const SAFE_KEY = /^[^.[\]]+$/;

/**
 * Lists the scalar leaves of `value` (objects and arrays walked, at most 6 levels, 80 leaves,
 * the first 4 elements of each array). Keys that the path grammar cannot address (containing
 * `.`, `[` or `]`) are skipped. Never throws.
 */
export function leavesOf(value: unknown): Leaf[] {
  const out: Leaf[] = [];
  walk(value, '', 0, out);
  return out;
}

function walk(v: unknown, path: string, depth: number, out: Leaf[]): void {
  if (out.length >= MAX_LEAVES) return;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    if (path !== '') out.push([path, v]);
    return;
  }
  if (v === null || typeof v !== 'object' || depth >= MAX_DEPTH) return;
  if (Array.isArray(v)) {
    const n = Math.min(v.length, MAX_ITEMS);
    for (let i = 0; i < n; i++) walk(v[i], `${path}[${i}]`, depth + 1, out);
    return;
  }
  for (const k in v as Record<string, unknown>) {
    if (!Object.prototype.hasOwnProperty.call(v, k) || !SAFE_KEY.test(k)) continue;
    walk((v as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`, depth + 1, out);
    if (out.length >= MAX_LEAVES) return;
  }
}

/** The last key of a path (`data.meta.offset` → `offset`, `[1].seq` → `seq`, `a[0]` → `a`). */
export function lastKey(path: string): string {
  const m = /([^.[\]]+)(?:\[\d+\])*$/.exec(path);
  return m ? m[1]! : path;
}

/** Number of steps in a path (`a.b[0]` → 3). */
export function pathDepth(path: string): number {
  let n = 1;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 0x2e || (c === 0x5b && i > 0)) n++;
  }
  return n;
}
