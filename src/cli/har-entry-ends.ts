/**
 * HAR rule of docs/design.md#analysis: "a HAR connection ends, for overlap and resume, at
 * `startedDateTime + time` or its last message, whichever is later". The HAR importer
 * (core/har/import-har.ts) does not report entry ends, so the CLI reads them from the HAR
 * JSON with the importer's connection-id rule (`_wavetrace.conn`, else `har-<entry index>`;
 * a duplicate id falls back to `har-<index>`) and its WebSocket test.
 */
import type { ConnId } from '../core/events';

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is string | number => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));

/**
 * Per WebSocket entry: conn id → `startedDateTime + time` in ms since the epoch. Entries
 * without a parseable date or a finite `time` ≥ 0 are left out. Never throws.
 */
export function harEntryEnds(har: unknown): Map<ConnId, number> {
  const out = new Map<ConnId, number>();
  if (!isRec(har) || !isRec(har.log) || !Array.isArray(har.log.entries)) return out;
  const used = new Set<ConnId>();
  har.log.entries.forEach((entry: unknown, i: number) => {
    if (!isRec(entry)) return;
    const request = isRec(entry.request) ? entry.request : undefined;
    const url = typeof request?.url === 'string' ? request.url : '';
    const isWs = entry._resourceType === 'websocket' || Array.isArray(entry._webSocketMessages) || /^wss?:/i.test(url);
    if (!isWs) return;
    const wt = isRec(entry._wavetrace) && isId(entry._wavetrace.conn) ? entry._wavetrace : undefined;
    let conn: ConnId = wt ? (wt.conn as ConnId) : `har-${i}`;
    if (used.has(conn)) conn = `har-${i}`;
    used.add(conn);
    const start = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
    const time = typeof entry.time === 'number' ? entry.time : NaN;
    if (Number.isFinite(start) && Number.isFinite(time) && time >= 0) out.set(conn, start + time);
  });
  return out;
}
