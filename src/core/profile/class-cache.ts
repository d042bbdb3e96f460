/**
 * Frame classes kept per profile and per frame event, so the panel classifies a frame once:
 * its row index classifies it as it arrives, and every later analysis run under the same
 * profile finds the class instead of parsing the frame's JSON again
 * (docs/design.md#panel-and-viewer). A fill replaces a frame's short preview with a new event
 * object (core/store/capture-state.ts `replaceFrame`), so a class computed from the short
 * preview is never found for the full one; a new profile object starts an empty cache.
 * Entries go when their event or profile is collected (weak maps).
 */
import type { WsMessageEvent, WsSendEvent } from '../events';
import { createClassifier, type Classifier } from './classify';
import type { FrameView } from './frame-view';
import type { FrameClass, Profile } from './types';
import { keepParse, keptParse } from './learn/parsed-frames';

/**
 * Frames with less data than this (characters of `data`) are classified again each time:
 * their parse costs about as little as the cache entry, and a capture of small frames would
 * double its memory for little gain.
 */
export const CLASS_CACHE_MIN_CHARS = 512;

/**
 * Frames with at least this much data hand the JSON their classification parsed to profile
 * learning (learn/parsed-frames.ts), which then need not parse them again: what it keeps is
 * then smaller than the frame's text (long strings are slices of it).
 */
export const SHARE_PARSE_MIN_CHARS = 16384;

const caches = new WeakMap<Profile, WeakMap<WsSendEvent | WsMessageEvent, FrameClass>>();

/**
 * True when a frame's class under `profile` depends on the frame alone: no `position.after`
 * (positions read only after a frame seen earlier on the connection) and no `framing: mqtt`
 * (packets reassembled across frames). Only such classes can be kept per frame.
 */
export function classOfFrameAlone(profile: Profile): boolean {
  return profile.position?.after === undefined && profile.framing !== 'mqtt';
}

/**
 * A classifier for `profile` like `createClassifier` (same classes; throws the same errors for
 * an invalid profile) that keeps each frame's class in the cache shared by every classifier of
 * the same profile object (see module comment). The classes returned are shared: callers must
 * not change them. A profile whose classes depend on earlier frames ({@link classOfFrameAlone}
 * false) gets a plain classifier.
 */
export function createSharedClassifier(profile: Profile): Classifier {
  const classify = createClassifier(profile, shareParse);
  if (!classOfFrameAlone(profile)) return classify;
  let cache = caches.get(profile);
  if (!cache) caches.set(profile, (cache = new WeakMap()));
  const kept = cache;
  return (ev) => {
    if (ev.data.length < CLASS_CACHE_MIN_CHARS) return classify(ev);
    let c = kept.get(ev);
    if (c === undefined) {
      c = classify(ev);
      kept.set(ev, c);
    }
    return c;
  };
}

/**
 * Hands a large text frame's JSON, parsed by its classification, to profile learning, when
 * learning would parse exactly the same text: the frame starts with `{` or `[` and ends with
 * `}` or `]` (no prefix, no blanks around it; learn/frames.ts `parseFrame` then parses the
 * whole text, as the view did).
 */
function shareParse(ev: WsSendEvent | WsMessageEvent, view: FrameView): void {
  const t = view.text;
  if (view.binary || t.length < SHARE_PARSE_MIN_CHARS || !view.hasJson('') || keptParse(ev) !== undefined) return;
  const a = t.charCodeAt(0);
  const b = t.charCodeAt(t.length - 1);
  if ((a !== 0x7b && a !== 0x5b) || (b !== 0x7d && b !== 0x5d)) return;
  keepParse(ev, t, '', view.json(''));
}
