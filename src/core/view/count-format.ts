/**
 * Whole numbers for the panel's counts ("12,345 frames"), en-US grouping. One shared
 * formatter: `Number.prototype.toLocaleString('en-US')` builds a new one on every call, which
 * made the toolbar's counts the costliest part of a live re-render.
 */
const EN_US = new Intl.NumberFormat('en-US');

/** `n` with en-US digit grouping, e.g. 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return EN_US.format(n);
}
