/**
 * Parsed frames kept between learns (docs/design.md#profile-learning): a live panel learns the
 * profile again once each new connection showed its start and whenever the events doubled, over a sample of every
 * connection's frames, so without this each learn parses the older connections' frames again
 * (learning cost growing with the square of the connections). A frame's parse is kept per
 * frame event (weakly: a fill's new event, or a cleared capture, drops it) only when it is
 * small to hold: at most {@link KEEP_MAX_NODES} values (containers and scalars), every string of 256 characters
 * or more held as a slice of the frame's own text (which the capture holds anyway) instead of a
 * copy. Values are equal to those `JSON.parse` gives, so learning gives the same result.
 */
import type { WsMessageEvent, WsSendEvent } from '../../events';

/** Frames whose JSON holds more values (containers and scalars) than this are parsed again at each learn. */
export const KEEP_MAX_NODES = 64;
/** Strings at least this long are held as slices of the frame's text. */
const SLICE_MIN_CHARS = 256;

/** A frame's parse: its prefix and JSON container, or null when the frame is not JSON. */
export type ParsedFrame = { prefix: string; json: unknown } | null;

const kept = new WeakMap<WsMessageEvent | WsSendEvent, ParsedFrame>();

/** The kept parse of frame event `e`, or undefined when none is kept. */
export function keptParse(e: WsMessageEvent | WsSendEvent): ParsedFrame | undefined {
  return kept.get(e);
}

/**
 * Keeps the parse of frame event `e` (`json` undefined: not JSON) when it is small to hold
 * (see module comment); `text` is the text it was parsed from (the frame's data).
 */
export function keepParse(e: WsMessageEvent | WsSendEvent, text: string, prefix: string, json: unknown): void {
  if (json === undefined) {
    kept.set(e, null);
    return;
  }
  const budget = { nodes: KEEP_MAX_NODES };
  const held = holdable(json, text, budget);
  if (held !== undefined) kept.set(e, { prefix, json: held });
}

/**
 * A copy of parsed JSON `v` with long strings as slices of `text` (equal values), or undefined
 * when it holds more values than the budget, or has a `__proto__` key (which a plain
 * assignment could not copy).
 */
function holdable(v: unknown, text: string, budget: { nodes: number }): unknown {
  if (--budget.nodes < 0) return undefined;
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'string' && v.length >= SLICE_MIN_CHARS) return heldSlice(text, v); // undefined for an escaped string: its copy is not kept
    return v;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = holdable(v[i], text, budget);
      if (x === undefined) return undefined;
      out.push(x);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    if (k === '__proto__') return undefined;
    const x = holdable((v as Record<string, unknown>)[k], text, budget);
    if (x === undefined) return undefined;
    out[k] = x;
  }
  return out;
}

/** Quoted strings tried by {@link heldSlice} before it gives up. */
const MAX_TRIES = 8;

/**
 * `v` (≥ {@link SLICE_MIN_CHARS} characters) as a slice of JSON `text`, where it stands as a
 * whole string without escapes (between quotes), or undefined. Looks for the quote and its
 * first characters, then compares the slice with `===` (a memory compare): searching for all
 * of a long value (`indexOf`), or comparing with `startsWith`, costs about 100 µs for a 64 KiB
 * string in V8, more than parsing the frame.
 */
function heldSlice(text: string, v: string): string | undefined {
  const head = '"' + v.slice(0, 32);
  const end = v.length + 1;
  for (let at = text.indexOf(head), tries = 0; at >= 0 && tries < MAX_TRIES; at = text.indexOf(head, at + 1), tries++) {
    if (text.charCodeAt(at + end) !== 34) continue;
    const s = text.slice(at + 1, at + end);
    if (s === v) return s;
  }
  return undefined;
}
