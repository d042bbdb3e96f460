/**
 * Small statistics and row formatting shared by the benchmark groups: every row with a target
 * prints as `name: value (≥ target; rounds lo–hi)` or `(≤ target; …)`, every other line starts
 * with `#` (scripts/bench/README.md, "Reading the output").
 */

/** Median (the lower middle for an even count); NaN when empty. */
export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : NaN;
}

/** The `p` quantile (0–1) by rank; NaN when empty. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(p * s.length))] as number) : NaN;
}

/** "lo–hi" of the finite values with `digits` decimals, or '' when there is at most one. */
export function range(xs: number[], digits: number): string {
  const f = xs.filter((x) => Number.isFinite(x));
  return f.length > 1 ? `${Math.min(...f).toFixed(digits)}–${Math.max(...f).toFixed(digits)}` : '';
}

/**
 * A row with a target: `name: value (≥ target; rounds lo–hi)`. `op` is the direction the value
 * must lie in; `rounds` are the per-round values (their range is printed when there are two or
 * more); `note` is appended after the range.
 */
export function row(name: string, value: number, op: '≥' | '≤', target: number, opts: { digits?: number; unit?: string; rounds?: number[]; note?: string } = {}): string {
  const d = opts.digits ?? 2;
  const unit = opts.unit ? ` ${opts.unit}` : '';
  const r = opts.rounds ? range(opts.rounds, d) : '';
  const ok = op === '≥' ? value >= target : value <= target;
  const parts = [`${op} ${target.toFixed(d)}${unit}`];
  if (r) parts.push(`rounds ${r}`);
  if (opts.note) parts.push(opts.note);
  return `${name}: ${Number.isFinite(value) ? value.toFixed(d) : 'n/a'}${unit} (${parts.join('; ')})${ok ? '' : ' MISSED'}`;
}
