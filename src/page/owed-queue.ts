/**
 * The owed queue of the hook's recorder: frames sent live with a short preview whose full
 * preview is still owed to the panel, oldest first, bounded in memory. Pure (no DOM, no page
 * natives): how an item is weighed and measured comes in through {@link OwedHooks}.
 *
 * Every owed item ends exactly once: it is either taken as a fill ({@link OwedQueue.take}) or
 * reported lost ({@link OwedQueue.takeLost}: pushed out by the memory bound, or given up with
 * {@link OwedQueue.loseAll}). {@link OwedQueue.clear} forgets both; the recorder calls it only
 * when a new panel attaches and says itself which previews it still misses
 * (docs/design.md#live-preview-budget).
 */

/** How the queue reads an item. */
export interface OwedHooks<T> {
  /** The item's seq (reported in `lost`). */
  seq(item: T): number;
  /** Memory the item's full preview holds, bytes. */
  weight(item: T): number;
  /** The item's true size in bytes, measured when it is reported lost. */
  lostSize(item: T): number;
  /** False while the item's full preview is not in yet (a Blob still being read): {@link OwedQueue.take} stops there, keeping the order. */
  ready?(item: T): boolean;
}

/** Seqs reported lost, with their measured sizes (−1: unknown), index for index. */
export interface LostReport {
  seqs: number[];
  sizes: number[];
}

/** Owed full previews, oldest first, within `cap` bytes of weight. */
export class OwedQueue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  private held = 0;
  private lostSeqs: number[] = [];
  private lostSizes: number[] = [];

  /** @param cap memory bound, bytes of weight (may change later, e.g. new capture limits) */
  constructor(
    private readonly hooks: OwedHooks<T>,
    public cap: number,
  ) {}

  /** Items still owed. */
  get count(): number {
    return this.items.length - this.head;
  }

  /** Weight held by the owed items, bytes (at most `cap` after every {@link OwedQueue.owe}). */
  get weight(): number {
    return this.held;
  }

  /** Losses not reported yet. */
  get lostCount(): number {
    return this.lostSeqs.length;
  }

  /** True while something is owed or a loss is still to be reported. */
  get owing(): boolean {
    return this.head < this.items.length || this.lostSeqs.length > 0;
  }

  /** Queues an item; pushes the oldest out (as lost) while the weight is over the bound. */
  owe(item: T): void {
    this.items[this.items.length] = item;
    this.held += this.hooks.weight(item);
    while (this.held > this.cap && this.head < this.items.length) this.loseOldest();
  }

  /** Reports a seq lost that is not in the queue (e.g. gone from the ring buffer); `size` −1 = unknown. */
  reportLost(seq: number, size: number): void {
    this.lostSeqs[this.lostSeqs.length] = seq;
    this.lostSizes[this.lostSizes.length] = size;
  }

  /** Drops the oldest owed item and queues it as lost, with its measured size. */
  loseOldest(): void {
    const old = this.items[this.head] as T;
    this.items[this.head++] = undefined;
    this.held -= this.hooks.weight(old);
    this.reportLost(this.hooks.seq(old), this.hooks.lostSize(old));
  }

  /** Gives up every owed item (each reported lost). */
  loseAll(): void {
    while (this.head < this.items.length) this.loseOldest();
  }

  /**
   * Takes owed items, oldest first, while their units fit `budget` (at most `maxItems`) and
   * they are ready (see {@link OwedHooks.ready}).
   * With `aloneOk`, a first item larger than the whole budget still goes, alone. `onTake`
   * hears the units of each item taken. At most `maxUnits` units are taken in all (one batch's
   * share), except that a first item larger than that still goes, alone, when the budget allows.
   */
  take(budget: number, maxItems: number, units: (item: T) => number, aloneOk: boolean, onTake: (units: number) => void, maxUnits = Infinity): T[] {
    const out: T[] = [];
    let left = budget;
    let taken = 0;
    let k = this.head;
    for (; k < this.items.length && out.length < maxItems; k++) {
      const item = this.items[k] as T;
      if (this.hooks.ready && !this.hooks.ready(item)) break;
      const u = units(item);
      if (u > left && !(aloneOk && out.length === 0)) break;
      if (out.length > 0 && taken + u > maxUnits) break;
      taken += u;
      left -= u;
      onTake(u);
      this.held -= this.hooks.weight(item);
      this.items[k] = undefined;
      out[out.length] = item;
    }
    this.head = k;
    this.compact();
    return out;
  }

  /** The losses not reported yet (then forgotten), or undefined when there are none. */
  takeLost(): LostReport | undefined {
    if (this.lostSeqs.length === 0) return undefined;
    const r = { seqs: this.lostSeqs, sizes: this.lostSizes };
    this.lostSeqs = [];
    this.lostSizes = [];
    return r;
  }

  /** Forgets every owed item and unreported loss. */
  clear(): void {
    this.items = [];
    this.head = 0;
    this.held = 0;
    this.lostSeqs = [];
    this.lostSizes = [];
  }

  /** Frees the taken slots: all at once when empty, else once most of a long array is taken. */
  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
      this.held = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      const rest: (T | undefined)[] = []; // no Array.prototype method: the page may have replaced them
      for (let j = this.head; j < this.items.length; j++) rest[rest.length] = this.items[j];
      this.items = rest;
      this.head = 0;
    }
  }
}
