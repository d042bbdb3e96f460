/**
 * What a HAR's writer means by its fields (docs/design.md#har-import-and-export,
 * docs/design.md#reading-untrusted-input): the same field
 * names carry different facts depending on who wrote the file.
 *
 * - Entry `time` of a WebSocket entry: Chrome DevTools ("WebInspector", also Edge) and
 *   Wavetrace's own export write the socket's lifetime; mitmproxy writes the handshake only
 *   (hundreds of ms while messages go on for seconds), Playwright the span from the first to
 *   the last message. Only the former say when the socket ended.
 * - Message `time`: epoch seconds (Chrome, mitmproxy, HTTP Toolkit), but epoch milliseconds in
 *   Playwright (`log.creator.name` "Playwright"). Each time is read by its magnitude (a value
 *   ≥ 1e11 is milliseconds: as seconds it would be after the year 5000) and the importer says
 *   so in a note whenever milliseconds were read, or the magnitude contradicts the writer.
 * - HTTP Toolkit's `_webSocketClose.timestamp`: seconds on a monotonic clock that is not the
 *   epoch (mockttp's `wsClosedTimestamp`), so it is used only when it falls near the entry.
 */
import { isMs, isRec, str, type Rec } from './har-fields';

/** Writers whose fields the importer reads differently. */
export type HarWriterKind = 'chrome' | 'wavetrace' | 'playwright' | 'other';

/** The writer of a HAR, from `log.creator`. */
export interface HarWriter {
  kind: HarWriterKind;
  /** `log.creator.name` (empty when absent). */
  name: string;
}

/** A message time at or above this is epoch milliseconds (as seconds it would be after the year 5138). */
export const MS_MAGNITUDE = 1e11;

/** Reads `log.creator.name`. */
export function harWriter(log: Rec): HarWriter {
  const name = isRec(log.creator) ? str(log.creator.name) : '';
  const kind: HarWriterKind =
    name === 'WebInspector' ? 'chrome' : name === 'Wavetrace' ? 'wavetrace' : /^playwright\b/i.test(name) ? 'playwright' : 'other';
  return { kind, name };
}

/** True when the writer's entry `time` is the WebSocket's lifetime (Chrome DevTools, Wavetrace). */
export function entryTimeIsLifetime(w: HarWriter): boolean {
  return w.kind === 'chrome' || w.kind === 'wavetrace';
}

/** Counts of message times read in each unit, for the importer's note. */
export interface TimeUnits {
  seconds: number;
  ms: number;
}

/**
 * A message `time` in ms since the Unix epoch, read by magnitude (≥ {@link MS_MAGNITUDE}:
 * milliseconds, else seconds), counted in `units`; undefined when it is no usable time.
 */
export function messageTimeMs(time: number, units: TimeUnits): number | undefined {
  const ms = time >= MS_MAGNITUDE ? time : time * 1000;
  if (!isMs(ms)) return undefined;
  if (time >= MS_MAGNITUDE) units.ms++;
  else units.seconds++;
  return ms;
}

/** The note on message time units, or undefined when they were what the writer writes (seconds; Playwright: ms). */
export function timeUnitNote(w: HarWriter, units: TimeUnits): string | undefined {
  if (w.kind === 'playwright') {
    if (units.seconds === 0 && units.ms > 0) return `message times read as milliseconds (${w.name} writes epoch ms; Chrome writes seconds)`;
    if (units.seconds > 0) return `${units.seconds} message time(s) of this ${w.name} HAR are too small for epoch ms and were read as seconds`;
    return undefined;
  }
  if (units.ms > 0) {
    const who = w.name ? `${w.name} is expected to write seconds` : 'HAR message times are usually seconds';
    return `${units.ms} message time(s) read as milliseconds by their magnitude (≥ 1e11; ${who})`;
  }
  return undefined;
}

/** How far a close may lie before the entry's start, ms (clock skew between handshake and close stamps). */
const CLOSE_BEFORE_START_MS = 60_000;
/** How far a close may lie after the entry's start, ms: 31 days. */
const CLOSE_AFTER_START_MS = 31 * 86_400_000;

/**
 * HTTP Toolkit's `_webSocketClose.timestamp` (seconds) in ms since the epoch when it is
 * plausibly on the epoch clock — between 1 min before the entry's start and 31 days after
 * it — else undefined (HTTP Toolkit writes a monotonic clock's seconds, which land in 1970).
 */
export function closeTimestampMs(timestampS: number, startMs: number): number | undefined {
  const t = timestampS * 1000;
  if (!isMs(t) || t < startMs - CLOSE_BEFORE_START_MS || t > startMs + CLOSE_AFTER_START_MS) return undefined;
  return t;
}
