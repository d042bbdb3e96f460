/**
 * The rows the panel derives from a capture: the row index (frames, lifecycle events and sync
 * requests, classified under the profile in use) and the table's filtered rows, both built
 * incrementally, a slice at a time.
 */
import type { TraceEvent } from '../core/events';
import type { Profile } from '../core/profile/types';
import { RowIndex } from '../core/view/row-index';
import { RowFilter, type RowFilterSpec } from '../core/view/row-filter';
import { rowSearchText, type RowTextContext } from '../core/view/row-text';

/** Row index plus filtered rows; replaced as a whole when the profile or the capture changes. */
export class RowViews {
  index: RowIndex;
  filter: RowFilter;

  /** @param context row text context (search), read once per filter when it first needs it */
  constructor(
    profile: Profile,
    spec: RowFilterSpec,
    private readonly context: () => RowTextContext,
  ) {
    this.index = new RowIndex(profile);
    this.filter = this.newFilter(spec);
  }

  /** A new index under `profile`, and a new filter over it. */
  rebuild(profile: Profile, spec: RowFilterSpec): void {
    this.index = new RowIndex(profile);
    this.filter = this.newFilter(spec);
  }

  /** A new filter (rows are re-filtered in slices). */
  refilter(spec: RowFilterSpec): void {
    this.filter = this.newFilter(spec);
  }

  /**
   * Frames whose full preview arrived (fill batch): re-classified in place, and re-filtered
   * when the search looks at text. False when a kind changed: the caller rebuilds.
   */
  refreshFilled(events: readonly TraceEvent[], filled: readonly number[], spec: RowFilterSpec): boolean {
    for (const ei of filled) if (!this.index.refreshFrame(events, ei)) return false;
    if (spec.search.trim() !== '') this.refilter(spec);
    return true;
  }

  /** One slice: index, then filter, until `over()`; true when anything changed. */
  advance(events: readonly TraceEvent[], over: () => boolean): boolean {
    let changed = false;
    if (this.index.next < events.length) {
      this.index.advance(events, over);
      changed = true;
    }
    if (this.filter.scanned < this.index.rowCount && !over()) {
      this.filter.advance(over);
      changed = true;
    }
    return changed;
  }

  /** True while events or rows are not covered yet. */
  behind(events: readonly TraceEvent[]): boolean {
    return this.index.next < events.length || this.filter.scanned < this.index.rowCount;
  }

  /** Covers every event now (before resolving a selection, or a synchronous flush). */
  catchUp(events: readonly TraceEvent[]): void {
    if (this.index.next < events.length) this.index.advance(events);
    if (this.filter.scanned < this.index.rowCount) this.filter.advance();
  }

  private newFilter(spec: RowFilterSpec): RowFilter {
    let ctx: RowTextContext | undefined;
    return new RowFilter(spec, this.index, (r) => rowSearchText((ctx ??= this.context()), r));
  }
}
