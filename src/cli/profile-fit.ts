/**
 * Whether the profile `wavetrace check` was told to use fits the capture at all
 * (docs/design.md#check, docs/design.md#exit-codes). A profile given with `--profile` or named
 * by the trace is applied to every connection, but when its `match` selects none of them its
 * protocol rules (hello, positions, catch-up, heartbeats) find nothing to judge, and the
 * output would read like a clean pass ("Last position: none seen"). Detected and learned
 * profiles fit by construction and are not checked.
 */
import type { TraceEvent } from '../core/events';
import { profileFits } from '../core/profile/detect';
import type { ProfileMatch } from '../core/profile/types';
import { connectionDetectInputs, type ResolvedProfile } from './resolve-profile';

/** How many of the capture's connections the profile's `match` selects, and the warning when none. */
export interface ProfileFit {
  /** Connections the profile's `match` selects (docs/design.md#where-a-profile-comes-from rules). */
  matched: number;
  /** WebSocket connections in the capture. */
  connections: number;
  /** One line when `matched` is 0 and there is at least one connection. */
  warning?: string;
}

/** The conditions of a `match`, for the warning: `URL path /v1/stream, subprotocol "mqtt"`. */
export function describeMatch(m: ProfileMatch): string {
  const parts: string[] = [];
  if (m.urlPath !== undefined) parts.push(`URL path ${m.urlPath}`);
  if (m.urlRegex !== undefined) parts.push(`URL regex ${JSON.stringify(m.urlRegex)}`);
  for (const sp of [...(m.subprotocol !== undefined ? [m.subprotocol] : []), ...(m.subprotocols ?? [])]) parts.push(`subprotocol ${JSON.stringify(sp)}`);
  if (m.firstFrame) parts.push(m.firstFrameName ? `a first frame like ${m.firstFrameName}` : 'its first-frame matcher');
  return parts.join(', ') || 'no condition';
}

/**
 * Checks `resolved` against the connections of `events`.
 * @returns undefined when there is nothing to check: a detected or learned profile, or a
 *   profile without `match` (nothing says which connections it is for)
 */
export function profileFit(resolved: ResolvedProfile, events: readonly TraceEvent[]): ProfileFit | undefined {
  const p = resolved.profile;
  if ((resolved.source !== 'option' && resolved.source !== 'trace') || !p.match) return undefined;
  const inputs = [...connectionDetectInputs(events).values()];
  const matched = inputs.filter((d) => profileFits(p, d)).length;
  const fit: ProfileFit = { matched, connections: inputs.length };
  if (matched === 0 && inputs.length > 0) {
    const n = inputs.length;
    fit.warning =
      `profile "${p.name}" matches none of the ${n} connection${n === 1 ? '' : 's'} (its match: ${describeMatch(p.match)}), ` +
      'so its hello, position, catch-up and heartbeat rules judged nothing; use a profile that fits the capture, or --profile auto';
  }
  return fit;
}
