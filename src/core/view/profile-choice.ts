/**
 * Which profile the panel uses (docs/design.md#where-a-profile-comes-from: selectable per site, auto-detected where
 * possible): `auto` detects it from the first connection of the capture (URL, subprotocol,
 * first frames; `detectProfile`), a built-in name picks that preset, an inline profile (from
 * a loaded trace) is used as is. The result carries a sentence saying why, for the header.
 */
import type { TraceEvent } from '../events';
import type { CaptureState } from '../store/capture-state';
import { detectProfile } from '../profile/detect';
import { BUILTIN_PROFILES, getBuiltinProfile } from '../profile/presets/index';
import { SCAIWAVE_PROFILE } from '../profile/scaiwave';
import type { Profile } from '../profile/types';
import { learnedSummary } from '../profile/learn/describe';
import { learnProfile, type LearnedPart } from '../profile/learn/learn-profile';
import { firstFramesOf } from './row-index';

/**
 * Where an inline profile came from: the loaded trace (the default), kept for this site,
 * the profile editor, or an imported `.profile.json` (`file` names it).
 */
export type InlineFrom = 'trace' | 'kept' | 'edited' | 'imported';

/**
 * The user's (or the trace's) choice. A named choice without `from` is one the user picked in
 * the menu (remembered for the site); `from: 'trace'` is the loaded trace's preset name.
 */
export type ProfileChoice =
  | { kind: 'auto' }
  | { kind: 'named'; name: string; from?: 'trace' }
  | { kind: 'inline'; profile: Profile; from?: InlineFrom; file?: string };

/** The profile in use and why it was chosen. */
export interface ResolvedProfile {
  profile: Profile;
  /** E.g. "auto: URL path /v1/stream matches scaiwave", "chosen for http://localhost:3000". */
  reason: string;
  /** Key of the choice for a `<select>`: "auto", a built-in name, or "inline:<name>". */
  key: string;
  /**
   * Auto without a matching preset: the profile was learned from the capture
   * (docs/design.md#where-a-profile-comes-from) — its parts, how much capture it saw (events,
   * connections, connections that have shown enough to learn from, `shown`), and the capture's `version` (capture-state.ts: bumped by every event added
   * and every frame a fill completed) it was learned at: the same version is the same input,
   * so learning again would learn the same.
   */
  learned?: { parts: LearnedPart[]; events: number; conns: number; shown: number; version: number };
  /**
   * Auto with no connection in the capture yet: the default profile stands in, nothing was
   * detected (the toolbar says "default", not "detected").
   */
  defaulted?: true;
}

/** Auto-detection. */
export const AUTO_CHOICE: ProfileChoice = { kind: 'auto' };

/**
 * Reads a trace header's `profile` (docs/design.md#trace-header: a name, "auto", or an inline object) or a
 * stored per-site choice. Unknown names fall back to auto.
 */
export function toProfileChoice(v: unknown, from?: 'trace'): ProfileChoice {
  if (v && typeof v === 'object' && typeof (v as Profile).name === 'string') return { kind: 'inline', profile: v as Profile };
  if (typeof v === 'string' && v !== 'auto' && getBuiltinProfile(v)) return from ? { kind: 'named', name: v, from } : { kind: 'named', name: v };
  return AUTO_CHOICE;
}

/**
 * The key of a choice: "auto", a built-in name, or "inline:<name>" (a trace's inline profile),
 * "inline:<from>:<name>" for kept, edited and imported ones. Every inline key starts "inline:".
 */
export function choiceKey(c: ProfileChoice): string {
  if (c.kind === 'auto') return 'auto';
  if (c.kind === 'named') return c.name;
  return c.from && c.from !== 'trace' ? `inline:${c.from}:${c.profile.name}` : `inline:${c.profile.name}`;
}

/** Why an inline profile is in use, for the header (`origin` names the site of a kept one). */
function inlineReason(c: Extract<ProfileChoice, { kind: 'inline' }>, origin?: string): string {
  switch (c.from) {
    case 'kept':
      return origin ? `kept for this site (${origin})` : 'kept for this site';
    case 'edited':
      return 'edited by you';
    case 'imported':
      return c.file ? `imported from ${c.file}` : 'imported by you';
    default:
      return 'from the loaded trace';
  }
}

/**
 * Resolves a choice against the capture. `auto` looks at the first connection (in creation
 * order) and its first five frames; without any connection yet it uses the default profile.
 * @param origin shown in the reason of a per-site choice ("chosen for <origin>")
 */
export function resolveProfile(choice: ProfileChoice, state: CaptureState, origin?: string): ResolvedProfile {
  if (choice.kind === 'inline') return { profile: choice.profile, reason: inlineReason(choice, origin), key: choiceKey(choice) };
  if (choice.kind === 'named') {
    const p = getBuiltinProfile(choice.name) ?? SCAIWAVE_PROFILE;
    const reason = choice.from === 'trace' ? 'named by the loaded trace' : origin ? `chosen for ${origin}` : 'chosen by you';
    return { profile: p, reason, key: choice.name };
  }
  const first = state.connOrder.map((id) => state.connections.get(id)).find((c) => c !== undefined);
  if (!first) return { profile: SCAIWAVE_PROFILE, reason: 'auto: default profile, nothing detected yet (no connection)', key: 'auto', defaulted: true };
  const d = detectProfile(
    { url: first.url, protocols: first.protocols, protocol: first.protocol, firstFrames: firstFramesOf(state.events, first.frames) },
    BUILTIN_PROFILES,
  );
  if (d.reason.startsWith('default profile')) {
    const r = learnProfile(state.events);
    return {
      profile: r.profile,
      reason: `learned from the capture (no preset matched): ${learnedSummary(r.profile)}`,
      key: 'auto',
      learned: { parts: r.parts, events: state.events.length, conns: state.connOrder.length, shown: shownConnections(state), version: state.version },
    };
  }
  return { profile: d.profile, reason: `auto: ${d.reason}`, key: 'auto' };
}

/**
 * A learned profile is learned again as the capture grows: once each new connection showed its
 * start (five frames, or closed: a resume's catch-up and carry-over, a reloaded page's welcome
 * and its positions starting again all come after the connection was created, so learning at
 * its creation saw none of them), and whenever the events doubled.
 */
export function relearnDue(p: ResolvedProfile, state: CaptureState): boolean {
  const l = p.learned;
  return l !== undefined && (shownConnections(state) !== l.shown || state.events.length >= 2 * Math.max(l.events, 50));
}

/** Frames a connection shows before learning looks at it again: its start (hello, first positions). */
const START_SHOWN_FRAMES = 5;

/** Count of {@link shownConnections} per capture, at the capture's `version` it was counted at. */
const shownAt = new WeakMap<CaptureState, { version: number; n: number }>();

/**
 * Connections that showed their start: at least {@link START_SHOWN_FRAMES} frames, or closed.
 * Counted once per capture `version` (the panel asks at every background slice, and a loaded
 * trace may hold 30,000 connections).
 */
function shownConnections(state: CaptureState): number {
  const known = shownAt.get(state);
  if (known && known.version === state.version) return known.n;
  let n = 0;
  for (const c of state.connections.values()) if (c.frames.length >= START_SHOWN_FRAMES || c.status === 'closed') n++;
  shownAt.set(state, { version: state.version, n });
  return n;
}

/** Same profile in effect: the same object, or two learned profiles with equal JSON (no re-analysis needed). */
export function sameProfile(a: ResolvedProfile, b: ResolvedProfile): boolean {
  if (a.profile === b.profile) return a.reason === b.reason;
  return a.learned !== undefined && b.learned !== undefined && a.reason === b.reason && JSON.stringify(a.profile) === JSON.stringify(b.profile);
}

/**
 * The site a capture belongs to, for remembering the profile per site: the origin of the first
 * `page-navigation` URL, else of the first socket's document (`frameUrl`); "" when unknown.
 */
export function siteOrigin(events: readonly TraceEvent[], fallbackUrl = ''): string {
  const n = Math.min(events.length, 5000);
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    if (e.type === 'page-navigation') return originOf(e.url);
    if (e.type === 'ws-create' && e.frameUrl) return originOf(e.frameUrl);
  }
  return originOf(fallbackUrl);
}

/** `scheme://host[:port]` of a URL, or "" when it has none. */
export function originOf(url: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)/.exec(url);
  return m ? (m[1] as string).toLowerCase() : '';
}
