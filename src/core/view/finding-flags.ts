/**
 * Findings as flags on the timeline, aggregated per bucket of pixels so thousands of findings
 * stay readable: each flag shows the most severe finding of its bucket and how many it stands
 * for. Findings are sorted by `t` (Analysis.findings), so the visible range is found by binary
 * search.
 */
import type { Finding, Severity } from '../analysis/types';
import type { Viewport } from './time-viewport';

/** Severity order: error > warning > info. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** One drawn flag: x (CSS px), its most severe finding (index into the given array) and the count. */
export interface FindingFlag {
  x: number;
  severity: Severity;
  /** Index (into the findings array passed in) of the most severe, earliest finding of the bucket. */
  finding: number;
  count: number;
}

function firstAtOrAfter(findings: readonly Finding[], t: number): number {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (findings[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Flags for `findings` (sorted by t) visible in `v` on a plot `width` px wide, one per
 * `bucketPx` bucket at most. `keep` filters findings (e.g. by connection or severity).
 */
export function findingFlags(
  findings: readonly Finding[],
  v: Viewport,
  width: number,
  bucketPx = 10,
  keep: (f: Finding, i: number) => boolean = () => true,
): FindingFlag[] {
  const out: FindingFlag[] = [];
  if (width <= 0 || !(v.t1 > v.t0)) return out;
  const span = v.t1 - v.t0;
  const pad = (span / width) * bucketPx;
  const a = firstAtOrAfter(findings, v.t0 - pad);
  let cur: FindingFlag | undefined;
  let curBucket = -Infinity;
  for (let i = a; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.t > v.t1 + pad) break;
    if (!keep(f, i)) continue;
    const x = ((f.t - v.t0) / span) * width;
    const bucket = Math.floor(x / bucketPx);
    if (!cur || bucket !== curBucket) {
      cur = { x, severity: f.severity, finding: i, count: 1 };
      curBucket = bucket;
      out.push(cur);
      continue;
    }
    cur.count++;
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[cur.severity]) {
      cur.severity = f.severity;
      cur.finding = i;
      cur.x = x;
    }
  }
  return out;
}
