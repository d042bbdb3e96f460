/**
 * Append-only typed arrays that double their capacity (columnar storage for 1,000,000 rows
 * without one object per row). `data` may be replaced on growth: read it after pushing.
 */

type TypedCtor<T> = { new (n: number): T };
type Typed = Float64Array | Uint32Array | Int32Array | Uint8Array;

class Growable<T extends Typed> {
  data: T;
  length = 0;
  constructor(private readonly ctor: TypedCtor<T>, capacity = 1024) {
    this.data = new ctor(capacity);
  }
  /** Appends one value. */
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2);
      (next as unknown as { set(a: T): void }).set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** Value at `i` (callers stay below `length`). */
  get(i: number): number {
    return this.data[i] as number;
  }
  /** Overwrites the value at `i` (< length). */
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  /** Last value, or `fallback` when empty. */
  last(fallback = NaN): number {
    return this.length ? (this.data[this.length - 1] as number) : fallback;
  }
  /** Drops every value (keeps the capacity). */
  clear(): void {
    this.length = 0;
  }
}

/** Growable Float64Array (times in ms since the epoch, positions). */
export class GrowableF64 extends Growable<Float64Array> {
  constructor(capacity = 1024) {
    super(Float64Array, capacity);
  }
}
/** Growable Uint32Array (event indexes, row numbers). */
export class GrowableU32 extends Growable<Uint32Array> {
  constructor(capacity = 1024) {
    super(Uint32Array, capacity);
  }
}
/** Growable Int32Array (lane numbers, −1 for none). */
export class GrowableI32 extends Growable<Int32Array> {
  constructor(capacity = 1024) {
    super(Int32Array, capacity);
  }
}
/** Growable Uint8Array (small codes: kind, direction). */
export class GrowableU8 extends Growable<Uint8Array> {
  constructor(capacity = 1024) {
    super(Uint8Array, capacity);
  }
}

/**
 * First index i in [0, n) with `arr[i] >= value` (n when none): binary search on an ascending
 * array, O(log n).
 */
export function lowerBound(arr: ArrayLike<number>, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i in [0, n) with `arr[i] > value` (n when none), O(log n). */
export function upperBound(arr: ArrayLike<number>, n: number, value: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
