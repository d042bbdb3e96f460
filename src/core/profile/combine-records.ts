/**
 * One class for a frame that carries several records (Socket.IO packets, SockJS arrays, MQTT
 * packets, STOMP frames…): the kind is the first of hello, data, sync, ping, pong that any record
 * has; a data frame's position is the highest of its data records'; the other fields come from
 * the first record that has them (docs/design.md#matchers).
 */
import type { FrameClass, FrameKind } from './types';

const KIND_PRIORITY: FrameKind[] = ['hello', 'data', 'sync', 'ping', 'pong'];

/** Summarises the classes of a frame's records (rules in the module comment); no records is plain data. */
export function combineRecords(records: FrameClass[]): FrameClass {
  if (records.length === 0) return { kind: 'data' };
  if (records.length === 1) return records[0]!;
  let kind: FrameKind = 'data';
  for (const k of KIND_PRIORITY) {
    if (records.some((r) => r.kind === k)) {
      kind = k;
      break;
    }
  }
  const out: FrameClass = { kind };
  for (const r of records) {
    if (kind === 'data' && r.kind === 'data' && r.position !== undefined) {
      out.position = out.position === undefined ? r.position : Math.max(out.position, r.position);
    }
    if (kind === 'hello' && r.kind === 'hello' && r.position !== undefined && out.position === undefined) out.position = r.position;
    if (r.cursor !== undefined && out.cursor === undefined) out.cursor = r.cursor;
    if (r.token !== undefined && (out.token === undefined || (kind === 'data' && r.kind === 'data'))) out.token = r.token;
    if (r.helloFields && !out.helloFields) out.helloFields = r.helloFields;
    if (r.intervalMs !== undefined && out.intervalMs === undefined) out.intervalMs = r.intervalMs;
    if (r.positionReset) out.positionReset = true;
    if (r.epoch !== undefined && out.epoch === undefined) out.epoch = r.epoch;
    if (r.serverError !== undefined && out.serverError === undefined) out.serverError = r.serverError;
    if (r.syncSession !== undefined && out.syncSession === undefined) out.syncSession = r.syncSession;
    if (r.cursorAbsent) out.cursorAbsent = true;
    if (r.heartbeatOffer && !out.heartbeatOffer) {
      out.heartbeatOffer = r.heartbeatOffer;
      if (r.heartbeatFrom) out.heartbeatFrom = r.heartbeatFrom;
    }
  }
  out.records = records;
  return out;
}
