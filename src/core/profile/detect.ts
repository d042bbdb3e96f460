/**
 * Profile auto-detection (docs/design.md#where-a-profile-comes-from: "auto-detected where possible (URL, negotiated
 * subprotocol, first frames)").
 *
 * Precedence, first hit wins, profiles tried in list order within a level:
 * 0. layered — a profile with a `framing` whose URL condition (`urlPath` / `urlRegex`) holds
 *    and whose `match.firstFrame` matches a record of one of `firstFrames` once unwrapped:
 *    STOMP inside SockJS beats SockJS's URL (docs/design.md#built-in-presets);
 * 1. subprotocol — the negotiated one (`protocol`, from `ws-open`) when non-empty, else the
 *    requested ones (`protocols`, from `ws-create`) in order: browsers fail a handshake whose
 *    response selects none of the requested subprotocols, so requested ones only matter
 *    before `open` or for connections that never opened;
 * 2. URL — `match.urlPath` equals the URL path, or `match.urlRegex` finds a match in the URL
 *    (not for layered profiles with a `firstFrame`: their URL alone is the outer protocol's);
 * 3. first frames — `match.firstFrame` matches one of `firstFrames` (in order; with the
 *    profile's `recordSeparator`, any record of the frame; with a `framing`, any unwrapped record);
 * 4. the default (`scaiwave`), reason "default profile (nothing matched)".
 */
import { compileLinearRegex, type LinearRegex } from './linear-regex';
import { FrameView, prepareFrame, splitRecords, type FrameLike } from './frame-view';
import { createMqttReassembler, fromBase64, sockjsRecords, toBase64 } from './framing';
import { compileMatcher, type CompiledMatcher } from './match';
import { BUILTIN_PROFILES } from './presets/index';
import { SCAIWAVE_PROFILE } from './scaiwave';
import type { Profile } from './types';

/** What is known about a connection when choosing its profile. */
export interface DetectInput {
  /** The URL given to `new WebSocket()` (`ws-create.url`). */
  url: string;
  /** Requested subprotocols (`ws-create.protocols`). */
  protocols?: string[];
  /** Negotiated subprotocol (`ws-open.protocol`; "" when none). */
  protocol?: string;
  /** The connection's first frames, in order (a handful is enough). */
  firstFrames?: FrameLike[];
}

/** The chosen profile and a human sentence saying why (shown in the UI). */
export interface Detection {
  profile: Profile;
  reason: string;
}

const regexCache = new Map<string, LinearRegex | null>();
function urlRegex(source: string): LinearRegex | null {
  let re = regexCache.get(source);
  if (re === undefined) {
    try {
      re = compileLinearRegex(source);
    } catch {
      re = null; // an invalid pattern in an unvalidated profile simply never matches
    }
    if (regexCache.size > 256) regexCache.clear();
    regexCache.set(source, re);
  }
  return re;
}

const firstFrameCache = new WeakMap<Profile, CompiledMatcher | null>();
function firstFrameMatcher(p: Profile): CompiledMatcher | null {
  let m = firstFrameCache.get(p);
  if (m === undefined) {
    try {
      m = p.match?.firstFrame ? compileMatcher(p.match.firstFrame) : null;
    } catch {
      m = null;
    }
    firstFrameCache.set(p, m);
  }
  return m;
}

function subprotocolsOf(p: Profile): string[] {
  const m = p.match;
  if (!m) return [];
  const out = m.subprotocols ? [...m.subprotocols] : [];
  if (m.subprotocol !== undefined) out.unshift(m.subprotocol);
  return out;
}

function splitUrl(url: string): { path: string; shown: string } {
  try {
    const u = new URL(url);
    return { path: u.pathname, shown: u.pathname + u.search };
  } catch {
    const noScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
    const path = noScheme.split(/[?#]/)[0] || '/';
    return { path, shown: noScheme || url };
  }
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}

/** A short printable preview of a frame for reasons: text clipped, binary as hex bytes. */
export function previewFrame(f: FrameLike, max = 12): string {
  if (f.encoding === 'base64') {
    const hex = prepareFrame(f).hex(6);
    return 'binary ' + (hex.match(/../g) ?? []).join(' ') + (f.data.length > 8 ? '…' : '');
  }
  // Control characters (e.g. SignalR's \u001e, STOMP's bare \n) are shown escaped.
  return clip(f.data, max).replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'),
  );
}

/** True when the profile's URL condition (`match.urlPath` or `match.urlRegex`) holds. */
function urlHit(p: Profile, path: string, url: string): boolean {
  const m = p.match;
  if (m?.urlPath !== undefined && m.urlPath === path) return true;
  return m?.urlRegex !== undefined && urlRegex(m.urlRegex)?.test(url) === true;
}

/** Index of the first frame one of whose unwrapped records (`p.framing`) matches `m`, or −1. */
function unwrappedHit(p: Profile, frames: FrameLike[], m: CompiledMatcher): number {
  const mqtt = p.framing === 'mqtt' ? createMqttReassembler() : undefined;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    const view = prepareFrame(f);
    let views: FrameView[];
    if (mqtt) {
      if (!view.binary) continue;
      const bytes = fromBase64(f.data);
      views = mqtt(f.dir, bytes, bytes.length).map((k) => new FrameView(f.dir, true, toBase64(k.head), k.truncated));
    } else {
      views = sockjsRecords(view).flatMap((r) => (r.transport ? [] : splitRecords(r.view, p.recordSeparator)));
    }
    if (views.some((v) => m.test(v))) return i;
  }
  return -1;
}

/**
 * Picks the profile for a connection (precedence in the module comment). Never throws.
 *
 * @param input URL, subprotocols and first frames of one connection
 * @param profiles candidates, tried in order (default {@link BUILTIN_PROFILES})
 * @returns the profile and a reason such as `URL path /v1/stream matches scaiwave`,
 *   `subprotocol "graphql-transport-ws" negotiated`, or
 *   `first frame 0{"sid":"lv_… looks like Engine.IO v4 open (socketio-v4)`
 */
export function detectProfile(input: DetectInput, profiles: Profile[] = BUILTIN_PROFILES): Detection {
  const { path, shown } = splitUrl(input.url ?? '');
  const frames = input.firstFrames ?? [];

  // 0. Layered: framing + first frame (+ URL).
  for (const p of profiles) {
    if (!p.framing) continue;
    const m = firstFrameMatcher(p);
    if (!m) continue;
    if (!urlHit(p, path, input.url ?? '')) continue;
    const i = unwrappedHit(p, frames, m);
    if (i < 0) continue;
    const f = frames[i]!;
    const what = p.match?.firstFrameName ? `looks like ${p.match.firstFrameName} (${p.name})` : `matches ${p.name}`;
    return { profile: p, reason: `URL ${clip(shown, 60)} matches and ${i === 0 ? 'first frame' : `frame ${i + 1}`} ${f.dir === 'in' ? 'received' : 'sent'} ${previewFrame(f, 16)} ${what}` };
  }

  // 1. Subprotocol.
  const negotiated = input.protocol ? [input.protocol] : [];
  const offered = negotiated.length ? negotiated : (input.protocols ?? []);
  const how = negotiated.length ? 'negotiated' : 'requested';
  for (const sp of offered) {
    for (const p of profiles) {
      if (subprotocolsOf(p).includes(sp)) {
        return { profile: p, reason: `subprotocol "${sp}" ${how}${p.name === sp ? '' : ` selects ${p.name}`}` };
      }
    }
  }

  // 2. URL.
  for (const p of profiles) {
    const m = p.match;
    if (!m || (p.framing && m.firstFrame)) continue;
    if (m.urlPath !== undefined && m.urlPath === path) {
      return { profile: p, reason: `URL path ${path} matches ${p.name}` };
    }
    if (m.urlRegex !== undefined) {
      const hit = urlRegex(m.urlRegex)?.find(input.url ?? '');
      if (hit !== undefined) {
        const found = hit.replace(/^[?&]|&$/g, '');
        return { profile: p, reason: `URL ${clip(shown, 60)} matches ${p.name} (contains "${clip(found, 40)}")` };
      }
    }
  }

  // 3. First frames.
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!;
    const view = prepareFrame(f);
    for (const p of profiles) {
      const m = firstFrameMatcher(p);
      if (!m) continue;
      const hit = splitRecords(view, p.recordSeparator).some((r) => m.test(r)) || (p.framing !== undefined && unwrappedHit(p, [f], m) === 0);
      if (hit) {
        const which = i === 0 ? 'first frame' : `frame ${i + 1}`;
        const dir = f.dir === 'in' ? 'received' : 'sent';
        const what = p.match?.firstFrameName ? `looks like ${p.match.firstFrameName} (${p.name})` : `matches ${p.name}`;
        return { profile: p, reason: `${which} ${dir} ${previewFrame(f)} ${what}` };
      }
    }
  }

  // 4. Default.
  const fallback = profiles.find((p) => p.name === 'scaiwave') ?? profiles[0] ?? SCAIWAVE_PROFILE;
  return { profile: fallback, reason: NOTHING_MATCHED };
}

/** The reason {@link detectProfile} gives when no profile's `match` fitted the connection. */
export const NOTHING_MATCHED = 'default profile (nothing matched)';

/**
 * True when `profile`'s `match` (docs/design.md#profile-fields) selects the connection, by the
 * same rules and precedence as {@link detectProfile}: subprotocol, URL, first frames, or for a
 * layered profile its URL and an unwrapped first frame. False for a profile without `match`.
 */
export function profileFits(profile: Profile, input: DetectInput): boolean {
  return profile.match !== undefined && detectProfile(input, [profile]).reason !== NOTHING_MATCHED;
}
