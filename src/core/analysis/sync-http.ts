/**
 * HTTP catch-up syncs (docs/design.md#profile-fields `sync.urlPath`, `sync.param`, `sync.responsePositions`;
 * docs/design.md#the-scaiwave-profile: "/v1/sync?since=<last_stream_position>"): reading the cursor of a request and
 * the positions of a response body.
 */
import { getPath, getPathAll } from '../profile/match';
import { queryParam } from '../redact';

/** The cursor of a sync request URL: raw text (undefined when absent or empty) and its numeric value when it is a finite number. */
export interface SyncCursor {
  hasCursor: boolean;
  text?: string;
  value?: number;
}

/** Reads query parameter `param` of `url` as a sync cursor ("since=42" → 42). */
export function readSyncCursor(url: string, param: string | undefined): SyncCursor {
  if (!param) return { hasCursor: false };
  const raw = queryParam(url, param);
  if (raw === undefined || raw.trim() === '') return { hasCursor: false };
  const n = Number(raw);
  return Number.isFinite(n) ? { hasCursor: true, text: raw, value: n } : { hasCursor: true, text: raw };
}

/**
 * Reads the cursor at `path` of a sync request's JSON body (`sync.bodyPath`, e.g. `{"after": 42}`
 * with path "after"): numbers and non-empty strings; absent, `null`, or an unreadable body give
 * no cursor. Never throws.
 */
export function readBodyCursor(body: string | undefined, path: string | undefined): SyncCursor {
  if (!body || !path) return { hasCursor: false };
  let v: unknown;
  try {
    v = getPath(JSON.parse(body), path);
  } catch {
    return { hasCursor: false };
  }
  if (typeof v === 'number' && Number.isFinite(v)) return { hasCursor: true, text: String(v), value: v };
  if (typeof v !== 'string' || v.trim() === '') return { hasCursor: false };
  const n = Number(v);
  return Number.isFinite(n) ? { hasCursor: true, text: v, value: n } : { hasCursor: true, text: v };
}

/**
 * Positions listed in a sync response body (JSON text) at `path` (e.g.
 * "events[].stream_position"): min, max and count of the finite numbers found, or undefined
 * when the body is absent, not JSON, or lists none. Never throws.
 */
export function syncResponsePositions(body: string | undefined, path: string | undefined): { min: number; max: number; count: number } | undefined {
  if (!body || !path) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (const v of getPathAll(parsed, path)) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) continue;
    if (n < min) min = n;
    if (n > max) max = n;
    count++;
  }
  return count === 0 ? undefined : { min, max, count };
}
