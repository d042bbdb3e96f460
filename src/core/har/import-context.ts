/**
 * State shared by the parts of the HAR importer while it walks `log.entries`.
 */
import type { ConnId, ReqId, UnsequencedEvent } from '../events';
import type { TimeUnits } from './har-writer';

/** What was skipped, guessed or noticed; each count becomes at most one note. */
export interface ImportCounts {
  /** WebSocket messages lacking time/type/opcode/data or of unknown type. */
  skipped: number;
  /** Control/continuation frames (opcode not 1 or 2). */
  control: number;
  badBase64: number;
  /** HTTP Toolkit `_webSocketClose: "aborted"`. */
  aborted: number;
  errorFrames: number;
  dupIds: number;
  badOther: number;
  /** Entries skipped for a missing or unusable `startedDateTime`, with the first few indexes. */
  noStart: number;
  noStartAt: number[];
  /** `_webSocketClose` records whose timestamp is not on the epoch clock, with their codes. */
  offClockCloses: number;
  offClockCodes: number[];
  /** Data frames (`ws-send` / `ws-message`) imported. */
  frames: number;
  /** WebSocket entries imported. */
  sockets: number;
}

/** The importer's working state. */
export interface ImportContext {
  /** Adds an event at time `t` (ms since the epoch); the importer sorts and numbers them at the end. */
  push(t: number, e: UnsequencedEvent): void;
  counts: ImportCounts;
  units: TimeUnits;
  usedConns: Set<ConnId>;
  usedReqs: Set<ReqId>;
}

/** Fresh zeroed counts. */
export function emptyCounts(): ImportCounts {
  return {
    skipped: 0,
    control: 0,
    badBase64: 0,
    aborted: 0,
    errorFrames: 0,
    dupIds: 0,
    badOther: 0,
    noStart: 0,
    noStartAt: [],
    offClockCloses: 0,
    offClockCodes: [],
    frames: 0,
    sockets: 0,
  };
}
