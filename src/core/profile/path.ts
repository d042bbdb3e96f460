/**
 * Dotted JSON paths used by profiles (docs/design.md#matchers): `position.path`, `sync.cursorPath`,
 * `sync.responsePositions`, `hello.fields` and the keys of a matcher's `json` map.
 *
 * Grammar (no code, no evaluation):
 * - `a.b.c`       object keys separated by dots (own properties only, never the prototype);
 * - `a[0]`, `[3]` array index; a leading `[n]` addresses a top-level array (Phoenix v2 frames);
 * - `[-1]`        negative index counts from the end (Socket.IO: the offset is the last event argument);
 * - `a.0`         a numeric key also indexes an array;
 * - `events[]`    iterates an array (only in {@link getPathAll});
 * - ``            (empty) is the value itself.
 * Keys containing `.`, `[` or `]` cannot be addressed.
 */

/** One step of a compiled path: an object key, an array index, or "every element". */
export type PathSegment = { k: 'key'; key: string; index: number | undefined } | { k: 'index'; index: number } | { k: 'each' };

/** A compiled path: its source text and its segments. */
export interface CompiledPath {
  source: string;
  segments: PathSegment[];
  /** True when the path contains `[]` (only meaningful for {@link getPathAll}). */
  iterates: boolean;
}

const cache = new Map<string, CompiledPath>();
const CANONICAL_INT = /^(0|[1-9]\d*)$/;

/**
 * Compiles a path (see the module grammar). Results are cached by source text.
 * @throws Error `invalid path "<path>": <why>` on a syntax error
 */
export function compilePath(path: string): CompiledPath {
  const hit = cache.get(path);
  if (hit) return hit;
  const segments: PathSegment[] = [];
  let i = 0;
  const n = path.length;
  const fail = (why: string): never => {
    throw new Error(`invalid path "${path}": ${why}`);
  };
  while (i < n) {
    // A name up to '.', '[' or the end.
    let j = i;
    while (j < n && path[j] !== '.' && path[j] !== '[' && path[j] !== ']') j++;
    if (path[j] === ']') fail(`unexpected "]" at ${j}`);
    const name = path.slice(i, j);
    if (name) segments.push({ k: 'key', key: name, index: CANONICAL_INT.test(name) ? Number(name) : undefined });
    else if (path[j] !== '[') fail(`empty segment at ${i}`);
    else if (i > 0 && path[i - 1] === '.') fail(`empty segment at ${i}`);
    i = j;
    while (i < n && path[i] === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) fail(`unclosed "[" at ${i}`);
      const inner = path.slice(i + 1, close);
      if (inner === '') segments.push({ k: 'each' });
      else if (/^-?\d+$/.test(inner)) segments.push({ k: 'index', index: Number(inner) });
      else fail(`"[${inner}]" is not an index (use [n], [-n] or [])`);
      i = close + 1;
    }
    if (i < n) {
      if (path[i] !== '.') fail(`expected "." or "[" at ${i}`);
      i++;
      if (i === n) fail('trailing "."');
    }
  }
  const compiled: CompiledPath = { source: path, segments, iterates: segments.some((s) => s.k === 'each') };
  if (cache.size > 10000) cache.clear();
  cache.set(path, compiled);
  return compiled;
}

const hasOwn = Object.prototype.hasOwnProperty;

function step(value: unknown, seg: PathSegment): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (seg.k === 'key') {
    if (Array.isArray(value)) return seg.index === undefined ? undefined : value[seg.index];
    return hasOwn.call(value, seg.key) ? (value as Record<string, unknown>)[seg.key] : undefined;
  }
  if (seg.k === 'index') {
    if (Array.isArray(value)) return value[seg.index < 0 ? value.length + seg.index : seg.index];
    const key = String(seg.index);
    return seg.index >= 0 && hasOwn.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return undefined;
}

/**
 * Reads one value at a compiled path; `undefined` when any step is missing. A `[]` segment
 * yields `undefined` here (use {@link getPathAll}). Never throws.
 */
export function evalPath(value: unknown, path: CompiledPath): unknown {
  const segs = path.segments;
  let v = value;
  for (let i = 0; i < segs.length; i++) {
    v = step(v, segs[i]!);
    if (v === undefined) return undefined;
  }
  return v;
}

/**
 * Reads one value at `path` (module grammar), e.g. `getPath({a:{b:[{c:1}]}}, 'a.b[0].c') === 1`.
 * Returns `undefined` when the path does not exist. Never throws on the value; throws only on
 * a malformed path (see {@link compilePath}).
 */
export function getPath(value: unknown, path: string): unknown {
  return evalPath(value, compilePath(path));
}

function collect(value: unknown, segs: PathSegment[], from: number, out: unknown[]): void {
  let v = value;
  for (let i = from; i < segs.length; i++) {
    const seg = segs[i]!;
    if (seg.k === 'each') {
      if (!Array.isArray(v)) return;
      for (const item of v) collect(item, segs, i + 1, out);
      return;
    }
    v = step(v, seg);
    if (v === undefined) return;
  }
  out.push(v);
}

/**
 * Reads every value at `path`, iterating arrays at `[]` segments, in document order, skipping
 * missing ones: `getPathAll({events:[{stream_position:1},{},{stream_position:3}]},
 * 'events[].stream_position')` → `[1, 3]`. A path without `[]` gives zero or one value.
 */
export function getPathAll(value: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(value, compilePath(path).segments, 0, out);
  return out;
}

/**
 * A stream position or cursor from a JSON value: finite numbers as they are, strings that are
 * plain decimal numbers ("42", "-1", "3.5", surrounding blanks allowed) converted; anything
 * else (yeast ids, Redis stream ids "1700-0", null, booleans) gives `undefined`.
 * Source: docs/design.md#positions-and-resumes — positions are numeric.
 */
export function toPosition(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}
