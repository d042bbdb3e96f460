/**
 * The options of the filter bar's connection list (docs/design.md#panel-and-viewer): one per
 * connection only while the list is in use. Kept full at all times, a 30,000-connection trace
 * rebuilt its 30,000 options at every indexing slice, work quadratic in connections.
 */
import type { ConnId } from '../events';

/**
 * The connection list's options: every lane while the list is in use (`open`), else only the
 * lane of the focused connection `conn` (so the closed list shows it), found without a scan.
 */
export function connectionOptions<L>(lanes: readonly L[], open: boolean, conn: ConnId | undefined, laneIndexOf: (conn: ConnId) => number | undefined): readonly L[] {
  if (open) return lanes;
  const i = conn === undefined ? undefined : laneIndexOf(conn);
  const l = i === undefined ? undefined : lanes[i];
  return l === undefined ? [] : [l];
}
