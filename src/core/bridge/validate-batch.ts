/**
 * Validation of what the page hook sends (the page world is untrusted): a cheap check of the
 * text's start (relay and hub), and the full parse and check where the batch is used (panel).
 */
import type { EventBatch } from './messages';
import { EVENT_TYPES } from '../events';
import { readFrameTuples } from './wire-frames';

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

/** Most characters of one hook message the relay forwards (a batch is far smaller). */
export const MAX_HOOK_TEXT = 256 * 1024 * 1024;

/** Cheap shape check of a hook message in text form, before the hub's full validation. */
export function isHookBatchText(text: unknown): text is string {
  return typeof text === 'string' && text.length < MAX_HOOK_TEXT && text.startsWith('{"kind":"hook-batch"');
}

/**
 * The `last` seq a hook wrote at the start of its `hook-batch` text (see HookToRelay), read
 * without parsing the rest; 0 when absent or not a plain integer.
 */
export function lastSeqOfHookText(text: string): number {
  const m = /^\{"kind":"hook-batch","last":(\d{1,15}),/.exec(text.slice(0, 48));
  return m ? Number(m[1]) : 0;
}

/**
 * Parses and validates a hook batch still in its JSON text (the page world is untrusted):
 * undefined for anything that is not a well-formed batch of source `src`.
 */
export function parseHookBatchText(text: string, src: string): EventBatch | undefined {
  if (!isHookBatchText(text)) return undefined;
  try {
    const msg = JSON.parse(text) as { kind?: unknown; batch?: unknown };
    return msg && msg.kind === 'hook-batch' && readBatchTuples(msg.batch) && isValidBatch(msg.batch, src) ? msg.batch : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A batch text as a panel takes it, from the hub or from a relay's own port: parsed and
 * validated like {@link parseHookBatchText}; undefined when invalid, or when the panel is
 * `paused` and the batch is not a fill (while paused only fills pass: they complete frames
 * already held, they add none). `notTop` marks a batch from another tab (a popup) as not the
 * top frame's (docs/design.md#messages-between-places).
 */
export function panelBatch(text: string, src: string, paused: boolean, notTop?: boolean): EventBatch | undefined {
  const batch = parseHookBatchText(text, src);
  if (!batch || (paused && !batch.fill)) return undefined;
  if (notTop) batch.top = false;
  return batch;
}

/** Reads back the frame tuples of a parsed hook batch (see FrameTuple) in place; false when malformed. */
function readBatchTuples(b: unknown): boolean {
  if (!b || typeof b !== 'object') return false;
  const events = (b as { events?: unknown }).events;
  return Array.isArray(events) && readFrameTuples(events);
}

/** Validates a hook batch's shape (the page world is untrusted). */
export function isValidBatch(b: unknown, src: string): b is EventBatch {
  if (!b || typeof b !== 'object') return false;
  const batch = b as EventBatch;
  if (batch.src !== src || !Array.isArray(batch.events)) return false;
  if (batch.fill !== undefined && typeof batch.fill !== 'boolean') return false;
  if (batch.caughtUp !== undefined && batch.caughtUp !== true) return false;
  if (batch.busy !== undefined && batch.busy !== true) return false;
  if (!isSeqList(batch.owed) || !isSeqList(batch.lost) || !isSeqList(batch.lostSizes)) return false;
  if (batch.lost && (!batch.lostSizes || batch.lostSizes.length !== batch.lost.length)) return false;
  for (const e of batch.events) {
    if (!e || typeof e !== 'object' || typeof e.seq !== 'number' || typeof e.t !== 'number' || !KNOWN_TYPES.has(e.type)) return false;
  }
  return true;
}

/** Absent, or an array of numbers (hook-local seqs). */
function isSeqList(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x !== 'number') return false;
  return true;
}
