/**
 * Filtering of table rows by direction, kind, connection and text or /regex/ search.
 * Incremental: {@link RowFilter.advance} scans only rows added since the last call (live
 * capture), within a time budget; a changed spec starts a new filter.
 */
import type { ConnId } from '../events';
import { GrowableU32 } from './growable';
import { compileLinearRegex, type LinearRegex } from '../profile/linear-regex';
import { DIR_IN, DIR_OUT, ROW_KINDS, type RowIndex, type RowKind } from './row-index';

/** What the table shows. `conn` undefined = every connection; `search` is text or `/regex/flags`. */
export interface RowFilterSpec {
  in: boolean;
  out: boolean;
  kinds: Record<RowKind, boolean>;
  conn?: ConnId;
  search: string;
}

/** Everything visible, no search. */
export function defaultFilterSpec(): RowFilterSpec {
  return { in: true, out: true, kinds: { data: true, heartbeat: true, hello: true, sync: true, lifecycle: true }, search: '' };
}

/** True when the spec hides nothing. */
export function isDefaultSpec(s: RowFilterSpec): boolean {
  return s.in && s.out && s.conn === undefined && s.search.trim() === '' && ROW_KINDS.every((k) => s.kinds[k]);
}

/** A parsed search: none, plain text (case-insensitive), a regular expression, or an invalid one. */
export type ParsedSearch =
  | { kind: 'none' }
  | { kind: 'text'; re: RegExp }
  | { kind: 'regex'; re: LinearRegex }
  | { kind: 'error'; message: string };

/**
 * Parses the search box: `/source/flags` is a regular expression, run by the linear-time
 * matcher (docs/design.md#reading-untrusted-input: a pattern like `(a+)+$` cannot freeze the
 * panel), flags `i`, `m`, `s`, `u` (g, y and d are dropped: a search has no state or indices);
 * what it cannot run (backreferences, lookaround, other flags) is an error of one line.
 * Anything else is literal text matched case-insensitively.
 */
export function parseSearch(text: string): ParsedSearch {
  const s = text.trim();
  if (s === '') return { kind: 'none' };
  const m = /^\/(.+)\/([a-z]*)$/s.exec(s);
  if (m) {
    try {
      return { kind: 'regex', re: compileLinearRegex(m[1] as string, (m[2] as string).replace(/[gyd]/g, '')) };
    } catch (e) {
      return { kind: 'error', message: (e as Error).message.split('\n')[0] as string };
    }
  }
  return { kind: 'text', re: new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') };
}

/** The filtered rows of one spec over one index (row numbers, ascending). */
export class RowFilter {
  readonly rows = new GrowableU32();
  /** Rows of the index scanned so far. */
  scanned = 0;
  readonly search: ParsedSearch;
  private readonly kindMask: number;

  /**
   * @param spec the filter
   * @param index the rows to filter
   * @param textOf text a row's search looks at (row-text.ts `rowSearchText`)
   */
  constructor(readonly spec: RowFilterSpec, readonly index: RowIndex, private readonly textOf: (row: number) => string) {
    this.search = parseSearch(spec.search);
    let mask = 0;
    ROW_KINDS.forEach((k, i) => {
      if (spec.kinds[k]) mask |= 1 << i;
    });
    this.kindMask = mask;
  }

  /** Number of rows that pass. */
  get count(): number {
    return this.rows.length;
  }

  /** True when row `r` passes the filter. */
  test(r: number): boolean {
    const ix = this.index;
    if (!((1 << ix.kind.get(r)) & this.kindMask)) return false;
    const d = ix.dir.get(r);
    if ((d === DIR_IN && !this.spec.in) || (d === DIR_OUT && !this.spec.out)) return false;
    if (this.spec.conn !== undefined) {
      const lane = ix.lane.get(r);
      if (lane < 0 || ix.lanes[lane]?.conn !== this.spec.conn) return false;
    }
    const s = this.search;
    if (s.kind === 'text' || s.kind === 'regex') return s.re.test(this.textOf(r));
    return s.kind !== 'error';
  }

  /** Scans rows added to the index since the last call; returns true when caught up. */
  advance(overBudget: () => boolean = () => false): boolean {
    const n = this.index.rowCount;
    let r = this.scanned;
    while (r < n) {
      const stop = Math.min(n, r + 512);
      for (; r < stop; r++) if (this.test(r)) this.rows.push(r);
      if (r < n && overBudget()) break;
    }
    this.scanned = r;
    return r >= n;
  }

  /** Position of row `r` among the filtered rows, or −1. O(log n). */
  positionOf(r: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows.get(mid) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.rows.length && this.rows.get(lo) === r ? lo : -1;
  }
}
