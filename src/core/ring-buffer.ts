/**
 * A bounded ring buffer with two limits: a count of items and a total weight (e.g. bytes of
 * payload previews). Pushing is O(1) amortised; when either limit is exceeded the oldest
 * items are overwritten and counted in {@link RingBuffer.dropped}.
 *
 * Used by the page hook (docs/design.md#ring-buffer-and-streaming: "an O(1) record into a ring buffer"), so it uses no
 * prototype methods a page could tamper with (indexed slots only).
 */
export class RingBuffer<T> {
  private readonly slots: (T | undefined)[];
  private readonly weights: Float64Array;
  private head = 0; // index of the oldest item
  private length = 0;
  private weight = 0;
  /** Items overwritten since construction. */
  dropped = 0;
  /** Called with each item just before it is overwritten (e.g. to remember the last lost seq). */
  onDrop: ((item: T) => void) | undefined;

  /**
   * @param capacity maximum number of items (≥ 1)
   * @param maxWeight maximum sum of item weights (same unit the caller passes to push; e.g. bytes)
   * @throws RangeError when capacity < 1
   */
  constructor(
    readonly capacity: number,
    readonly maxWeight: number = Number.POSITIVE_INFINITY,
  ) {
    if (!(capacity >= 1)) throw new RangeError('RingBuffer capacity must be at least 1');
    this.slots = new Array<T | undefined>(capacity);
    this.weights = new Float64Array(capacity);
  }

  /** Number of items held. */
  get size(): number {
    return this.length;
  }

  /** Sum of the weights of the items held. */
  get totalWeight(): number {
    return this.weight;
  }

  /** Appends an item of the given weight, evicting the oldest items as needed. */
  push(item: T, itemWeight = 0): void {
    while (this.length > 0 && (this.length >= this.capacity || this.weight + itemWeight > this.maxWeight)) {
      this.evictOldest();
    }
    const i = (this.head + this.length) % this.capacity;
    this.slots[i] = item;
    this.weights[i] = itemWeight;
    this.weight += itemWeight;
    this.length++;
  }

  /** The i-th oldest item (0 = oldest), or undefined. */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.slots[(this.head + i) % this.capacity];
  }

  /** Weight of the i-th oldest item (0 = oldest), as pushed; 0 when out of range. */
  weightAt(i: number): number {
    if (i < 0 || i >= this.length) return 0;
    return this.weights[(this.head + i) % this.capacity] as number;
  }

  /**
   * A new ring buffer with other limits holding the same items, oldest first, weighed again by
   * `weigh` (default: the weight each was pushed with); those that do not fit the new limits
   * are overwritten (counted in its `dropped`).
   */
  resized(capacity: number, maxWeight: number, weigh?: (item: T) => number): RingBuffer<T> {
    const next = new RingBuffer<T>(capacity, maxWeight);
    for (let i = 0; i < this.length; i++) {
      const k = (this.head + i) % this.capacity;
      next.push(this.slots[k] as T, weigh ? weigh(this.slots[k] as T) : this.weights[k]);
    }
    return next;
  }

  /** Index of the first item for which `pred` holds, scanning from the newest (binary-search-free, O(n) worst case). */
  findIndexFromEnd(pred: (item: T) => boolean): number {
    for (let i = this.length - 1; i >= 0; i--) {
      if (pred(this.slots[(this.head + i) % this.capacity] as T)) return i;
    }
    return -1;
  }

  /** Removes every item (dropped count is kept). */
  clear(): void {
    for (let i = 0; i < this.length; i++) this.slots[(this.head + i) % this.capacity] = undefined;
    this.head = 0;
    this.length = 0;
    this.weight = 0;
  }

  private evictOldest(): void {
    const item = this.slots[this.head] as T;
    this.slots[this.head] = undefined;
    this.weight -= this.weights[this.head] ?? 0;
    this.head = (this.head + 1) % this.capacity;
    this.length--;
    this.dropped++;
    if (this.onDrop) this.onDrop(item);
  }
}
