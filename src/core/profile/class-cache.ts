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
import type { FrameClass, Profile } from './types';

/**
 * Frames with less data than this (characters of `data`) are classified again each time:
 * their parse costs about as little as the cache entry, and a capture of small frames would
 * double its memory for little gain.
 */
export const CLASS_CACHE_MIN_CHARS = 512;

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
  const classify = createClassifier(profile);
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
